import type { z } from 'zod';
import type { FormatId } from './format';
import { FORMAT_IDS } from './format';
import { blankCells, cellDef, cellsOf, formatForYear } from './formats';
import { describeJsonSyntaxError, findJsonSyntaxError } from './json-syntax';
import { moneyPattern } from './money';
import type { AgencyKind, CellValue, Report } from './report';
import { AGENCY_KINDS, OVERVIEW_TOPICS, REPORT_FILE_KIND, REPORT_FILE_VERSION, reportSchema, valuesInKeyOrder } from './report';
import { bomEncoding } from './text';

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

/** The value at a JSON path inside `value`, or undefined. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/**
 * A figure too large for a double: JSON.parse reads `1e400` as Infinity, which the schema refuses
 * as "not a number" although the file holds one.
 */
function isOverflow(issue: z.core.$ZodIssue, value: unknown): boolean {
  const at = valueAt(value, issue.path);
  if (at !== Infinity && at !== -Infinity) return false;
  const [first, second] = issue.path;
  const figure = first === 'cells' || (first === 'other' && second !== 'items');
  return figure || (issue.code === 'invalid_type' && issue.expected === 'number');
}

/** Adds the official labels of a cell to a problem at `cells.<id>`, so the clerk finds it. */
function describeIssue(issue: z.core.$ZodIssue, format: FormatId | undefined, value: unknown): FileProblem {
  const path = formatPath(issue.path);
  const message = isOverflow(issue, value) ? '数值过大' : issue.message;
  // A message that names its field already (`format 应为 …`) is shown without the path before it.
  if (path && message.startsWith(`${path} `)) return { path: '', message };
  let where = '';
  if (format && issue.path[0] === 'cells' && typeof issue.path[1] === 'string') {
    const cell = cellDef(format, issue.path[1]);
    if (cell) {
      const row = cell.row.label ? `“${cell.row.label}”行` : '';
      where = `（${cell.table.section}、${cell.table.caption} · ${row}“${cell.column.label}”列）`;
    }
  }
  return { path, message: `${message}${where}` };
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

/** Why a JSON value that is not an object (`null`, `42`, `[1, 2]`) is no report file. */
function notAnObject(value: unknown): string {
  // A list is never made a string: its items may be objects that cannot be ([{"toString": 0}]).
  let held = '一个列表（以 [ 开头）';
  if (typeof value === 'number') held = '一个数字';
  else if (typeof value === 'string') held = '一段文字';
  else if (!Array.isArray(value)) held = `“${String(value)}”`; // null, true, false
  return `年报文件应为一个 JSON 对象（以 { 开头），这个文件里却是${held}`;
}

/** More problems than this are counted, not listed: a clerk reads the first ones and fixes the file. */
const MAX_PROBLEMS = 50;

/** Validates an already-parsed JSON value as a report file. */
export function parseReport(value: unknown): ParseResult {
  const report = parseReportFast(value);
  return report ? { ok: true, report } : parseReportWithSchema(value);
}

/** parseReport through the zod schema alone (what parseReportFast must agree with). */
export function parseReportWithSchema(value: unknown): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problems: [{ path: '', message: notAnObject(value) }] };
  const result = reportSchema.safeParse(value, { error: fallbackMessage });
  if (result.success) return { ok: true, report: result.data };
  const format =
    value && typeof value === 'object' && 'format' in value && (value.format === '2021' || value.format === '2019')
      ? value.format
      : undefined;
  const issues = result.error.issues;
  const problems = issues.slice(0, MAX_PROBLEMS).map((i) => describeIssue(i, format, value));
  if (issues.length > MAX_PROBLEMS) problems.push({ path: '', message: `另有 ${issues.length - MAX_PROBLEMS} 个问题未列出` });
  return { ok: false, problems };
}

/** A report file is a few dozen KB; anything this large is not one (and would only stall the app). */
export const MAX_REPORT_FILE_BYTES = 10 * 1024 * 1024;

/** The problem reported for a file over MAX_REPORT_FILE_BYTES (the CLI says it before reading the file). */
export const TOO_LARGE_PROBLEM = `文件过大（超过 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB），不是年报文件：年报文件通常只有几十 KB，请确认选择的文件`;

