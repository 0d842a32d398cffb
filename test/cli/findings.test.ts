import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { makeFolders, nodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';
import type { Report } from '../../src/model/report';
import { serializeReport } from '../../src/model/report-file';
import { consistentReport, withCells } from '../support/build-report';
import { fsError, publishedSample } from '../support/cli';

/** Runs the real command in-process with real files (some effects may be replaced), capturing its output. */
async function xxgk(argv: string[], effects: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const code = await run(argv, { ...nodeIo, ...effects, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The English of Node or V8 must never reach the clerk. */
const ENGLISH = /Unknown option|argument|JSON at position|Unexpected|not valid JSON|EACCES|ENOSPC|ENOTDIR|EEXIST|意外问题/;


const ofYear = (year: number, cells: Record<string, number> = {}, name = '测试市测试局'): Report =>
  withCells({ ...consistentReport('2021'), year, agency: { name, kind: 'department' } }, cells);

let dir: string;
let good: string;
let bad: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xxgk-cli-findings-'));
  good = join(dir, 'good.json');
  bad = join(dir, 'bad.json');
  await writeFile(good, serializeReport(ofYear(2022)));
  await writeFile(bad, serializeReport(ofYear(2022, { 'apply.R7.p': 99 })));
});

describe('check: importer and checker findings in one order', () => {
  it('lists a published report’s findings by section, 基本信息 first, without a section twice', async () => {
    // Sample 003 without its statistical period: S8 (基本信息) from the checker, H7 (二) from the importer.
    const text = (await readFile(publishedSample('003'), 'utf8')).replace('报告数据统计期限为2023年1月1日至2023年12月31日。', '');
    const file = join(dir, 'no-period.txt');
    await writeFile(file, text);
    const r = await xxgk(['check', file]);
    expect(r.out.split('\n').filter((l) => l.startsWith('【'))).toEqual(['【基本信息】', '【二】', '【五】']);
    expect(r.out).toMatch(/【基本信息】\n {2}警告 S8 [^\n]+\n【二】\n {2}错误 H7 {2}二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”\n {2}错误 H7 [^\n]+\n {2}警告 S3 /);

    const json = JSON.parse((await xxgk(['check', file, '--json'])).out);
    expect(json.violations.map((v: { section: string; code: string }) => `${v.section || '基本信息'} ${v.code}`)).toEqual([
      '基本信息 S8',
      '二 H7',
      '二 H7',
      '二 S3',
      '五 H7',
    ]);
    // The importer's finding names its column by the official label, like the checker's.
    expect(json.violations[1]).toMatchObject({ section: '二', row: '', column: '本年制发件数' });
  });
});

describe('check: one report or a list', () => {
  it('lists a report named alone in full, and a folder a line a report even when it holds one', async () => {
    const alone = await xxgk(['check', bad]);
    expect(alone.code).toBe(1);
    expect(alone.out).toMatch(/^测试市测试局 2022年度年报（2021 年版格式）：\d+ 个错误.*\n【三】\n/);
    expect(alone.err).toBe('');
    const folder = join(dir, 'one-report');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'bad.json'), serializeReport(ofYear(2022, { 'apply.R7.p': 99 })));
    const listed = await xxgk(['check', folder]);
    expect(listed.code).toBe(1);
    expect(listed.out).toMatch(new RegExp(`^${join(folder, 'bad.json')}\t测试市测试局\t2022年\t\\d+ 个错误\t\\d+ 个警告\n$`));
    expect(listed.err).toContain('共检查 1 份：0 份无错误，1 份有错误');
  });
});

describe('check --json: the progress counter', () => {
  const reports = async () => {
    const folder = join(dir, 'progress');
    await mkdir(folder, { recursive: true });
    for (let i = 0; i < 60; i += 1) await writeFile(join(folder, `r${String(i).padStart(2, '0')}.json`), serializeReport(ofYear(2022)));
    return folder;
  };

  it('is never written into a log or a pipe', async () => {
    const r = await xxgk(['check', await reports(), '--json'], { errIsTerminal: false });
    expect(r.out.trim().split('\n')).toHaveLength(60);
    expect(r.err).toBe('共检查 60 份：60 份无错误，0 份有错误，0 份无法读取；0 份有警告\n');
  });

  it('is redrawn on a terminal every 50 files and at the last, then the line is ended', async () => {
    const r = await xxgk(['check', await reports(), '--json'], { errIsTerminal: true });
    expect(r.err).toBe('\r检查中 1/60\r检查中 51/60\r检查中 60/60\n共检查 60 份：60 份无错误，0 份有错误，0 份无法读取；0 份有警告\n');
  });

  it('is erased before a file’s message, so the message starts its own line', async () => {
    const folder = await reports();
    await writeFile(join(folder, 'r00-broken.json'), '{');
    const r = await xxgk(['check', folder, '--json'], { errIsTerminal: true });
    expect(r.code).toBe(2);
    // Carriage return and ANSI "erase to the end of the line" before the message.
    expect(r.err.startsWith(`\r检查中 1/61\r\u001b[Kxxgk：${join(folder, 'r00-broken.json')} 不是有效的年报文件`)).toBe(true);
  });
});

