import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPdf } from '../../src/import/pdf';
import { cellsOf } from '../../src/model/formats';
import { cellValue } from '../../src/model/report';
import { loadFixture } from '../support/golden';

/**
 * sample-003.pdf was made once from sample-003.json with the project's DOCX renderer and
 * LibreOffice (soffice --convert-to pdf). Its tables break across pages with the page footer
 * "— 4 —" inside the table, the 三 header repeated, the vertical labels 三、本年度办理结果 /
 * （三）不予公开 … printed a few characters per line between the rows, and long row labels
 * wrapped above and below their numbers.
 */
const pdf = () => new Uint8Array(readFileSync(resolve(__dirname, '../fixtures/variants/sample-003.pdf')));

/** A valid one-page PDF that only paints a rectangle: what a scan looks like to a text extractor. */
function pdfWithoutText(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 19 >>\nstream\n10 10 100 100 re f\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

describe('importPdf', () => {
  it('reads every cell of a PDF whose tables break across pages, with vertical labels between the rows', async () => {
    const expected = loadFixture('sample-003');
    const r = await importPdf(pdf());
    expect(r.format).toBe('2021');
    const differing = cellsOf('2021').filter((c) => cellValue(r.report, c.id) !== cellValue(expected, c.id)).map((c) => c.id);
    expect(differing).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('finds the wrapped title, the signature date and the narrative parts', async () => {
    const expected = loadFixture('sample-003');
    const r = await importPdf(pdf());
    expect(r.source).toEqual({ agency: '沈阳市皇姑区人民政府', year: 2023 });
    expect(r.report.publicationDate).toBe('2024-02-18');
    expect(r.report.intro).toBe(expected.intro);
    expect(r.report.overview.lead).toBe(expected.overview.lead);
    expect(r.report.overview.blocks.map((b) => [b.topic, b.title])).toEqual(expected.overview.blocks.map((b) => [b.topic, b.title]));
    expect(r.report.other.feeCollected).toBe('0');
    expect(r.report.other.feeNotices).toBe(0);
  });

  it('says 无文字层 for a PDF without a text layer and returns a blank report', async () => {
    const r = await importPdf(pdfWithoutText(), { defaultYear: 2023 });
    expect(r.diagnostics[0]).toMatchObject({ code: 'IMPORT', severity: 'error' });
    expect(r.diagnostics[0]?.message).toMatch(/^无文字层/);
    expect(cellsOf(r.format).every((c) => cellValue(r.report, c.id) === null)).toBe(true);
    expect(r.report.agency.name).toBe('（未识别机关）');
    expect(r.source).toEqual({ agency: null, year: null });
  });

  it('leaves the caller\'s bytes usable (pdfjs transfers the buffer it is given)', async () => {
    const bytes = readFileSync(resolve(__dirname, '../fixtures/variants/sample-003.pdf'));
    await importPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect((await importPdf(bytes)).format).toBe('2021');
  });

  it('reports a file that is not a PDF', async () => {
    const r = await importPdf(new TextEncoder().encode('not a pdf'), { defaultYear: 2023 });
    expect(r.diagnostics[0]?.message).toBe('文件不是有效的 PDF（无法解析，文件可能已损坏或不完整）');
  });

  it('says a PDF with an opening password cannot be read, rather than calling it damaged', async () => {
    // The smallest PDF under the standard security handler whose empty user password does not open it.
    const encrypted =
      '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
      `3 0 obj <</Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'00'.repeat(32)}> /P -4>> endobj\n` +
      `trailer <</Root 1 0 R /Encrypt 3 0 R /ID [<${'22'.repeat(16)}> <${'22'.repeat(16)}>]>>\n%%EOF\n`;
    const r = await importPdf(new TextEncoder().encode(encrypted), { defaultYear: 2023 });
    expect(r.diagnostics).toEqual([{ code: 'IMPORT', severity: 'error', message: 'PDF 文件设有打开密码，无法读取；请去除密码后再导入', fatal: true }]);
  });
});
