import type { ColumnDef, FormatId, RowDef, SectionNo, TableDef } from '../model/format';
import { FORMATS } from '../model/formats';
import { labelKey, similarity } from './normalize';

/**
 * The labels the importer looks for, read from the format definitions (never typed twice):
 * section headings, section 二 captions and headers, and every data row of both formats.
 */

export interface RowSpec {
  /** Format whose definition holds this row. */
  readonly format: FormatId;
  readonly table: TableDef;
  readonly row: RowDef;
  readonly key: string;
}

/** Keys of labels that only one format has [spec §4]. */
function distinctiveKeys(format: FormatId): string[] {
  const other: FormatId = format === '2021' ? '2019' : '2021';
  const keysOf = (f: FormatId) =>
    FORMATS[f].tables.flatMap((t) => [
      ...(t.family === 'active' ? [labelKey(t.caption)] : []),
      ...t.columns.map((c) => labelKey(c.label)),
      ...t.rows.flatMap((r) => [labelKey(r.label), ...r.groups.map(labelKey)]),
    ]);
  const theirs = keysOf(other);
  // A key contained in one of the other format's keys (规范性文件 in 行政规范性文件) proves nothing.
  return [...new Set(keysOf(format))].filter((k) => k.length >= 4 && !theirs.some((t) => t.includes(k)));
}

const DISTINCTIVE: Readonly<Record<FormatId, readonly string[]>> = {
  '2021': distinctiveKeys('2021'),
  '2019': distinctiveKeys('2019'),
};

/** Counts each format's distinctive labels in a text (already normalised). */
export function formatEvidence(text: string): Record<FormatId, string[]> {
  const key = labelKey(text);
  return {
    '2021': DISTINCTIVE['2021'].filter((k) => key.includes(k)),
    '2019': DISTINCTIVE['2019'].filter((k) => key.includes(k)),
  };
}

const specsCache = new Map<string, readonly RowSpec[]>();

/** Data rows of one table family in both formats; the report's own format first. Built once per format and family. */
export function rowSpecs(format: FormatId, family: TableDef['family']): readonly RowSpec[] {
  const cached = specsCache.get(`${format}.${family}`);
  if (cached) return cached;
  const specs: RowSpec[] = [];
  const seen = new Set<string>();
  for (const f of [format, format === '2021' ? '2019' : '2021'] as const) {
    for (const table of FORMATS[f].tables.filter((t) => t.family === family)) {
      for (const row of table.rows) {
        const key = labelKey(row.label);
        // The same label in both formats belongs to the report's own format.
        if (seen.has(key)) continue;
        seen.add(key);
        specs.push({ format: f, table, row, key });
      }
    }
  }
  specsCache.set(`${format}.${family}`, specs);
  return specs;
}

export type RowMatch =
  | { readonly spec: RowSpec; readonly how: 'exact' | 'prefix'; readonly text: string }
  | { readonly spec: RowSpec; readonly how: 'fuzzy'; readonly text: string };

const MIN_PREFIX = 5;
const FUZZY = 0.6;

type KeyMatch = Omit<RowMatch, 'text'>;

/**
 * matchKey's answers per list of specs and key: the same label runs (official labels, the
 * official header) recur in every report. Cleared when full, so a document of odd texts cannot grow it.
 */
const matchCache = new WeakMap<readonly RowSpec[], Map<string, KeyMatch | null>>();
const MATCH_CACHE_SIZE = 4096;

/**
 * The row a run of label text names. Group labels and header text may stand before the
 * row label (they are adjacent cells), so the run is matched from its end:
 * exact (the run ends with a label), prefix (the run ends with the start of a long label that
 * wraps past its numbers, as in PDF), or fuzzy (a misspelt label, reported as H7).
 */
export function matchRow(runText: string, specs: readonly RowSpec[], key = labelKey(runText)): RowMatch | undefined {
  if (!key) return undefined;
  let cache = matchCache.get(specs);
  if (!cache) {
    cache = new Map();
    matchCache.set(specs, cache);
  }
  let match = cache.get(key);
  if (match === undefined) {
    if (cache.size >= MATCH_CACHE_SIZE) cache.clear();
    match = matchKey(key, specs) ?? null;
    cache.set(key, match);
  }
  return match ? { spec: match.spec, how: match.how, text: runText } : undefined;
}

