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

/**
 * The computed value of every total cell (三 总计 column and （七）总计 row, 四 group 总计),
 * from the entered cells only: totals never feed on stored totals.
 */
export function computeTotals(report: Report): Record<string, number | null> {
  const computed: Record<string, number | null> = {};
  const value = (id: string) => (id in computed ? (computed[id] ?? null) : countValue(report, id));
  for (const identity of identitiesOf(report.format)) {
    if (identity.code === 'H1') continue; // 结转下年度 is entered by the clerk, not computed.
    computed[identity.total] = sumCells(identity.plus.map(value));
  }
  return computed;
}
