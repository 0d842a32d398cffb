import type { ColumnDef, FormatId, TableDef } from '../model/format';
import { FORMATS } from '../model/formats';
import type { CellValue } from '../model/report';
import { tableCellId } from '../model/report';
import { describePlace, readCellText } from './cell-values';
import type { RowSpec } from './labels';
import { checkHeader, joinedKey, matchRow, officialKey, rowSpecs } from './labels';
import { labelKey, similarity } from './normalize';
import { splitRunTogether } from './split-digits';
import type { Token } from './tokens';
import type { ImportDiagnostic } from './types';

/**
 * Reads the three official tables from token streams. Rows are found by their labels, values
 * are taken in column order, and a cell is filled only when its number is certain: a row with
 * too few or too many numbers stays blank unless its digits ran together and the identities
 * (H2 row totals, H1/H3 column sums, H4 group totals) leave exactly one way to cut them.
 */

/** Cells read by id; a blank cell is absent or null. */
export type Cells = Record<string, CellValue>;

export interface TableReading {
  /** The cells read, added to the `cells` the reader was given (a new object if none). */
  readonly cells: Cells;
  readonly diagnostics: ImportDiagnostic[];
  /** At least one row of the family was found. */
  readonly found: boolean;
  /** Sentences after the table (notes printed below it). */
  readonly trailing: string[];
}

type ValueToken = Extract<Token, { kind: 'value' } | { kind: 'blank' }>;

interface RawRow {
  readonly spec: RowSpec;
  readonly how: 'exact' | 'prefix' | 'fuzzy';
  /** The label text run, including any caption, header or group labels before the row label. */
  readonly run: string;
  /** The last text token of the run: the row label cell as published. */
  readonly label: string;
  readonly values: ValueToken[];
  closed: boolean;
  /** Prefix matches: the part of the official label key not yet seen (wrapped past the numbers). */
  missing: string;
  /** How many characters at the end of the run's key are the row label. */
  readonly labelLength: number;
}

interface RowsRead {
  readonly rows: RawRow[];
  /** Text runs that name no row, in order, with whether a row had been read before them. */
  readonly unknown: { text: string; afterRows: boolean; orphanValues: string[] }[];
}

/**
 * Keys of the merged group labels to the left of the rows (三、本年度办理结果, （三）不予公开 …).
 * In PDF they are printed vertically, a few characters per line, between the rows.
 */
interface GroupKeys {
  readonly keys: ReadonlySet<string>;
  /**
   * Every text a key holds that is shorter than that key (some hundred for the short group labels):
   * whether a text is a piece of a group label is then one look-up.
   */
  readonly pieces: ReadonlySet<string>;
}

const groupKeysCache = new WeakMap<readonly RowSpec[], GroupKeys>();

function groupKeys(specs: readonly RowSpec[]): GroupKeys {
  let groups = groupKeysCache.get(specs);
  if (!groups) {
    // The report's own format only: 2019's （六）其他处理 is a row, not a group.
    const own = specs[0]?.format;
    const keys = new Set(specs.filter((s) => s.format === own).flatMap((s) => s.row.groups.map(labelKey)));
    groups = { keys, pieces: new Set([...keys].flatMap(shorterPieces)) };
    groupKeysCache.set(specs, groups);
  }
  return groups;
}

/** The texts that `key` holds, shorter than itself. */
function shorterPieces(key: string): string[] {
  const pieces: string[] = [];
  for (let length = 1; length < key.length; length++) {
    for (let start = 0; start + length <= key.length; start++) pieces.push(key.slice(start, start + length));
  }
  return pieces;
}

/**
 * A piece of a vertically printed group label is context, not part of a row label: drop a
 * token that is such a piece, or cut such a piece (2+ characters) off its start
 * ("度办情形，不计其他情形）" → "情形，不计其他情形）"). Text the current row still misses is kept.
 */
