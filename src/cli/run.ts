import { parseArgs, type ParseArgsConfig } from 'node:util';
import { basename, extname, join } from 'node:path';
import { Packer } from 'docx';
import type { Report } from '../model/report';
import { formatProblems, parseReportFile, serializeReport } from '../model/report-file';
import type { ImportDiagnostic, ImportResult } from '../import/types';
import { checkReport } from '../rules/check';
import type { Violation } from '../rules/violation';
import { buildDocx } from '../render/docx';
import { renderHtml } from '../render/html';
import { renderText } from '../render/text';
import { toViewModel } from '../render/view-model';
import type { CliIo } from './io';
import { PUBLISHED_EXTENSIONS, importDocument, importViolations, isPublishedDocument } from './published';

/** Exit codes: 0 fine, 1 the report has errors (H1–H7), 2 usage error or unreadable/invalid file. */
export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

class CliError extends Error {}

const MAIN_HELP = `xxgk — 政府信息公开工作年度报告编制工具

用法：
  xxgk render <年报文件.json> [--to docx,html,txt] [--out <目录>] [--draft]
  xxgk check  <年报文件或目录…> [--last-year <文件或目录>] [--json]
  xxgk import <已发布的年报.txt|.html|.docx|.pdf> -o <年报文件.json>
  xxgk <命令> --help

命令：
  render   把年报文件输出为 DOCX、HTML 和纯文本
  check    检查勾稽关系（H1–H7 错误）和其他问题（S1–S9 警告）；也可直接检查已发布的年报
  import   把已发布的年报（文本、网页、Word、PDF）转成年报文件

退出码：0 正常；1 年报有错误；2 用法错误或文件无法读取、格式不对
`;

const RENDER_HELP = `用法：xxgk render <年报文件.json> [--to docx,html,txt] [--out <目录>] [--draft]

把年报文件输出为正式格式的文档，文件名与年报文件相同，扩展名分别为 .docx、.html、.txt。

选项：
  --to <格式>     输出哪些格式，用逗号分隔：docx、html、txt（默认三种都输出）
  --out <目录>    输出目录（默认当前目录；不存在时自动创建）
  --draft         年报仍有错误时也输出，标题标注“（草稿）”
  -h, --help      显示本说明

年报仍有错误（H1–H7）时不输出正式文档，列出需要改正的问题并以退出码 1 结束。
`;

const CHECK_HELP = `用法：xxgk check <年报文件或目录…> [--last-year <文件或目录>] [--json]

检查年报：勾稽关系等错误（H1–H7）和需要留意的警告（S1–S9）。
只给一份年报时按报告部分分组列出全部问题；给多份或目录时每份一行，最后汇总，进度写到标准错误。
既可以是年报文件（.json），也可以是已发布的年报（.txt、.html、.docx、.pdf，先导入再检查）。
目录会逐级查找其中的这些文件。

选项：
  --last-year <文件或目录>   上一年度的年报，用于核对上年结转（S1）和现行有效件数（S2）；
                             多份时按机关名称和年份配对
  --json                     每份年报输出一行 JSON：{ file, agency, year, format, errors, warnings,
                             violations: [{ code, severity, section, row, column, expected, actual, message }],
                             importNotes（已发布的年报才有）}
  -h, --help                 显示本说明

退出码：0 没有错误（可能有警告）；1 有年报存在错误；2 用法错误，或有文件无法读取
`;

const FORMATS_OUT = ['docx', 'html', 'txt'] as const;
type OutFormat = (typeof FORMATS_OUT)[number];

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const option = /'([^']+)'/.exec(text)?.[1];
    throw new CliError(option ? `不认识的选项或缺少取值：${option}` : `参数有误：${text}`);
  }
}

