import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/text';
import type { ImportResult } from '../../src/import/types';
import { cellsOf } from '../../src/model/formats';
import type { CellValue } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { parseReport } from '../../src/model/report-file';

/** The five published samples, read from shared/samples as the issue asks (spec §5). */
const SAMPLE_DIR = resolve(__dirname, '../../../shared/samples');
const files = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).sort();
const sample = (n: string): ImportResult => {
  const file = files.find((f) => f.startsWith(n));
  if (!file) throw new Error(`sample ${n} missing`);
  return importText(readFileSync(resolve(SAMPLE_DIR, file), 'utf8'), { defaultYear: 1999 });
};
const results = Object.fromEntries(['000', '001', '002', '003', '004'].map((n) => [n, sample(n)])) as Record<string, ImportResult>;

const cell = (n: string, id: string): CellValue => cellValue((results[n] as ImportResult).report, id);
const row = (n: string, table: string, rowId: string, columns = ['p', 'b', 'r', 's', 'l', 'o', 't']) =>
  columns.map((c) => cell(n, `${table}.${rowId}.${c}`));
const APPEAL_COLUMNS = ['review', 'direct', 'after'].flatMap((g) => ['Upheld', 'Corrected', 'Other', 'Pending', 'Total'].map((o) => `${g}${o}`));
const appeals = (n: string) => row(n, 'appeal', 'cases', APPEAL_COLUMNS);
const messages = (n: string, code?: string) =>
  (results[n] as ImportResult).diagnostics.filter((d) => !code || d.code === code).map((d) => d.message);

/** The encoded fixtures the lead made by hand from the same samples (test/fixtures). */
const fixture = (n: string) => JSON.parse(readFileSync(resolve(__dirname, '../fixtures', `sample-${n}.json`), 'utf8'));