function withoutGroupFragment(text: string, key: string, { keys, pieces }: GroupKeys, missing: string): string {
  // A table without group labels (section 二's) has no fragments of them.
  if (keys.size === 0) return text;
  if (key === '' || keys.has(key) || (missing && missing.startsWith(key))) return text;
  if (pieces.has(key)) return '';
  // The longest start of the key (2+ characters, not all of it) that is a piece of a group label.
  // Every start of a piece is a piece too, so the starts that are pieces are those up to the first that is not.
  let cut = 0;
  while (cut < key.length - 1 && pieces.has(key.slice(0, cut + 1))) cut++;
  if (cut < 2) return text;
  let seen = 0;
  let at = 0;
  for (const ch of text) {
    if (seen === cut) break;
    if (/[\p{Script=Han}A-Za-z0-9]/u.test(ch)) seen++;
    at += ch.length;
  }
  return text.slice(at);
}

/** Whether `textKey` continues a row label that the run before it began: some label holds both, joined. */
function continuesLabel(runKey: string, textKey: string, specs: readonly RowSpec[]): boolean {
  if (!runKey || !textKey) return false;
  const joined = runKey + textKey;
  return specs.some((spec) => {
    for (let n = Math.min(joined.length, spec.key.length); n > textKey.length; n--) {
      if (spec.key.startsWith(joined.slice(joined.length - n))) return true;
    }
    return false;
  });
}

function readRows(tokens: readonly Token[], specs: readonly RowSpec[]): RowsRead {
  const groups = groupKeys(specs);
  const rows: RawRow[] = [];
  const unknown: RowsRead['unknown'] = [];
  /** The label texts since the last value, and their keys (each text is keyed once). */
  let run: string[] = [];
  let runKeys: string[] = [];
  let current: RawRow | undefined;
  let lastUnknown: RowsRead['unknown'][number] | undefined;

  const resolveRun = () => {
    if (!run.length) return;
    const text = run.join('');
    const lastPart = run[run.length - 1] ?? text;
    const key = joinedKey(run, runKeys);
    run = [];
    runKeys = [];
    if (current?.missing && key.startsWith(current.missing)) current.missing = '';
    const match = matchRow(text, specs, key);
    // spec.key is the row label's key.
    const continuation = current !== undefined && current.spec.key.includes(key);
    if (continuation && current?.missing.startsWith(key)) current.missing = current.missing.slice(key.length);
    if (match && !(continuation && match.spec === current?.spec)) {
      let missing = '';
      if (match.how === 'prefix') {
        for (let n = Math.min(key.length, match.spec.key.length); n > 0; n--) {
          if (match.spec.key.startsWith(key.slice(key.length - n))) {
            missing = match.spec.key.slice(n);
            break;
          }
        }
      }
      const labelLength = match.spec.key.length - missing.length;
      current = { spec: match.spec, how: match.how, run: text, label: lastPart, values: [], closed: false, missing, labelLength };
      rows.push(current);
      lastUnknown = undefined;
    } else if (!continuation) {
      lastUnknown = { text, afterRows: rows.length > 0, orphanValues: [] };
      unknown.push(lastUnknown);
      current = undefined;
    }
  };

  for (const token of tokens) {
    if (token.kind === 'text') {
      const key = labelKey(token.text);
      const text = withoutGroupFragment(token.text, key, groups, current?.missing ?? '');
      // A label wrapped onto the next line ("一、本年新收政府信息" / "公开申请数量") is kept whole,
      // though its second line starts like a piece of a group label (公开 of 不予公开).
      if (text !== token.text && continuesLabel(joinedKey(run, runKeys), key, specs)) {
        run.push(token.text);
        runKeys.push(key);
      } else if (text) {
        run.push(text);
        runKeys.push(text === token.text ? key : labelKey(text));
      }
    } else if (token.kind === 'rowEnd') {
      if (current && current.values.length > 0) current.closed = true;
    } else {
      resolveRun();
      // A weak blank outside a row is only the spacing of `|` text around header labels.
      if (token.kind === 'blank' && !token.strong && !current) continue;
      if (current && !current.closed) current.values.push(token);
      else if (token.kind === 'value') lastUnknown?.orphanValues.push(token.text);
    }
  }
  if (run.length) {
    const text = run.join('');
    // A trailing run that only continues the last label is not unknown text.
    if (!(current && current.spec.key.includes(joinedKey(run, runKeys)))) {
      unknown.push({ text, afterRows: rows.length > 0, orphanValues: [] });
    }
  }
  return { rows, unknown };
}

/** The numbers of a row as texts in column order (null = blank), or the cuts of run-together digits. */
type RowValues =
  | { readonly kind: 'texts'; readonly texts: (string | null)[] }
  | { readonly kind: 'cuts'; readonly cuts: number[][] }
  | { readonly kind: 'unreadable'; readonly reason: string };

