import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument as importForCli } from '../../src/cli/published';
import { judgeImport } from '../../src/forms/published-import';
import { importPublished } from '../../src/import/index';
import { importText } from '../../src/import/text';
import { hasContent } from '../../src/model/report-content';

/** Input with none of a report's structure is refused (a fatal diagnostic, a blank report), as an unreadable file is. */

const NOT_A_REPORT =
  '没有读到政府信息公开工作年度报告的内容：没有找到年报的统计表格，也没有“一、总体情况”至“六、其他需要报告的事项”的任何标题。请确认粘贴或选择的是年报全文';
const NOT_TEXT = '文件不是文本，或编码无法识别：其中有大量乱码或控制字符，无法作为年报读取';

const SAMPLES = resolve(__dirname, '../../../shared/samples');
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bytes from a fixed-seed generator (xorshift32): the same "random" file on every run. */
function noise(length: number, seed = 2463534242): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe('importPublished: text that is not a report', () => {
  it.each([
    ['你好.txt', '你好，这是一段随便的文字。2024年。'],
    ['lorem.txt', 'Lorem ipsum dolor sit amet'],
    ['page.html', '<html><body><p>Lorem ipsum dolor sit amet</p><p>今天天气很好。</p></body></html>'],
  ])('refuses %s with one fatal diagnostic and a blank report (no “暂按…年导入”, no （未识别机关） draft)', async (name, text) => {
    const r = await importPublished({ name, bytes: utf8(text) });
    expect(r.diagnostics).toEqual([{ code: 'IMPORT', severity: 'error', message: NOT_A_REPORT, fatal: true }]);
    expect(hasContent(r.report)).toBe(false);
    expect(r.source).toEqual({ agency: null, year: null });
  });

  it('still imports a report of which only headings and their text are given, and a table without headings', () => {
    const headed = importText('一、总体情况\n2023年，本局主动公开政府信息120条。', { defaultYear: 2023 });
    expect(headed.diagnostics.some((d) => d.fatal)).toBe(false);
    expect(headed.report.overview.lead).toContain('主动公开政府信息120条');
    const table = importText('行政许可 | 31909 |\n行政处罚 | 258 |', { defaultYear: 2023 });
    expect(table.diagnostics.some((d) => d.fatal)).toBe(false);
    expect(table.report.cells['active6.penalty.decisions']).toBe(258);
  });

  it('leaves an empty or blank file to the shells’ own “文件为空” message, as before', async () => {
    for (const text of ['', '  \n\n\t']) {
      const r = await importPublished({ name: 'a.txt', bytes: utf8(text) });
      expect(r.diagnostics.some((d) => d.fatal)).toBe(false);
      expect(hasContent(r.report)).toBe(false);
    }
  });
});

describe('importPublished: bytes that are not text', () => {
  it.each(['noise.txt', 'noise.html', 'noise'])('refuses random bytes named %s as not text, without the 繁体字 note', async (name) => {
    const r = await importPublished({ name, bytes: noise(3000) });
    expect(r.diagnostics).toEqual([{ code: 'IMPORT', severity: 'error', message: NOT_TEXT, fatal: true }]);
    expect(hasContent(r.report)).toBe(false);
  });

  it('refuses UTF-16 text without its byte-order mark (every other character a NUL)', async () => {
    const text = '一、总体情况\n本年度主动公开政府信息120条。';
    const bytes = new Uint8Array([...text].flatMap((c) => [(c.codePointAt(0) ?? 0) & 0xff, (c.codePointAt(0) ?? 0) >> 8]));
    const r = await importPublished({ name: 'a.txt', bytes });
    expect(r.diagnostics.map((d) => d.message)).toEqual([NOT_TEXT]);
  });

  it('does not take a few stray control characters and replacement characters in a real report for binary data', () => {
    const text = readFileSync(resolve(SAMPLES, readdirSync(SAMPLES).find((f) => f.startsWith('003')) ?? ''), 'utf8');
    const r = importText(text.replace('一、总体情况', '\u0007一、总体情况\uFFFD\u0000').replace('二、', '\f\u001b二、'));
    expect(r.diagnostics.some((d) => d.fatal)).toBe(false);
    expect(r.report.cells['apply.N.t']).toBe(202);
  });
});

describe('the CLI and the app refuse what the importer refuses', () => {
  it('xxgk import: the refusal is the whole message', async () => {
    await expect(importForCli('你好.txt', utf8('你好，这是一段随便的文字。2024年。'))).rejects.toThrow(new Error(NOT_A_REPORT));
    await expect(importForCli('noise.txt', noise(3000))).rejects.toThrow(new Error(NOT_TEXT));
  });

  it('the app: no draft, the refusal as the detail', async () => {
    const result = await importPublished({ name: '粘贴的文本', bytes: utf8('Lorem ipsum dolor sit amet') });
    expect(judgeImport('粘贴的文本', result)).toEqual({
      ok: false,
      notice: { kind: 'error', text: '没有从“粘贴的文本”中读到年报内容，未做任何改动。', details: [NOT_A_REPORT] },
    });
  });
});
