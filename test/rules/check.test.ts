import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report';
import { checkReport } from '../../src/rules/check';
import { computeTotals } from '../../src/rules/totals';
import { deadlineOf } from '../../src/rules/deadline';
import { consistentReport, withCells } from '../support/build-report';

const codes = (r: Report, lastYear?: Report) =>
  checkReport(r, lastYear ? { lastYear } : {}).map((v) => `${v.code}:${v.key.split(':').slice(1).join(':')}`);

const sample2021 = () =>
  consistentReport('2021', {
    'apply.N.p': 10,
    'apply.N.b': 2,
    'apply.C.p': 1,
    'apply.R1.p': 6,
    'apply.R2.b': 2,
    'apply.R3_1.p': 3,
    'apply.F.p': 2,
    'appeal.cases.reviewUpheld': 1,
    'appeal.cases.directPending': 2,
  });

describe('checkReport', () => {
  it('finds nothing in a complete, consistent report of either format', () => {
    expect(checkReport(sample2021())).toEqual([]);
    expect(checkReport(consistentReport('2019', { 'apply.N.p': 3, 'apply.R6.p': 3 }))).toEqual([]);
  });

  it('flags 总计 ≠ sum of the six applicant columns (H2) with the official labels', () => {
    const [v, ...rest] = checkReport(withCells(sample2021(), { 'apply.R1.t': 7 })).filter((x) => x.code === 'H2');
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ code: 'H2', severity: 'error', key: 'H2:apply.R1.t', expected: 6, actual: 7, section: '三' });
    expect(v?.message).toBe('三、收到和处理政府信息公开申请情况 · （一）予以公开行：总计 7 ≠ 自然人至其他各列之和 6');
    expect(v?.cells[0]).toMatchObject({ id: 'apply.R1.t', rowLabel: '（一）予以公开', columnLabel: '总计' });
    expect(v?.cells).toHaveLength(7);
  });

  it('flags （七）总计 ≠ the sum of the result rows (H3), in the words of the issue', () => {
    const report = withCells(sample2021(), { 'apply.R7.p': 8 });
    const h3 = checkReport(report).filter((v) => v.code === 'H3');
    expect(h3.map((v) => v.message)).toEqual([
      '三、收到和处理政府信息公开申请情况 · 自然人列：（七）总计 8 ≠ （一）至（六）各项之和 9',
    ]);
    // The same wrong total also breaks its row (H2) and the column balance (H1).
    expect(codes(report)).toEqual(expect.arrayContaining(['H2:apply.R7.t', 'H1:apply.F.p']));
  });

  it('flags 第一项加第二项之和 ≠ 第三项加第四项之和 (H1) and names the expected 结转', () => {
    const v = checkReport(withCells(sample2021(), { 'apply.F.p': 5, 'apply.F.t': 5 })).find((x) => x.code === 'H1');
    expect(v).toMatchObject({ key: 'H1:apply.F.p', expected: 2, actual: 5 });
    expect(v?.message).toContain('自然人列：第一项加第二项之和 11 ≠ 第三项加第四项之和 14');
    expect(v?.message).toContain('四、结转下年度继续办理应为 10 + 1 − 9 = 2，实为 5');
    // More settled than received: no 结转 mends that, and none is suggested.
    const over = checkReport(withCells(sample2021(), { 'apply.F.p': 0, 'apply.R7.p': 12 })).find((x) => x.key === 'H1:apply.F.p');
    expect(over?.message).toContain('（第三项 12 大于第一项加第二项之和 11，四、结转下年度继续办理不能为负数：请核对第一、二、三项）');
  });

  it('flags a section 四 group whose 总计 is not the sum of its four results (H4)', () => {
    const v = checkReport(withCells(sample2021(), { 'appeal.cases.afterTotal': 3 })).find((x) => x.code === 'H4');
    expect(v).toMatchObject({ key: 'H4:appeal.cases.afterTotal', expected: 0, actual: 3, section: '四' });
    expect(v?.message).toBe(
      '四、政府信息公开行政复议、行政诉讼情况 · 行政诉讼·复议后起诉：总计 3 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结 0',
    );
  });

  it('flags negative or fractional counts (H5) but accepts a negative 2019 本年增/减', () => {
    const bad = withCells(sample2021(), { 'active6.penalty.decisions': -1, 'active1.rules.issued': 1.5 });
    expect(codes(bad).filter((c) => c.startsWith('H5'))).toEqual([
      'H5:active1.rules.issued',
      'H5:active6.penalty.decisions',
    ]);
    const signed = withCells(consistentReport('2019'), { 'active5.license.change': -4 });
    expect(codes(signed)).toEqual([]);
  });

  it('flags a money cell that is negative or not a decimal (H6)', () => {
    const v = checkReport(withCells(sample2021(), { 'active8.fees.amount': '-3' })).find((x) => x.code === 'H6');
    expect(v?.message).toContain('本年收费金额（单位：万元）');
    expect(checkReport(withCells(sample2021(), { 'active8.fees.amount': '12.3456' }))).toEqual([]);
  });

  it('skips an identity while any of its cells is blank (partial reports)', () => {
    const partial = withCells(sample2021(), { 'apply.F.p': null, 'apply.R1.t': null });
    expect(codes(partial).filter((c) => c.startsWith('H'))).toEqual([]);
  });

  it('requires the format of the report year (H7): 2019 format for 2019–2020, 2021 format from 2021 on', () => {
    const wrong = { ...consistentReport('2019', { 'apply.N.p': 3, 'apply.R6.p': 3 }), year: 2022, publicationDate: '2023-01-20' };
    expect(checkReport(wrong).filter((v) => v.code !== 'S8')).toEqual([
      expect.objectContaining({
        code: 'H7',
        severity: 'error',
        key: 'H7:format',
        expected: '2021',
        actual: '2019',
        message: '2022年度年报应使用 2021 年版格式（国办公开办函〔2021〕30号），本报告是 2019 年版格式（国办公开办函〔2019〕60号）',
      }),
    ]);
    const keys = (year: number) =>
      checkReport({ ...sample2021(), year }).filter((v) => v.code === 'H7').map((v) => v.key);
    expect(keys(2020)).toEqual(['H7:format']);
    expect(keys(2021)).toEqual([]);
    // Before 2019 there was another format: such a report (an old published one, imported) is read but not passed.
    const old = { ...consistentReport('2019', { 'apply.N.p': 3, 'apply.R6.p': 3 }), year: 2018 };
    expect(checkReport(old).filter((v) => v.code === 'H7')).toEqual([
      expect.objectContaining({
        key: 'H7:format',
        severity: 'error',
        message: '2018年度年报早于现行格式（国办公开办函〔2019〕60号，自 2019 年度起施行），不能按现行格式核对和输出',
      }),
    ]);
  });

  it('reports missing tables and empty sections (H7) and missing parts as warnings', () => {
    const blankTables = Object.fromEntries(Object.keys(sample2021().cells).filter((k) => k.startsWith('apply.')).map((k) => [k, null]));
    const noSix = { ...withCells(sample2021(), blankTables), other: { feeNotices: null, feeNoticeAmount: null, feeCollected: null, items: '' } };
    const found = checkReport(noSix);
    expect(found.filter((v) => v.severity === 'error').map((v) => v.key)).toEqual(['H7:table:applications', 'H7:section:六']);
    const noLastYear = { ...sample2021(), problems: { lastYear: '', thisYear: '本年问题。' } };
    expect(checkReport(noLastYear)).toEqual([
      expect.objectContaining({ code: 'H7', severity: 'warning', key: 'H7:problems:lastYear' }),
    ]);
    // Started from last year's report: 五（一） is filled in, this year's part not yet.
    const noThisYear = { ...sample2021(), problems: { lastYear: '已改进。', thisYear: '' } };
    expect(checkReport(noThisYear)).toEqual([
      expect.objectContaining({
        code: 'H7',
        severity: 'warning',
        key: 'H7:problems:thisYear',
        section: '五',
        message: `五、存在的主要问题及改进情况：缺少${noThisYear.year}年度存在的问题及${noThisYear.year + 1}年度改进举措`,
      }),
    ]);
  });

  it('counts as empty a text of invisible characters alone, which prints as nothing (H7)', () => {
    const invisible = '\u200b\u202e \ufeff\u007f';
    const six = { ...sample2021(), other: { feeNotices: null, feeNoticeAmount: null, feeCollected: null, items: invisible } };
    expect(checkReport(six).filter((v) => v.code === 'H7').map((v) => v.key)).toEqual(['H7:section:六']);
    const lastYear = { ...sample2021(), problems: { lastYear: invisible, thisYear: '本年问题。' } };
    expect(checkReport(lastYear).map((v) => v.key)).toEqual(['H7:problems:lastYear']);
  });

  it('does not ask for 0 in a blank total whose parts are blank too (S7 names the parts; the total follows)', () => {
    const s7 = (cells: Record<string, null>) =>
      checkReport(withCells(sample2021(), cells)).filter((v) => v.code === 'S7').map((v) => [v.key, v.cells.map((c) => c.id)]);
    // A row's 总计 blank with one of its parts: only the part.
    expect(s7({ 'apply.N.b': null, 'apply.N.t': null })).toEqual([['S7:apply.N', ['apply.N.b']]]);
    // Every part filled, the stored total blank (as some published reports have it): the total itself.
    expect(s7({ 'apply.N.t': null })).toEqual([['S7:apply.N', ['apply.N.t']]]);
  });

  it('reports a wholly blank column once and other blanks per row (S7)', () => {
    const blankB = Object.fromEntries(Object.keys(sample2021().cells).filter((k) => /^apply\.\w+\.b$/.test(k)).map((k) => [k, null]));
    const s7 = checkReport(withCells(sample2021(), { ...blankB, 'appeal.cases.reviewOther': null })).filter((v) => v.code === 'S7');
    expect(s7.map((v) => v.key)).toEqual(['S7:apply.b', 'S7:appeal.cases']);
    expect(s7[0]?.message).toContain('“商业企业”列 25 个单元格全部为空');
    expect(s7[0]?.cells).toHaveLength(25);
  });

  it('compares 上年结转 with last year’s 结转下年度继续办理 (S1) and the document stock (S2)', () => {
    const lastYear = withCells(sample2021(), { 'apply.F.p': 3, 'active1.normative.inForce': 40 });
    const report = withCells(sample2021(), { 'active1.normative.issued': 11, 'active1.normative.repealed': 17, 'active1.normative.inForce': 47 });
    const found = checkReport(report, { lastYear });
    expect(found.find((v) => v.code === 'S1')).toMatchObject({ key: 'S1:apply.C.p', expected: 3, actual: 1, severity: 'warning' });
    const s2 = found.find((v) => v.code === 'S2');
    expect(s2).toMatchObject({ expected: 34, actual: 47 });
    expect(s2?.message).toContain('按本年数据推算上年应为 53');
    // The baseline kept in the file serves when last year's report is not given.
    const withBaseline = { ...report, baseline: { year: 2021, carryOver: { p: 1, b: 0, r: 0, s: 0, l: 0, o: 0, t: 1 }, inForce: { rules: 0, normative: 53 } } };
    expect(codes(withBaseline)).toEqual([]);
  });

  it('flags 现行有效件数 below 本年制发件数 (S3)', () => {
    const report = withCells(sample2021(), { 'active1.rules.issued': 4, 'active1.rules.inForce': 2 });
    expect(codes(report)).toEqual(['S3:active1.rules']);
  });

  it('asks a government to confirm 行政规范性文件 0/0/0 (S3 plausibility), not a department', () => {
    const government = { ...sample2021(), agency: { name: '某县人民政府', kind: 'government' as const } };
    expect(codes(government)).toEqual(['S3:active1.normative.zero']);
    expect(codes(withCells(government, { 'active1.normative.inForce': 5 }))).toEqual([]);
    expect(codes(sample2021())).toEqual([]);
  });

  it('checks section 六 fee figures against 三 and their units (S4, S5)', () => {
    const base = withCells(sample2021(), { 'apply.R6_2.p': 2, 'apply.R6_2.t': 2, 'apply.N.p': 12, 'apply.N.t': 14, 'apply.R7.p': 11, 'apply.R7.t': 13 });
    const fees = { ...base, other: { feeNotices: 1, feeNoticeAmount: '200', feeCollected: '300.5', items: '' } };
    expect(codes(fees)).toEqual(['S5:fees', 'S4:R6_2', 'S4:collected']);
    const none = { ...sample2021(), other: { feeNotices: null, feeNoticeAmount: null, feeCollected: null, items: '其他事项。' } };
    expect(codes(none)).toEqual(['S4:fees-missing']);
    const partial = { ...sample2021(), other: { feeNotices: null, feeNoticeAmount: null, feeCollected: '0', items: '' } };
    expect(codes(partial)).toEqual(['S4:fees-blank']);
    expect(checkReport(partial).find((f) => f.code === 'S4')?.message).toBe(
      '六、其他需要报告的事项：收费通知件数、收费通知总金额未填写，报告中将印为“（未填写）”；没有的应写明 0',
    );
    const fine = withCells({ ...sample2021(), other: { feeNotices: 2, feeNoticeAmount: '300', feeCollected: '300' , items: '' } }, { 'active8.fees.amount': '0.03' });
    expect(codes(fine)).toEqual([]);
  });

  it('asks for the statistical period in the intro (S8) and a timely publication (S9)', () => {
    const r = { ...sample2021(), intro: '根据条例编制本报告。', publicationDate: '2023-02-01' };
    expect(codes(r)).toEqual(['S8:intro', 'S9:publicationDate']);
    expect(checkReport(r).at(-1)?.message).toBe('发布日期 2023年2月1日 晚于法定公布期限 2023年1月31日（《条例》第四十九条）');
    // A local deadline is named as such, not as Art. 49's.
    const local = { ...r, deadline: '2023-01-20' };
    expect(checkReport(local).at(-1)?.message).toBe('发布日期 2023年2月1日 晚于本地规定的公布期限 2023年1月20日（本地规定）');
    const government = { ...r, agency: { ...r.agency, kind: 'government' as const } };
    expect(codes({ ...government, intro: '本报告所列数据的统计期限为2022年1月1日至2022年12月31日。' })).toEqual([
      'S3:active1.normative.zero',
    ]);
  });
});

