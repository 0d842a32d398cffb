import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Packer } from 'docx';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';
import { importDocx, importPublished } from '../../src/import/index';
import type { ImportResult } from '../../src/import/types';
import { cellsOf } from '../../src/model/formats';
import { cellValue } from '../../src/model/report';
import { buildDocx } from '../../src/render/docx';
import { toViewModel } from '../../src/render/view-model';
import { consistentReport } from '../support/build-report';

/** A .docx that is not one (not a zip, a damaged zip, a zip without the document): a Chinese reason, no crash. */

const dir = mkdtempSync(join(tmpdir(), 'xxgk-hardening-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (text: string) => new TextEncoder().encode(text);
const NOT_A_ZIP = '文件不是有效的 DOCX（无法解压）';

async function realDocx(): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(buildDocx(toViewModel(consistentReport('2021')))));
}

async function zipWith(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array' });
}

const errors = (r: ImportResult) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
const blank = (r: ImportResult) => cellsOf(r.report.format).every((c) => cellValue(r.report, c.id) === null);

async function xxgk(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { ...nodeIo, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('a DOCX that is not one', () => {
  it.each([
    ['plain text', async () => bytesOf('这不是 Word 文件，只是改了扩展名。')],
    ['empty', async () => new Uint8Array()],
    ['random bytes', async () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)],
    ['a zip cut in half', async () => (await realDocx()).slice(0, 3000)],
    ['a PDF renamed', async () => bytesOf('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
  ])('%s: the importer says it cannot be unzipped, and reads nothing', async (_, make) => {
    const result = await importDocx(await make());
    expect(errors(result)).toEqual([NOT_A_ZIP]);
    expect(blank(result)).toBe(true);
  });

  it('a zip without word/document.xml: says so', async () => {
    const result = await importDocx(await zipWith({ 'readme.txt': '你好' }));
    expect(errors(result)).toEqual(['DOCX 文件中没有 word/document.xml']);
  });

  it('named .docx but holding text or a PDF: dispatched by content where it can be, never a throw', async () => {
    const text = await importPublished({ name: '年报.docx', bytes: bytesOf('随便一段文字') });
    expect(errors(text)).toEqual([NOT_A_ZIP]);
    const pdf = await importPublished({ name: '年报.docx', bytes: bytesOf('%PDF-1.7\n') });
    expect(errors(pdf).join()).toMatch(/PDF/);
  });

  it('xxgk check and xxgk import: exit code 2 with the reason, no stack trace, no file written', async () => {
    const bad = join(dir, '坏文件.docx');
    writeFileSync(bad, 'not a zip');
    const checked = await xxgk('check', bad);
    expect(checked.code).toBe(2);
    expect(checked.err).toContain(`坏文件.docx 无法导入：${NOT_A_ZIP}`);
    const target = join(dir, 'out.json');
    const imported = await xxgk('import', bad, '-o', target);
    expect(imported.code).toBe(2);
    expect(imported.err).toContain(NOT_A_ZIP);
    expect(existsSync(target)).toBe(false);
    for (const r of [checked, imported]) expect(r.err).not.toMatch(/\bat .*\(|Error:/);
  });
});