function rowValues(values: readonly ValueToken[], count: number): RowValues {
  const numbers = values.filter((v): v is Extract<ValueToken, { kind: 'value' }> => v.kind === 'value');
  const blanks = values.filter((v) => v.kind === 'blank');
  if (numbers.length === count && blanks.every((b) => !b.strong)) return { kind: 'texts', texts: numbers.map((n) => n.text) };
  // A weak blank between two numbers is a cell ("7 |", "|", "0 |": one cell a line). Before the first
  // or after the last number it may be only the bar that ends the row ("规章 | 11 | 166 |"): counting
  // it would move the numbers of a row that lost one into the wrong columns.
  const first = values.findIndex((v) => v.kind === 'value');
  const last = values.findLastIndex((v) => v.kind === 'value');
  const isCell = (v: ValueToken, i: number) => v.kind === 'value' || v.strong || (i > first && i < last);
  const cellCount = values.filter(isCell).length;
  const positional = values.filter((v, i) => v.kind === 'value' || v.strong || (isCell(v, i) && cellCount === count));
  if (positional.length >= count && numbers.length <= count) {
    const taken = positional.slice(0, count);
    const dropped = positional.slice(count).filter((v) => v.kind === 'value');
    if (dropped.length === 0) return { kind: 'texts', texts: taken.map((v) => (v.kind === 'value' ? v.text : null)) };
  }
  // `|` text: blanks between the first and the last number are cells of the row.
  const span = values.slice(first, last + 1);
  if (first >= 0 && span.length === count && span.every((v) => v.kind === 'value' || !v.strong)) {
    return { kind: 'texts', texts: span.map((v) => (v.kind === 'value' ? v.text : null)) };
  }
  if (numbers.length > count) {
    return { kind: 'unreadable', reason: `读到 ${numbers.length} 个数（${numbers.map((n) => n.text).join('、')}），应为 ${count} 个，无法确定各列` };
  }
  if (numbers.length === 0) return { kind: 'unreadable', reason: '没有读到数字' };
  if (blanks.some((b) => b.strong)) {
    const cells = values.filter(isCell).map((v) => (v.kind === 'value' ? v.text : '空'));
    return { kind: 'unreadable', reason: `该行有 ${cells.length} 个单元格（${cells.join('、')}），应为 ${count} 个，无法确定各数属于哪一列` };
  }
  const cuts = splitRunTogether(
    numbers.map((n) => n.text),
    count,
  );
  if (cuts === undefined) return { kind: 'unreadable', reason: `数字连在一起（${numbers.map((n) => n.text).join(' ')}），拆分方式过多，无法确定` };
  if (cuts.length === 0) {
    return {
      kind: 'unreadable',
      reason: `只读到 ${numbers.length} 个数（${numbers.map((n) => n.text).join('、')}），应为 ${count} 个，无法确定缺少哪一列`,
    };
  }
  return { kind: 'cuts', cuts };
}

function diag(
  severity: ImportDiagnostic['severity'],
  table: TableDef,
  message: string,
  where: { row?: string; column?: string; code?: ImportDiagnostic['code'] } = {},
): ImportDiagnostic {
  return {
    code: where.code ?? 'IMPORT',
    severity,
    section: table.section,
    table: table.id,
    ...(where.row ? { row: where.row } : {}),
    ...(where.column ? { column: where.column } : {}),
    message,
  };
}

/**
 * Stores a row's texts as cells, reporting every cell that cannot be read. Returns the numbers
 * stored, by column (null: a cell left blank, or not a number).
 */
function storeTexts(
  table: TableDef,
  rowId: string,
  columns: readonly (ColumnDef | undefined)[],
  texts: readonly (string | null)[],
  cells: Cells,
  diagnostics: ImportDiagnostic[],
): (number | null)[] {
  const stored = columns.map((): number | null => null);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (!column) continue;
    const text = texts[i] ?? null;
    const reading = readCellText(text ?? '', column);
    if (reading.ok) {
      cells[tableCellId(table, rowId, column.id)] = reading.value;
      if (typeof reading.value === 'number') stored[i] = reading.value;
      continue;
    }
    const row = table.rows.find((r) => r.id === rowId);
    diagnostics.push(
      diag(text === null ? 'info' : 'warning', table, `${describePlace(table, row, column)}：${reading.reason}，留空`, {
        row: rowId,
        column: column.id,
      }),
    );
  }
  return stored;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