describe('checkReport sums exactly', () => {
  it('flags a total that a sum in doubles would round into agreement (beyond 2^53)', () => {
    const max = Number.MAX_SAFE_INTEGER;
    // (2^53 − 1) + 2 is 2^53 + 1, which a double rounds to 2^53, the total stored here.
    const report = withCells(sample2021(), { 'apply.N.p': max, 'apply.N.b': 2, 'apply.N.t': max + 1 });
    expect(checkReport(report).find((v) => v.key === 'H2:apply.N.t')).toMatchObject({ expected: '9007199254740993', actual: max + 1 });
    expect(checkReport(withCells(sample2021(), { 'apply.N.p': max - 2, 'apply.N.b': 2, 'apply.N.t': max })).find((v) => v.key === 'H2:apply.N.t')).toBeUndefined();
  });
});

describe('checkReport reads the cells', () => {
  it('whatever the order of their keys, and with cells missing', () => {
    const report = withCells(sample2021(), { 'apply.R1.t': 7, 'active1.rules.issued': 1.5, 'apply.N.b': null });
    const reordered = { ...report, cells: Object.fromEntries(Object.entries(report.cells).reverse()) as Report['cells'] };
    expect(checkReport(reordered)).toEqual(checkReport(report));
    const missing = Object.fromEntries(Object.entries(report.cells).filter(([id]) => id !== 'apply.N.b'));
    expect(checkReport({ ...report, cells: missing as Report['cells'] })).toEqual(checkReport(report));
  });
});