describe('check and render: files that cannot be written', () => {
  it('names the output folder when a file stands where it should be, with exit code 2', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const r = await xxgk(['render', good, '--out', blocker]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`xxgk：无法创建输出文件夹 ${blocker}：已有同名的文件，路径不是文件夹\n`);
    const below = await xxgk(['render', good, '--out', join(blocker, 'out')]);
    expect(below.code).toBe(2);
    expect(below.err).toContain(`无法创建输出文件夹 ${join(blocker, 'out')}：路径中有一段是文件，不是文件夹`);
  });

  it('names the target that is a folder, and import creates the target’s folder', async () => {
    const target = join(dir, 'taken.json');
    await mkdir(target, { recursive: true });
    const r = await xxgk(['import', publishedSample('003'), '-o', target]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`xxgk：无法写入 ${target}：这是一个文件夹，不是文件`);
    const nested = join(dir, 'new', 'folder', 'r.json');
    expect((await xxgk(['import', publishedSample('003'), '-o', nested])).code).toBe(0);
    expect(JSON.parse(await readFile(nested, 'utf8')).year).toBe(2023);
  });

  // procfs answers ENOENT for a new file or folder although the folder above it is there: Node's
  // recursive mkdir then retries forever (the command never ended), and "所在的文件夹不存在" was false.
  it.skipIf(!existsSync('/proc/self'))(
    'ends with a clear message where the system lets no folder or file be made (/proc), with exit code 2',
    async () => {
      const out = `/proc/xxgk-test-${process.pid}/out`;
      const made = await xxgk(['render', good, '--out', out]);
      expect(made.code).toBe(2);
      expect(made.err).toBe(`xxgk：无法创建输出文件夹 ${out}：这个位置不能新建文件或文件夹（可能是系统文件夹），请换一个输出位置\n`);
      const imported = await xxgk(['import', publishedSample('003'), '-o', `/proc/xxgk-test-${process.pid}/r.json`]);
      expect(imported.code).toBe(2);
      expect(imported.err).toContain('无法创建输出文件夹');
      const written = await xxgk(['render', good, '--out', '/proc', '--to', 'txt']);
      expect(written.code).toBe(2);
      expect(written.err).toBe('xxgk：无法写入 /proc/good.txt：这个位置不能新建文件或文件夹（可能是系统文件夹），请换一个输出位置\n');
    },
    10_000,
  );

  it('makes the missing folders of an output path, one level at a time', async () => {
    const nested = join(dir, 'levels', 'two', 'three');
    await makeFolders(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
    await makeFolders(nested); // already there: nothing to do
    const file = join(dir, 'levels', 'a-file');
    await writeFile(file, 'x');
    await expect(makeFolders(file)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(makeFolders(join(file, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.each([
    ['EACCES', '没有写入权限'],
    ['EPERM', '没有写入权限'],
    ['ENOSPC', '磁盘已满'],
    ['EROFS', '磁盘是只读的'],
  ])('explains %s while writing as “%s”, with exit code 2 and no English', async (code, cause) => {
    const out = join(dir, `out-${code.toLowerCase()}`);
    const r = await xxgk(['render', good, '--out', out, '--to', 'txt'], { writeFile: () => Promise.reject(fsError(code)) });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`xxgk：无法写入 ${join(out, 'good.txt')}：${cause}\n`);
    const made = await xxgk(['render', good, '--out', out], { mkdir: () => Promise.reject(fsError(code)) });
    expect(made.err).toBe(`xxgk：无法创建输出文件夹 ${out}：${cause}\n`);
    expect(made.err + r.err).not.toMatch(ENGLISH);
  });
});

describe('check and render: a report file that is not JSON', () => {
  it('gives the line and column in Chinese and points to xxgk import', async () => {
    const file = join(dir, 'cut.json');
    await writeFile(file, '{\n  "kind": "xxgk-report",\n  "version": 1\n  "format": "2021"\n}\n');
    for (const command of ['check', 'render']) {
      const r = await xxgk([command, file]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${file} 不是有效的年报文件：\n  文件不是有效的 JSON：第 4 行第 3 列：应为“,”或“}”，实际是“"”`);
      expect(r.err).toContain('请用 xxgk import 转成年报文件');
      expect(r.err).not.toMatch(ENGLISH);
    }
  });

  it('a published text named .json gets the same hint; render of a published document names xxgk import', async () => {
    const file = join(dir, 'published.json');
    await writeFile(file, await readFile(publishedSample('002')));
    const r = await xxgk(['check', file]);
    expect(r.err).toMatch(/文件不是有效的 JSON：第 1 行第 1 列：应为一个值[^\n]*\n如果这是已发布的年报/);
    const rendered = await xxgk(['render', publishedSample('002')]);
    expect(rendered.code).toBe(2);
    expect(rendered.err).toContain('是已发布的年报，不是年报文件：请先用 xxgk import');
  });
});

describe('check: folders with symbolic links', () => {
  it('walks a folder that links back to itself once, and says so once', async () => {
    const folder = join(dir, 'loop');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'a.json'), serializeReport(ofYear(2022)));
    await writeFile(join(folder, 'sub', 'b.json'), serializeReport(ofYear(2022)));
    await symlink('..', join(folder, 'sub', 'up'));
    await symlink(join(folder, 'sub'), join(folder, 'again'));
    const r = await xxgk(['check', folder]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => l.split('\t')[0])).toEqual([join(folder, 'a.json'), join(folder, 'again/b.json')]);
    expect(r.err.match(/形成循环/g)).toHaveLength(1);
    // `again` comes before `sub` by name: the folder is walked as `again`, and `sub` is then a repeat.
    expect(r.err).toContain(`xxgk：跳过 ${join(folder, 'again', 'up')}：它链接到上级文件夹 ${folder}，会形成循环\n`);
    expect(r.err).toContain(`xxgk：跳过 ${join(folder, 'sub')}：与 ${join(folder, 'again')} 是同一个文件夹，已经查找过\n`);
  });

  it('reports a folder it cannot list like an unreadable file and goes on', async () => {
    const folder = join(dir, 'locked');
    await mkdir(join(folder, 'inner'), { recursive: true });
    await writeFile(join(folder, 'a.json'), serializeReport(ofYear(2022)));
    const listDirectory = (path: string) => (path.endsWith('inner') ? Promise.reject(fsError('EACCES')) : nodeIo.listDirectory(path));
    const r = await xxgk(['check', folder, '--json'], { listDirectory });
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))[1]).toEqual({
      file: join(folder, 'inner'),
      error: `无法读取文件夹：${join(folder, 'inner')}（没有读取权限）`,
    });
  });
});

