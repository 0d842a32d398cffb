import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { importPublished } from '../../src/import';
import { cellValue } from '../../src/model/report';
import { buildDocx } from '../../src/render/docx';
import { toViewModel } from '../../src/render/view-model';
import { loadFixture } from '../support/golden';

const SAMPLES = resolve(__dirname, '../../../shared/samples');
const VARIANTS = resolve(__dirname, '../fixtures/variants');
const sampleFile = (n: string) => readdirSync(SAMPLES).find((f) => f.startsWith(n)) ?? '';

describe('importPublished', () => {
  it('reads a .txt sample (UTF-8 with a BOM) as text', async () => {
    const text = new TextEncoder().encode(readFileSync(resolve(SAMPLES, sampleFile('003')), 'utf8'));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...text]);
    const r = await importPublished({ name: '报告.txt', bytes });
    expect(r.source).toEqual({ agency: '沈阳市皇姑区', year: 2023 });
    expect(cellValue(r.report, 'apply.N.t')).toBe(202);
  });

  it('recognises an HTML page by its content even without an extension', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(VARIANTS, 'sample-001-page.html')));
    const r = await importPublished({ name: 'download', bytes });
    expect(r.format).toBe('2019');
    expect(cellValue(r.report, 'active9.procurement.amount')).toBe('493.5');
  });

  it('recognises DOCX and PDF by their magic bytes', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(buildDocx(toViewModel(loadFixture('sample-002')))));
    const fromDocx = await importPublished({ name: 'report.bin', bytes: docx });
    expect(fromDocx.source).toEqual({ agency: '咸宁市地方金融工作局', year: 2022 });
    const fromPdf = await importPublished({ name: 'report', bytes: new Uint8Array(readFileSync(resolve(VARIANTS, 'sample-003.pdf'))) });
    expect(cellValue(fromPdf.report, 'apply.R7.t')).toBe(201);
  });

  it('refuses a legacy .doc file with a clear message', async () => {
    const r = await importPublished({ name: '报告.doc', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]) }, { defaultYear: 2023 });
    expect(r.diagnostics).toEqual([{ code: 'IMPORT', severity: 'error', message: '不支持旧版 Word（.doc）文件，请另存为 .docx 后再导入', fatal: true }]);
  });

  it('reports a damaged DOCX instead of throwing', async () => {
    const r = await importPublished({ name: '报告.docx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }, { defaultYear: 2023 });
    expect(r.diagnostics[0]?.message).toBe('文件不是有效的 DOCX（无法解压）');
  });
});
