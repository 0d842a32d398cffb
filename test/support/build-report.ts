import type { FormatId } from '../../src/model/format';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { newReport } from '../../src/model/report-file';
import { computeTotals } from '../../src/rules/totals';

/**
 * A complete, consistent report for tests: every cell filled (0 unless given), totals computed,
 * every narrative part present. `cells` overrides entered cells before the totals are computed.
 */
export function consistentReport(format: FormatId, cells: Record<string, number | string> = {}): Report {
  const year = format === '2019' ? 2019 : 2022;
  const base = newReport({ agencyName: '测试市测试局', agencyKind: 'department', year });
  const filled: Record<string, number | string | null> = {};
  for (const c of cellsOf(format)) filled[c.id] = c.kind === 'money' ? '0' : 0;
  Object.assign(filled, cells);
  const report: Report = {
    ...base,
    publicationDate: `${year + 1}-01-20`,
    overview: {
      lead: '本年度工作概述。',
      blocks: base.overview.blocks.map((b) => ({ ...b, text: `${b.topic} 方面的工作。` })),
    },
    problems: { lastYear: '上年问题已整改。', thisYear: '本年问题及改进举措。' },
    other: { feeNotices: 0, feeNoticeAmount: '0', feeCollected: '0', items: '' },
    cells: filled as Report['cells'],
  };
  return { ...report, cells: { ...filled, ...computeTotals(report) } as Report['cells'] };
}

/** Returns a copy of `report` with some cells replaced (totals are not recomputed). */
export function withCells(report: Report, cells: Record<string, number | string | null>): Report {
  return { ...report, cells: { ...report.cells, ...cells } as Report['cells'] };
}
