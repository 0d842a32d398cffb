import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Packer } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importDocx } from '../../src/import/docx';
import { importPublished } from '../../src/import/index';
import { importPdf } from '../../src/import/pdf';
import type { ImportResult } from '../../src/import/types';
import { hasContent } from '../../src/model/report-content';
import { buildDocx } from '../../src/render/docx';
import { toViewModel } from '../../src/render/view-model';
import { loadFixture } from '../support/golden';

/** A damaged DOCX or PDF is refused with a Chinese reason that says so, never a library's English or a throw. */

/** A Chinese sentence (after the name of the format): the library's words at most in parentheses. */
const CHINESE = /^(?:DOCX |PDF )?[\u4e00-\u9fff]/;

/** The one diagnostic of a refused import: fatal, in Chinese, the report blank. */
function refusal(r: ImportResult): string {
  expect(r.diagnostics).toHaveLength(1);
  const [only] = r.diagnostics;
  expect(only).toMatchObject({ code: 'IMPORT', severity: 'error', fatal: true });
  expect(hasContent(r.report)).toBe(false);
  const message = only?.message ?? '';
  expect(message).toMatch(CHINESE);
  return message;
}

const docx = async () => new Uint8Array(await Packer.toBuffer(buildDocx(toViewModel(loadFixture('sample-003')))));

/** The offset and length of a zip entry's stored data, from its local file header. */
function entryData(bytes: Uint8Array, name: string): { start: number; length: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 30 < bytes.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const found = bytes.subarray(at + 30, at + 30 + nameLength);
    if (found.length === wanted.length && found.every((b, i) => b === wanted[i])) {
      return { start: at + 30 + nameLength + extraLength, length: view.getUint32(at + 18, true) };
    }
  }
  throw new Error(`${name} not in the zip`);
}

describe('importDocx: a damaged DOCX', () => {
  it('says the file is damaged when bytes of word/document.xml are changed (jszip: “uncompressed data size mismatch”, or text that inflates wrong)', async () => {
    const whole = await docx();
    const { start, length } = entryData(whole, 'word/document.xml');
    for (const share of [0.25, 0.5, 0.75]) {
      const bytes = whole.slice();
      const at = start + Math.floor(length * share);
      for (let i = at; i < at + 3; i++) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
      const message = refusal(await importDocx(bytes));
      expect(message).toBe('DOCX 文件已损坏，无法解压；请重新下载，或用 Word/WPS 打开后另存为 .docx 再导入');
    }
  });

  it('says the file is damaged when word/document.xml is cut in half, instead of importing the first half', async () => {
    const zip = await JSZip.loadAsync(await docx());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    zip.file('word/document.xml', xml.slice(0, Math.floor(xml.length / 2)));
    const r = await importPublished({ name: '年报.docx', bytes: await zip.generateAsync({ type: 'uint8array' }) });
    expect(refusal(r)).toBe('DOCX 文件已损坏：正文（word/document.xml）不完整或格式有误，无法读取；请重新下载，或用 Word/WPS 打开后另存为 .docx 再导入');
  });

  it('says so for mismatched tags too, and still reads well-formed XML with self-closing tags', async () => {
    const zip = await JSZip.loadAsync(await docx());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toMatch(/<w:[a-zA-Z]+[^>]*\/>/);
    expect(xml).toContain('</w:t>');
    zip.file('word/document.xml', xml.replace('</w:t>', ''));
    expect(refusal(await importDocx(await zip.generateAsync({ type: 'uint8array' })))).toMatch(/^DOCX 文件已损坏：正文/);
    expect(hasContent((await importDocx(await docx())).report)).toBe(true);
  });
});

describe('importPdf: a damaged PDF', () => {
  const pdf = () => readFileSync(resolve(__dirname, '../fixtures/variants/sample-003.pdf'), 'latin1');
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

  it('says the file is damaged when an xref entry points past the end (pdf.js: “Bad (uncompressed) XRef entry”)', async () => {
    const text = pdf();
    expect(text).toContain('\n0000001245 00000 n \n');
    const r = await importPdf(bytes(text.replace('\n0000001245 00000 n \n', '\n0070001245 00000 n \n')));
    expect(refusal(r)).toBe('PDF 文件已损坏，第 1 页无法读取（Bad (uncompressed) XRef entry: 3R）；请重新下载或从原文件另存为 PDF 后再导入');
  });

  it('says the file is damaged when a page reference is broken (pdf.js: “Page dictionary kid reference points to wrong type of object”)', async () => {
    const text = pdf();
    expect(text).toContain('/Kids[ 1 0 R 4 0 R 7 0 R 10 0 R 13 0 R');
    const r = await importPdf(bytes(text.replace('/Kids[ 1 0 R 4 0 R 7 0 R 10 0 R 13 0 R', '/Kids[ 1 0 R 4 0 R 7 0 R 10 0 R ?3 0 R')));
    expect(refusal(r)).toMatch(/^PDF 文件已损坏，第 5 页无法读取（Page dictionary kid reference points to wrong type of object\.?）；/);
  });
});
