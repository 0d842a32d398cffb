import fc from 'fast-check';
import type { CellKind, FormatId } from '../../src/model/format';
import { FORMATS, cellsOf } from '../../src/model/formats';
import type { CellValue, Report } from '../../src/model/report';
import { AGENCY_KINDS, OVERVIEW_TOPICS, REPORT_FILE_KIND, REPORT_FILE_VERSION } from '../../src/model/report';
import type { ParseResult } from '../../src/model/report-file';
import { parseReport } from '../../src/model/report-file';

/**
 * fast-check arbitraries for "any valid report" properties (renderers, DOCX, checker).
 * Values are drawn to hit edges: blank vs 0, huge safe integers, signed 2019 本年增/减,
 * exact money strings, and user text that tries to break HTML, XML, text rows and layouts.
 */

/** Fragments that have broken renderers before: markup, entities, quotes, separators, astral and CJK ext. B. */
const HOSTILE_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"\'&<>',
  '&amp;',
  '</p><h1>',
  '{{title}}',
  ']]>',
  ' | ',
  '|',
  '\n',
  '\r\n',
  '\u2028',
  '　',
  '👩‍👩‍👧',
  '😀',
  '𠀀𠀁𪚥',
  '政府信息公开',
  '（一）',
  '第二十条第（一）项',
  'x'.repeat(3000),
  '长'.repeat(500),
] as const;

/** User text: hostile fragments mixed with random printable and (rarely) raw code points. */
export function arbitraryText(maxParts = 5): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  );
  return fc.array(part, { maxLength: maxParts }).map((parts) => parts.join(''));
}

const SAFE = Number.MAX_SAFE_INTEGER;

function arbitraryCount(signed: boolean): fc.Arbitrary<number | null> {
  const magnitude = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: SAFE }),
    fc.constantFrom(SAFE, SAFE - 1, 2 ** 31, 10 ** 12),
  );
  const value = signed ? fc.tuple(magnitude, fc.boolean()).map(([n, neg]) => (neg && n !== 0 ? -n : n)) : magnitude;
  return fc.option(value, { nil: null, freq: 6 });
}

/** A decimal string matching the money pattern: 1–12 integer digits, up to `decimals` fraction digits. */
export function arbitraryMoney(decimals: number): fc.Arbitrary<string | null> {
  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
  const whole = fc.oneof(fc.constantFrom('0', '1', '999999999999'), digits(1, 12));
  const money = fc
    .tuple(whole, decimals > 0 ? fc.option(digits(1, decimals), { nil: undefined }) : fc.constant(undefined))
    .map(([w, f]) => (f === undefined ? w : `${w}.${f}`));
  return fc.option(money, { nil: null, freq: 6 });
}

function arbitraryCell(kind: CellKind, decimals: number | undefined): fc.Arbitrary<CellValue> {
  if (kind === 'money') return arbitraryMoney(decimals ?? 4);
  return arbitraryCount(kind === 'signedCount');
}

/** Every data cell of `format`, each drawn by its kind. */
export function arbitraryCells(format: FormatId): fc.Arbitrary<Record<string, CellValue>> {
  const cells = cellsOf(format);
  return fc
    .tuple(...cells.map((c) => arbitraryCell(c.kind, c.column.decimals)))
    .map((values) => Object.fromEntries(cells.map((c, i) => [c.id, values[i] ?? null])));
}

const isoDate = fc
  .date({ min: new Date('2009-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const optionalCount = arbitraryCount(false);

const arbitraryBaseline = fc.record({
  year: fc.integer({ min: 2008, max: 2100 }),
  carryOver: fc.record(Object.fromEntries(['p', 'b', 'r', 's', 'l', 'o', 't'].map((c) => [c, optionalCount]))),
  inForce: fc.record({ rules: optionalCount, normative: optionalCount }),
});

/** The raw JSON value of a report file (before parsing). */
function arbitraryReportInput(format: FormatId): fc.Arbitrary<unknown> {
  const [first, last] = FORMATS[format].years;
  return fc.record({
    kind: fc.constant(REPORT_FILE_KIND),
    version: fc.constant(REPORT_FILE_VERSION),
    format: fc.constant(format),
    agency: fc.record({
      name: fc.tuple(fc.constantFrom('测试市', '𠀀县', '<b>某</b>局', 'A&B "机关"'), arbitraryText(3)).map(([a, b]) => a + b),
      kind: fc.constantFrom(...AGENCY_KINDS),
    }),
    year: fc.integer({ min: first, max: Math.min(last, first + 10) }),
    publicationDate: fc.option(isoDate, { nil: null }),
    deadline: fc.option(isoDate, { nil: null }),
    intro: arbitraryText(),
    overview: fc.record({
      lead: arbitraryText(),
      blocks: fc.array(
        fc.record({ topic: fc.constantFrom(...OVERVIEW_TOPICS), title: arbitraryText(2), text: arbitraryText() }),
        { maxLength: 7 },
      ),
    }),
    tableNotes: fc.record({ active: arbitraryText(2), applications: arbitraryText(2), appeals: arbitraryText(2) }),
    cells: arbitraryCells(format),
    problems: fc.record({ lastYear: arbitraryText(), thisYear: arbitraryText() }),
    other: fc.record({
      feeNotices: optionalCount,
      feeNoticeAmount: arbitraryMoney(2),
      feeCollected: arbitraryMoney(2),
      items: arbitraryText(),
    }),
    notes: fc.dictionary(fc.string({ maxLength: 20 }), arbitraryText(2), { maxKeys: 3 }),
    baseline: fc.option(arbitraryBaseline, { nil: null }),
  });
}

/**
 * Any valid report of either format (or of `format` if given): each draw goes through
 * `parseReport`, so only what the file schema accepts comes out.
 */
export function arbitraryReport(format?: FormatId): fc.Arbitrary<Report> {
  const formats = format ? [format] : (['2021', '2019'] as const);
  return fc
    .constantFrom(...formats)
    .chain(arbitraryReportInput)
    .map(parseReport)
    .filter((result): result is Extract<ParseResult, { ok: true }> => result.ok)
    .map((result) => result.report);
}
