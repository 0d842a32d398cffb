import type { CellKind, ColumnDef, FormatDefinition, FormatId, RowDef, TableDef } from './format';
import { FORMAT_IDS, cellId } from './format';
import { FORMAT_2019 } from './format-2019';
import { FORMAT_2021 } from './format-2021';
import type { CellValue } from './report';

/** Each definition's uniform copy, so that a table or column both formats share stays one object. */
const uniformCopies = new Map<object, object>();

function uniform<T extends object>(def: T, copy: (def: T) => T): T {
  let made = uniformCopies.get(def) as T | undefined;
  if (!made) uniformCopies.set(def, (made = copy(def)));
  return made;
}

type Complete<T> = { readonly [K in keyof Required<T>]: T[K] };

const uniformColumn = (c: ColumnDef): ColumnDef =>
  uniform(c, (): Complete<ColumnDef> => ({
    id: c.id,
    label: c.label,
    kind: c.kind,
    unit: c.unit,
    decimals: c.decimals,
    cellSuffix: c.cellSuffix,
    span: c.span,
    computed: c.computed,
    group: c.group,
    outerGroup: c.outerGroup,
  }));

const uniformRow = (r: RowDef): RowDef =>
  uniform(r, (): Complete<RowDef> => ({ id: r.id, label: r.label, short: r.short, groups: r.groups, computed: r.computed }));

const uniformTable = (t: TableDef): TableDef =>
  uniform(t, (): Complete<TableDef> => ({
    id: t.id,
    section: t.section,
    caption: t.caption,
    family: t.family,
    rows: t.rows.map(uniformRow),
    columns: t.columns.map(uniformColumn),
    padding: t.padding,
  }));

/**
 * The formats, each table, row and column with every property of its kind, in one order (undefined
 * where the definition leaves it out). The importer and the checker read them for every report:
 * objects of one shape keep the engine's optimised code valid, where each shape met late would have
 * it thrown away and compiled again.
 */
export const FORMATS: Readonly<Record<FormatId, FormatDefinition>> = {
  '2021': { ...FORMAT_2021, tables: FORMAT_2021.tables.map(uniformTable) },
  '2019': { ...FORMAT_2019, tables: FORMAT_2019.tables.map(uniformTable) },
};

/** The format a report year must use, from each definition's `years`: 2019 format for 2019–2020, 2021 format from 2021 on. */
export function formatForYear(year: number): FormatId {
  const found = FORMAT_IDS.find((id) => year >= FORMATS[id].years[0] && year <= FORMATS[id].years[1]);
  if (found) return found;
  // Before the first format: the earliest one (the report schema refuses such years anyway).
  return FORMAT_IDS.reduce((a, b) => (FORMATS[a].years[0] <= FORMATS[b].years[0] ? a : b));
}

/** The first report year any format covers (2019). */
export const FIRST_REPORT_YEAR = Math.min(...FORMAT_IDS.map((id) => FORMATS[id].years[0]));

export interface CellDef {
  readonly id: string;
  readonly table: TableDef;
  readonly row: RowDef;
  readonly column: ColumnDef;
  readonly kind: CellKind;
  /** Computed totals: 三 总计 column and （七）总计 row, 四 group 总计. */
  readonly computed: boolean;
}

const cellCache = new Map<FormatId, readonly CellDef[]>();

/** Every data cell of a format, in reading order (table by table, row by row). */
export function cellsOf(format: FormatId): readonly CellDef[] {
  let cells = cellCache.get(format);
  if (!cells) {
    cells = FORMATS[format].tables.flatMap((table) =>
      table.rows.flatMap((row) =>
        table.columns.map((column) => ({
          id: cellId(table.id, row.id, column.id),
          table,
          row,
          column,
          kind: column.kind,
          computed: Boolean(column.computed || row.computed),
        })),
      ),
    );
    cellCache.set(format, cells);
  }
  return cells;
}

const blankCache = new Map<FormatId, Readonly<Record<string, null>>>();

/**
 * A new cells record with every cell of the format blank (null), in the format's order. Filling it
 * sets keys it already has: an object that gains some 200 keys one by one instead falls back to a
 * slow hash table, and the importer writes every cell of a report into one.
 */
export function blankCells(format: FormatId): Record<string, CellValue> {
  let blank = blankCache.get(format);
  if (!blank) {
    blank = Object.fromEntries(cellsOf(format).map((c) => [c.id, null]));
    blankCache.set(format, blank);
  }
  return { ...blank };
}

const indexCache = new Map<FormatId, ReadonlyMap<string, CellDef>>();

export function cellDef(format: FormatId, id: string): CellDef | undefined {
  let index = indexCache.get(format);
  if (!index) {
    index = new Map(cellsOf(format).map((c) => [c.id, c]));
    indexCache.set(format, index);
  }
  return index.get(id);
}

export function tableOf(format: FormatId, tableId: string): TableDef | undefined {
  return FORMATS[format].tables.find((t) => t.id === tableId);
}
