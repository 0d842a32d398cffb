import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeIo } from '../../src/cli/io';
import { run } from '../../src/cli/run';
import { parseReportFile, serializeReport } from '../../src/model/report-file';
import { consistentReport, withCells } from '../support/build-report';
import { publishedSample } from '../support/cli';

const exec = promisify(execFile);
const root = resolve(__dirname, '../..');
const fixture = (n: string) => join(root, 'test/fixtures', `sample-${n}.json`);

/** Runs the real command in-process with real files, capturing stdout and stderr. */
async function xxgk(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { ...nodeIo, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xxgk-cli-'));
});

describe('xxgk check', () => {
  it('says a published file holds no report, or why its reader gave up, without the notes of a partial import', async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ['empty.txt', '', '没有读到任何年报内容：文件为空，或不是政府信息公开工作年度报告的正文'],
      ['cut.html', '<html><body><p>', '没有读到任何年报内容：文件为空，或不是政府信息公开工作年度报告的正文'],
      ['bad.pdf', '%PDF-1.7\n这不是 PDF', '文件不是有效的 PDF（无法解析，文件可能已损坏或不完整）'],
    ];
    for (const [name, body, reason] of cases) {
      const file = join(dir, name);
      await writeFile(file, body);
      const r = await xxgk('check', file);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`xxgk：${file} 无法导入：${reason}\n`);
    }
  });

  it('passes a consistent report with exit code 0', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, serializeReport(consistentReport('2021', { 'apply.N.p': 2, 'apply.R1.p': 2 })));
    const r = await xxgk('check', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('测试市测试局 2022年度年报（2021 年版格式）：0 个错误，0 个警告');
  });

  it('reports sample 001’s H3 error in 自然人 and 总计, grouped by section, with exit code 1', async () => {
    const r = await xxgk('check', fixture('001'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('【三】');
    expect(r.out).toContain('错误 H3  三、收到和处理政府信息公开申请情况 · 自然人列：（七）总计 86 ≠ （一）至（六）之和 87');
    expect(r.out).toContain('错误 H3  三、收到和处理政府信息公开申请情况 · 总计列：（七）总计 157 ≠ （一）至（六）之和 158');
  });

  it('uses last year’s report for S1 when given', async () => {
    const last = join(dir, 'last.json');
    const now = join(dir, 'now.json');
    await writeFile(last, serializeReport(withCells({ ...consistentReport('2021'), year: 2021 }, { 'apply.F.p': 4 })));
    await writeFile(now, serializeReport(consistentReport('2021')));
    const r = await xxgk('check', now, '--last-year', last);
    expect(r.code).toBe(0);
    expect(r.out).toContain('警告 S1');
    expect(r.out).toContain('上一年度报告“四、结转下年度继续办理” 4');
  });

  it('explains a missing, malformed or invalid file with exit code 2 and no stack trace', async () => {
    const missing = await xxgk('check', join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toContain('找不到文件');
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"kind": "xxgk-report", ');
    expect((await xxgk('check', broken)).err).toContain('文件不是有效的 JSON');
    const invalid = join(dir, 'invalid.json');
    const good = JSON.parse(serializeReport(consistentReport('2021')));
    good.cells['apply.N.p'] = -3;
    await writeFile(invalid, JSON.stringify(good));
    const r = await xxgk('check', invalid);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cells["apply.N.p"]：不能为负数（三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行“自然人”列）');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('prints help and refuses unknown options', async () => {
    expect((await xxgk('check', '--help')).out).toContain('--last-year');
    const r = await xxgk('check', '--bogus', 'x.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('不认识的选项');
    expect((await xxgk('frobnicate')).code).toBe(2);
  });
});

describe('xxgk check on many reports', () => {
  it('walks folders, prints one line per report and a summary, and goes on past an unreadable file', async () => {
    const folder = join(dir, 'batch');
    await mkdir(join(folder, 'sub'), { recursive: true });
    for (const n of ['001', '002', '003']) await copyFile(fixture(n), join(folder, n === '003' ? 'sub' : '', `s${n}.json`));
    await writeFile(join(folder, 'broken.json'), 'not json');
    await writeFile(join(folder, 'notes.md'), 'ignored');
    const r = await xxgk('check', folder);
    expect(r.code).toBe(2); // an unreadable file makes the check incomplete: 2 wins over 1
    const lines = r.out.trim().split('\n');
    expect(lines).toEqual([
      `${join(folder, 'broken.json')}\t无法读取`,
      `${join(folder, 's001.json')}\t江西省人民政府办公厅\t2019年\t3 个错误\t0 个警告`,
      `${join(folder, 's002.json')}\t咸宁市地方金融工作局\t2022年\t0 个错误\t1 个警告`,
      `${join(folder, 'sub/s003.json')}\t沈阳市皇姑区人民政府\t2023年\t0 个错误\t2 个警告`,
    ]);
    expect(r.err).toContain('[4/4]');
    expect(r.err).toContain('共检查 4 份：2 份无错误，1 份有错误，1 份无法读取；2 份有警告');
  });

  it('prints one JSON object per report with its violations, codes as in the spec', async () => {
    const r = await xxgk('check', fixture('001'), fixture('004'), '--json');
    const objects = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects.map((o) => [o.agency, o.year, o.errors])).toEqual([
      ['江西省人民政府办公厅', 2019, 3],
      ['定海区人民政府', 2022, 3],
    ]);
    expect(objects[0].violations[0]).toEqual({
      code: 'H3',
      severity: 'error',
      section: '三',
      row: '（七）总计',
      column: '自然人',
      expected: 87,
      actual: 86,
      message: '三、收到和处理政府信息公开申请情况 · 自然人列：（七）总计 86 ≠ （一）至（六）之和 87',
    });
  });

  it('pairs each report with the same agency’s report of the year before (S1)', async () => {
    const folder = join(dir, 'pairs');
    await mkdir(folder, { recursive: true });
    const a2021 = withCells({ ...consistentReport('2021'), year: 2021 }, { 'apply.F.p': 5 });
    const a2022 = consistentReport('2021');
    const other = { ...consistentReport('2021'), agency: { name: '另一个局', kind: 'department' as const } };
    await writeFile(join(folder, 'a2021.json'), serializeReport(a2021));
    await writeFile(join(folder, 'a2022.json'), serializeReport(a2022));
    await writeFile(join(folder, 'b2022.json'), serializeReport(other));
    const r = await xxgk('check', join(folder, 'a2022.json'), join(folder, 'b2022.json'), '--last-year', join(folder, 'a2021.json'), '--json');
    const [a, b] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(a.lastYear).toBe(2021);
    expect(a.violations.map((v: { code: string }) => v.code)).toEqual(['S1']);
    expect(b.lastYear).toBeNull();
    expect(b.violations).toEqual([]);
  });
});


describe('xxgk check on published reports', () => {
  it('finds in each published sample exactly the findings of spec §5', async () => {
    const r = await xxgk('check', publishedSample('000'), publishedSample('001'), publishedSample('002'), publishedSample('003'), publishedSample('004'), '--json');
    const found = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const codes = found.map((o) => o.violations.map((v: { code: string; severity: string }) => `${v.severity === 'error' ? 'E' : 'W'}${v.code}`).sort());
    expect(found.map((o) => [o.agency, o.year, o.format])).toEqual([
      ['新晃县', 2022, '2021'],
      ['江西省人民政府办公厅', 2019, '2019'],
      ['咸宁市地方金融工作局', 2022, '2021'],
      ['沈阳市皇姑区', 2023, '2021'],
      ['定海区人民政府', 2022, '2021'],
    ]);
    expect(codes).toEqual([
      ['WH7', 'WS4', 'WS7', 'WS8'], // 五 lacks last year, no fee statement, blank 商业企业, no period
      ['EH3', 'EH3', 'EH7'], // H3 off by 1 in 自然人 and 总计; 六 missing
      ['WS8'],
      ['EH7', 'EH7', 'WH7', 'WS3'], // 本年发件 / 现行有效件 labels; 五 lacks last year; 0/0/0 规范性文件
      ['EH7', 'EH7', 'EH7', 'WH7', 'WS6'], // no tables; 26 vs 24
    ]);
    expect(found[3].violations.filter((v: { code: string }) => v.code === 'H7').map((v: { message: string }) => v.message)).toContain(
      '二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”',
    );
    expect(found[0].importNotes).toContain('原文为繁体字，已转换为简体字');
    expect(r.code).toBe(1);
  });
});

describe('xxgk import', () => {
  it('turns a published text into a report file with the figures of the tables', async () => {
    const target = join(dir, 'imported-003.json');
    const r = await xxgk('import', publishedSample('003'), '-o', target);
    expect(r.code).toBe(0);
    expect(r.out).toContain('沈阳市皇姑区 2023年度（2021 年版格式），读出 200 个单元格');
    expect(r.err).toContain('格式问题 H7（错误）：二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”');
    const parsed = parseReportFile(await readFile(target, 'utf8'));
    expect(parsed.ok && [parsed.report.cells['apply.N.t'], parsed.report.cells['apply.R7.t'], parsed.report.cells['appeal.cases.afterTotal']]).toEqual([202, 201, 2]);
  });

  it('explains a file it cannot read, and a DOCX that is not a zip', async () => {
    const bad = join(dir, 'not-a-zip.docx');
    await writeFile(bad, 'plain text, not a zip');
    const r = await xxgk('import', bad, '-o', join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^xxgk：.*not-a-zip\.docx 无法导入：/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect((await xxgk('import', join(dir, 'report.json'))).err).toContain('只能导入 .txt、.html、.htm、.docx、.pdf 文件');
  });
});

describe('xxgk render', () => {
  it('writes DOCX, HTML and text that carry the report’s figures', async () => {
    const out = join(dir, 'out');
    const r = await xxgk('render', fixture('003'), '--to', 'docx,html,txt', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    const html = await readFile(join(out, 'sample-003.html'), 'utf8');
    const text = await readFile(join(out, 'sample-003.txt'), 'utf8');
    const zip = await JSZip.loadAsync(await readFile(join(out, 'sample-003.docx')));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const doc of [html, text, xml]) {
      expect(doc).toContain('沈阳市皇姑区人民政府2023年政府信息公开工作年度报告');
      expect(doc).toContain('31909');
      expect(doc).toContain('10644');
    }
  });

  it('refuses to render a report with errors unless --draft, which marks the title 草稿', async () => {
    const out = join(dir, 'draft');
    const refused = await xxgk('render', fixture('001'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('未输出正式文档');
    expect(existsSync(join(out, 'sample-001.html'))).toBe(false);
    const draft = await xxgk('render', fixture('001'), '--out', out, '--to', 'txt', '--draft');
    expect(draft.code).toBe(0);
    const text = await readFile(join(out, 'sample-001.txt'), 'utf8');
    expect(text.split('\n')[0]).toBe('江西省人民政府办公厅2019年政府信息公开工作年度报告（草稿）');
  });

  it('refuses a final document that would print “（未填写）” fee figures, without an error; --draft marks it 草稿', async () => {
    const file = join(dir, 'fees.json');
    const report = consistentReport('2021');
    await writeFile(file, serializeReport({ ...report, other: { ...report.other, feeNotices: 0, feeNoticeAmount: null, feeCollected: null } }));
    const out = join(dir, 'fees');
    const refused = await xxgk('render', file, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      '六、其他需要报告的事项：“收费通知总金额”、“实际收取总金额”未填写，正式文本会印出“（未填写）”；请填写（没有的填 0），然后再输出正式文档，或加 --draft 输出草稿。未输出正式文档。\n',
    );
    expect(existsSync(out)).toBe(false);
    const draft = await xxgk('render', file, '--out', out, '--to', 'txt', '--draft');
    expect(draft.code).toBe(0);
    const text = await readFile(join(out, 'fees.txt'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/年政府信息公开工作年度报告（草稿）$/);
    expect(text).toContain('收费通知总金额（未填写）元');
  });

  it('names a bad --to value', async () => {
    const r = await xxgk('render', fixture('003'), '--to', 'pdf');
    expect(r.code).toBe(2);
    expect(r.err).toContain('不认识：pdf');
  });
});

describe('bin/xxgk.mjs', () => {
  beforeAll(async () => {
    await exec('npx', ['vite', 'build', '--mode', 'cli'], { cwd: root }); // never test a stale bundle
  }, 120_000);

  it('runs the built CLI as a real process', async () => {
    const help = await exec('node', [join(root, 'bin/xxgk.mjs'), '--help']);
    expect(help.stdout).toContain('xxgk render <年报文件.json>');
    const failed = await exec('node', [join(root, 'bin/xxgk.mjs'), 'check', fixture('001')]).catch((e: { code: number; stdout: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toContain('H3');
    const misused = await exec('node', [join(root, 'bin/xxgk.mjs'), 'check', '--json=yes', fixture('001')]).catch((e: { code: number; stderr: string }) => e);
    expect(misused).toMatchObject({ code: 2, stderr: 'xxgk：选项 --json 不带取值：“--json=yes”应只写 --json\n运行 xxgk check --help 查看用法。\n' });
  });

  it('stops quietly once the reader of its output has gone (`| head`), with exit code 2', async () => {
    // 1,000 lines (some 100 KB) do not fit in a pipe's 64 KB: a write after the reader has gone is certain.
    const folder = await mkdtemp(join(tmpdir(), 'xxgk-pipe-'));
    for (let i = 0; i < 1000; i++) await copyFile(fixture('001'), join(folder, `r${i}.json`));
    const child = execFile('node', [join(root, 'bin/xxgk.mjs'), 'check', folder]);
    let stderr = '';
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.once('data', () => child.stdout?.destroy());
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at |无法写入/);
    // It stopped there: not every report was checked, and no summary claims they were.
    expect(stderr).not.toContain('[1000/1000]');
    expect(stderr).not.toContain('共检查');
    // Every copy of sample 001 has its H3 error, but the check is incomplete: 2, never a 0 or 1 that claims it complete.
    expect(code).toBe(2);
  }, 60_000);

  it('check --json, its output collected into pieces, also stops once the reader has gone (`| head`)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'xxgk-pipe-json-'));
    for (let i = 0; i < 1000; i++) await copyFile(fixture('001'), join(folder, `r${i}.json`));
    const child = execFile('node', [join(root, 'bin/xxgk.mjs'), 'check', folder, '--json']);
    let stderr = '';
    let first = '';
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.once('data', (chunk: string) => {
      first = chunk;
      child.stdout?.destroy();
    });
    const code = await new Promise((done) => child.on('close', done));
    // Whole lines came first (the piece holds many reports), and then nothing more was claimed.
    const line = JSON.parse(first.split('\n')[0] as string) as { file: string; errors: number };
    expect(line.file).toMatch(/\/r\d+\.json$/);
    expect(line.errors).toBeGreaterThan(0);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at |无法写入|共检查/);
    expect(code).toBe(2);
  }, 60_000);

  it('check and import never load the renderers (docx, handlebars), nor jszip but for a DOCX; render loads what it writes', async () => {
    const log = join(dir, 'modules.log');
    const loaded = async (...argv: string[]) => {
      await writeFile(log, '');
      await exec('node', ['--import', join(root, 'test/support/log-modules.mjs'), join(root, 'bin/xxgk.mjs'), ...argv], {
        env: { ...process.env, XXGK_MODULE_LOG: log },
      }).catch((e: { code?: number }) => expect(e.code).toBe(1));
      return (await readFile(log, 'utf8')).split('\n');
    };
    const renderer = (url: string) => /\/node_modules\/(?:docx|handlebars)\/|\/assets\/(?:docx|handlebars-env)-/.test(url);
    const checked = await loaded('check', fixture('003'));
    // The log is real: the importer's and the checker's modules are in it.
    expect(checked.some((url) => url.endsWith('/dist-cli/xxgk.mjs'))).toBe(true);
    expect(checked.filter(renderer)).toEqual([]);
    const imported = await loaded('import', publishedSample('003'), '-o', join(dir, 'lazy-import.json'));
    expect(imported.some((url) => url.includes('/node_modules/htmlparser2/'))).toBe(true);
    expect(imported.filter(renderer)).toEqual([]);
    // jszip opens DOCX files only: a published text or web page never loads it.
    const unzip = (url: string) => url.includes('/node_modules/jszip/');
    expect(imported.filter(unzip)).toEqual([]);
    const rendered = await loaded('render', fixture('003'), '--to', 'docx', '--out', join(dir, 'lazy-render'));
    expect(rendered.some((url) => url.includes('/node_modules/docx/'))).toBe(true);
    expect(rendered.some((url) => url.includes('/node_modules/handlebars/'))).toBe(false);
    expect((await readFile(join(dir, 'lazy-render', 'sample-003.docx'))).subarray(0, 2).toString()).toBe('PK');
    const docx = await loaded('import', join(dir, 'lazy-render', 'sample-003.docx'), '-o', join(dir, 'lazy-docx.json'));
    expect(docx.some(unzip)).toBe(true);
    // The DOCX was read, not refused: the report it gives names the fixture's agency.
    const agencyOf = async (path: string) => (JSON.parse(await readFile(path, 'utf8')) as { agency: { name: string } }).agency.name;
    expect(await agencyOf(join(dir, 'lazy-docx.json'))).toBe(await agencyOf(fixture('003')));
  }, 60_000);

  it.skipIf(!existsSync('/dev/full')).each([['check'], ['render']])(
    'xxgk %s > /dev/full: “无法写入标准输出：磁盘已满”, exit code 2, no stack trace',
    async (command) => {
      const full = openSync('/dev/full', 'w');
      const args = [join(root, 'bin/xxgk.mjs'), command, fixture('003')];
      if (command === 'render') args.push('--out', join(dir, 'full-out'));
      const child = spawn('node', args, { stdio: ['ignore', full, 'pipe'] });
      closeSync(full);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise((done) => child.on('close', done));
      expect(stderr).toBe('xxgk：无法写入标准输出：磁盘已满\n');
      expect(code).toBe(2);
    },
    60_000,
  );
});