// ───────────────────────────── section 三 ─────────────────────────────

/** H2: 总计 = the six applicant columns. */
const rowTotalHolds = (v: readonly number[]) => v.length === 7 && v[6] === sum(v.slice(0, 6));

export function readApplications(tokens: readonly Token[], format: FormatId, cells: Cells = {}): TableReading {
  const table = FORMATS[format].tables.find((t) => t.family === 'applications') as TableDef;
  const diagnostics: ImportDiagnostic[] = [];
  const { rows, unknown } = readRows(tokens, rowSpecs(format, 'applications'));
  const trailing = trailingSentences(unknown);
  if (rows.length === 0) return { cells, diagnostics, found: false, trailing };
  reportUnknown(table, unknown, diagnostics);

  checkApplicationsHeader(table, rows, diagnostics);
  const numbers = new Map<string, readonly (number | null)[]>();
  const pending = new Map<string, number[][]>();
  const seen = new Set<string>();
  for (const raw of rows) {
    const { spec } = raw;
    const rowId = spec.row.id;
    if (seen.has(rowId)) {
      diagnostics.push(diag('warning', table, `${describePlace(table, spec.row)}出现了两次，只读取第一次`, { row: rowId }));
      continue;
    }
    seen.add(rowId);
    reportLabel(table, raw, diagnostics);
    if (spec.format !== format) {
      const read = raw.values.filter((v) => v.kind === 'value').map((v) => (v.kind === 'value' ? v.text : ''));
      diagnostics.push(
        diag(
          'error',
          table,
          spec.row.id === 'R6'
            ? `三：“（六）其他处理”写成了 2019 年版的一行（${read.join('、') || '无数字'}），${format} 年版应分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三行；这三行留空`
            : `三：“${spec.row.label}”是 2021 年版的行，${format} 年版只有一行“（六）其他处理”；读到的数字（${read.join('、') || '无'}）未填入`,
          { code: 'H7', row: rowId },
        ),
      );
      continue;
    }
    const values = rowValues(raw.values, table.columns.length);
    if (values.kind === 'texts') {
      // Each row is stored once (`seen`): what it stored is all its cells hold.
      numbers.set(rowId, storeTexts(table, rowId, table.columns, values.texts, cells, diagnostics));
    } else if (values.kind === 'cuts') {
      pending.set(rowId, values.cuts.filter(rowTotalHolds));
    } else {
      diagnostics.push(diag('error', table, `${describePlace(table, spec.row)}：${values.reason}；该行留空`, { row: rowId }));
    }
  }

  resolveByColumns(table, numbers, pending);
  for (const [rowId, cuts] of pending) {
    const row = table.rows.find((r) => r.id === rowId);
    const raw = rows.find((r) => r.spec.row.id === rowId);
    const read = raw?.values.filter((v) => v.kind === 'value').map((v) => (v.kind === 'value' ? v.text : '')) ?? [];
    if (cuts.length === 1 && cuts[0]) {
      storeTexts(table, rowId, table.columns, cuts[0].map(String), cells, diagnostics);
      diagnostics.push(
        diag('info', table, `${describePlace(table, row)}：数字连在一起（${read.join(' ')}），按总计等于各列之和拆分为 ${cuts[0].join('、')}（唯一拆法）`, {
          row: rowId,
        }),
      );
    } else {
      // No cut satisfies the row total: the row lacks a number rather than running digits together.
      const reason =
        cuts.length === 0
          ? `只读到 ${read.length} 个数（${read.join('、')}），应为 ${table.columns.length} 个，无法确定缺少哪一列（也没有符合总计与各列勾稽关系的拆法）`
          : `数字连在一起（${read.join(' ')}），有 ${cuts.length} 种符合总计的拆法，无法确定`;
      diagnostics.push(diag('error', table, `${describePlace(table, row)}：${reason}；该行留空`, { row: rowId }));
    }
  }

  reportMissingRows(table, new Set(rows.filter((r) => r.spec.format === format).map((r) => r.spec.row.id)), diagnostics);
  return { cells, diagnostics, found: true, trailing };
}