describe('check: exit code when several outcomes meet (2 over 1 over 0)', () => {
  it('exits 2 when a file cannot be read, even when another report has errors, after checking them all', async () => {
    const r = await xxgk(['check', bad, join(dir, 'missing.json'), good]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${bad}\t测试市测试局\t2022年\t3 个错误`);
    expect(r.out).toContain(`${good}\t测试市测试局\t2022年\t0 个错误`);
    expect(r.err).toContain('共检查 3 份：1 份无错误，1 份有错误，1 份无法读取');
  });

  it('exits 1 for errors and 0 for warnings only', async () => {
    expect((await xxgk(['check', bad, good])).code).toBe(1);
    expect((await xxgk(['check', good, good])).code).toBe(0);
  });

  it('exits 2 when a last-year file cannot be read, after checking with the others', async () => {
    const folder = join(dir, 'last-years');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '2021.json'), serializeReport(ofYear(2021, { 'apply.F.p': 4 })));
    await writeFile(join(folder, 'broken.json'), '{');
    const r = await xxgk(['check', good, '--last-year', folder]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('警告 S1');
    expect(r.err).toContain(`xxgk：（上一年度年报）${join(folder, 'broken.json')} 不是有效的年报文件`);
    const missing = await xxgk(['check', good, '--last-year', join(folder, 'nosuch.json')]);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toContain(`xxgk：（上一年度年报）找不到文件：${join(folder, 'nosuch.json')}`);
  });

  it('is documented in every help text', async () => {
    for (const command of ['check', 'render']) expect((await xxgk([command, '--help'])).out).toContain('退出码（同时出现时取靠前的一种）：\n  2  ');
    expect((await xxgk(['--help'])).out).toContain('退出码（同时出现时取靠前的一种）');
  });
});

describe('check --last-year: last year means the year before', () => {
  it('refuses a single last-year report that is not of the year before, with exit code 2', async () => {
    const old = join(dir, 'r2020.json');
    await writeFile(old, serializeReport(ofYear(2020)));
    const r = await xxgk(['check', good, '--last-year', old]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(`xxgk：上一年度年报 ${old} 是 2020 年度的，而 ${good} 是 2022 年度的：请给出 2021 年度的年报\n`);
    const same = await xxgk(['check', good, '--last-year', good]);
    expect(same.code).toBe(2);
  });

  it('pairs a single report with a renamed agency’s report of the year before', async () => {
    const renamed = join(dir, 'renamed-2021.json');
    await writeFile(renamed, serializeReport(ofYear(2021, { 'apply.F.p': 4 }, '测试市旧名称局')));
    const r = await xxgk(['check', good, '--last-year', renamed, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ lastYear: 2021, violations: [{ code: 'S1' }] });
  });

  it('pairs folders by agency and the year before only, and names the reports left unpaired', async () => {
    const folder = join(dir, 'pairing');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'a2020.json'), serializeReport(ofYear(2020, { 'apply.F.p': 4 })));
    await writeFile(join(folder, 'a2022.json'), serializeReport(ofYear(2022, { 'apply.F.p': 7 })));
    const r = await xxgk(['check', good, bad, '--last-year', folder, '--json']);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.lastYear)).toEqual([null, null]);
    expect(lines[0].violations).toEqual([]);
    expect(r.err).toContain(`没有配对到上一年度的年报，未核对上年结转（S1）和现行有效件数（S2）：\n  ${good}（测试市测试局 2022 年度，没有 2021 年度的）\n  ${bad}（测试市测试局 2022 年度，没有 2021 年度的）\n`);
  });
});

describe('help texts', () => {
  it('check --help gives --last-year’s pairing rule and the JSON shape, the unreadable line included', async () => {
    const help = (await xxgk(['check', '--help'])).out;
    expect(help).toContain('上一年度年报的年度必须是该年报的年度减 1');
    expect(help).toContain('按机关名称（不计空格）和年度配对');
    expect(help).toContain('{"file", "agency", "year", "format", "lastYear", "errors", "warnings",');
    expect(help).toContain('"violations": [{"code", "severity", "section", "row", "column",');
    expect(help).toContain('"expected", "actual", "message"}, …]');
    expect(help).toContain('无法读取的文件写一行 {"file", "error"}');
  });

  it('the JSON lines have exactly the keys the help names', async () => {
    const r = await xxgk(['check', bad, join(dir, 'missing.json'), publishedSample('002'), '--json']);
    const [report, missing, imported] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const keys = ['file', 'agency', 'year', 'format', 'lastYear', 'errors', 'warnings', 'violations'];
    expect(Object.keys(report)).toEqual(keys);
    expect(Object.keys(report.violations[0])).toEqual(['code', 'severity', 'section', 'row', 'column', 'expected', 'actual', 'message']);
    expect(Object.keys(missing)).toEqual(['file', 'error']);
    expect(Object.keys(imported)).toEqual([...keys, 'importNotes']);
  });

  it('render and import --help name their options and exit codes; no command prints the help on stderr', async () => {
    expect((await xxgk(['render', '--help'])).out).toMatch(/--to[\s\S]*--out[\s\S]*--draft[\s\S]*无法写入/);
    expect((await xxgk(['import', '--help'])).out).toMatch(/-o, --out[\s\S]*自动创建[\s\S]*退出码/);
    expect(await xxgk([])).toMatchObject({ code: 2, out: '', err: expect.stringContaining('xxgk render <年报文件.json>') });
  });
});

describe('options given wrongly', () => {
  it.each([
    [['check', '--json=yes', 'x.json'], 'xxgk：选项 --json 不带取值：“--json=yes”应只写 --json\n运行 xxgk check --help 查看用法。\n'],
    [['render', 'x.json', '--draft=1'], 'xxgk：选项 --draft 不带取值：“--draft=1”应只写 --draft\n运行 xxgk render --help 查看用法。\n'],
    [['check', 'x.json', '--bogus'], 'xxgk：不认识的选项：--bogus\n运行 xxgk check --help 查看用法。\n'],
    [['check', 'x.json', '-j'], 'xxgk：不认识的选项：-j\n运行 xxgk check --help 查看用法。\n'],
    [['render', 'x.json', '--out'], 'xxgk：选项 --out 缺少取值（取值以 - 开头时请写作 --out=<取值>）\n运行 xxgk render --help 查看用法。\n'],
    [['import', 'x.txt', '-o'], 'xxgk：选项 --out 缺少取值（取值以 - 开头时请写作 --out=<取值>）\n运行 xxgk import --help 查看用法。\n'],
    [['check', 'x.json', '--last-year', '--json'], 'xxgk：选项 --last-year 缺少取值（取值以 - 开头时请写作 --last-year=<取值>）\n运行 xxgk check --help 查看用法。\n'],
  ])('%j: a Chinese message naming the option, exit code 2', async (argv, message) => {
    const r = await xxgk(argv);
    expect(r).toEqual({ code: 2, out: '', err: message });
  });
});