/** Whether the text's UTF-8 size exceeds the limit (without encoding it when the length alone decides). */
function tooLarge(text: string): boolean {
  if (text.length > MAX_REPORT_FILE_BYTES) return true;
  return text.length * 3 > MAX_REPORT_FILE_BYTES && new TextEncoder().encode(text).length > MAX_REPORT_FILE_BYTES;
}

/** Start of the problem reported for a file that is not JSON at all (the CLI adds a hint to it). */
export const JSON_SYNTAX_PROBLEM = '文件不是有效的 JSON';

/** The problem reported for bytes that are not a report file's text (see parseReportBytes). */
export const NOT_UTF8_PROBLEM =
  '文件不是 UTF-8 编码的文本：xxgk 保存的年报文件都是 UTF-8 编码，这个文件可能被其他程序以别的编码（如 GBK、ANSI）另存过，或者不是年报文件；请以 UTF-8 编码重新保存';

/**
 * A report file as read from disk: UTF-8 (with or without a byte order mark), or UTF-16 with one.
 * xxgk writes UTF-8 only, so other bytes are refused, not guessed at (GBK read as UTF-8 is garbled
 * names, not an error).
 */
export function parseReportBytes(bytes: Uint8Array): ParseResult {
  const encoding = bomEncoding(bytes);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ path: '', message: NOT_UTF8_PROBLEM }] };
  }
  return parseReportFile(text);
}

/**
 * Parses the text of a report file: size, then JSON syntax, then the schema. `sizeLimit: false`
 * for text the app wrote itself (a draft), which is read back whatever its size.
 */
