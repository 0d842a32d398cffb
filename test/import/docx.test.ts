import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { describe, expect, it } from 'vitest';
import { importDocx } from '../../src/import/docx';
import { cellValue } from '../../src/model/report';

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ children: text.split('\n').map(p), ...extra });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

/** Section 四 as a Word author might set it: 行政复议 merged down over two header rows. */
function appealsTable(values: readonly string[]): Table {
  const outcomes = ['结果\n维持', '结果\n纠正', '其他\n结果', '尚未\n审结', '总计'];
  return new Table({
    rows: [
      row(cell('行政复议', { columnSpan: 5 }), cell('行政诉讼', { columnSpan: 10 })),
      row(
        ...outcomes.map((o) => cell(o, { verticalMerge: VerticalMergeType.RESTART })),
        cell('未经复议直接起诉', { columnSpan: 5 }),
        cell('复议后起诉', { columnSpan: 5 }),
      ),
      row(...outcomes.map(() => cell('', { verticalMerge: VerticalMergeType.CONTINUE })), ...[...outcomes, ...outcomes].map((o) => cell(o))),
      row(...values.map((v) => cell(v))),
    ],
  });
}

async function docxBytes(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('importDocx', () => {
  it('reads a report laid out inside a one-cell layout table, with the data table nested in it', async () => {
    const layout = new Table({
      rows: [
        row(
          new TableCell({
            children: [
              p('测试县人民政府2022年政府信息公开工作年度报告'),
              p('一、总体情况'),
              p('2022年，本县收到政府信息公开申请3件。'),
              p('四、政府信息公开行政复议、行政诉讼情况'),
              appealsTable(['1', '0', '0', '0', '1', '0', '0', '0', '2', '2', '0', '0', '0', '0', '0']),
              p('五、存在的主要问题及改进情况'),
              p('无。'),
            ],
          }),
        ),
      ],
    });
    const r = await importDocx(await docxBytes([layout, p('测试县人民政府'), p('2023年1月10日')]));
    expect(r.source).toEqual({ agency: '测试县人民政府', year: 2022 });
    expect(r.report.publicationDate).toBe('2023-01-10');
    expect(r.report.overview.lead).toBe('2022年，本县收到政府信息公开申请3件。');
    const appeals = ['review', 'direct', 'after'].flatMap((g) => ['Upheld', 'Corrected', 'Other', 'Pending', 'Total'].map((o) => cellValue(r.report, `appeal.cases.${g}${o}`)));
    expect(appeals).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0]);
  });

  it('skips the cells a vertical merge continues, so they are not read as blank cells', async () => {
    const r = await importDocx(
      await docxBytes([p('四、政府信息公开行政复议、行政诉讼情况'), appealsTable(['0', '0', '0', '0', '0', '3', '0', '0', '0', '3', '', '0', '0', '0', '0'])]),
      { defaultYear: 2022 },
    );
    expect(cellValue(r.report, 'appeal.cases.directTotal')).toBe(3);
    expect(cellValue(r.report, 'appeal.cases.afterUpheld')).toBeNull();
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ table: 'appeal', column: 'afterUpheld', message: expect.stringContaining('单元格为空') }));
  });
});

describe('importHtml and section 四', () => {
  it('ignores an empty header cell before the numbers', async () => {
    const { importHtml } = await import('../../src/import/html');
    const head = '<tr><td></td><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>';
    const values = [2, 0, 0, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0];
    const html = `<p>四、政府信息公开行政复议、行政诉讼情况</p><table>${head}<tr><td>&nbsp;</td>${values.map((v) => `<td>${v}</td>`).join('')}</tr></table>`;
    const r = importHtml(html, { defaultYear: 2022 });
    const read = ['review', 'direct', 'after'].flatMap((g) => ['Upheld', 'Corrected', 'Other', 'Pending', 'Total'].map((o) => cellValue(r.report, `appeal.cases.${g}${o}`)));
    expect(read).toEqual(values);
  });
});
