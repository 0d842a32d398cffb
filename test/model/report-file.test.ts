import { describe, expect, it } from 'vitest';
import { moneyToUnits, wanYuanToYuan, yuanToFen } from '../../src/model/money';
import { newReport, parseReportFile, serializeReport } from '../../src/model/report-file';

const blank = () => newReport({ agencyName: '测试局', agencyKind: 'department', year: 2022 });

describe('parseReportFile', () => {
  it('round-trips a new report; blank cells stay null, distinct from 0', () => {
    const r = blank();
    expect(r.format).toBe('2021');
    expect(r.cells['apply.N.p']).toBeNull();
    const again = parseReportFile(serializeReport({ ...r, cells: { ...r.cells, 'apply.N.p': 0 } }));
    expect(again.ok && again.report.cells['apply.N.p']).toBe(0);
    expect(again.ok && again.report.cells['apply.N.b']).toBeNull();
  });

  it('names the JSON path and the official labels of a bad cell', () => {
    const r = blank();
    const result = parseReportFile(JSON.stringify({ ...r, cells: { 'apply.N.p': -1, 'active1.rules.issued': 'abc' } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'cells["active1.rules.issued"]', message: '应为数字（二、第二十条第（一）项 · “规章”行“本年制发件数”列）' },
      { path: 'cells["apply.N.p"]', message: '不能为负数（三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行“自然人”列）' },
    ]);
  });

  it('rejects cells of the other format, money with too many decimals and unsafe integers', () => {
    const r = blank();
    const result = parseReportFile(
      JSON.stringify({ ...r, cells: { 'active9.procurement.amount': '1', 'active8.fees.amount': '1.23456', 'apply.C.p': 2 ** 53 } }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...new Set(result.problems.map((p) => p.path))]).toEqual(['cells["active8.fees.amount"]', 'cells["apply.C.p"]', 'cells']);
    expect(result.problems.at(-1)?.message).toBe('2021 年版格式中没有这些单元格：active9.procurement.amount');
  });

  it('explains a file that is not JSON or not a report', () => {
    const notJson = parseReportFile('{ "kind": ');
    expect(!notJson.ok && notJson.problems[0]?.message).toMatch(/^文件不是有效的 JSON/);
    const other = parseReportFile('{"kind":"something","version":1,"format":"2021"}');
    expect(!other.ok && other.problems[0]).toEqual({ path: 'kind', message: '不是 xxgk 年报文件（kind 应为 "xxgk-report"）' });
    const badFormat = parseReportFile('{"kind":"xxgk-report","version":1,"format":"2020"}');
    expect(!badFormat.ok && badFormat.problems[0]?.message).toBe('format 应为 "2021" 或 "2019"');
  });

  it('accepts a JSON number for money and keeps it as its exact decimal text', () => {
    const result = parseReportFile(JSON.stringify({ ...blank(), cells: { 'active8.fees.amount': 3569.5 } }));
    expect(result.ok && result.report.cells['active8.fees.amount']).toBe('3569.5');
  });
});

describe('money', () => {
  it('turns decimal text into exact integer units', () => {
    expect(wanYuanToYuan('493.5')).toBe(4_935_000);
    expect(wanYuanToYuan('0.0001')).toBe(1);
    expect(yuanToFen('300.05')).toBe(30_005);
    expect(moneyToUnits('1.234', 2)).toBeUndefined();
    expect(moneyToUnits('-1', 2)).toBeUndefined();
  });
});