/** H1 (一 + 二 = （七） + 四) and H3 ((七) = the leaves), used to pick the one cut of a run-together row. */
function resolveByColumns(
  table: TableDef,
  numbers: Map<string, readonly (number | null)[]>,
  pending: Map<string, number[][]>,
): void {
  if (pending.size === 0) return;
  const leaves = table.rows.filter((r) => r.groups.length > 0 && !r.computed).map((r) => r.id);
  const identities: { plus: string[]; minus: string[] }[] = [
    { plus: ['N', 'C'], minus: ['R7', 'F'] },
    { plus: ['R7'], minus: leaves },
  ];
  let changed = true;
  while (changed) {
    changed = false;
    for (const [rowId, cuts] of pending) {
      // A single cut is checked too: a row that lost a number can look like digits run together.
      if (cuts.length === 0) continue;
      let kept = cuts;
      for (const identity of identities) {
        const members = [...identity.plus, ...identity.minus];
        if (!members.includes(rowId)) continue;
        const others = members.filter((m) => m !== rowId);
        const known = others.map((m) => numbers.get(m));
        if (known.some((k) => !k || k.some((v) => v === null))) continue;
        kept = kept.filter((cut) =>
          cut.every((_, c) => {
            const value = (id: string) => (id === rowId ? (cut[c] ?? 0) : (numbers.get(id)?.[c] ?? 0));
            return sum(identity.plus.map(value)) === sum(identity.minus.map(value));
          }),
        );
      }
      if (kept.length !== cuts.length) {
        pending.set(rowId, kept);
        changed = true;
      }
      // A row with one cut left helps to decide the others.
      const only = kept.length === 1 ? kept[0] : undefined;
      if (only && numbers.get(rowId) !== only) {
        numbers.set(rowId, only);
        changed = true;
      } else if (!only && numbers.has(rowId)) {
        numbers.delete(rowId);
        changed = true;
      }
    }
  }
}

function checkApplicationsHeader(table: TableDef, rows: readonly RawRow[], diagnostics: ImportDiagnostic[]): void {
  const first = rows[0];
  if (!first || first.spec.row.id !== 'N') return;
  const key = labelKey(first.run);
  const header = key.slice(0, Math.max(0, key.length - first.labelLength));
  if (!header) return;
  // Header cells of PDFs wrap column by column (商业企 … 业), so a label only has to appear in order.
  const deviations = checkHeader(header, table.columns).deviations.filter((d) => !isSubsequence(officialKey(d.column.label), header));
  for (const { column, found } of deviations) {
    diagnostics.push(
      diag('error', table, `三：表头“${column.label}”列${found ? `写作“${found}”` : '缺失'}`, { code: 'H7', column: column.id }),
    );
  }
}

// ───────────────────────────── section 四 ─────────────────────────────

const APPEAL_WORDS = /行政复议|行政诉讼|结果维持|尚未审结/;

/** H4: each group's 总计 = its four outcomes. */
const groupTotalsHold = (v: readonly number[]) =>
  v.length === 15 && [0, 5, 10].every((g) => v[g + 4] === sum(v.slice(g, g + 4)));

