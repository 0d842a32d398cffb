import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { nodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';
import { serializeReport } from '../../src/model/report-file';
import { consistentReport, withCells } from '../support/build-report';
import { fsError, publishedSample } from '../support/cli';

/**
 * Input files by encoding and size, import's own output, standard output that cannot be written
 * (the built CLI on /dev/full and a closed pipe: cli.test.ts, which builds it).
 */

const MB = 1024 * 1024;

/** Runs the real command in-process with real files (some effects may be replaced), capturing its output. */
async function xxgk(argv: string[], effects: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const code = await run(argv, { ...nodeIo, out: (t) => (out += t), err: (t) => (err += t), ...effects });
  return { code, out, err };
}

/** The English of Node or V8 must never reach the clerk. */
const ENGLISH = /Error|ENOSPC|EPIPE|ERR_|Cannot|\n\s+at |意外问题/;


/** The agency name 沈阳市皇姑区 in GB18030 (Windows Notepad's "ANSI" on a Chinese system), as iconv writes it. */
const NAME_GB18030 = Uint8Array.of(0xc9, 0xf2, 0xd1, 0xf4, 0xca, 0xd0, 0xbb, 0xca, 0xb9, 0xc3, 0xc7, 0xf8);
const NAME = '沈阳市皇姑区';

/** A valid report file, written as ASCII (other characters as \u escapes) with the agency name as `name` bytes. */
function reportBytes(name: Uint8Array): Uint8Array {
  const report = { ...consistentReport('2021'), agency: { name: 'AGENCY', kind: 'department' as const } };
  const ascii = serializeReport(report).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const [before, after] = ascii.split('AGENCY') as [string, string];
  const encode = (s: string) => new TextEncoder().encode(s);
  return Uint8Array.from([...encode(before), ...name, ...encode(after)]);
}

let dir: string;
let good: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xxgk-cli-io-'));
  good = join(dir, 'good.json');
  await writeFile(good, serializeReport(consistentReport('2021')));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('report files by encoding', () => {
  it('the hard-coded GB18030 bytes are 沈阳市皇姑区 (checked by a GB18030 decoder)', () => {
    expect(new TextDecoder('gb18030').decode(NAME_GB18030)).toBe(NAME);
  });

  it('refuses a report file saved as GB18030, naming the file and asking for UTF-8, with exit code 2', async () => {
    const file = join(dir, 'gb18030.json');
    await writeFile(file, reportBytes(NAME_GB18030));
    for (const command of ['check', 'render']) {
      const r = await xxgk([command, file, ...(command === 'render' ? ['--out', join(dir, 'gb-out')] : [])]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`xxgk：${file} 不是有效的年报文件：\n  文件不是 UTF-8 编码的文本：`);
      expect(r.err).toContain('请以 UTF-8 编码重新保存');
      expect(r.err).not.toMatch(ENGLISH);
    }
    expect(existsSync(join(dir, 'gb-out'))).toBe(false);
  });

  it('lists a GB18030 report file in a batch as unreadable and checks the others', async () => {
    const file = join(dir, 'gb18030-batch.json');
    await writeFile(file, reportBytes(NAME_GB18030));
    const r = await xxgk(['check', file, good]);
    expect(r.code).toBe(2);
    expect(r.out).toBe(`${file}\t无法读取\n${good}\t测试市测试局\t2022年\t0 个错误\t0 个警告\n`);
  });

  it('reads UTF-8 with and without a byte order mark, and UTF-16 (LE and BE) with one', async () => {
    const utf8 = reportBytes(new TextEncoder().encode(NAME));
    const text = new TextDecoder().decode(utf8);
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    const files: [string, Uint8Array][] = [
      ['utf8.json', utf8],
      ['utf8-bom.json', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8])],
      ['utf16le.json', le],
      ['utf16be.json', be],
    ];
    for (const [name, bytes] of files) {
      const file = join(dir, name);
      await writeFile(file, bytes);
      const r = await xxgk(['check', file, '--json']);
      expect([name, r.code, JSON.parse(r.out).agency]).toEqual([name, 0, NAME]);
    }
  });
});

