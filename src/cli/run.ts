import { parseArgs, type ParseArgsConfig } from 'node:util';
import { basename, dirname, extname, join } from 'node:path';
import type { Report } from '../model/report';
import {
  JSON_SYNTAX_PROBLEM,
  MAX_REPORT_FILE_BYTES,
  NOT_UTF8_PROBLEM,
  TOO_LARGE_PROBLEM,
  formatProblems,
  parseReportBytes,
  serializeReport,
} from '../model/report-file';
import type { ImportDiagnostic, ImportResult } from '../import/types';
import { checkReport } from '../rules/check';
import type { Violation } from '../rules/violation';
import { compareViolations } from '../rules/violation';
import type { ReportView } from '../render/view-model';
import { toViewModel, unfilledFigures, unfilledMessage } from '../render/view-model';
import type { CliIo, DirectoryEntry } from './io';
import { PUBLISHED_EXTENSIONS, importDocument, importViolations, isPublishedDocument, publishedSizeLimit } from './published';

/**
 * Exit codes. When several apply, the first listed wins: 2 (the run is incomplete: a usage error, or
 * an input that could not be read, or an output that could not be written) over 1 (a report has
 * errors H1–H7) over 0. A batch check still checks and reports every readable file before exiting 2.
 */
const EXIT_OK = 0;
const EXIT_VIOLATIONS = 1;
const EXIT_USAGE = 2;

class CliError extends Error {}

/** Standard output could not be written: the run stops there. */
class StdoutFailed extends Error {}

const MAIN_HELP = `xxgk — 政府信息公开工作年度报告编制工具

用法：
  xxgk render <年报文件.json> [--to docx,html,txt] [--out <目录>] [--draft]
  xxgk check  <年报文件或目录…> [--last-year <文件或目录>] [--json]
  xxgk import <已发布的年报.txt|.html|.docx|.pdf> [-o <年报文件.json>]
  xxgk <命令> --help

命令：
  render   把年报文件输出为 DOCX、HTML 和纯文本
  check    检查勾稽关系（H1–H7 错误）和其他问题（S1–S9 警告）；也可直接检查已发布的年报
  import   把已发布的年报（文本、网页、Word、PDF）转成年报文件

退出码（同时出现时取靠前的一种）：
  2  用法错误，或有文件无法读取、不是有效的年报文件，或无法写入
  1  年报有错误（H1–H7）
  0  正常
`;

const RENDER_HELP = `用法：xxgk render <年报文件.json> [--to docx,html,txt] [--out <目录>] [--draft]

把年报文件输出为正式格式的文档，文件名与年报文件相同，扩展名分别为 .docx、.html、.txt。
已发布的年报（.txt、.html、.docx、.pdf）请先用 xxgk import 转成年报文件。

选项：
  --to <格式>     输出哪些格式，用逗号分隔：docx、html、txt（默认三种都输出）
  --out <目录>    输出目录（默认当前目录；不存在时自动创建）
  --draft         年报仍有错误或未填写的数字时也输出，标题标注“（草稿）”
  -h, --help      显示本说明

年报仍有错误（H1–H7），或六中有会印成“（未填写）”的收费数字时，不输出正式文档，
列出需要改正的问题并以退出码 1 结束。

退出码（同时出现时取靠前的一种）：
  2  用法错误，年报文件无法读取或不是有效的年报文件，或输出文件无法写入（如没有写入权限、磁盘已满）
  1  年报有错误或未填写的数字，未加 --draft，没有输出
  0  已输出
`;

