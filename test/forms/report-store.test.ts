import { describe, expect, it, vi } from 'vitest';
import { ReportStore } from '../../src/forms/report-store';
import { cellValue } from '../../src/model/report';
import { newReport } from '../../src/model/report-file';
import { setCells } from '../../src/forms/report-edit';
import { consistentReport, withCells } from '../support/build-report';

const blank = () => newReport({ agencyName: '测试局', agencyKind: 'department', year: 2023 });

describe('ReportStore', () => {
  it('normalises typed input into the report and keeps totals computed', () => {
    const store = new ReportStore(blank());
    store.enter([
      { id: 'apply.N.p', raw: '１,２３４' },
      { id: 'apply.N.b', raw: ' 6 ' },
    ]);
    expect(cellValue(store.report, 'apply.N.p')).toBe(1234);
    expect(cellValue(store.report, 'apply.N.t')).toBe(1240);
  });

  it('refuses bad input at the cell as an error, and the cell holds no figure until it is mended', () => {
    const store = new ReportStore(blank());
    store.enter([{ id: 'apply.N.p', raw: '3' }]);
    // Typed on to "3x": the "3" on the way is not kept as the cell's figure.
    store.enter([{ id: 'apply.N.p', raw: '3x' }]);
    expect(cellValue(store.report, 'apply.N.p')).toBeNull();
    expect(store.inputProblem('apply.N.p')?.message).toContain('不是数字');
    const [v] = store.violationsAt('apply.N.p');
    expect(v).toMatchObject({ key: 'input:apply.N.p', severity: 'error', section: '三' });
    expect(v?.message).toMatch(/^一、本年新收政府信息公开申请数量 · 自然人：/);
    expect(store.hasErrors).toBe(true);
    store.enter([{ id: 'apply.N.p', raw: '4' }]);
    expect(cellValue(store.report, 'apply.N.p')).toBe(4);
    expect(store.inputProblem('apply.N.p')).toBeUndefined();
    expect(store.violationsAt('apply.N.p').some((x) => x.key === 'input:apply.N.p')).toBe(false);
  });

  it('uses no figure from a refused entry: not in a total, and not reported blank beside its own error', () => {
    const store = new ReportStore(consistentReport('2021', { 'apply.N.p': 12, 'apply.R1.p': 12 }));
    expect(store.violations.filter((v) => v.severity === 'error')).toEqual([]);
    // "12.5" typed over 12: refused (a count has no decimals). The row's 总计 no longer counts 12, and
    // no identity is checked with it (H1 of the 自然人 column has a blank now).
    store.enter([{ id: 'apply.N.p', raw: '12.5' }]);
    expect(cellValue(store.report, 'apply.N.p')).toBeNull();
    expect(cellValue(store.report, 'apply.N.t')).toBe(0);
    expect(store.violationsAt('apply.N.p').map((v) => v.code)).toEqual(['H5']);
    expect(store.violations.filter((v) => v.actual === 12 || v.expected === 12)).toEqual([]);
    // A fee figure of 六 too.
    store.enter([{ id: 'other.feeCollected', raw: '1.234' }]);
    expect(store.report.other.feeCollected).toBeNull();
    // The only filled cell of a table refused: the table is not reported missing, nor its cell blank.
    const one = new ReportStore(blank());
    one.enter([{ id: 'apply.N.p', raw: 'abc' }]);
    const keys = one.violations.map((v) => v.key);
    expect(keys).toContain('input:apply.N.p');
    expect(keys).not.toContain('H7:table:applications');
    expect(one.violations.filter((v) => v.code === 'S7' && v.cells.some((c) => c.id === 'apply.N.p'))).toEqual([]);
  });

  it('lists the refused entries as typed (one object until they change), and takes them back on reopening', () => {
    const store = new ReportStore(blank());
    const none = store.refused;
    expect(none).toEqual({});
    store.enter([{ id: 'apply.N.p', raw: '3' }]);
    expect(store.refused).toBe(none);
    store.enter([{ id: 'apply.N.p', raw: '3a' }, { id: 'other.feeNotices', raw: '-1' }]);
    const refused = store.refused;
    expect(refused).toEqual({ 'apply.N.p': '3a', 'other.feeNotices': '-1' });
    store.enter([{ id: 'apply.N.b', raw: '2' }]);
    expect(store.refused).toBe(refused);
    // Reopened with them: each shows again at its cell with its error, and the cell holds no figure
    // (a draft saved before refused entries were blanked still holds the 3 typed on the way).
    const saved = setCells(store.report, { 'apply.N.p': 3 });
    const reopened = new ReportStore(saved, undefined, { ...refused, 'apply.R1.p': '5', 'no.such.cell': 'x' });
    expect(reopened.refused).toEqual(refused);
    expect(reopened.inputProblem('apply.N.p')).toMatchObject({ raw: '3a' });
    expect(reopened.violationsAt('apply.N.p').map((v) => v.key)).toContain('input:apply.N.p');
    expect(cellValue(reopened.report, 'apply.N.p')).toBeNull();
    reopened.enter([{ id: 'apply.N.p', raw: '4' }]);
    expect(reopened.refused).toEqual({ 'other.feeNotices': '-1' });
    // An entry refused then, accepted now (the cell reads more forms since): taken as typed, not dropped.
    const later = new ReportStore(store.report, undefined, { 'apply.N.p': '３' });
    expect(later.refused).toEqual({});
    expect(cellValue(later.report, 'apply.N.p')).toBe(3);
    const wan = new ReportStore(newReport({ agencyName: '测试局', agencyKind: 'department', year: 2020 }), undefined, {
      'active9.procurement.amount': '493.5万',
    });
    expect(cellValue(wan.report, 'active9.procurement.amount')).toBe('493.5');
  });

  it('never offers or writes a value its cell would refuse (a negative 结转)', () => {
    // 一 5 + 二 0 − （七） 9: H1 expects 结转 −4, which no count cell accepts.
    const store = new ReportStore(consistentReport('2021', { 'apply.N.p': 5, 'apply.R1.p': 9, 'apply.F.p': 0 }));
    const h1 = store.violationsAt('apply.F.p').find((v) => v.code === 'H1');
    expect(h1?.expected).toBe(-4);
    expect(store.accepts('apply.F.p', -4)).toBe(false);
    expect(store.accepts('apply.F.p', 4)).toBe(true);
    store.useExpected('apply.F.p', -4);
    expect(cellValue(store.report, 'apply.F.p')).toBe(0);
  });

  it('shows an H1 violation at 结转下年度 and fixes it with the expected value', () => {
    const store = new ReportStore(consistentReport('2021', { 'apply.N.p': 5, 'apply.R1.p': 3, 'apply.F.p': 2 }));
    expect(store.hasErrors).toBe(false);
    store.enter([{ id: 'apply.F.p', raw: '1' }]);
    const h1 = store.violationsAt('apply.F.p').find((v) => v.code === 'H1');
    expect(h1).toMatchObject({ expected: 2, actual: 1 });
    store.useExpected('apply.F.p', 2);
    expect(store.hasErrors).toBe(false);
  });

  it('lists an imported total that differs as an error until the computed value is accepted', () => {
    const store = new ReportStore(
      withCells(consistentReport('2021', { 'apply.N.p': 4, 'apply.R1.p': 4 }), { 'apply.N.t': 9 }),
    );
    expect(store.violationsAt('apply.N.t').map((v) => v.code)).toContain('H2');
    store.acceptComputed('apply.N.t');
    expect(cellValue(store.report, 'apply.N.t')).toBe(4);
    expect(store.violationsAt('apply.N.t')).toEqual([]);
  });

  it('section 六 fee figures go through the same normaliser', () => {
    const store = new ReportStore(blank());
    store.enter([
      { id: 'other.feeNotices', raw: '２' },
      { id: 'other.feeNoticeAmount', raw: '1,200.50' },
    ]);
    expect(store.report.other).toMatchObject({ feeNotices: 2, feeNoticeAmount: '1200.50' });
    store.enter([{ id: 'other.feeCollected', raw: '-5' }]);
    expect(store.violationsAt('other.feeCollected')[0]?.message).toBe('实际收取总金额（元）：金额不能为负数');
  });

  it('keeps the same findings array for cells whose findings did not change', () => {
    const store = new ReportStore(blank());
    store.enter([{ id: 'apply.N.p', raw: '1' }]);
    const before = store.violationsAt('appeal.cases.reviewUpheld');
    const listener = vi.fn();
    store.subscribe(listener);
    store.enter([{ id: 'apply.N.p', raw: '2' }]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.violationsAt('appeal.cases.reviewUpheld')).toBe(before);
  });

  it('keeps the objects of unchanged findings, and the whole list when no finding changed', () => {
    const report = consistentReport('2021', { 'apply.N.p': 5, 'apply.R1.p': 3, 'apply.F.p': 2 });
    const store = new ReportStore(withCells(report, { 'appeal.cases.reviewTotal': 3 }));
    store.enter([{ id: 'apply.F.p', raw: '1' }]);
    const before = store.violations;
    const h1 = before.find((v) => v.code === 'H1');
    expect(h1).toMatchObject({ actual: 1 });
    store.setNote('S9:publicationDate', '说明');
    expect(store.violations).toBe(before);
    store.enter([{ id: 'apply.F.p', raw: '0' }]);
    expect(store.violations).not.toBe(before);
    expect(store.violations.find((v) => v.code === 'H1')).toMatchObject({ actual: 0 });
    const others = (list: typeof before) => list.filter((v) => v.code !== 'H1');
    expect(others(before).length).toBeGreaterThan(0);
    expect(others(store.violations)).toHaveLength(others(before).length);
    others(store.violations).forEach((v, i) => expect(v).toBe(others(before)[i]));
  });

  it('saves warning explanations in report.notes under the violation key', () => {
    const store = new ReportStore(blank());
    store.setNote('S9:publicationDate', '因系统故障延期');
    expect(store.report.notes).toEqual({ 'S9:publicationDate': '因系统故障延期' });
    store.setNote('S9:publicationDate', ' ');
    expect(store.report.notes).toEqual({});
  });
});