export function readAppeals(tokens: readonly Token[], format: FormatId, cells: Cells = {}): TableReading {
  const table = FORMATS[format].tables.find((t) => t.family === 'appeals') as TableDef;
  const diagnostics: ImportDiagnostic[] = [];
  const start = tokens.findIndex((t) => t.kind === 'text' && APPEAL_WORDS.test(t.text));
  if (start < 0) return { cells, diagnostics, found: false, trailing: [] };
  // The numbers are the first run of cells holding a number; blank header cells before it
  // (an empty corner cell, a header row's padding) are dropped at the text or row end after them.
  let values: ValueToken[] = [];
  const trailing: string[] = [];
  const hasNumber = () => values.some((v) => v.kind === 'value');
  for (const token of tokens.slice(start)) {
    if (token.kind === 'value' || token.kind === 'blank') {
      if (trailing.length === 0) values.push(token);
    } else if (hasNumber()) {
      if (token.kind === 'text') trailing.push(token.text);
      else if (trailing.length === 0) trailing.push('');
    } else {
      values = [];
    }
  }
  trailing.splice(0, trailing.length, ...trailing.filter(Boolean));
  if (values.every((v) => v.kind === 'blank')) {
    diagnostics.push(diag('error', table, '四：找到了表头，但没有读到数字；整行留空'));
    return { cells, diagnostics, found: true, trailing: sentencesOnly(trailing) };
  }
  const read = rowValues(values, table.columns.length);
  const row = table.rows[0];
  if (!row) return { cells, diagnostics, found: true, trailing: [] };
  if (read.kind === 'texts') {
    storeTexts(table, row.id, table.columns, read.texts, cells, diagnostics);
  } else if (read.kind === 'cuts') {
    const cuts = read.cuts.filter(groupTotalsHold);
    const numbers = values.filter((v) => v.kind === 'value').map((v) => (v.kind === 'value' ? v.text : ''));
    if (cuts.length === 1 && cuts[0]) {
      storeTexts(table, row.id, table.columns, cuts[0].map(String), cells, diagnostics);
      diagnostics.push(diag('info', table, `四：数字连在一起（${numbers.join(' ')}），按各组总计拆分为 ${cuts[0].join('、')}（唯一拆法）`));
    } else {
      diagnostics.push(
        diag(
          'error',
          table,
          cuts.length === 0
            ? `四：只读到 ${numbers.length} 个数（${numbers.join('、')}），应为 ${table.columns.length} 个，无法确定缺少哪一列（也没有符合各组总计的拆法）；整行留空`
            : `四：数字连在一起（${numbers.join(' ')}），有 ${cuts.length} 种拆法，无法确定；整行留空`,
        ),
      );
    }
  } else {
    diagnostics.push(diag('error', table, `四：${read.reason}；整行留空`));
  }
  return { cells, diagnostics, found: true, trailing: sentencesOnly(trailing) };
}

// ───────────────────────────── section 二 ─────────────────────────────

const CAPTION = /第二十条第([一二三四五六七八九十]+)项/;

export function readActive(tokens: readonly Token[], format: FormatId, cells: Cells = {}): TableReading {
  const def = FORMATS[format];
  const diagnostics: ImportDiagnostic[] = [];
  const { rows, unknown } = readRows(tokens, rowSpecs(format, 'active'));
  const trailing = trailingSentences(unknown);
  if (rows.length === 0) return { cells, diagnostics, found: false, trailing };
  const firstTable = def.tables.find((t) => t.family === 'active') as TableDef;
  reportUnknown(firstTable, unknown, diagnostics);

  const seen = new Set<string>();
  /** Column mapping per table, from its header (undefined entries: column not readable). */
  const mapping = new Map<string, readonly (ColumnDef | undefined)[]>();
  for (const raw of rows) {
    const own = def.tables.find((t) => t.id === raw.spec.table.id);
    const ownRow = own?.rows.find((r) => r.id === raw.spec.row.id);
    const first = raw.spec.table;
    if (!own || !ownRow) {
      const read = raw.values.filter((v) => v.kind === 'value').map((v) => (v.kind === 'value' ? v.text : ''));
      diagnostics.push(
        diag(
          'error',
          first,
          `二：“${first.caption} · ${raw.spec.row.label}”是 ${raw.spec.format} 年版格式的行，${format} 年版没有这一行；读到的数字（${read.join('、') || '无'}）未填入`,
          { code: 'H7', row: raw.spec.row.id },
        ),
      );
      continue;
    }
    const key = `${own.id}.${ownRow.id}`;
    if (seen.has(key)) {
      diagnostics.push(diag('warning', own, `${describePlace(own, ownRow)}出现了两次，只读取第一次`, { row: ownRow.id }));
      continue;
    }
    seen.add(key);
    reportLabel(own, raw, diagnostics, ownRow.label);
    if (!mapping.has(own.id)) mapping.set(own.id, activeColumns(own, raw, diagnostics));
    const columns = mapping.get(own.id) ?? own.columns;
    const values = rowValues(raw.values, own.columns.length);
    if (values.kind === 'texts') storeTexts(own, ownRow.id, columns, values.texts, cells, diagnostics);
    else {
      const read = raw.values.filter((v) => v.kind === 'value').map((v) => (v.kind === 'value' ? v.text : ''));
      const reason =
        values.kind === 'cuts'
          ? `只读到 ${read.length} 个数（${read.join('、')}），应为 ${own.columns.length} 个：缺少数字，或数字连在一起而本表没有可用来拆分的勾稽关系，无法确定各列`
          : values.reason;
      diagnostics.push(diag('error', own, `${describePlace(own, ownRow)}：${reason}；该行留空`, { row: ownRow.id }));
    }
  }
  for (const table of def.tables.filter((t) => t.family === 'active')) {
    const found = new Set<string>();
    for (const r of table.rows) if (seen.has(`${table.id}.${r.id}`)) found.add(r.id);
    if (found.size === 0) {
      diagnostics.push(diag('error', table, `二：缺少“${table.caption}”表`, { code: 'H7' }));
    } else {
      reportMissingRows(table, found, diagnostics);
    }
  }
  return { cells, diagnostics, found: true, trailing };
}