const CHECK_HELP = `用法：xxgk check <年报文件或目录…> [--last-year <文件或目录>] [--json]

检查年报：勾稽关系等错误（H1–H7）和需要留意的警告（S1–S9）。
既可以是年报文件（.json），也可以是已发布的年报（.txt、.html、.htm、.docx、.pdf）：先导入再检查，
导入时发现的与正式格式不符之处也作为 H7 列出。目录会逐级查找其中的这些文件；
经符号链接再次到达的目录只查一次（形成循环的链接在标准错误说明后跳过）。
年报文件应为 UTF-8 编码、不超过 10 MB；已发布的年报，网页和文本不超过 20 MB，Word 和 PDF 不超过 50 MB。

只给一份年报时，按报告部分（基本信息、一至六）分组列出全部问题：每部分先错误后警告，
再按表格、行、列的顺序。给多份或目录时，每份一行（文件、机关、年度、错误数、警告数），
进度和最后的汇总写到标准错误。无法读取的文件照样报告，其余文件继续检查。

选项：
  --last-year <文件或目录>   上一年度的年报，用于核对上年结转（S1）和现行有效件数（S2）。
                             只检查一份年报且只有一份上一年度年报时，两者直接配对（机关名称可以不同，
                             例如机关改名），但上一年度年报的年度必须是该年报的年度减 1，否则报错
                             （退出码 2）。其余情况按机关名称（不计空格）和年度配对：某机关 2023 年度的
                             年报配该机关 2022 年度的年报。配不上的年报不核对 S1、S2，在标准错误说明。
  --json                     每份年报在标准输出写一行 JSON：
                               {"file", "agency", "year", "format", "lastYear", "errors", "warnings",
                                "violations": [{"code", "severity", "section", "row", "column",
                                                "expected", "actual", "message"}, …],
                                "importNotes": […]}
                             format 是 "2021" 或 "2019"；lastYear 是配对的上一年度年报的年度，没有配对时
                             为 null；errors、warnings 是错误数、警告数；code 是 H1–H7、S1–S9，severity 是
                             "error" 或 "warning"；section 是 "一"…"六"，基本信息为 ""；row、column 是表格
                             的行、列名称，不涉及单元格时为 ""；expected、actual 是应有值和实际值（数字或
                             文字），没有时为 null；message 是中文说明。importNotes 只在已发布的年报才有：
                             导入时的说明（H7 之外）。无法读取的文件写一行 {"file", "error"}，error 是原因。
                             violations 的顺序与单份年报的列表相同。
  -h, --help                 显示本说明

退出码（同时出现时取靠前的一种）：
  2  用法错误，直接配对的上一年度年报年度不对，或有文件（包括 --last-year 给出的）无法读取：
     检查不完整，但能读取的年报都已检查并输出
  1  有年报存在错误（H1–H7）
  0  没有错误（可能有警告）
`;

const IMPORT_HELP = `用法：xxgk import <已发布的年报> [-o <年报文件.json>]

读取已发布的年报（.txt、.html、.htm、.docx、.pdf），转成 xxgk 年报文件。
读不准的单元格留空，不会猜测；与正式格式不符之处（H7）和读取说明写到标准错误。
网页和文本不超过 20 MB，Word 和 PDF 不超过 50 MB；输出的年报文件不能是原文件，也不能超过 10 MB。

选项：
  -o, --out <文件>   输出的年报文件（默认与原文件同名，扩展名 .json，放在当前目录；
                     所在目录不存在时自动创建）
  -h, --help         显示本说明

退出码：0 已输出；2 用法错误，文件无法读取或无法导入，输出文件就是原文件或超过 10 MB，或无法写入输出文件
`;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; a bad option becomes a Chinese message naming it. */
function parse<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new CliError(`${optionProblem(error, args, options)}\n运行 xxgk ${command} --help 查看用法。`);
  }
}