describe('input files by size: refused before they are read', () => {
  /** nodeIo's reads, counted: a refused file must not be read at all. */
  const counting = () => {
    const reads: string[] = [];
    return { reads, readFile: (path: string) => (reads.push(path), nodeIo.readFile(path)) };
  };

  it('a 600 MB report file (sparse): the 10 MB message, exit code 2, nothing read', async () => {
    const file = join(dir, 'huge.json');
    await writeFile(file, '');
    await truncate(file, 600 * MB);
    const { reads, readFile } = counting();
    for (const command of ['check', 'render']) {
      const r = await xxgk([command, file], { readFile });
      expect(r.code).toBe(2);
      expect(r.err).toBe(`xxgk：${file} 不是有效的年报文件：\n  文件过大（超过 10 MB），不是年报文件：年报文件通常只有几十 KB，请确认选择的文件\n`);
    }
    expect(reads).toEqual([]);
  });

  it('a report file of 3 GB (size injected) gets the same message, not an English one', async () => {
    const { reads, readFile } = counting();
    const r = await xxgk(['check', good], { fileSize: () => Promise.resolve(3 * 1024 * MB), readFile });
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain('文件过大（超过 10 MB），不是年报文件');
    expect(r.err).not.toMatch(ENGLISH);
    expect(reads).toEqual([]);
  });

  it('a report file of exactly 10 MB is still read', async () => {
    const r = await xxgk(['check', good], { fileSize: () => Promise.resolve(10 * MB) });
    expect(r.code).toBe(0);
  });

  it.each([
    ['report.html', 21 * MB, 20, '已发布的年报网页或文本通常只有几十到几百 KB'],
    ['report.txt', 21 * MB, 20, '已发布的年报网页或文本通常只有几十到几百 KB'],
    ['report.docx', 51 * MB, 50, '已发布的年报 Word 或 PDF 文件通常只有几 MB'],
    ['report.pdf', 51 * MB, 50, '已发布的年报 Word 或 PDF 文件通常只有几 MB'],
  ])('a published %s of %i bytes: refused with its limit (%i MB), by check and import, nothing read', async (name, size, limit, usual) => {
    const file = join(dir, name);
    await writeFile(file, '');
    await truncate(file, size);
    const { reads, readFile } = counting();
    const message = `${file} 无法导入：文件过大（超过 ${limit} MB）：${usual}，请确认选择的文件`;
    const checked = await xxgk(['check', file], { readFile });
    expect(checked).toEqual({ code: 2, out: '', err: `xxgk：${message}\n` });
    const target = join(dir, `${name}.json`);
    const imported = await xxgk(['import', file, '-o', target], { readFile });
    expect(imported).toEqual({ code: 2, out: '', err: `xxgk：${message}\n` });
    expect(existsSync(target)).toBe(false);
    expect(reads).toEqual([]);
  });

  it('a 3 GB published page in a batch (sparse) is listed as unreadable, the other reports are checked', async () => {
    const folder = join(dir, 'batch-huge');
    await mkdir(folder, { recursive: true });
    const huge = join(folder, 'a-huge.html');
    await writeFile(huge, '');
    await truncate(huge, 3 * 1024 * MB);
    await copyFile(good, join(folder, 'b-good.json'));
    await copyFile(publishedSample('002'), join(folder, 'c-published.txt'));
    const r = await xxgk(['check', folder]);
    expect(r.code).toBe(2);
    expect(r.out.split('\n').map((l) => l.split('\t').slice(0, 2).join('\t'))).toEqual([
      `${huge}\t无法读取`,
      `${join(folder, 'b-good.json')}\t测试市测试局`,
      `${join(folder, 'c-published.txt')}\t咸宁市地方金融工作局`,
      '',
    ]);
    expect(r.err).toContain(`xxgk：${huge} 无法导入：文件过大（超过 20 MB）`);
    expect(r.err).toContain('共检查 3 份：2 份无错误，0 份有错误，1 份无法读取');
  });

  it('a file whose size cannot be learnt is reported like one that cannot be read', async () => {
    const r = await xxgk(['check', good], { fileSize: () => Promise.reject(fsError('EACCES')) });
    expect(r).toEqual({ code: 2, out: '', err: `xxgk：无法读取文件：${good}（没有读取权限）\n` });
    const missing = join(dir, 'missing.json');
    expect((await xxgk(['check', missing])).err).toBe(`xxgk：找不到文件：${missing}\n`);
  });
});

describe('xxgk import: what it writes', () => {
  it('refuses to write over the file it imports, also through a symbolic link, and leaves it as it was', async () => {
    const source = join(dir, 's.txt');
    await copyFile(publishedSample('002'), source);
    const before = await readFile(source);
    const same = await xxgk(['import', source, '-o', source]);
    expect(same).toEqual({
      code: 2,
      out: '',
      err: `xxgk：输出文件 ${source} 就是要导入的文件 ${source}：写入会覆盖原文。请用 -o 另给一个 .json 文件。\n`,
    });
    const link = join(dir, 'link.json');
    await symlink(source, link);
    const linked = await xxgk(['import', source, '-o', link]);
    expect(linked.code).toBe(2);
    expect(linked.err).toContain(`输出文件 ${link} 就是要导入的文件 ${source}`);
    expect(await readFile(source)).toEqual(before);
    // A new output file, and one that is there already but another file, are written.
    const fresh = join(dir, 's-new.json');
    expect((await xxgk(['import', source, '-o', fresh])).code).toBe(0);
    expect((await xxgk(['import', source, '-o', fresh])).code).toBe(0);
  });

  it('refuses to write a report file over 10 MB, which nothing could open', async () => {
    // Sample 003 eleven MB long (under the 20 MB limit of a text): its narratives make a report file over 10 MB.
    const sample = await readFile(publishedSample('003'), 'utf8');
    const source = join(dir, 'long.txt');
    await writeFile(source, sample.repeat(Math.ceil((11 * MB) / Buffer.byteLength(sample))));
    const target = join(dir, 'long.json');
    const r = await xxgk(['import', source, '-o', target]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      new RegExp(`^xxgk：${source} 导入后的年报文件有 1\\d\\.\\d MB，超过年报文件的上限 10 MB（xxgk 不能再打开它），未写入 ${target}：`),
    );
    expect(existsSync(target)).toBe(false);
  }, 60_000);
});

