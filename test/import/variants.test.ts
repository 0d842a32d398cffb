import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../src/import/html';
import { importText } from '../../src/import/text';
import type { ImportResult } from '../../src/import/types';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';

/** Hand-made variants of the samples (test/fixtures/variants), each a layout the importer must read. */
const variant = (name: string) => readFileSync(resolve(__dirname, '../fixtures/variants', name), 'utf8');
const fixture = (n: string): Report => JSON.parse(readFileSync(resolve(__dirname, '../fixtures', `sample-${n}.json`), 'utf8'));
const APPLICANTS = ['p', 'b', 'r', 's', 'l', 'o', 't'];
const row = (r: ImportResult, table: string, id: string, columns = APPLICANTS) => columns.map((c) => cellValue(r.report, `${table}.${id}.${c}`));
const APPEALS = ['review', 'direct', 'after'].flatMap((g) => ['Upheld', 'Corrected', 'Other', 'Pending', 'Total'].map((o) => `${g}${o}`));
const messages = (r: ImportResult) => r.diagnostics.map((d) => d.message);

/** Every number in the report's cells occurs as a number in the input text. */
function numbersComeFromInput(r: ImportResult, input: string): string[] {
  const inInput = new Set(input.match(/\d+(?:\.\d+)?/g) ?? []);
  return cellsOf(r.format)
    .map((c) => cellValue(r.report, c.id))
    .filter((v) => v !== null)
    .map(String)
    .filter((v) => !inInput.has(v) && ![...inInput].some((n) => n.includes(v)));
}

const cellsDiffering = (r: ImportResult, expected: Report, except: readonly string[] = []) =>
  cellsOf(r.format)
    .filter((c) => !except.includes(c.id))
    .filter((c) => cellValue(r.report, c.id) !== cellValue(expected, c.id))
    .map((c) => `${c.id}: ${String(cellValue(r.report, c.id))} ≠ ${String(cellValue(expected, c.id))}`);

describe('importHtml: a web page with merged cells, nested markup, &nbsp; and site furniture', () => {
  const page = variant('sample-001-page.html');
  const r = importHtml(page);

  it('reads every cell of sample 001, the &nbsp; cell as blank with a diagnostic', () => {
    expect(r.format).toBe('2019');
    expect(cellsDiffering(r, fixture('001'), ['apply.R3_2.s'])).toEqual([]);
    expect(cellValue(r.report, 'apply.R3_2.s')).toBeNull();
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'IMPORT', table: 'apply', row: 'R3_2', column: 's', message: expect.stringContaining('单元格为空') }),
    );
  });

  it('finds agency, year and date, and keeps navigation and footer out of the texts', () => {
    expect(r.source).toEqual({ agency: '江西省人民政府办公厅', year: 2019 });
    expect(r.report.publicationDate).toBe('2020-01-20');
    expect(r.report.intro).toBe(fixture('001').intro);
    expect(r.report.overview).toEqual(fixture('001').overview);
    expect(r.report.problems.thisYear).toBe(fixture('001').problems.thisYear);
    expect(JSON.stringify(r.report)).not.toMatch(/首页|版权所有|打印本页|网站标识码|ICP/);
  });
});