describe('S9 dates within the report year', () => {
  it('warns of a publication date or a local deadline before the report year is over', () => {
    const r = { ...sample2021(), intro: '本报告所列数据的统计期限为2022年1月1日至2022年12月31日。' };
    const s9 = (report: typeof r) => checkReport(report).filter((v) => v.code === 'S9').map((v) => [v.key, v.message]);
    expect(s9({ ...r, publicationDate: '2022-06-01' })).toEqual([
      ['S9:publicationDate:early', '发布日期 2022年6月1日 不在报告年度（2022年）结束之后：年度报告应在年度结束后发布，请核对'],
    ]);
    expect(s9({ ...r, publicationDate: '2022-12-31' }).map(([key]) => key)).toEqual(['S9:publicationDate:early']);
    expect(s9({ ...r, publicationDate: '2023-01-01' })).toEqual([]);
    expect(s9({ ...r, deadline: '2022-01-15', publicationDate: null })).toEqual([
      ['S9:deadline', '本地规定的公布期限 2022年1月15日 不在报告年度（2022年）结束之后，请核对'],
    ]);
    expect(s9({ ...r, deadline: '2023-02-15', publicationDate: '2023-02-10' })).toEqual([]);
  });
});

describe('deadlineOf', () => {
  it('gives 31 January to departments and 31 March to governments, unless overridden', () => {
    const r = sample2021();
    expect(deadlineOf(r)).toBe('2023-01-31');
    expect(deadlineOf({ ...r, agency: { ...r.agency, kind: 'government' } })).toBe('2023-03-31');
    expect(deadlineOf({ ...r, deadline: '2023-02-20' })).toBe('2023-02-20');
  });
});

describe('computeTotals', () => {
  it('computes row 总计, （七）总计 and 四 group totals from entered cells only', () => {
    const r = withCells(sample2021(), { 'apply.R7.p': 999, 'apply.R1.t': 999 });
    const t = computeTotals(r);
    expect(t['apply.R1.t']).toBe(6);
    expect(t['apply.R7.p']).toBe(9);
    expect(t['apply.R7.t']).toBe(11);
    expect(t['apply.F.t']).toBe(2);
    expect(t['appeal.cases.directTotal']).toBe(2);
    expect(t).not.toHaveProperty('apply.F.p');
  });
});
