import type { FormatId, TableDef } from '../model/format';
import type { CellDef } from '../model/formats';
import { cellsOf } from '../model/formats';
import type { CellValue, Report } from '../model/report';
import { valuesInKeyOrder } from '../model/report';
import type { Identity } from './identities';
import { identitiesOf } from './identities';

/** An identity with its cells as indices into a format's cell list (cellsOf). */
export interface IdentityCells {
  readonly identity: Identity;
  readonly total: number;
  readonly plus: readonly number[];
  readonly minus: readonly number[];
}

/** A cell of a format with its index in cellsOf. */
export interface CellSlot {
  readonly index: number;
  readonly def: CellDef;
}

export interface TableGrid {
  readonly rows: readonly (readonly CellSlot[])[];
  readonly columns: readonly (readonly CellSlot[])[];
}

/**
 * What the checker reads of a format, by cell index (position in cellsOf): built once per format,
 * so a check looks each cell up by its number instead of by its id string.
 */
export interface CellPlan {
  readonly cells: readonly CellDef[];
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly identities: readonly IdentityCells[];
  /** Per cell: the identities whose total it is, for computed cells only (empty for the others). */
  readonly totalOf: readonly (readonly IdentityCells[])[];
  /** Per family of tables (二, 三, 四): its cells. */
  readonly families: Readonly<Record<TableDef['family'], readonly CellSlot[]>>;
  /** Per table: its cells by row (each in column order) and by column (each in row order). */
  readonly grids: ReadonlyMap<TableDef, TableGrid>;
}

// One plan per format: bounded by FORMAT_IDS.
const plans = new Map<FormatId, CellPlan>();

function cellPlan(format: FormatId): CellPlan {
  let plan = plans.get(format);
  if (!plan) {
    plan = buildPlan(format);
    plans.set(format, plan);
  }
  return plan;
}

function buildPlan(format: FormatId): CellPlan {
  const cells = cellsOf(format);
  const indexOf = new Map(cells.map((c, i) => [c.id, i]));
  const at = (id: string) => {
    const i = indexOf.get(id);
    if (i === undefined) throw new Error(`format ${format} has no cell ${id}`);
    return i;
  };
  const identities = identitiesOf(format).map(
    (identity): IdentityCells => ({ identity, total: at(identity.total), plus: identity.plus.map(at), minus: identity.minus.map(at) }),
  );
  const totalOf = cells.map((c, i) => (c.computed ? identities.filter((rule) => rule.total === i) : []));
  const slots = cells.map((def, index): CellSlot => ({ index, def }));
  const grids = new Map<TableDef, TableGrid>();
  for (const table of new Set(cells.map((c) => c.table))) {
    const own = slots.filter((slot) => slot.def.table === table);
    grids.set(table, {
      rows: table.rows.map((row) => own.filter((slot) => slot.def.row === row)),
      columns: table.columns.map((column) => own.filter((slot) => slot.def.column === column)),
    });
  }
  const family = (name: TableDef['family']) => slots.filter((slot) => slot.def.table.family === name);
  const families = { active: family('active'), applications: family('applications'), appeals: family('appeals') };
  return { cells, ids: cells.map((c) => c.id), indexOf, identities, totalOf, families, grids };
}

/**
 * A report's cell values, read once into a list in the order of its format's cells. The checks
 * read the same cells many times over, and a lookup by key in `report.cells`, an object of some
 * 200 keys, costs far more than one by index in a list. Built for one report and dropped with it.
 */
export class ReportCells {
  readonly plan: CellPlan;
  private readonly values: readonly CellValue[];

  constructor(report: Report) {
    this.plan = cellPlan(report.format);
    const cells = report.cells as Record<string, CellValue | undefined>;
    const { ids } = this.plan;
    const inOrder = valuesInKeyOrder(cells, ids) as (CellValue | undefined)[] | undefined;
    // One kind of array for every report, whatever its values: a list of small integers only (a
    // report with every cell filled) is another kind to the engine than one that holds a blank, and
    // each kind met anew threw away the optimised code of every check that reads the list.
    const values = new Array<CellValue>(ids.length).fill(null);
    for (let i = 0; i < ids.length; i++) values[i] = (inOrder ? inOrder[i] : cells[ids[i] as string]) ?? null;
    this.values = values;
  }

  /** The value of the cell at `index` of the format's cells. */
  valueAt(index: number): CellValue {
    return this.values[index] ?? null;
  }

  /** countValue of the cell at `index`: a number, else null. */
  countAt(index: number): number | null {
    const v = this.values[index];
    return typeof v === 'number' ? v : null;
  }
}