/** Maps a section 二 table's columns from its header; a column whose header names something else is not read. */
function activeColumns(table: TableDef, raw: RawRow, diagnostics: ImportDiagnostic[]): readonly (ColumnDef | undefined)[] {
  const key = labelKey(raw.run);
  if (raw.how !== 'exact') return table.columns;
  // The header follows the caption, or at least the first header cell 信息内容.
  const caption = CAPTION.exec(key);
  const start = caption ? caption.index + caption[0].length : key.indexOf(officialKey(FORMATS['2021'].activeHeader));
  if (start < 0) return table.columns;
  const header = key.slice(start, key.length - raw.labelLength);
  if (!header) return table.columns;
  const { deviations } = checkHeader(header, table.columns, [FORMATS['2021'].activeHeader]);
  return table.columns.map((column) => {
    const deviation = deviations.find((d) => d.column === column);
    if (!deviation) return column;
    const found = deviation.found;
    const close = found !== '' && similarity(found, officialKey(column.label)) >= 0.5;
    diagnostics.push(
      diag(
        'error',
        table,
        found === ''
          ? `二、${table.caption}：表头缺少“${column.label}”列${close ? '' : '，该列留空'}`
          : `二、${table.caption}：表头“${found}”应为“${column.label}”${close ? '' : '，不是本格式的列，该列留空'}`,
        { code: 'H7', column: column.id },
      ),
    );
    return close || found === '' ? column : undefined;
  });
}

// ───────────────────────────── shared ─────────────────────────────

function reportLabel(table: TableDef, raw: RawRow, diagnostics: ImportDiagnostic[], official = raw.spec.row.label): void {
  if (raw.how === 'exact' && raw.spec.key === officialKey(official)) return;
  if (raw.how === 'prefix' && raw.missing === '') return;
  const found = raw.how === 'exact' ? raw.spec.row.label : raw.label;
  diagnostics.push(
    diag('error', table, `${table.section}：行标签“${found.trim()}”应为“${official}”`, { code: 'H7', row: raw.spec.row.id }),
  );
}

function reportMissingRows(table: TableDef, found: ReadonlySet<string>, diagnostics: ImportDiagnostic[]): void {
  for (const row of table.rows) {
    if (found.has(row.id)) continue;
    diagnostics.push(diag('error', table, `${describePlace(table, row)}：表中没有这一行，该行留空`, { code: 'H7', row: row.id }));
  }
}

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of haystack) if (ch === needle[at]) at++;
  return at === needle.length;
}

function reportUnknown(table: TableDef, unknown: RowsRead['unknown'], diagnostics: ImportDiagnostic[]): void {
  for (const u of unknown) {
    if (u.orphanValues.length === 0) continue;
    diagnostics.push(
      diag('warning', table, `${table.section}：无法识别的行“${u.text.slice(-40)}”，其数字（${u.orphanValues.join('、')}）未读取`),
    );
  }
}

const isSentence = (text: string) => /[。；！？]$/.test(text.trim()) && text.trim().length >= 8;

function sentencesOnly(texts: readonly string[]): string[] {
  return texts.filter(isSentence);
}

/** The sentences after the rows. Loops, not filter and map: an empty list is another kind of array to the engine. */
function trailingSentences(unknown: RowsRead['unknown']): string[] {
  const sentences: string[] = [];
  for (let i = 0; i < unknown.length; i++) {
    const { afterRows, text } = unknown[i] as RowsRead['unknown'][number];
    if (afterRows && isSentence(text)) sentences.push(text);
  }
  return sentences;
}
