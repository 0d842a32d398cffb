import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nextYearReport } from '../../src/forms/next-year';
import { cellValue } from '../../src/model/report';
import { parseReportFile } from '../../src/model/report-file';
import { checkReport } from '../../src/rules/check';
import { consistentReport } from '../support/build-report';

const sample = (n: string) => {
  const parsed = parseReportFile(readFileSync(`test/fixtures/sample-${n}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(`sample ${n} does not parse`);
  return parsed.report;
};

describe('nextYearReport', () => {
  it('starts sample 003 (2023) as a 2024 draft of the same agency', () => {
    const next = nextYearReport(sample('003'));
    expect(next).toMatchObject({
      year: 2024,
      format: '2021',
      agency: { name: '沈阳市皇姑区人民政府', kind: 'government' },
    });
    expect(next.publicationDate).toBeNull();
  });

  it('carries 四、结转下年度继续办理 into 二、上年结转 for each column, totals computed', () => {
    const last = consistentReport('2021', {
      'apply.N.p': 5,
      'apply.N.b': 2,
      'apply.R1.p': 3,
      'apply.F.p': 2,
      'apply.F.b': 2,
    });
    const next = nextYearReport(last);
    expect(cellValue(next, 'apply.C.p')).toBe(2);
    expect(cellValue(next, 'apply.C.b')).toBe(2);
    expect(cellValue(next, 'apply.C.r')).toBe(0);
    expect(cellValue(next, 'apply.C.t')).toBe(4);
    expect(next.baseline?.carryOver).toMatchObject({ p: 2, b: 2, t: 4 });
    expect(cellValue(next, 'apply.N.p')).toBeNull();
  });

  it("keeps last year's 现行有效件数 for S2, which then checks this year's stock", () => {
    const last = consistentReport('2021', { 'active1.normative.inForce': 10 });
    const next = nextYearReport(last);
    expect(next.baseline?.inForce).toEqual({ rules: 0, normative: 10 });
    const draft = {
      ...next,
      cells: {
        ...next.cells,
        'active1.normative.issued': 3,
        'active1.normative.repealed': 1,
        'active1.normative.inForce': 15,
      },
    };
    const s2 = checkReport(draft).find((v) => v.key === 'S2:active1.normative');
    expect(s2).toMatchObject({ expected: 12, actual: 15 });
  });

  it("pre-fills 五's first part from last year's problems and measures", () => {
    const last = sample('003');
    expect(nextYearReport(last).problems).toEqual({ lastYear: last.problems.thisYear, thisYear: '' });
  });

  it('moves a 2020 report (2019 format) to the 2021 format, without an in-force baseline', () => {
    const last = { ...consistentReport('2019', { 'apply.F.o': 1 }), year: 2020 };
    const next = nextYearReport(last);
    expect(next.format).toBe('2021');
    expect(cellValue(next, 'apply.C.o')).toBe(1);
    expect(next.baseline?.inForce).toEqual({ rules: null, normative: null });
  });
});
