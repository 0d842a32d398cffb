import { describe, expect, it } from 'vitest';
import { normaliseCellInput } from '../../src/forms/cell-input';
import { ReportStore } from '../../src/forms/report-store';
import { cellsOf } from '../../src/model/formats';
import { cellValue } from '../../src/model/report';
import { parseReportFile, serializeReport } from '../../src/model/report-file';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { checkReport } from '../../src/rules/check';
import { consistentReport, withCells } from '../support/build-report';

/**
 * Numbers beyond 2^53 (and sums that would pass it): refused with a message where they are
 * typed or read, and never turned into a draft that cannot be reopened or a wrong check.
 */

const count = { kind: 'count' } as const;
const fixture = JSON.parse(serializeReport(consistentReport('2021'))) as Record<string, unknown>;
const withCell = (id: string, raw: string) =>
  `{${JSON.stringify(fixture).slice(1, -1).replace(`"${id}":0`, `"${id}":${raw}`)}}`;

/** The largest all-nines count the wizard accepts. */
function largestAccepted(): number {
  let largest = 0;
  for (let digits = 1; digits <= 20; digits++) {
    const result = normaliseCellInput('9'.repeat(digits), count);
    if (!result.ok) break;
    largest = result.value as number;
  }
  return largest;
}

describe('numbers beyond 2^53', () => {
  it('a report file with a count beyond 2^53 is refused, naming the cell', () => {
    for (const raw of ['9007199254740993', '123456789012345678901234567890', '1e300']) {
      const result = parseReportFile(withCell('apply.N.p', raw));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems).toEqual([
        {
          path: 'cells["apply.N.p"]',
          message: '数值过大（三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行“自然人”列）',
        },
      ]);
    }
  });

  it('the wizard refuses such a number where it is typed, full-width digits and separators included', () => {
    for (const raw of ['9007199254740993', '９００７１９９２５４７４０９９３', '9,007,199,254,740,993'])
      expect(normaliseCellInput(raw, count)).toEqual({ ok: false, message: '数值过大：件数最多 12 位（999999999999）' });
    expect(largestAccepted()).toBeGreaterThanOrEqual(999_999_999);
  });

  it('the largest counts the wizard accepts, in every cell, still give exact totals and a draft that reopens', () => {
    const big = largestAccepted();
    const store = new ReportStore(consistentReport('2021'));
    const entered = cellsOf('2021').filter((c) => c.table.family === 'applications' && !c.computed && c.row.id !== 'F');
    store.enter(entered.map((c) => ({ id: c.id, raw: String(big) })));
    const reopened = parseReportFile(serializeReport(store.report));
    expect(reopened.ok ? [] : reopened.problems).toEqual([]);
    // 总计 of （七）总计: every leaf row of every applicant column, summed exactly.
    const leaves = entered.filter((c) => /^R\d/.test(c.row.id) && c.row.id !== 'R7').length;
    expect(BigInt(cellValue(store.report, 'apply.R7.t') as number)).toBe(BigInt(big) * BigInt(leaves));
  });

  it('identities over counts up to 2^53 − 1 (what a report file may hold) are checked exactly', () => {
    // 一 + 二 − （七）: (2^53 − 1) + 2 − 3 passes 2^53 on the way, where floats drop the last bit.
    const exact = BigInt(Number.MAX_SAFE_INTEGER) + 2n - 3n;
    const cells = { 'apply.N.p': Number.MAX_SAFE_INTEGER, 'apply.C.p': 2, 'apply.R1.p': 3, 'apply.F.p': Number(exact) };
    const base = consistentReport('2021', cells);
    const off = checkReport(withCells(base, { 'apply.F.p': Number(exact - 1n) })).filter((v) => v.key === 'H1:apply.F.p');
    expect(off.map((v) => v.expected)).toEqual([Number(exact)]);
    expect(off[0]?.message).toContain(`第一项加第二项之和 ${BigInt(Number.MAX_SAFE_INTEGER) + 2n} ≠`);
    expect(checkReport(withCells(base, { 'apply.F.p': Number(exact) })).filter((v) => v.code === 'H1')).toEqual([]);
  });

  it('the largest accepted counts print with every digit in text and HTML', () => {
    const big = largestAccepted();
    const report = consistentReport('2021', { 'active5.license.decisions': big });
    const vm = toViewModel(report);
    expect(renderText(vm)).toContain(`行政许可 | ${big}`);
    expect(renderHtml(vm)).toContain(`>${big}<`);
  });
});
