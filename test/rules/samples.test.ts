import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report';
import { parseReportFile } from '../../src/model/report-file';
import { checkReport } from '../../src/rules/check';

function sample(n: string): Report {
  const result = parseReportFile(readFileSync(join(__dirname, '../fixtures', `sample-${n}.json`), 'utf8'));
  if (!result.ok) throw new Error(`fixture ${n}: ${JSON.stringify(result.problems)}`);
  return result.report;
}

const errors = (r: Report) => checkReport(r).filter((v) => v.severity === 'error');
const identityErrors = (r: Report) => errors(r).filter((v) => ['H1', 'H2', 'H3', 'H4'].includes(v.code));

/** Spec §5: what the checker must find in each sample report. */
describe('checkReport on the five samples (spec §5)', () => {
  it('finds exactly what spec §5 lists for each sample, and nothing else', () => {
    // S6 keys end in a fingerprint of the sentence (S6:handled:1a2b3c4d): compare the stable part.
    const keys = (n: string) =>
      checkReport(sample(n))
        .map((v) => v.key.replace(/^(S6:\w+):[0-9a-f]{8}$/, '$1'))
        .sort();
    expect(keys('000')).toEqual(['H7:problems:lastYear', 'S4:fees-missing', 'S7:apply.b', 'S8:intro']);
    expect(keys('001')).toEqual(['H3:apply.R7.p', 'H3:apply.R7.t', 'H7:section:六']);
    expect(keys('002')).toEqual(['S8:intro']);
    expect(keys('003')).toEqual(['H7:problems:lastYear', 'S3:active1.normative.zero']);
    expect(keys('004')).toEqual([
      'H7:problems:lastYear',
      'H7:table:active',
      'H7:table:appeals',
      'H7:table:applications',
      'S6:handled',
    ]);
  });

  it('004: the 26 vs 24 narrative conflict is explained by a carry-over of 2 that the missing tables cannot confirm', () => {
    const s6 = checkReport(sample('004')).find((v) => v.code === 'S6');
    expect(s6).toMatchObject({ severity: 'warning', actual: 26, expected: 24 });
    expect(s6?.message).toContain('只有上年结转为 2 件时才相符');
  });

  it('000 passes H1–H4 and reports the blank 商业企业 column, the missing period and fee statement', () => {
    const r = sample('000');
    expect(identityErrors(r)).toEqual([]);
    const keys = checkReport(r).map((v) => v.key);
    expect(keys).toEqual(expect.arrayContaining(['S7:apply.b', 'S8:intro', 'S4:fees-missing', 'H7:problems:lastYear']));
    const s7 = checkReport(r).find((v) => v.key === 'S7:apply.b');
    expect(s7?.message).toContain('“商业企业”列 25 个单元格全部为空');
  });

  it('001 fails H3 by 1 in 自然人 and in 总计, and lacks section 六', () => {
    const r = sample('001');
    const h3 = errors(r).filter((v) => v.code === 'H3');
    expect(h3.map((v) => [v.cells[0]?.columnLabel, v.actual, v.expected])).toEqual([
      ['自然人', 86, 87],
      ['总计', 157, 158],
    ]);
    expect(h3[0]?.message).toBe('三、收到和处理政府信息公开申请情况 · 自然人列：（七）总计 86 ≠ （一）至（六）之和 87');
    // H1 holds as published (155 + 2 = 157 + 0); only the leaves disagree with （七）.
    expect(errors(r).filter((v) => ['H1', 'H2', 'H4'].includes(v.code))).toEqual([]);
    expect(errors(r).map((v) => v.key)).toContain('H7:section:六');
  });

  it('002 and 003 pass every identity', () => {
    for (const n of ['002', '003']) expect(errors(sample(n))).toEqual([]);
    // 002 states no statistical period (S8); 003 does.
    expect(checkReport(sample('002')).map((v) => v.key)).toContain('S8:intro');
    expect(checkReport(sample('003')).map((v) => v.key)).not.toContain('S8:intro');
  });

  it('002 and 003 were published in time (S9): 2023-01-16 ≤ 01-31, 2024-02-18 ≤ 03-31', () => {
    for (const n of ['002', '003']) expect(checkReport(sample(n)).filter((v) => v.code === 'S9')).toEqual([]);
  });

  it('004 has headings but no tables (H7 for 二, 三 and 四)', () => {
    expect(errors(sample('004')).map((v) => v.key)).toEqual([
      'H7:table:active',
      'H7:table:applications',
      'H7:table:appeals',
    ]);
  });
});
