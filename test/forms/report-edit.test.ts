import { describe, expect, it } from 'vitest';
import { acceptComputed, cellLabel, setCells, totalDifferences } from '../../src/forms/report-edit';
import { cellValue } from '../../src/model/report';
import { newReport } from '../../src/model/report-file';
import { checkReport } from '../../src/rules/check';
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
    expect(totalDifferences(r)).toMatchObject([{ key: 'H2:apply.N.t', expected: 5, actual: 9 }]);
  });
});

describe('totalDifferences', () => {
  it('is empty for a consistent report', () => {
    expect(totalDifferences(consistentReport('2021', { 'apply.N.p': 4 }))).toEqual([]);
  });

  it('flags each stored total that differs, at its cell, naming the rule and the computed value', () => {
    const r = withCells(consistentReport('2021', { 'apply.N.p': 4 }), {
      'apply.N.t': 9,
      'appeal.cases.directTotal': 2,
    });
    const found = totalDifferences(r);
    expect(found.map((v) => v.key)).toEqual(['H2:apply.N.t', 'H4:appeal.cases.directTotal']);
    expect(found[0]).toMatchObject({ severity: 'error', expected: 4, actual: 9, cells: [{ id: 'apply.N.t' }] });
    expect(found[0]?.message).toBe(
      '三、收到和处理政府信息公开申请情况 · 一行：总计为 9，与计算值 4（自然人至其他各列之和）不一致',
    );
  });

  it('flags a difference the checker cannot see while other cells are still blank', () => {
    const r = withCells(setCells(blank(), { 'apply.R1.p': 2 }), { 'apply.R7.p': 5 });
    expect(checkReport(r).some((v) => v.key === 'H3:apply.R7.p')).toBe(false);
    expect(totalDifferences(r).map((v) => v.key)).toContain('H3:apply.R7.p');
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