export function parseReportFile(text: string, { sizeLimit = true }: { sizeLimit?: boolean } = {}): ParseResult {
  if (sizeLimit && tooLarge(text)) return { ok: false, problems: [{ path: '', message: TOO_LARGE_PROBLEM }] };
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

// ───────────────────────── the fast path of parseReport ─────────────────────────

/**
 * The parts of a report the fast path knows, in the schema's order: `name(…)` an object and its
 * keys, `name[](…)` a list of such objects. Checked against the schema itself (schemaOutline), so
 * a schema that gains, loses or moves a part switches the fast path off instead of misleading it.
 */
const FAST_OUTLINE =
  'kind version format agency(name kind) year publicationDate deadline intro overview(lead blocks[](topic title text)) ' +
  'tableNotes(active applications appeals) cells problems(lastYear thisYear) ' +
  'other(feeNotices feeNoticeAmount feeCollected items) notes baseline';

/** Parts the outline treats as one value: their insides are checked by the fast path's own code. */
const OPAQUE = new Set(['cells', 'notes', 'baseline']);

interface SchemaNode {
  readonly _zod: { readonly def: { readonly type: string; readonly innerType?: SchemaNode; readonly element?: SchemaNode; readonly shape?: Record<string, SchemaNode> } };
}

/** The outline of an object schema, through defaults, nullables and lists. */
function schemaOutline(node: SchemaNode): string {
  return Object.entries(node._zod.def.shape ?? {})
    .map(([key, child]) => {
      let inner = child;
      let list = '';
      for (;;) {
        const def = inner._zod.def;
        if (def.innerType) inner = def.innerType;
        else if (def.type === 'array' && def.element) {
          inner = def.element;
          list = '[]';
        } else break;
      }
      return inner._zod.def.type === 'object' && !OPAQUE.has(key) ? `${key}${list}(${schemaOutline(inner)})` : `${key}${list}`;
    })
    .join(' ');
}

type CellReader = (value: unknown) => CellValue | typeof INVALID;
const INVALID = Symbol('invalid');
const COUNT_MAX = Number.MAX_SAFE_INTEGER;

const readCount =
  (signed: boolean): CellReader =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v <= COUNT_MAX && v >= (signed ? -COUNT_MAX : 0) ? v : INVALID;

/** Money as the schema gives it back (trimmed); a JSON number, which the schema turns into text, is left to zod. */
function readMoney(decimals: number): CellReader {
  const pattern = moneyPattern(decimals);
  return (v) => {
    if (typeof v !== 'string') return INVALID;
    const trimmed = v.trim();
    return pattern.test(trimmed) ? trimmed : INVALID;
  };
}

interface FastFormat {
  readonly format: FormatId;
  readonly cells: readonly { readonly id: string; readonly read: CellReader }[];
  readonly ids: readonly string[];
}

let fastFormats: Readonly<Record<FormatId, FastFormat>> | null | undefined;

/** Cell readers per format, built once, or null when the schema is not what the fast path knows. */
function readFastFormats(): Readonly<Record<FormatId, FastFormat>> | null {
  const options = reportSchema.options as unknown as readonly SchemaNode[];
  const fits =
    options.length === FORMAT_IDS.length &&
    options.every((option) => schemaOutline(option) === FAST_OUTLINE) &&
    FORMAT_IDS.every((format, i) => {
      const cells = options[i]?._zod.def.shape?.cells;
      let node = cells;
      while (node?._zod.def.innerType) node = node._zod.def.innerType;
      const shape = node?._zod.def.shape ?? {};
      return (
        (options[i]?._zod.def.shape?.format as unknown as { value?: unknown } | undefined)?.value === format &&
        Object.keys(shape).join(' ') === cellsOf(format).map((c) => c.id).join(' ')
      );
    });
  if (!fits) return null;
  const build = (format: FormatId): FastFormat => ({
    format,
    cells: cellsOf(format).map((c) => ({
      id: c.id,
      read: c.kind === 'money' ? readMoney(c.column.decimals ?? 4) : readCount(c.kind === 'signedCount'),
    })),
    ids: cellsOf(format).map((c) => c.id),
  });
  return { '2021': build('2021'), '2019': build('2019') };
}

type Plain = Record<string, unknown>;

/**
 * A report's cells as the schema gives them back (every cell, in the format's order, blank as null),
 * or undefined for an invalid value or a key that is no cell of the format. Building an object of
 * some 200 keys one key at a time costs more than all the rest of parseReportFast: the result is a
 * copy of an object that has those keys in order already, with only the values to change set.
 */
function readCells(input: Plain, fast: FastFormat): Record<string, CellValue> | undefined {
  // A spread would copy symbol keys too, which the schema's result does not have.
  const values = Object.getOwnPropertySymbols(input).length === 0 ? valuesInKeyOrder(input, fast.ids) : undefined;
  return values ? readCellsInOrder(input, values, fast) : readCellsByKey(input, fast);
}

/**
 * The usual input (every cell, in order, as the importer and serializeReport give them): copied
 * whole. Plain data, as a parsed JSON value is: the values checked are those the copy holds.
 */
function readCellsInOrder(input: Plain, values: readonly unknown[], fast: FastFormat): Record<string, CellValue> | undefined {
  const read = { ...input } as Record<string, CellValue>;
  for (const [i, cell] of fast.cells.entries()) {
    const v = values[i];
    if (v === null) continue;
    const parsed = v === undefined ? null : cell.read(v);
    if (parsed === INVALID) return undefined;
    if (parsed !== v) read[cell.id] = parsed;
  }
  return read;
}

/** Any other input: cells absent or undefined are blank (the schema's default), any other key is refused. */
function readCellsByKey(input: Plain, fast: FastFormat): Record<string, CellValue> | undefined {
  const read = blankCells(fast.format);
  let present = 0;
  for (const cell of fast.cells) {
    const v = input[cell.id];
    if (v !== undefined || Object.hasOwn(input, cell.id)) present++;
    if (v === undefined || v === null) continue;
    const parsed = cell.read(v);
    if (parsed === INVALID) return undefined;
    read[cell.id] = parsed;
  }
  return present === Object.keys(input).length ? read : undefined;
}

/** A plain object (literal or JSON) with exactly these own keys, in any order. */
function hasExactly(value: unknown, keys: readonly string[]): value is Plain {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

const TOP_KEYS = FAST_OUTLINE.replace(/\([^()]*(?:\([^()]*\)[^()]*)*\)/g, '').replace(/\[\]/g, '').split(' ');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The schema's isoDate: the pattern and a real calendar day. */
function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

const readFeeNotices = readCount(false);
const readFee = readMoney(2);

/**
 * parseReport without zod for the usual report: every part present and valid, no unknown keys,
 * money as text, no notes and no baseline — what the importer builds and what `serializeReport`
 * writes for a report without notes. The result is built as zod builds it (same values, same key
 * order, every blank cell null). Undefined for anything else, which parseReport then hands to zod:
 * a value never passes here that zod would refuse (test/model/report-fast-path.test.ts).
 */
export function parseReportFast(value: unknown): Report | undefined {
  fastFormats ??= readFastFormats();
  if (!fastFormats || !hasExactly(value, TOP_KEYS)) return undefined;
  const { kind, version, format, agency, year, publicationDate, deadline, intro, overview, tableNotes, cells, problems, other, notes, baseline } = value;
  if (kind !== REPORT_FILE_KIND || version !== REPORT_FILE_VERSION || (format !== '2021' && format !== '2019')) return undefined;
  if (!hasExactly(agency, ['name', 'kind']) || typeof agency.name !== 'string') return undefined;
  const agencyName = agency.name.trim();
  if (agencyName.length === 0 || !(AGENCY_KINDS as readonly unknown[]).includes(agency.kind)) return undefined;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2008 || year > 2100) return undefined;
  for (const date of [publicationDate, deadline]) if (date !== null && !(typeof date === 'string' && isIsoDate(date))) return undefined;
  if (typeof intro !== 'string') return undefined;
  if (!hasExactly(overview, ['lead', 'blocks']) || typeof overview.lead !== 'string' || !Array.isArray(overview.blocks)) return undefined;
  const blocks: { topic: unknown; title: string; text: string }[] = [];
  for (const block of overview.blocks as unknown[]) {
    if (!hasExactly(block, ['topic', 'title', 'text']) || typeof block.title !== 'string' || typeof block.text !== 'string') return undefined;
    if (!(OVERVIEW_TOPICS as readonly unknown[]).includes(block.topic)) return undefined;
    blocks.push({ topic: block.topic, title: block.title, text: block.text });
  }
  if (!hasExactly(tableNotes, ['active', 'applications', 'appeals'])) return undefined;
  if (typeof tableNotes.active !== 'string' || typeof tableNotes.applications !== 'string' || typeof tableNotes.appeals !== 'string') return undefined;
  if (!hasExactly(problems, ['lastYear', 'thisYear']) || typeof problems.lastYear !== 'string' || typeof problems.thisYear !== 'string')
    return undefined;
  if (!hasExactly(other, ['feeNotices', 'feeNoticeAmount', 'feeCollected', 'items']) || typeof other.items !== 'string') return undefined;
  const fees = [other.feeNotices, other.feeNoticeAmount, other.feeCollected].map((v, i) =>
    v === null || v === undefined ? null : (i === 0 ? readFeeNotices : readFee)(v),
  );
  if (fees.includes(INVALID)) return undefined;
  if (!hasExactly(notes, []) || baseline !== null) return undefined;
  // Cells: absent or undefined is blank (the schema's default), any key not a cell of the format is refused.
  if (typeof cells !== 'object' || cells === null || Object.getPrototypeOf(cells) !== Object.prototype) return undefined;
  const read = readCells(cells as Plain, fastFormats[format]);
  if (!read) return undefined;
  return {
    kind,
    version,
    format,
    agency: { name: agencyName, kind: agency.kind },
    year,
    publicationDate,
    deadline,
    intro,
    overview: { lead: overview.lead, blocks },
    tableNotes: { active: tableNotes.active, applications: tableNotes.applications, appeals: tableNotes.appeals },
    cells: read,
    problems: { lastYear: problems.lastYear, thisYear: problems.thisYear },
    other: { feeNotices: fees[0], feeNoticeAmount: fees[1], feeCollected: fees[2], items: other.items },
    notes: {},
    baseline: null,
  } as Report;
}
