import type { z } from 'zod';
import type { FormatId } from './format';
import { cellDef, formatForYear } from './formats';
import { describeJsonSyntaxError, findJsonSyntaxError } from './json-syntax';
import type { AgencyKind, Report } from './report';
import { REPORT_FILE_KIND, REPORT_FILE_VERSION, reportSchema } from './report';

export interface FileProblem {
  /** JSON path of the problem, e.g. `cells["apply.N.p"]`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly report: Report }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(p))
          ? `${i === 0 ? '' : '.'}${String(p)}`
          : `[${JSON.stringify(String(p))}]`,
    )
    .join('');
}

/** Adds the official labels of a cell to a problem at `cells.<id>`, so the clerk finds it. */
function describeIssue(issue: z.core.$ZodIssue, format: FormatId | undefined): FileProblem {
  const path = formatPath(issue.path);
  let where = '';
  if (format && issue.path[0] === 'cells' && typeof issue.path[1] === 'string') {
    const cell = cellDef(format, issue.path[1]);
    if (cell) {
      const row = cell.row.label ? `“${cell.row.label}”行` : '';
      where = `（${cell.table.section}、${cell.table.caption} · ${row}“${cell.column.label}”列）`;
    }
  }
  return { path, message: `${issue.message}${where}` };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: '对象',
  array: '列表',
  string: '文字',
  number: '数字',
  boolean: 'true 或 false',
};

/** Chinese wording for what the schema does not word itself: a missing or mistyped part of the file. */
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? '缺少这一项' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  if (issue.code === 'too_big' || issue.code === 'too_small') return '超出允许的范围';
  return '不符合年报文件的格式';
}

/** More problems than this are counted, not listed: a clerk reads the first ones and fixes the file. */
const MAX_PROBLEMS = 50;

/** Validates an already-parsed JSON value as a report file. */
export function parseReport(value: unknown): ParseResult {
  const result = reportSchema.safeParse(value, { error: fallbackMessage });
  if (result.success) return { ok: true, report: result.data };
  const format =
    value && typeof value === 'object' && 'format' in value && (value.format === '2021' || value.format === '2019')
      ? value.format
      : undefined;
  const issues = result.error.issues;
  const problems = issues.slice(0, MAX_PROBLEMS).map((i) => describeIssue(i, format));
  if (issues.length > MAX_PROBLEMS) problems.push({ path: '', message: `另有 ${issues.length - MAX_PROBLEMS} 个问题未列出` });
  return { ok: false, problems };
}

/** A report file is a few dozen KB; anything this large is not one (and would only stall the app). */
export const MAX_REPORT_FILE_BYTES = 10 * 1024 * 1024;

/** Whether the text's UTF-8 size exceeds the limit (without encoding it when the length alone decides). */
function tooLarge(text: string): boolean {
  if (text.length > MAX_REPORT_FILE_BYTES) return true;
  return text.length * 3 > MAX_REPORT_FILE_BYTES && new TextEncoder().encode(text).length > MAX_REPORT_FILE_BYTES;
}

/** Start of the problem reported for a file that is not JSON at all (the CLI adds a hint to it). */
export const JSON_SYNTAX_PROBLEM = '文件不是有效的 JSON';

/** Parses the text of a report file: size, then JSON syntax, then the schema. */
export function parseReportFile(text: string): ParseResult {
  if (tooLarge(text)) {
    const limit = `${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB`;
    const message = `文件过大（超过 ${limit}），不是年报文件：年报文件通常只有几十 KB，请确认选择的文件`;
    return { ok: false, problems: [{ path: '', message }] };
  }
  let value: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    value = JSON.parse(json);
  } catch {
    // JSON.parse words its error in English (and per engine): locate and word it in Chinese.
    const syntax = findJsonSyntaxError(json);
    const message = syntax ? `${JSON_SYNTAX_PROBLEM}：${describeJsonSyntaxError(syntax)}` : JSON_SYNTAX_PROBLEM;
    return { ok: false, problems: [{ path: '', message }] };
  }
  return parseReport(value);
}

export function formatProblems(problems: readonly FileProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}：${p.message}` : p.message)).join('\n');
}

/** Serialises a report as a report file (stable key order, two-space indent, final newline). */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export interface NewReportOptions {
  readonly agencyName: string;
  readonly agencyKind: AgencyKind;
  readonly year: number;
}

/** A blank report of the format that `year` requires; every cell blank (distinct from 0). */
export function newReport({ agencyName, agencyKind, year }: NewReportOptions): Report {
  const parsed = reportSchema.parse({
    kind: REPORT_FILE_KIND,
    version: REPORT_FILE_VERSION,
    format: formatForYear(year),
    agency: { name: agencyName, kind: agencyKind },
    year,
    intro: `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制本报告。本报告所列数据的统计期限为${year}年1月1日至${year}年12月31日。`,
    overview: {
      lead: '',
      blocks: (['proactive', 'onRequest', 'management', 'platform', 'oversight'] as const).map((topic) => ({
        topic,
        title: '',
        text: '',
      })),
    },
  });
  return parsed;
}
