import { cellDef } from '../model/formats';
import type { CellValue, Report } from '../model/report';
import { cellValue } from '../model/report';
import { computeTotals } from '../rules/totals';

/**
 * Edits of a report as pure functions. Totals are kept computed, but a stored total that
 * already differed from its computed value (an imported or hand-edited file) is never
 * overwritten: it stays, flagged by the checker (H2–H4) once its parts are filled, until the clerk
 * accepts the computed value (`totalsToReconcile` in rules/totals.ts).
 */

const same = (a: CellValue | undefined, b: CellValue | undefined) => (a ?? null) === (b ?? null);

/** Sets entered cells and refreshes every total that was in step with its computed value. */
export function setCells(report: Report, changes: Readonly<Record<string, CellValue>>): Report {
  const before = computeTotals(report);
  const cells: Record<string, CellValue> = {
    ...(report.cells as Record<string, CellValue>),
  };
  for (const [id, value] of Object.entries(changes)) {
    const def = cellDef(report.format, id);
    if (!def || def.computed) continue;
    cells[id] = value;
  }
  const next = { ...report, cells } as Report;
  const after = computeTotals(next);
  for (const [id, value] of Object.entries(after)) {
    if (same(cellValue(report, id), before[id])) cells[id] = value;
  }
  return next;
}

/** Replaces a stored total by its computed value (the clerk's "使用计算值"). */
export function acceptComputed(report: Report, id: string): Report {
  const computed = computeTotals(report);
  if (!(id in computed)) return report;
  return {
    ...report,
    cells: { ...report.cells, [id]: computed[id] ?? null } as Report['cells'],
  };
}

/** The accessible name of a data cell: its row labels, then its column labels. */
export function cellLabel(report: Pick<Report, 'format'>, id: string): string {
  const def = cellDef(report.format, id);
  if (!def) return id;
  const parts: string[] = [];
  if (def.table.family === 'active') parts.push(def.table.caption);
  parts.push(...def.row.groups.slice(1), def.row.label);
  if (def.column.outerGroup) parts.push(def.column.outerGroup);
  if (def.column.group && def.table.family === 'appeals') parts.push(def.column.group);
  parts.push(def.column.label);
  return parts.filter((p) => p.length > 0).join(' · ');
}
