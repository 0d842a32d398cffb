import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';
import { MAX_REPORT_FILE_BYTES, parseReportFile, serializeReport } from '../../src/model/report-file';
import { consistentReport } from '../support/build-report';

/** Report files far beyond any real one: a clear Chinese message in bounded time, never a crash or a hang. */

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'xxgk-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = consistentReport('2021');
const TOO_LARGE = /^文件过大（超过 10 MB），不是年报文件/;

/** A valid report file whose 开头说明 is `chars` characters long. */
const withIntro = (chars: number, char = '长') => serializeReport({ ...report, intro: char.repeat(chars) });

async function xxgk(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { ...nodeIo, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('parseReportFile on huge input', () => {
  it('refuses a 50 MB report file with one clear message, before parsing it', () => {
    // 'x' × 50 MB is not JSON either: the size message alone shows it was refused before JSON.parse.
    for (const text of [withIntro(50 * MB, 'x'), withIntro(17 * MB), 'x'.repeat(50 * MB)]) {
      const result = parseReportFile(text);
      expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([expect.stringMatching(TOO_LARGE)]);
    }
  });

  it('counts UTF-8 bytes: 4 M Chinese characters (12 MB) are too large, 3 M (9 MB) are read', () => {
    expect(parseReportFile(withIntro(4 * MB)).ok).toBe(false);
    const read = parseReportFile(withIntro(3 * MB));
    expect(read.ok && read.report.intro.length).toBe(3 * MB);
    expect(Buffer.byteLength(withIntro(3 * MB))).toBeLessThan(MAX_REPORT_FILE_BYTES);
  });

  it('lists at most 50 problems of a file full of errors, and counts the rest', () => {
    const value = JSON.parse(serializeReport(report)) as Record<string, unknown>;
    value.overview = { lead: '', blocks: Array.from({ length: 20_000 }, () => ({ topic: 'x', title: 1, text: [] })) };
    const result = parseReportFile(JSON.stringify(value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(51);
    expect(result.problems[0]).toEqual({ path: 'overview.blocks[0].topic', message: expect.stringMatching(/^主题应为/) });
    expect(result.problems.at(-1)).toEqual({ path: '', message: '另有 59950 个问题未列出' });
  });

  it('names at most 20 unknown cells, and how many there are', () => {
    const value = JSON.parse(serializeReport(report)) as { cells: Record<string, unknown> };
    for (let i = 0; i < 100_000; i++) value.cells[`x.${i}`] = 0;
    const result = parseReportFile(JSON.stringify(value));
    const message = result.ok ? '' : (result.problems[0]?.message ?? '');
    expect(message).toMatch(/^2021 年版格式中没有这些单元格：x\.0、x\.1、.*、x\.19 等 100000 个$/);
  });
});

describe('parseReportFile on damaged files', () => {
  const valid = () => JSON.parse(serializeReport(report)) as Record<string, unknown>;

  it('words every problem in Chinese, also where the schema has no message of its own', () => {
    const missing = valid();
    delete missing.agency;
    const mistyped = { ...valid(), notes: { 'S3:x': 1 }, overview: { lead: '', blocks: ['x'] }, baseline: { year: '2020' } };
    const problems = [missing, mistyped].flatMap((v) => {
      const result = parseReportFile(JSON.stringify(v));
      return result.ok ? [] : result.problems;
    });
    expect(problems).toEqual([
      { path: 'agency', message: '缺少这一项' },
      { path: 'overview.blocks[0]', message: '应为对象' },
      { path: 'notes["S3:x"]', message: '应为文字' },
      { path: 'baseline.year', message: '应为数字' },
    ]);
  });
});

describe('the CLI on a 50 MB report file', () => {
  const big = join(dir, 'big.json');
  writeFileSync(big, withIntro(50 * MB, 'x'));

  it.each([['check'], ['render']])('xxgk %s: exit code 2 and the message, no stack trace', async (command) => {
    const r = await xxgk(command, big, ...(command === 'render' ? ['--out', join(dir, 'out')] : []));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是有效的年报文件|无法读取/);
    expect(r.err).toContain('文件过大（超过 10 MB）');
    expect(r.err).not.toMatch(/\bat .*\(|Error:/);
  });
});