describe('importText on the published samples', () => {
  it.each(Object.keys(results))('sample %s gives a report that parseReport accepts', (n) => {
    const result = results[n] as ImportResult;
    expect(parseReport(JSON.parse(JSON.stringify(result.report))).ok).toBe(true);
  });

  it.each(['000', '001', '002', '003', '004'])('sample %s: every table cell equals the hand-encoded fixture', (n) => {
    const result = results[n] as ImportResult;
    const expected = fixture(n);
    expect(result.format).toBe(expected.format);
    const differing = cellsOf(result.format)
      .filter((c) => cellValue(result.report, c.id) !== (expected.cells[c.id] ?? null))
      .map((c) => c.id);
    expect(differing).toEqual([]);
  });

  it('000: 2021 format, 新晃县 2022 from the body (no title), N = 7 with 商业企业 blank in every row', () => {
    const r = results['000'] as ImportResult;
    expect(r.format).toBe('2021');
    expect(r.source).toEqual({ agency: '新晃县', year: 2022 });
    expect(row('000', 'apply', 'N')).toEqual([7, null, 0, 0, 0, 0, 7]);
    expect(cellsOf('2021').filter((c) => c.id.startsWith('apply.') && c.id.endsWith('.b')).every((c) => cell('000', c.id) === null)).toBe(true);
    expect(messages('000').some((m) => m.includes('“商业企业”列') && m.includes('单元格为空'))).toBe(true);
    expect(messages('000').some((m) => m.includes('取自正文'))).toBe(true);
    expect(cell('000', 'active8.fees.amount')).toBe('3569');
    expect(appeals('000')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('001: 2019 format, 江西省人民政府办公厅 2019, R7 as published (自然人 86, 总计 157), 采购总金额 "493.5"', () => {
    const r = results['001'] as ImportResult;
    expect(r.format).toBe('2019');
    expect(r.source).toEqual({ agency: '江西省人民政府办公厅', year: 2019 });
    expect(r.report.agency.kind).toBe('department');
    expect(row('001', 'apply', 'R7')).toEqual([86, 1, 0, 0, 57, 13, 157]);
    expect(row('001', 'apply', 'R6')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(cell('001', 'active9.procurement.amount')).toBe('493.5');
    expect(cell('001', 'active9.procurement.projects')).toBe(76);
    expect(appeals('001')).toEqual([1, 0, 0, 0, 1, 5, 0, 0, 0, 5, 0, 0, 0, 0, 0]);
    expect(messages('001', 'H7')).toContain('缺少第六部分“六、其他需要报告的事项”');
  });

  it('002: all zeros except N / R1 / R7 自然人 and 总计 = 1; dated 2023-01-16; both parts of 五', () => {
    const r = results['002'] as ImportResult;
    expect(r.source).toEqual({ agency: '咸宁市地方金融工作局', year: 2022 });
    const nonZero = cellsOf('2021')
      .filter((c) => c.table.family !== 'active')
      .filter((c) => cell('002', c.id) !== 0)
      .map((c) => `${c.id}=${String(cell('002', c.id))}`);
    expect(nonZero).toEqual(['apply.N.p=1', 'apply.N.t=1', 'apply.R1.p=1', 'apply.R1.t=1', 'apply.R7.p=1', 'apply.R7.t=1']);
    expect(r.report.publicationDate).toBe('2023-01-16');
    expect(r.report.problems.lastYear).toMatch(/^存在问题：一是工作人员/);
    expect(r.report.problems.thisYear).toMatch(/^存在问题：一是随着国家/);
    expect(r.report.other.feeCollected).toBe('0');
    expect(r.report.other.items).not.toContain('信息处理费');
    expect(r.report.tableNotes.appeals).toBe('2022年未收到政府信息公开行政复议、行政诉讼。');
  });

  it('003: N 202, R7 201, F 1, the vertically split 四 header read, 本年发件/现行有效件 reported as H7', () => {
    const r = results['003'] as ImportResult;
    expect(r.source).toEqual({ agency: '沈阳市皇姑区', year: 2023 });
    expect(r.report.publicationDate).toBe('2024-02-18');
    expect(cell('003', 'apply.N.t')).toBe(202);
    expect(cell('003', 'apply.R7.t')).toBe(201);
    expect(cell('003', 'apply.F.t')).toBe(1);
    expect(appeals('003')).toEqual([2, 1, 2, 0, 5, 0, 0, 1, 1, 2, 1, 0, 0, 1, 2]);
    const h7 = messages('003', 'H7');
    expect(h7).toContain('二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”');
    expect(h7).toContain('二、第二十条第（一）项：表头“现行有效件”应为“现行有效件数”');
    expect(row('003', 'active1', 'normative', ['issued', 'repealed', 'inForce'])).toEqual([0, 0, 0]);
    expect(r.report.other.feeCollected).toBe('0');
    expect(r.report.intro).toMatch(/^根据《中华人民共和国政府信息公开条例》/);
    expect(r.report.overview.blocks.map((b) => b.topic)).toEqual(['proactive', 'onRequest', 'management', 'platform', 'oversight']);
  });

  it('004: no tables — every cell blank, the texts imported, and the missing tables reported', () => {
    const r = results['004'] as ImportResult;
    expect(r.source).toEqual({ agency: '定海区人民政府', year: 2022 });
    expect(cellsOf('2021').every((c) => cell('004', c.id) === null)).toBe(true);
    expect(messages('004', 'H7').filter((m) => m.includes('没有表格'))).toHaveLength(3);
    expect(r.report.overview.blocks).toHaveLength(5);
    expect(r.report.overview.lead).toContain('办理依申请公开26件');
    expect(r.report.other.items).toBe('无其他需要报告的事项。');
    expect(r.report.other.feeCollected).toBe('0');
  });

  it('reports traditional characters and pinyin junk as normalised, and leaves no junk in the texts', () => {
    expect(messages('000')).toContain('原文为繁体字，已转换为简体字');
    const texts = JSON.stringify((results['004'] as ImportResult).report);
    expect(texts).not.toMatch(/\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/u);
    expect(texts).not.toMatch(/區|開|\|/);
  });
});

describe('a `|` row missing a cell', () => {
  const text = readFileSync(resolve(SAMPLE_DIR, files.find((f) => f.startsWith('002')) as string), 'utf8');
  const line = '一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||';

  it('is left blank and named, not read with its 总计 moved into 其他 (the padding bars after it are not cells)', () => {
    expect(text).toContain(line);
    const r = importText(text.replace(line, '一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 1 | ||'));
    expect(row('002', 'apply', 'N')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(['p', 'b', 'r', 's', 'l', 'o', 't'].map((c) => cellValue(r.report, `apply.N.${c}`))).toEqual([null, null, null, null, null, null, null]);
    expect(r.diagnostics.map((d) => d.message)).toContain(
      '三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行：只读到 6 个数（1、0、0、0、0、1），应为 7 个，无法确定缺少哪一列；该行留空',
    );
  });

  it('still reads a last cell left blank in a line padded like the others', () => {
    const r = importText(text.replace(line, '一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 |  | ||'));
    expect(['p', 'b', 'r', 's', 'l', 'o', 't'].map((c) => cellValue(r.report, `apply.N.${c}`))).toEqual([1, 0, 0, 0, 0, 0, null]);
  });

  it('leaves a line that ends one cell early blank: in this table every cell ends with its bar, so the last bar closes the sixth number', () => {
    const r = importText(text.replace(line, '一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 |'));
    expect(['p', 'b', 'r', 's', 'l', 'o', 't'].map((c) => cellValue(r.report, `apply.N.${c}`))).toEqual([null, null, null, null, null, null, null]);
    expect(r.diagnostics.map((d) => d.message)).toContain(
      '三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行：只读到 6 个数（1、0、0、0、0、0），应为 7 个，无法确定缺少哪一列；该行留空',
    );
  });

  it('leaves a two-label row missing a number blank too', () => {
    const r1 = '三、本年度办理结果 | (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |';
    expect(text).toContain(r1);
    const r = importText(text.replace(r1, '三、本年度办理结果 | (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 1 | |'));
    expect(['p', 'b', 'r', 's', 'l', 'o', 't'].map((c) => cellValue(r.report, `apply.R1.${c}`))).toEqual([null, null, null, null, null, null, null]);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('“（一）予以公开”行：只读到 6 个数');
  });
});

describe('2019 本年增/减 written with full-width signs', () => {
  it('reads －3 and ＋2 as numbers (sample 001, 行政许可 row changed)', () => {
    const text = readFileSync(resolve(SAMPLE_DIR, files.find((f) => f.startsWith('001')) as string), 'utf8');
    expect(text).toContain('行政許可 | 0 | 0 | 0 |');
    const r = importText(text.replace('行政許可 | 0 | 0 | 0 |', '行政許可 | 10 | －3 | ＋2 |'));
    expect(['prevItems', 'change', 'decisions'].map((c) => cellValue(r.report, `active5.license.${c}`))).toEqual([10, -3, 2]);
  });
});

describe('a row label wrapped onto two lines (sample 003, one cell a line)', () => {
  const text = readFileSync(resolve(SAMPLE_DIR, files.find((f) => f.startsWith('003')) as string), 'utf8');
  const h7 = (r: ImportResult) => r.diagnostics.filter((d) => d.code === 'H7').map((d) => d.message);

  it.each([
    ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息\n公开申请数量'],
    ['一、本年新收政府信息公开申请数量', '一、\n本年新收政府信息公开申请数量'],
    ['二、上年结转政府信息公开申请数量', '二、上年结转政府信息\n公开申请数量'],
  ])('reads “%s” broken as %j like the label on one line: same cells, no new finding', (label, wrapped) => {
    expect(text).toContain(`\n${label}\n`);
    const r = importText(text.replace(`\n${label}\n`, `\n${wrapped}\n`), { defaultYear: 1999 });
    const whole = results['003'] as ImportResult;
    expect(cellsOf(r.format).filter((c) => cellValue(r.report, c.id) !== cellValue(whole.report, c.id)).map((c) => c.id)).toEqual([]);
    expect(h7(r)).toEqual(h7(whole));
  });
});