function optionProblem(error: unknown, args: readonly string[], options: Options): string {
  const { code, message = '' } = error as { code?: string; message?: string };
  // Node names the option as '--json', '-j' or '-o, --out <value>'.
  const names = /'(-[^',\s]+)(?:, (--[^'\s]+))?/.exec(message);
  const given = names?.[2] ?? names?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && given) return `不认识的选项：${given}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && given) {
    const name = given.replace(/^-+/, '');
    const entry = Object.entries(options).find(([long, o]) => long === name || o.short === name);
    const long = entry ? `--${entry[0]}` : given;
    if (entry?.[1].type === 'boolean') {
      const written = args.find((a) => a.startsWith(`${long}=`) || (entry[1].short && a.startsWith(`-${entry[1].short}=`)));
      return `选项 ${long} 不带取值${written ? `：“${written}”应只写 ${long}` : ''}`;
    }
    return `选项 ${long} 缺少取值（取值以 - 开头时请写作 ${long}=<取值>）`;
  }
  return `参数有误：${args.join(' ')}`;
}

/** Why a file operation failed, in Chinese, from Node's error code. */
function fsCause(error: unknown, action: '读取' | '写入'): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `没有${action}权限`;
    case 'ENOTDIR':
      return '路径中有一段是文件，不是文件夹';
    case 'EEXIST':
      return '已有同名的文件，路径不是文件夹';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'ENOENT':
      return action === '写入' ? '所在的文件夹不存在' : '找不到';
    case 'EXXGK_NOT_HERE':
      return '这个位置不能新建文件或文件夹（可能是系统文件夹），请换一个输出位置';
    case 'ENOSPC':
      return '磁盘已满';
    case 'EDQUOT':
      return '磁盘配额已用完';
    case 'EROFS':
      return '磁盘是只读的';
    case 'ENAMETOOLONG':
      return '路径过长';
    case 'ELOOP':
      return '符号链接层数过多（可能形成循环）';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件过多';
    case 'EBUSY':
      return '文件正被其他程序占用';
    case 'EIO':
      return '读写磁盘出错';
    case 'ERR_FS_FILE_TOO_LARGE':
      return '文件过大';
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `系统错误${code ? ` ${code}` : ''}：${detail}`;
    }
  }
}

function readProblem(path: string, error: unknown): CliError {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return new CliError(`找不到文件：${path}`);
  if (code === 'EISDIR') return new CliError(`这是一个文件夹，不是文件：${path}`);
  return new CliError(`无法读取文件：${path}（${fsCause(error, '读取')}）`);
}

/** Reads an input file whole; failures, and a file too large for its kind, are CliErrors. */
type ReadInput = (path: string) => Promise<Uint8Array>;

/** The size is checked first: a file of gigabytes is refused, never read into memory. */
async function readInput(io: CliIo, path: string): Promise<Uint8Array> {
  const size = await io.fileSize(path).catch((error: unknown) => {
    throw readProblem(path, error);
  });
  if (isPublishedDocument(path)) {
    const limit = publishedSizeLimit(path);
    if (size > limit.bytes)
      throw new CliError(`${path} 无法导入：文件过大（超过 ${limit.bytes / 1024 / 1024} MB）：${limit.usual}，请确认选择的文件`);
  } else if (size > MAX_REPORT_FILE_BYTES) throw new CliError(`${path} 不是有效的年报文件：\n${indent(TOO_LARGE_PROBLEM)}`);
  return io.readFile(path).catch((error: unknown) => {
    throw readProblem(path, error);
  });
}

const readerOf =
  (io: CliIo): ReadInput =>
  (path) =>
    readInput(io, path);

async function makeFolder(io: CliIo, path: string): Promise<void> {
  try {
    await io.mkdir(path);
  } catch (error) {
    throw new CliError(`无法创建输出文件夹 ${path}：${fsCause(error, '写入')}`);
  }
}

async function writeOutput(io: CliIo, path: string, data: string | Uint8Array): Promise<void> {
  try {
    await io.writeFile(path, data);
  } catch (error) {
    // ENOENT with the folder there: the system refuses new files here (/proc).
    const notHere = (error as { code?: unknown }).code === 'ENOENT' && (await io.isDirectory(dirname(path)));
    throw new CliError(`无法写入 ${path}：${fsCause(notHere ? { code: 'EXXGK_NOT_HERE' } : error, '写入')}`);
  }
}

const IMPORT_HINT = `如果这是已发布的年报（文本、网页、Word 或 PDF），请用 xxgk import 转成年报文件；
xxgk check 可直接检查扩展名为 ${PUBLISHED_EXTENSIONS.join('、')} 的已发布年报。`;

async function loadReport(read: ReadInput, path: string): Promise<Report> {
  const result = parseReportBytes(await read(path));
  if (result.ok) return result.report;
  const notJson = result.problems.some((p) => p.message.startsWith(JSON_SYNTAX_PROBLEM) || p.message === NOT_UTF8_PROBLEM);
  const hint = notJson ? `\n${IMPORT_HINT}` : '';
  throw new CliError(`${path} 不是有效的年报文件：\n${indent(formatProblems(result.problems))}${hint}`);
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

const SEVERITY_LABEL = { error: '错误', warning: '警告' } as const;

function formatViolations(report: Report, violations: readonly Violation[]): string {
  const errors = violations.filter((v) => v.severity === 'error').length;
  const lines = [
    `${report.agency.name} ${report.year}年度年报（${report.format} 年版格式）：${errors} 个错误，${violations.length - errors} 个警告`,
  ];
  let section: string | undefined;
  for (const v of violations) {
    if (v.section !== section) {
      section = v.section;
      lines.push(section ? `【${section}】` : '【基本信息】');
    }
    lines.push(`  ${SEVERITY_LABEL[v.severity]} ${v.code}  ${v.message}`);
    const note = report.notes[v.key];
    if (note) lines.push(`      说明：${note}`);
  }
  return `${lines.join('\n')}\n`;
}

const FORMATS_OUT = ['docx', 'html', 'txt'] as const;
type OutFormat = (typeof FORMATS_OUT)[number];

/**
 * One output, its renderer loaded on demand: `check` and `import` never load docx or handlebars
 * (some 50 ms of every process's start on the reference machine).
 */
async function renderAs(format: OutFormat, vm: ReportView): Promise<Uint8Array | string> {
  switch (format) {
    case 'docx': {
      const [{ buildDocx }, { Packer }] = await Promise.all([import('../render/docx'), import('docx')]);
      return new Uint8Array(await Packer.toBuffer(buildDocx(vm)));
    }
    case 'html':
      return (await import('../render/html')).renderHtml(vm);
    case 'txt':
      return (await import('../render/text')).renderText(vm);
  }
}

async function render(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('render', args, {
    to: { type: 'string' },
    out: { type: 'string' },
    draft: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(RENDER_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError(`请给出要输出的年报文件。\n\n${RENDER_HELP}`);
  if (positionals.length > 1)
    throw new CliError(`一次只能输出一份年报文件，这里给出了 ${positionals.length} 个：${positionals.join('、')}\n请逐个运行 xxgk render。`);
  const file = positionals[0] as string;
  if (isPublishedDocument(file))
    throw new CliError(`${file} 是已发布的年报，不是年报文件：请先用 xxgk import ${file} -o <年报文件.json> 转成年报文件`);
  const wanted = (values.to ?? FORMATS_OUT.join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((f) => !(FORMATS_OUT as readonly string[]).includes(f));
  if (unknown.length > 0 || wanted.length === 0)
    throw new CliError(`--to 只能是 docx、html、txt（用逗号分隔），不认识：${unknown.join('、') || '（空）'}`);
  const report = await loadReport(readerOf(io), file);
  const errors = checkReport(report).filter((v) => v.severity === 'error');
  const unfilled = unfilledFigures(report);
  const draft = Boolean(values.draft);
  if (errors.length > 0 && !draft) {
    io.err(`年报还有 ${errors.length} 个错误，未输出正式文档。请改正后再输出，或加 --draft 输出草稿：\n`);
    io.err(formatViolations(report, errors));
    if (unfilled.length > 0) io.err(`${unfilledMessage(unfilled)}。\n`);
    return EXIT_VIOLATIONS;
  }
  if (unfilled.length > 0 && !draft) {
    io.err(`${unfilledMessage(unfilled)}，然后再输出正式文档，或加 --draft 输出草稿。未输出正式文档。\n`);
    return EXIT_VIOLATIONS;
  }
  const outDir = values.out ?? '.';
  await makeFolder(io, outDir);
  const vm = toViewModel(report, { draft: draft && (errors.length > 0 || unfilled.length > 0) });
  const stem = basename(file, extname(file));
  for (const format of wanted as OutFormat[]) {
    const target = join(outDir, `${stem}.${format}`);
    const data = await renderAs(format, vm);
    await writeOutput(io, target, data);
    io.out(`已输出 ${target}\n`);
  }
  return EXIT_OK;
}

const NO_DIAGNOSTICS: readonly ImportDiagnostic[] = [];

/**
 * What `check` says of one report: the checker's findings and the importer's (H7) in one order,
 * the import notes, and how many of the findings are errors. Lists are built by pushing, never
 * spread: an empty list is another kind of array to the engine than a full one, and each site that
 * met the other kind late threw the run loop's optimised code away.
 */
function findingsOf(
  report: Report,
  diagnostics: readonly ImportDiagnostic[] = NO_DIAGNOSTICS,
  lastYear: Report | undefined,
): { violations: Violation[]; notes: ImportDiagnostic[]; errors: number } {
  const checked = checkReport(report, lastYear ? { lastYear } : {});
  const violations = importViolations(diagnostics, checked, report.format);
  for (let i = 0; i < checked.length; i++) violations.push(checked[i] as Violation);
  violations.sort(compareViolations);
  const notes: ImportDiagnostic[] = [];
  for (let i = 0; i < diagnostics.length; i++) {
    const diagnostic = diagnostics[i] as ImportDiagnostic;
    if (diagnostic.code !== 'H7') notes.push(diagnostic);
  }
  let errors = 0;
  for (let i = 0; i < violations.length; i++) if ((violations[i] as Violation).severity === 'error') errors += 1;
  return { violations, notes, errors };
}

/** One report read for `check`: a report file, or a published document through the importer. */
interface Loaded {
  readonly path: string;
  readonly report?: Report;
  readonly diagnostics?: readonly ImportDiagnostic[];
  readonly problem?: string;
}

async function importFile(read: ReadInput, path: string): Promise<ImportResult> {
  const bytes = await read(path);
  try {
    return await importDocument(path, bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(`${path} 无法导入：${detail}`);
  }
}

async function loadForCheck(read: ReadInput, found: Found): Promise<Loaded> {
  const { path } = found;
  if (found.problem) return { path, problem: found.problem };
  try {
    if (isPublishedDocument(path)) {
      const { report, diagnostics } = await importFile(read, path);
      return { path, report, diagnostics };
    }
    return { path, report: await loadReport(read, path) };
  } catch (error) {
    if (error instanceof CliError) return { path, problem: error.message };
    throw error;
  }
}

const CHECKABLE = /\.(json|txt|html?|docx|pdf)$/i;

/** A file to check, or a folder that could not be read (reported like an unreadable file). */
interface Found {
  readonly path: string;
  readonly problem?: string;
}

/**
 * Expands folders (recursively, files before subfolders, by name) into the checkable files they hold.
 * A folder reached again through a symbolic link is walked once: a link back to a folder above it
 * would loop forever.
 */
async function expandPaths(io: CliIo, paths: readonly string[]): Promise<Found[]> {
  const found: Found[] = [];
  const walked = new Map<string, string>(); // real path → the path it was walked as
  const walk = async (folder: string, above: readonly string[]): Promise<void> => {
    const real = await io.realPath(folder).catch(() => folder);
    const first = walked.get(real);
    if (first !== undefined) {
      io.err(
        above.includes(real)
          ? `xxgk：跳过 ${folder}：它链接到上级文件夹 ${first}，会形成循环\n`
          : `xxgk：跳过 ${folder}：与 ${first} 是同一个文件夹，已经查找过\n`,
      );
      return;
    }
    walked.set(real, folder);
    let entries: DirectoryEntry[];
    try {
      entries = await io.listDirectory(folder);
    } catch (error) {
      found.push({ path: folder, problem: `无法读取文件夹：${folder}（${fsCause(error, '读取')}）` });
      return;
    }
    const subfolders: string[] = [];
    // By name, as a plain sort of the names orders them (UTF-16 code units).
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const paths = entries.map((entry) => join(folder, entry.name));
    // Only entries the listing could not type (symbolic links) are asked about, all at once.
    const folders = await Promise.all(entries.map((entry, i) => entry.isDirectory ?? io.isDirectory(paths[i] as string)));
    paths.forEach((path, i) => {
      if (folders[i]) subfolders.push(path);
      else if (CHECKABLE.test(path)) found.push({ path });
    });
    for (const sub of subfolders) await walk(sub, [...above, real]);
  };
  for (const path of paths) {
    if (await io.isDirectory(path)) await walk(path, []);
    else found.push({ path });
  }
  return found;
}

const agencyKey = (r: Report) => r.agency.name.replace(/\s/g, '');

function violationJson(v: Violation) {
  const [cell] = v.cells;
  return {
    code: v.code,
    severity: v.severity,
    section: v.section,
    row: cell?.rowLabel ?? '',
    column: cell?.columnLabel ?? '',
    expected: v.expected,
    actual: v.actual,
    message: v.message,
  };
}

interface LastYear {
  readonly path: string;
  readonly report: Report;
}

/** Reads the --last-year file or folder; unreadable files are reported and counted. */
async function loadLastYears(io: CliIo, path: string): Promise<{ lastYears: LastYear[]; unreadable: number }> {
  const lastYears: LastYear[] = [];
  let unreadable = 0;
  for (const found of await expandPaths(io, [path])) {
    const loaded = await loadForCheck(readerOf(io), found);
    if (loaded.report) lastYears.push({ path: loaded.path, report: loaded.report });
    else {
      unreadable += 1;
      io.err(`xxgk：（上一年度年报）${loaded.problem}\n`);
    }
  }
  if (lastYears.length === 0) throw new CliError(`没有读到上一年度的年报：${path}`);
  return { lastYears, unreadable };
}

/** With --json on a terminal, the counter is redrawn every this many files (and at the last). */
const PROGRESS_EVERY = 50;

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('check', args, {
    'last-year': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(CHECK_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError(`请给出要检查的年报文件或目录。\n\n${CHECK_HELP}`);
  const files = await expandPaths(io, positionals);
  if (files.length === 0) throw new CliError(`在 ${positionals.join('、')} 中没有找到可检查的文件`);
  const lastYearPath = values['last-year'];
  const { lastYears, unreadable: lastYearsUnreadable } =
    lastYearPath === undefined ? { lastYears: [], unreadable: 0 } : await loadLastYears(io, lastYearPath);
  const byAgencyYear = new Map(lastYears.map((l) => [`${agencyKey(l.report)}|${l.report.year}`, l.report]));
  // One report named by itself gets the full listing; a folder, even of one report, a line a report.
  const single = positionals.length === 1 && files.length === 1 && files[0]?.path === positionals[0];
  /** Last year's report for `report`: a single pair directly (the agency may have been renamed), else by agency and year. */
  const lastYearOf = (path: string, report: Report): Report | undefined => {
    const [only] = lastYears;
    if (files.length === 1 && only && lastYears.length === 1) {
      if (only.report.year !== report.year - 1)
        throw new CliError(
          `上一年度年报 ${only.path} 是 ${only.report.year} 年度的，而 ${path} 是 ${report.year} 年度的：` +
            `请给出 ${report.year - 1} 年度的年报`,
        );
      return only.report;
    }
    return byAgencyYear.get(`${agencyKey(report)}|${report.year - 1}`);
  };

  const json = Boolean(values.json);
  let withErrors = 0;
  let unreadable = 0;
  let warned = 0;
  const unpaired: string[] = [];
  const read = readerOf(io);
  // With --json on a terminal and several files, a counter is drawn on stderr's last line; a message
  // written there during the run erases it first.
  const counter = files.length > 1 && json && io.errIsTerminal;
  for (const [i, found] of files.entries()) {
    // The reads are synchronous (nodeIo): without a turn of the event loop between files, a failed
    // write to standard output (its reader gone, a full disk) would only be told once every file is done.
    if (i > 0) await new Promise((next) => setImmediate(next));
    if (!single && !json) io.err(`[${i + 1}/${files.length}] ${found.path}\n`);
    else if (counter && (i % PROGRESS_EVERY === 0 || i === files.length - 1)) io.err(`\r检查中 ${i + 1}/${files.length}`);
    const loaded = await loadForCheck(read, found);
    const { path, report } = loaded;
    if (!report) {
      unreadable += 1;
      if (json) io.out(`${JSON.stringify({ file: path, error: loaded.problem })}\n`);
      else if (!single) io.out(`${path}\t无法读取\n`);
      io.err(`${counter ? '\r\x1b[K' : ''}xxgk：${loaded.problem}\n`);
      continue;
    }
    const last = lastYearOf(path, report);
    if (lastYears.length > 0 && !last) unpaired.push(`${path}（${report.agency.name} ${report.year} 年度，没有 ${report.year - 1} 年度的）`);
    const { violations, notes, errors } = findingsOf(report, loaded.diagnostics, last);
    const warnings = violations.length - errors;
    if (errors > 0) withErrors += 1;
    if (warnings > 0) warned += 1;
    if (json) {
      io.out(
        `${JSON.stringify({
          file: path,
          agency: report.agency.name,
          year: report.year,
          format: report.format,
          lastYear: last ? last.year : null,
          errors,
          warnings,
          violations: violations.map(violationJson),
          ...(loaded.diagnostics ? { importNotes: notes.map((d) => d.message) } : {}),
        })}\n`,
      );
    } else if (single) {
      io.out(formatViolations(report, violations));
      if (notes.length > 0) io.out(`导入说明：\n${notes.map((d) => `  ${d.message}`).join('\n')}\n`);
    } else {
      io.out(`${path}\t${report.agency.name}\t${report.year}年\t${errors} 个错误\t${warnings} 个警告\n`);
    }
  }
  if (counter) io.err('\n');
  if (unpaired.length > 0)
    io.err(`没有配对到上一年度的年报，未核对上年结转（S1）和现行有效件数（S2）：\n${unpaired.map((u) => `  ${u}\n`).join('')}`);
  if (!single) {
    const fine = files.length - withErrors - unreadable;
    io.err(`共检查 ${files.length} 份：${fine} 份无错误，${withErrors} 份有错误，${unreadable} 份无法读取；${warned} 份有警告\n`);
  }
  if (unreadable + lastYearsUnreadable > 0) return EXIT_USAGE;
  return withErrors > 0 ? EXIT_VIOLATIONS : EXIT_OK;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', args, {
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(IMPORT_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError(`请给出要导入的已发布的年报文件。\n\n${IMPORT_HELP}`);
  if (positionals.length > 1)
    throw new CliError(`一次只能导入一份已发布的年报，这里给出了 ${positionals.length} 个：${positionals.join('、')}\n请逐个运行 xxgk import。`);
  const file = positionals[0] as string;
  if (!isPublishedDocument(file))
    throw new CliError(`只能导入 ${PUBLISHED_EXTENSIONS.join('、')} 文件：${file}`);
  const target = values.out ?? `${basename(file, extname(file))}.json`;
  // The same file under another name too (a symbolic link); an output not there yet is never the input.
  const [source, existing] = await Promise.all([file, target].map((p) => io.realPath(p).catch(() => undefined)));
  if (source !== undefined && source === existing)
    throw new CliError(`输出文件 ${target} 就是要导入的文件 ${file}：写入会覆盖原文。请用 -o 另给一个 .json 文件。`);
  const { report, diagnostics } = await importFile(readerOf(io), file);
  const bytes = new TextEncoder().encode(serializeReport(report));
  if (bytes.length > MAX_REPORT_FILE_BYTES) {
    const size = `${(bytes.length / 1024 / 1024).toFixed(1)} MB`;
    throw new CliError(
      `${file} 导入后的年报文件有 ${size}，超过年报文件的上限 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB（xxgk 不能再打开它），` +
        `未写入 ${target}：原文中可能有异常长的文字，或者不是一份年报`,
    );
  }
  await makeFolder(io, dirname(target));
  await writeOutput(io, target, bytes);
  const filled = Object.values(report.cells).filter((v) => v !== null).length;
  io.out(`已输出 ${target}：${report.agency.name} ${report.year}年度（${report.format} 年版格式），读出 ${filled} 个单元格\n`);
  for (const d of diagnostics) io.err(`${d.code === 'H7' ? `格式问题 H7${d.severity === 'error' ? '（错误）' : ''}` : '说明'}：${d.message}\n`);
  return EXIT_OK;
}

async function dispatch(command: string | undefined, rest: string[], io: CliIo): Promise<number> {
  switch (command) {
    case 'render':
      return render(rest, io);
    case 'check':
      return check(rest, io);
    case 'import':
      return importCommand(rest, io);
    case '-h':
    case '--help':
    case 'help':
      io.out(MAIN_HELP);
      return EXIT_OK;
    case undefined:
      io.err(MAIN_HELP);
      return EXIT_USAGE;
    default:
      io.err(`不认识的命令：${command}\n\n${MAIN_HELP}`);
      return EXIT_USAGE;
  }
}

/** Runs one CLI invocation; never throws: every failure becomes a Chinese message and an exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const guarded: CliIo = {
    ...io,
    out: (text) => {
      try {
        io.out(text);
      } catch (error) {
        throw new StdoutFailed('stdout', { cause: error });
      }
    },
  };
  try {
    const code = await dispatch(command, rest, guarded);
    await io.flushOut().catch((error: unknown) => {
      throw new StdoutFailed('stdout', { cause: error });
    });
    return code;
  } catch (error) {
    if (error instanceof StdoutFailed) {
      // The reader of the pipe has gone (`| head`): stop at once, as quietly as a Unix tool ended by
      // SIGPIPE. Exit code 2: the run did not finish, so 0 or 1 would claim a complete check.
      const code = (error.cause as { code?: unknown } | undefined)?.code;
      if (code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED') io.err(`xxgk：无法写入标准输出：${fsCause(error.cause, '写入')}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      io.err(`xxgk：${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.err(`xxgk：处理时出现意外问题：${detail}\n请把年报文件和这段话发给维护人员。\n`);
    return EXIT_USAGE;
  }
}