describe('digits run together', () => {
  const input = variant('run-together.txt');
  const r = importText(input);

  it('splits a row where 总计 = the six columns allows one cut only (120000315 → 12,0,0,0,0,3,15)', () => {
    expect(row(r, 'apply', 'N')).toEqual([12, 0, 0, 0, 0, 3, 15]);
    expect(row(r, 'apply', 'C')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(messages(r)).toContain(
      '三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行：数字连在一起（120000315），按总计等于各列之和拆分为 12、0、0、0、0、3、15（唯一拆法）',
    );
  });

  it('uses the column identities when the row total allows two cuts (110000011 → 11,…,11, not 1,10,…,11)', () => {
    expect(row(r, 'apply', 'R1')).toEqual([11, 0, 0, 0, 0, 0, 11]);
  });

  it('splits section 四 by its group totals (H4)', () => {
    expect(row(r, 'appeal', 'cases', APPEALS)).toEqual([10, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('does not split a section 二 row, which has no identity to prove the cut', () => {
    expect(row(r, 'active1', 'normative', ['issued', 'repealed', 'inForce'])).toEqual([null, null, null]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ table: 'active1', row: 'normative', severity: 'error' }));
    expect(cellValue(r.report, 'active8.fees.amount')).toBe('12.5');
  });

  it('leaves an ambiguous row blank and says how many cuts fit', () => {
    const amb = importText(variant('run-together-ambiguous.txt'));
    expect(row(amb, 'apply', 'R1')).toEqual([null, null, null, null, null, null, null]);
    expect(messages(amb)).toContain(
      '三、收到和处理政府信息公开申请情况 · “（一）予以公开”行：数字连在一起（110000011），有 2 种符合总计的拆法，无法确定；该行留空',
    );
    expect(row(amb, 'apply', 'R2').every((v) => v === null)).toBe(true);
    expect(row(amb, 'appeal', 'cases', APPEALS).every((v) => v === null)).toBe(true);
    expect(amb.diagnostics.filter((d) => d.table === 'appeal' && d.severity === 'error')).toHaveLength(1);
  });

  it('never outputs a number that is not in its input', () => {
    expect(numbersComeFromInput(r, input)).toEqual([]);
  });
});

describe('cells shuffled across lines and wrapped labels', () => {
  it('reads sample 003 with each row spread unevenly over lines and 四 split over lines', () => {
    const r = importText(variant('shuffled.txt'));
    expect(cellsDiffering(r, fixture('003'))).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('a damaged table', () => {
  const input = variant('damaged.txt');
  const r = importText(input);

  it('leaves a row with a missing number blank and says which row', () => {
    expect(row(r, 'apply', 'R1').every((v) => v === null)).toBe(true);
    expect(messages(r)).toContain(
      '三、收到和处理政府信息公开申请情况 · “（一）予以公开”行：只读到 6 个数（34、0、0、0、0、34），应为 7 个，无法确定缺少哪一列（也没有符合总计与各列勾稽关系的拆法）；该行留空',
    );
    expect(row(r, 'active1', 'normative', ['issued', 'repealed', 'inForce'])).toEqual([null, null, null]);
  });

  it('reads "/" as blank and names the cell', () => {
    expect(cellValue(r.report, 'apply.R3_3.p')).toBeNull();
    expect(cellValue(r.report, 'apply.R3_3.t')).toBe(0);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ row: 'R3_3', column: 'p', message: expect.stringContaining('写作“/”') }));
  });

  it('reads the other rows and invents nothing', () => {
    expect(cellsDiffering(r, fixture('003'), [...APPLICANTS.map((c) => `apply.R1.${c}`), 'apply.R3_3.p', 'active1.normative.issued', 'active1.normative.repealed', 'active1.normative.inForce'])).toEqual([]);
    expect(numbersComeFromInput(r, input)).toEqual([]);
  });
});

describe('a report that mixes the formats and misspells labels', () => {
  const r = importText(variant('mixed-format.txt'));
  const h7 = r.diagnostics.filter((d) => d.code === 'H7');

  it('reads it as 2021 and reports the 2019 single （六）其他处理 row, leaving the three 2021 rows blank', () => {
    expect(r.format).toBe('2021');
    expect(['R6_1', 'R6_2', 'R6_3'].flatMap((id) => row(r, 'apply', id)).every((v) => v === null)).toBe(true);
    expect(h7).toContainEqual(expect.objectContaining({ severity: 'error', table: 'apply', row: 'R6', message: expect.stringContaining('写成了 2019 年版的一行') }));
  });

  it('maps a misspelt row label and misspelt headings, reporting each as H7', () => {
    expect(row(r, 'apply', 'N')).toEqual([202, 0, 0, 0, 0, 0, 202]);
    expect(h7.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        '三：行标签“一、本年新收政府信息公开申请数”应为“一、本年新收政府信息公开申请数量”',
        '四：标题“四、政府信息公开行政复议、诉讼情况”应为“四、政府信息公开行政复议、行政诉讼情况”',
        '五：标题“五、存在的问题及改进情况”应为“五、存在的主要问题及改进情况”',
      ]),
    );
    expect(row(r, 'appeal', 'cases', APPEALS)).toEqual([2, 1, 2, 0, 5, 0, 0, 1, 1, 2, 1, 0, 0, 1, 2]);
  });
});

describe('values the report file cannot hold', () => {
  it('leaves an over-long amount and an oversized count blank with a diagnostic instead of failing', () => {
    const text = variant('run-together.txt')
      .replace('行政事业性收费 12.5', '行政事业性收费 1234567890123.5')
      .replace('行政许可 53153', '行政许可 99999999999999999')
      .replace('本年度未收取信息处理费。', '本年度发出收费通知12345678901234567件，实际收取总金额1234567890123元。');
    const r = importText(text);
    expect(cellValue(r.report, 'active8.fees.amount')).toBeNull();
    expect(cellValue(r.report, 'active5.license.decisions')).toBeNull();
    expect(messages(r)).toContain('二、第二十条第（八）项 · “行政事业性收费”行 · “本年收费金额（单位：万元）”列：“1234567890123.5”数值过大，留空');
    expect(r.report.other.feeNotices).toBeNull();
    expect(r.report.other.feeCollected).toBeNull();
  });
});

describe('a table copied from a browser (tab-separated cells)', () => {
  it('reads blank cells between tabs as blank cells of the row', async () => {
    const { renderText } = await import('../../src/render/text');
    const { toViewModel } = await import('../../src/render/view-model');
    const report = fixture('000');
    const tsv = renderText(toViewModel(report)).replace(/ \| /g, '\t');
    const r = importText(tsv);
    expect(cellsDiffering(r, report)).toEqual([]);
    expect(row(r, 'apply', 'N')).toEqual([7, null, 0, 0, 0, 0, 7]);
  });
});
