import type { SectionNo } from '../model/format';
import { FORMAT_IDS } from '../model/format';
import { FORMATS } from '../model/formats';

/** Rule ids of spec §2: identities H1–H7 (errors) and soft checks S1–S9 (warnings). */
export const RULE_CODES = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'] as const;
export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = 'error' | 'warning';

/** A cell a violation involves, with its official labels. */
export interface CellRef {
  /** Data cell id (`apply.N.p`) or a report field path (`other.feeNotices`, `publicationDate`). */
  readonly id: string;
  readonly section: SectionNo | '';
  readonly table: string;
  readonly row: string;
  readonly rowLabel: string;
  readonly column: string;
  readonly columnLabel: string;
}

export interface Violation {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** Stable key of this finding, e.g. `H3:apply.R7.p`; explanation notes are saved under it. */
  readonly key: string;
  readonly section: SectionNo | '';
  /** The cells involved; the first is the one the value is expected in. */
  readonly cells: readonly CellRef[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  /** Chinese sentence using the official labels. */
  readonly message: string;
}

const SECTION_ORDER: readonly (SectionNo | '')[] = ['', '一', '二', '三', '四', '五', '六'];

/**
 * Reading order of table ids, and of each table's row and column ids, per format (2021 first).
 * A pair of ids is ordered by the first list holding both: a report's ids all come from its own
 * format, and where both formats hold a pair they order it alike (test/rules/violation.test.ts).
 */
const TABLE_ORDERS = FORMAT_IDS.map((f) => FORMATS[f].tables.map((t) => t.id));
const ROW_ORDERS = FORMAT_IDS.flatMap((f) => FORMATS[f].tables.map((t) => t.rows.map((r) => `${t.id}.${r.id}`)));
const COLUMN_ORDERS = FORMAT_IDS.flatMap((f) => FORMATS[f].tables.map((t) => t.columns.map((c) => `${t.id}.${c.id}`)));

function compareIn(orders: readonly (readonly string[])[], a: string, b: string): number {
  if (a === b) return 0;
  const order = orders.find((o) => o.includes(a) && o.includes(b));
  return order ? order.indexOf(a) - order.indexOf(b) : 0;
}

/** Where a finding points in its section's tables; findings about a whole section or a text field have none. */
function placeOf(v: Violation): CellRef | undefined {
  const [cell] = v.cells;
  return cell && cell.table !== '' ? cell : undefined;
}

function comparePlaces(a: CellRef | undefined, b: CellRef | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  if (a.table !== b.table) return compareIn(TABLE_ORDERS, a.table, b.table);
  // A finding about a table's header (no row) or a whole row (no column) comes before its cells.
  if (a.row !== b.row) return !a.row || !b.row ? (a.row ? 1 : -1) : compareIn(ROW_ORDERS, `${a.table}.${a.row}`, `${a.table}.${b.row}`);
  if (a.column !== b.column)
    return !a.column || !b.column ? (a.column ? 1 : -1) : compareIn(COLUMN_ORDERS, `${a.table}.${a.column}`, `${a.table}.${b.column}`);
  return 0;
}

/**
 * The order findings are listed in, everywhere (checker, CLI, wizard): by section (basic facts, then
 * 一…六), errors before warnings, then by table, row and column in the format's reading order, then
 * findings about texts, figures outside the tables or a whole section. Ties keep their order (the sort is stable).
 */
export function compareViolations(a: Violation, b: Violation): number {
  return (
    SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    comparePlaces(placeOf(a), placeOf(b))
  );
}
