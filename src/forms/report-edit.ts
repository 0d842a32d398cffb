import { cellDef } from '../model/formats';
import type { CellValue, Report } from '../model/report';
import { cellValue } from '../model/report';
import { cellRef } from '../rules/check';
import { identitiesOf, sectionHeading } from '../rules/identities';
import { computeTotals } from '../rules/totals';
import type { Violation } from '../rules/violation';

/**
 * Edits of a report as pure functions. Totals are kept computed, but a stored total that
 * already differed from its computed value (an imported or hand-edited file) is never
 * overwritten: it stays, flagged by `totalDifferences`, until the clerk accepts the computed value.
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

/** The identity that computes a total cell (the last one wins, as in computeTotals). */
function identityOf(report: Report, id: string) {
  return identitiesOf(report.format)
    .filter((i) => i.code !== 'H1' && i.total === id)
    .at(-1);
}

/** Every stored total that differs from its computed value, as an error at its cell. */
export function totalDifferences(report: Report): Violation[] {
  const computed = computeTotals(report);
  const found: Violation[] = [];
  for (const [id, expected] of Object.entries(computed)) {
    const actual = cellValue(report, id);
    if (expected === null || same(actual, expected)) continue;
    const identity = identityOf(report, id);
    if (!identity) continue;
    const stored = actual === null ? '空' : String(actual);
    found.push({
      code: identity.code,
      severity: 'error',
      key: `${identity.code}:${id}`,
      section: identity.section,
      cells: [cellRef(report.format, id)],
      expected,
      actual: typeof actual === 'number' ? actual : null,
      message:
        `${sectionHeading(report.format, identity.section)} · ${identity.scope}：${identity.totalName}为 ${stored}，` +
        `与计算值 ${expected}（${identity.partsName}）不一致`,
    });
  }
  return found;
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