describe('standard output that cannot be written', () => {
  it.each([
    ['ENOSPC', '磁盘已满'],
    ['EIO', '读写磁盘出错'],
  ])('%s: “无法写入标准输出：%s”, exit code 2, nothing more written', async (code, cause) => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, serializeReport(withCells(consistentReport('2021'), { 'apply.R7.p': 99 })));
    let err = '';
    const failing = {
      out: () => {
        throw fsError(code);
      },
      err: (t: string) => (err += t),
    };
    // A report with errors (exit code 1 otherwise): 2 wins, the output is incomplete.
    expect(await run(['check', bad], { ...nodeIo, ...failing })).toBe(2);
    expect(err).toBe(`xxgk：无法写入标准输出：${cause}\n`);
    err = '';
    const out = join(dir, `render-${code}`);
    expect(await run(['render', good, '--out', out], { ...nodeIo, ...failing })).toBe(2);
    expect(err).toBe(`xxgk：无法写入标准输出：${cause}\n`);
  });

  it('fails late (the last write): flushOut’s failure is reported the same way', async () => {
    const r = await xxgk(['check', good], { flushOut: () => Promise.reject(fsError('ENOSPC')) });
    expect(r.code).toBe(2);
    expect(r.out).toContain('0 个错误');
    expect(r.err).toBe('xxgk：无法写入标准输出：磁盘已满\n');
  });

  it('the reader of the pipe has gone (EPIPE): stops at once, quietly, with exit code 2', async () => {
    const folder = join(dir, 'pipe');
    await mkdir(folder, { recursive: true });
    for (const n of ['a', 'b', 'c']) await copyFile(good, join(folder, `${n}.json`));
    let written = 0;
    const out = () => {
      written += 1;
      if (written > 1) throw fsError('EPIPE');
    };
    const r = await xxgk(['check', folder], { out });
    expect(r.code).toBe(2);
    // The first line went out, the second found the pipe closed: no third file, no summary, no message.
    expect(r.err).toBe(`[1/3] ${join(folder, 'a.json')}\n[2/3] ${join(folder, 'b.json')}\n`);
  });
});

describe('wording of report-file problems', () => {
  it.each([
    ['null', '“null”'],
    ['42', '一个数字'],
    ['[1,2]', '一个列表（以 [ 开头）'],
    // A list whose item cannot be made a string (found by the fuzz test): the same message, no TypeError.
    ['[{"toString":0}]', '一个列表（以 [ 开头）'],
    ['true', '“true”'],
    ['"年报"', '一段文字'],
  ])('a file holding %s: it must be a JSON object', async (json, held) => {
    const file = join(dir, 'not-object.json');
    await writeFile(file, json);
    const r = await xxgk(['check', file]);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: `xxgk：${file} 不是有效的年报文件：\n  年报文件应为一个 JSON 对象（以 { 开头），这个文件里却是${held}\n`,
    });
  });

  it('a number too large for a double (1e400) in a cell, a fee or the year: 数值过大, not 应为数字', async () => {
    const file = join(dir, 'overflow.json');
    const text = serializeReport(consistentReport('2021'))
      .replace('"apply.N.p": 0', '"apply.N.p": 1e400')
      .replace('"active8.fees.amount": "0"', '"active8.fees.amount": -1e400')
      .replace('"year": 2022', '"year": 1e400');
    await writeFile(file, text);
    const r = await xxgk(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('\n  year：数值过大\n');
    expect(r.err).toContain('\n  cells["active8.fees.amount"]：数值过大（二、第二十条第（八）项');
    expect(r.err).toContain('\n  cells["apply.N.p"]：数值过大（三、收到和处理政府信息公开申请情况');
    expect(r.err).not.toContain('应为');
  });

  it('a message that names its field is not preceded by the field again (no “format：format 应为”)', async () => {
    const file = join(dir, 'format.json');
    for (const body of ['{"kind":"xxgk-report","version":1,"format":"2020"}', '{"kind":"xxgk-report","version":1}']) {
      await writeFile(file, body);
      expect((await xxgk(['check', file])).err).toBe(`xxgk：${file} 不是有效的年报文件：\n  format 应为 "2021" 或 "2019"\n`);
    }
  });

  it('render and import take one file at a time and say so', async () => {
    const rendered = await xxgk(['render', 'a.json', 'b.json']);
    expect(rendered).toEqual({ code: 2, out: '', err: 'xxgk：一次只能输出一份年报文件，这里给出了 2 个：a.json、b.json\n请逐个运行 xxgk render。\n' });
    expect((await xxgk(['render'])).err).toMatch(/^xxgk：请给出要输出的年报文件。\n/);
    const imported = await xxgk(['import', 'a.txt', 'b.txt']);
    expect(imported.err).toBe('xxgk：一次只能导入一份已发布的年报，这里给出了 2 个：a.txt、b.txt\n请逐个运行 xxgk import。\n');
  });
});