/** matchRow for a key, in three tries. */
function matchKey(key: string, specs: readonly RowSpec[]): KeyMatch | undefined {
  let best: RowSpec | undefined;
  for (const spec of specs) {
    if (key.endsWith(spec.key) && (!best || spec.key.length > best.key.length)) best = spec;
  }
  if (best) return { spec: best, how: 'exact' };

  let prefixBest: { spec: RowSpec; length: number } | undefined;
  for (const spec of specs) {
    for (let n = Math.min(key.length, spec.key.length - 1); n >= MIN_PREFIX; n--) {
      if (spec.key.startsWith(key.slice(key.length - n))) {
        if (!prefixBest || n > prefixBest.length) prefixBest = { spec, length: n };
        break;
      }
    }
  }
  if (prefixBest) return { spec: prefixBest.spec, how: 'prefix' };

  let fuzzy: { spec: RowSpec; score: number; tie: boolean } | undefined;
  for (const spec of specs) {
    if (spec.key.length < 4) continue;
    const tail = key.slice(Math.max(0, key.length - spec.key.length - 1));
    const score = Math.max(similarity(tail, spec.key), similarity(key.slice(-spec.key.length), spec.key));
    if (score < FUZZY) continue;
    if (!fuzzy || score > fuzzy.score) fuzzy = { spec, score, tie: false };
    else if (score === fuzzy.score) fuzzy = { ...fuzzy, tie: true };
  }
  if (fuzzy && !fuzzy.tie) return { spec: fuzzy.spec, how: 'fuzzy' };
  return undefined;
}

/** Section 二 captions: 第二十条第（一）项 … （九）项 → table of either format. */
export function activeTables(format: FormatId): TableDef[] {
  const own = FORMATS[format].tables.filter((t) => t.family === 'active');
  const other = FORMATS[format === '2021' ? '2019' : '2021'].tables.filter(
    (t) => t.family === 'active' && !own.some((o) => o.id === t.id),
  );
  return [...own, ...other];
}

/** Keys of the labels of the format definitions (a fixed set of a few hundred), each computed once. */
const officialKeys = new Map<string, string>();

/** labelKey of a label of the format definitions (a row, column or header label; never published text). */
export function officialKey(label: string): string {
  let key = officialKeys.get(label);
  if (key === undefined) {
    key = labelKey(label);
    officialKeys.set(label, key);
  }
  return key;
}

/** Whether a surrogate pair is split between two texts, one half ending `before`, the other starting `after`. */
function splitsSurrogatePair(before: string, after: string): boolean {
  const high = before.charCodeAt(before.length - 1);
  const low = after.charCodeAt(0);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/**
 * labelKey of texts joined, from their own keys: joining makes no new key character, unless a
 * surrogate pair is split between two texts (then the joined text is keyed afresh).
 */
export function joinedKey(texts: readonly string[], keys: readonly string[]): string {
  // The texts that meet when joined: an empty text between two halves of a pair joins nothing.
  let before = '';
  for (const text of texts) {
    if (text === '') continue;
    if (splitsSurrogatePair(before, text)) return labelKey(texts.join(''));
    before = text;
  }
  return keys.join('');
}

/** Stands in for header text that is not a column label (信息内容); never in a label key. */
const SKIPPED = '·';

export interface HeaderCheck {
  /** Official column label → the text found instead (missing: empty string). */
  readonly deviations: readonly { column: ColumnDef; found: string }[];
}

/**
 * Compares the header text of a table with its official column labels, in order.
 * Labels found verbatim are fine; the text between two found labels is the deviating label.
 */
export function checkHeader(headerText: string, columns: readonly ColumnDef[], skip: readonly string[] = []): HeaderCheck {
  let key = labelKey(headerText);
  for (const s of skip) key = key.replace(officialKey(s), SKIPPED);
  const positions = columns.map((c) => {
    const k = officialKey(c.label);
    const at = key.indexOf(k);
    return at < 0 ? undefined : { start: at, end: at + k.length };
  });
  const deviations: { column: ColumnDef; found: string }[] = [];
  columns.forEach((column, i) => {
    if (positions[i]) return;
    const prevEnd = positions.slice(0, i).reduce((end, p) => (p ? Math.max(end, p.end) : end), 0);
    const next = positions.slice(i + 1).find((p) => p !== undefined);
    const found = key.slice(prevEnd, next ? next.start : key.length).split(SKIPPED).join('');
    deviations.push({ column, found });
  });
  return { deviations };
}

/** Official headings keyed by section number. */
export function headings(format: FormatId): Readonly<Record<SectionNo, string>> {
  return FORMATS[format].headings;
}

export const SECTION_NOS: readonly SectionNo[] = ['一', '二', '三', '四', '五', '六'];