async function loadReport(io: CliIo, path: string): Promise<Report> {
  const bytes = await readBytes(io, path);
  const result = parseReportFile(new TextDecoder().decode(bytes));
  if (!result.ok) throw new CliError(`${path} 不是有效的年报文件：\n${indent(formatProblems(result.problems))}`);
  return result.report;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

const SEVERITY_LABEL = { error: '错误', warning: '警告' } as const;

export function formatViolations(report: Report, violations: readonly Violation[]): string {
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

async function render(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    to: { type: 'string' },
    out: { type: 'string' },
    draft: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(RENDER_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new CliError(`请给出一个年报文件。\n\n${RENDER_HELP}`);
  const file = positionals[0] as string;
  const wanted = String(values.to ?? FORMATS_OUT.join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((f) => !(FORMATS_OUT as readonly string[]).includes(f));
  if (unknown.length > 0 || wanted.length === 0)
    throw new CliError(`--to 只能是 docx、html、txt（用逗号分隔），不认识：${unknown.join('、') || '（空）'}`);
  const report = await loadReport(io, file);
  const errors = checkReport(report).filter((v) => v.severity === 'error');
  const draft = Boolean(values.draft);
  if (errors.length > 0 && !draft) {
    io.err(`年报还有 ${errors.length} 个错误，未输出正式文档。请改正后再输出，或加 --draft 输出草稿：\n`);
    io.err(formatViolations(report, errors));
    return EXIT_VIOLATIONS;
  }
  const outDir = String(values.out ?? '.');
  await io.mkdir(outDir);
  const vm = toViewModel(report, { draft: draft && errors.length > 0 });
  const stem = basename(file, extname(file));
  for (const format of wanted as OutFormat[]) {
    const target = join(outDir, `${stem}.${format}`);
    const data =
      format === 'docx' ? new Uint8Array(await Packer.toBuffer(buildDocx(vm))) : format === 'html' ? renderHtml(vm) : renderText(vm);
    await io.writeFile(target, data);
    io.out(`已输出 ${target}\n`);
  }
  return EXIT_OK;
}

/** One report read for `check`: a report file, or a published document through the importer. */
interface Loaded {
  readonly path: string;
  readonly report?: Report;
  readonly diagnostics?: readonly ImportDiagnostic[];
  readonly problem?: string;
}

async function readBytes(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(
      code === 'ENOENT' ? `找不到文件：${path}` : code === 'EISDIR' ? `这是一个目录，不是文件：${path}` : `无法读取文件：${path}`,
    );
  }
}

async function importFile(io: CliIo, path: string): Promise<ImportResult> {
  const bytes = await readBytes(io, path);
  try {
    return await importDocument(path, bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(`${path} 无法导入：${detail}`);
  }
}

async function loadForCheck(io: CliIo, path: string): Promise<Loaded> {
  try {
    if (isPublishedDocument(path)) {
      const { report, diagnostics } = await importFile(io, path);
      return { path, report, diagnostics };
    }
    return { path, report: await loadReport(io, path) };
  } catch (error) {
    if (error instanceof CliError) return { path, problem: error.message };
    throw error;
  }
}

const CHECKABLE = /\.(json|txt|html?|docx|pdf)$/i;

/** Expands folders (recursively) into the checkable files they hold, in a stable order. */
async function expandPaths(io: CliIo, paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (await io.isDirectory(path)) {
      const inside = (await io.listDirectory(path)).sort().map((name) => join(path, name));
      const dirs: string[] = [];
      for (const p of inside) {
        if (await io.isDirectory(p)) dirs.push(p);
        else if (CHECKABLE.test(p)) files.push(p);
      }
      files.push(...(await expandPaths(io, dirs)));
    } else {
      files.push(path);
    }
  }
  return files;
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

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
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
  const lastYears: Report[] = [];
  if (typeof lastYearPath === 'string') {
    for (const path of await expandPaths(io, [lastYearPath])) {
      const loaded = await loadForCheck(io, path);
      if (loaded.report) lastYears.push(loaded.report);
      else io.err(`xxgk：上一年度年报 ${loaded.problem}\n`);
    }
    if (lastYears.length === 0) throw new CliError(`没有读到上一年度的年报：${lastYearPath}`);
  }
  const byAgencyYear = new Map(lastYears.map((r) => [`${agencyKey(r)}|${r.year}`, r]));
  const single = files.length === 1;
  // One report and one last-year report pair directly (the agency may have been renamed).
  const lastYearOf = (r: Report) =>
    single && lastYears.length === 1 ? lastYears[0] : byAgencyYear.get(`${agencyKey(r)}|${r.year - 1}`);

  const json = Boolean(values.json);
  let withErrors = 0;
  let unreadable = 0;
  let warned = 0;
  for (const [i, path] of files.entries()) {
    if (!single && !json) io.err(`[${i + 1}/${files.length}] ${path}\n`);
    else if (!single) io.err(`\r检查中 ${i + 1}/${files.length}`);
    const loaded = await loadForCheck(io, path);
    if (!loaded.report) {
      unreadable += 1;
      if (json) io.out(`${JSON.stringify({ file: path, error: loaded.problem })}\n`);
      else io.out(single ? '' : `${path}\t无法读取\n`);
      io.err(`xxgk：${loaded.problem}\n`);
      continue;
    }
    const report = loaded.report;
    const last = lastYearOf(report);
    const checked = checkReport(report, last ? { lastYear: last } : {});
    const violations = [...importViolations(loaded.diagnostics ?? [], checked), ...checked];
    const notes = (loaded.diagnostics ?? []).filter((d) => d.code !== 'H7');
    const errors = violations.filter((v) => v.severity === 'error').length;
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
  if (!single) {
    if (json) io.err('\n');
    const fine = files.length - withErrors - unreadable;
    io.err(`共检查 ${files.length} 份：${fine} 份无错误，${withErrors} 份有错误，${unreadable} 份无法读取；${warned} 份有警告\n`);
  }
  if (withErrors > 0) return EXIT_VIOLATIONS;
  return unreadable > 0 ? EXIT_USAGE : EXIT_OK;
}

const IMPORT_HELP = `用法：xxgk import <已发布的年报> -o <年报文件.json>

读取已发布的年报（.txt、.html、.docx、.pdf），转成 xxgk 年报文件。
读不准的单元格留空，不会猜测；与正式格式不符之处（H7）和读取说明写到标准错误。

选项：
  -o, --out <文件>   输出的年报文件（默认与原文件同名，扩展名 .json，放在当前目录）
  -h, --help         显示本说明

退出码：0 已输出；2 文件无法读取或无法导入
`;

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(IMPORT_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new CliError(`请给出一个已发布的年报文件。\n\n${IMPORT_HELP}`);
  const file = positionals[0] as string;
  if (!isPublishedDocument(file))
    throw new CliError(`只能导入 ${PUBLISHED_EXTENSIONS.join('、')} 文件：${file}`);
  const { report, diagnostics } = await importFile(io, file);
  const target = String(values.out ?? `${basename(file, extname(file))}.json`);
  await io.writeFile(target, serializeReport(report));
  const filled = Object.values(report.cells).filter((v) => v !== null).length;
  io.out(`已输出 ${target}：${report.agency.name} ${report.year}年度（${report.format} 年版格式），读出 ${filled} 个单元格\n`);
  for (const d of diagnostics) io.err(`${d.code === 'H7' ? `格式问题 H7${d.severity === 'error' ? '（错误）' : ''}` : '说明'}：${d.message}\n`);
  return EXIT_OK;
}

/** Runs one CLI invocation; never throws: every failure becomes a Chinese message and an exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'render':
        return await render(rest, io);
      case 'check':
        return await check(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(MAIN_HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        io.err(`不认识的命令：${command}\n\n${MAIN_HELP}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`xxgk：${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.err(`xxgk：处理时出现意外问题：${detail}\n请把年报文件和这段话发给维护人员。\n`);
    return EXIT_USAGE;
  }
}
