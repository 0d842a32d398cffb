import type { Report } from '../model/report';
import { cellValue } from '../model/report';
import { identitiesOf } from './identities';

/** Sum of cells with blanks as 0; null when every cell is blank. */
export function sumCells(values: readonly (number | null)[]): number | null {
  return values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;
}

export function countValue(report: Report, id: string): number | null {
  const v = cellValue(report, id);
  return typeof v === 'number' ? v : null;
}

/** A total as its parts give it. */
export interface ComputedTotal {
  /** The sum of the entered cells beneath it, blanks as 0; null when all of them are blank. */
  readonly value: number | null;
  /** Every entered cell beneath it is filled, so the value is the total, not a running sum. */
  readonly complete: boolean;
}

/**
 * Every total cell (三 总计 column and （七）总计 row, 四 group 总计) from the entered cells only:
 * totals never feed on stored totals. Identities come row totals first, then （七）总计, then 四,
 * so a total of totals (（七）总计 of the 总计 column) is computed from already computed cells.
 */
export function evaluateTotals(report: Report): Map<string, ComputedTotal> {
  const computed = new Map<string, ComputedTotal>();
  const part = (id: string): ComputedTotal => {
    const known = computed.get(id);
    if (known) return known;
    const value = countValue(report, id);
    return { value, complete: value !== null };
  };
  for (const identity of identitiesOf(report.format)) {
    if (identity.code === 'H1') continue; // 结转下年度 is entered by the clerk, not computed.
    const parts = identity.plus.map(part);
    computed.set(identity.total, {
      value: sumCells(parts.map((p) => p.value)),
      complete: parts.every((p) => p.complete),
    });
  }
  return computed;
}

/** The computed value of every total cell (running sums: blanks count as 0). */
export function computeTotals(report: Report): Record<string, number | null> {
  return Object.fromEntries([...evaluateTotals(report)].map(([id, t]) => [id, t.value]));
}

/**
 * Stored totals that differ from what their parts give, where every part is filled: the same
 * blank policy as the checker (a total over blank cells cannot be verified, S7 names the blanks).
 * A stored total that is wrong is an H2–H4 error of `checkReport`; one that is blank is an S7
 * warning. Either way the wizard offers the value here as "使用计算值".
 */
export function totalsToReconcile(report: Report): Map<string, number> {
  const found = new Map<string, number>();
  for (const [id, total] of evaluateTotals(report)) {
    if (total.complete && total.value !== null && countValue(report, id) !== total.value) found.set(id, total.value);
  }
  return found;
}
