import { describe, expect, it } from 'vitest';
import { acceptComputed, cellLabel, setCells } from '../../src/forms/report-edit';
import { cellValue } from '../../src/model/report';
import { newReport } from '../../src/model/report-file';
import { checkReport } from '../../src/rules/check';
import { totalsToReconcile } from '../../src/rules/totals';
import { consistentReport, withCells } from '../support/build-report';

const blank = () => newReport({ agencyName: '测试局', agencyKind: 'department', year: 2023 });

describe('setCells', () => {
  it('keeps each row 总计, （七）总计 and the 四 group 总计 computed as the clerk types', () => {
    let r = setCells(blank(), { 'apply.N.p': 3, 'apply.N.b': 2 });
    expect(cellValue(r, 'apply.N.t')).toBe(5);
    r = setCells(r, { 'apply.R1.p': 2, 'apply.R3_1.b': 1 });
    expect(cellValue(r, 'apply.R7.p')).toBe(2);
    expect(cellValue(r, 'apply.R7.b')).toBe(1);
    expect(cellValue(r, 'apply.R7.t')).toBe(3);
    r = setCells(r, { 'appeal.cases.reviewUpheld': 2, 'appeal.cases.reviewPending': 1 });
    expect(cellValue(r, 'appeal.cases.reviewTotal')).toBe(3);
  });

  it('does not touch 结转下年度继续办理: the clerk enters it', () => {
    const r = setCells(blank(), { 'apply.N.p': 3, 'apply.R1.p': 2 });
    expect(cellValue(r, 'apply.F.p')).toBeNull();
  });

  it('ignores attempts to type into a computed total', () => {
    const r = setCells(blank(), { 'apply.N.p': 3, 'apply.N.t': 99 });
    expect(cellValue(r, 'apply.N.t')).toBe(3);
  });

  it('never overwrites a stored total that already differed from its computed value', () => {
    const imported = withCells(consistentReport('2021', { 'apply.N.p': 4 }), { 'apply.N.t': 9 });
    const r = setCells(imported, { 'apply.N.b': 1 });
    expect(cellValue(r, 'apply.N.t')).toBe(9);
    expect(checkReport(r).find((v) => v.key === 'H2:apply.N.t')).toMatchObject({ severity: 'error', expected: 5, actual: 9 });
    expect([...totalsToReconcile(r)]).toEqual([['apply.N.t', 5]]);
  });
});

describe('totalsToReconcile (the checker\'s blank policy)', () => {
  it('is empty for a consistent report', () => {
    expect(totalsToReconcile(consistentReport('2021', { 'apply.N.p': 4 })).size).toBe(0);
  });

  it('offers the computed value of each wrong stored total, which the checker reports at its cell', () => {
    const r = withCells(consistentReport('2021', { 'apply.N.p': 4 }), {
      'apply.N.t': 9,
      'appeal.cases.directTotal': 2,
    });
    expect([...totalsToReconcile(r)]).toEqual([
      ['apply.N.t', 4],
      ['appeal.cases.directTotal', 0],
    ]);
    const errors = checkReport(r).filter((v) => v.severity === 'error');
    expect(errors.map((v) => [v.key, v.cells[0]?.id, v.expected, v.actual])).toEqual(
      expect.arrayContaining([
        ['H2:apply.N.t', 'apply.N.t', 4, 9],
        ['H4:appeal.cases.directTotal', 'appeal.cases.directTotal', 0, 2],
      ]),
    );
  });

  it('neither flags nor offers a total while a cell beneath it is blank: the stored figure may be right', () => {
    const r = withCells(setCells(blank(), { 'apply.R1.p': 2 }), { 'apply.R7.p': 5 });
    expect(checkReport(r).some((v) => v.key === 'H3:apply.R7.p')).toBe(false);
    expect(totalsToReconcile(r).has('apply.R7.p')).toBe(false);
  });

  it('offers the value for a blank stored total whose parts are all filled (the checker warns of the blank)', () => {
    const r = withCells(consistentReport('2021', { 'apply.N.p': 4 }), { 'apply.N.t': null });
    expect([...totalsToReconcile(r)]).toEqual([['apply.N.t', 4]]);
    expect(checkReport(r).find((v) => v.cells.some((c) => c.id === 'apply.N.t'))).toMatchObject({ code: 'S7' });
  });
});

describe('acceptComputed', () => {
  it('replaces the stored total by the computed value, and only that cell', () => {
    const r = withCells(consistentReport('2021', { 'apply.N.p': 4 }), { 'apply.N.t': 9, 'apply.C.t': 7 });
    const fixed = acceptComputed(r, 'apply.N.t');
    expect(cellValue(fixed, 'apply.N.t')).toBe(4);
    expect(cellValue(fixed, 'apply.C.t')).toBe(7);
    expect(acceptComputed(r, 'apply.N.p')).toBe(r);
  });
});

describe('cellLabel', () => {
  it('names a cell by its row and column labels', () => {
    const r = blank();
    expect(cellLabel(r, 'apply.N.p')).toBe('一、本年新收政府信息公开申请数量 · 自然人');
    expect(cellLabel(r, 'apply.R3_1.b')).toBe('（三）不予公开 · 1.属于国家秘密 · 商业企业');
    expect(cellLabel(r, 'active1.rules.issued')).toBe('第二十条第（一）项 · 规章 · 本年制发件数');
    expect(cellLabel(r, 'appeal.cases.directUpheld')).toBe('行政诉讼 · 未经复议直接起诉 · 结果维持');
    expect(cellLabel(r, 'appeal.cases.reviewTotal')).toBe('行政复议 · 总计');
  });
});
