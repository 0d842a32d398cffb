import fc from 'fast-check';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';

/**
 * Published-looking texts for importer properties: a random valid report rendered as text or
 * HTML, then damaged the way copied and scraped reports are (lines lost, doubled, swapped or
 * joined, digits changed, run together, made full-width or given separators, stray text).
 */

type Edit =
  | { readonly kind: 'delete' | 'duplicate' | 'join' | 'unpipe' | 'fullWidth' | 'separators'; readonly at: number }
  | { readonly kind: 'swap'; readonly at: number; readonly to: number }
  | { readonly kind: 'digits' | 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'truncate'; readonly at: number; readonly length: number };

const STRAY = [
  '本年度',
  '（一）',
  '总计',
  '自然人',
  '行政复议',
  '第二十条第（一）项',
  '| |',
  '||',
  '<td>',
  '　',
  '1,2,3',
  '１２３',
  '2023年',
  '〇',
  '十二',
  '①',
];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'join', 'unpipe', 'fullWidth', 'separators'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap'), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('digits'), at: fc.nat(), text: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 }) }),
  fc.record({
    kind: fc.constant('insert'),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...STRAY), fc.string({ unit: 'grapheme', maxLength: 20 })),
  }),
  fc.record({ kind: fc.constant('truncate'), at: fc.nat(), length: fc.nat({ max: 40 }) }),
);

const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function apply(lines: string[], e: Edit): string[] {
  if (lines.length === 0) return lines;
  const i = e.at % lines.length;
  const line = lines[i] as string;
  const out = [...lines];
  switch (e.kind) {
    case 'delete':
      out.splice(i, 1);
      break;
    case 'duplicate':
      out.splice(i, 0, line);
      break;
    case 'join':
      out.splice(i, 2, line + (lines[i + 1] ?? ''));
      break;
    case 'unpipe':
      out[i] = line.replace(/\s*\|\s*/g, '');
      break;
    case 'fullWidth':
      out[i] = FULL(line);
      break;
    case 'separators':
      out[i] = line.replace(/\d{4,}/g, (n) => n.replace(/\B(?=(\d{3})+$)/g, ','));
      break;
    case 'swap': {
      const j = e.to % lines.length;
      out[i] = lines[j] as string;
      out[j] = line;
      break;
    }
    case 'digits':
      out[i] = line.replace(/\d+/, e.text);
      break;
    case 'insert':
      out.splice(i, 0, e.text);
      break;
    case 'truncate':
      out[i] = line.slice(0, e.length);
      break;
  }
  return out;
}

/** A rendered report, damaged by a few edits (none at all in about one case of six). */
export function arbitraryPublished(render: 'text' | 'html'): fc.Arbitrary<{ report: Report; published: string }> {
  return fc.tuple(arbitraryReport(), fc.array(edit, { maxLength: 12 })).map(([report, edits]) => {
    const vm = toViewModel(report);
    const source = render === 'text' ? renderText(vm) : renderHtml(vm);
    const published = edits.reduce(apply, source.split('\n')).join('\n');
    return { report, published };
  });
}

/** Input that only looks a little like a report: table-ish, label-ish, number-ish noise. */
export const arbitraryNoise: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...STRAY, '\n', ' | ', '三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量', '四、结转下年度继续办理'),
      fc.string({ unit: fc.constantFrom(...'0123456789 |\n,.'), maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/**
 * The numbers that occur in `input`: runs of digits (full-width digits made ASCII, thousands
 * separators removed), with a decimal part where one follows.
 */
export function numbersIn(input: string): string[] {
  const plain = input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/(?<=\d)[,，](?=\d)/g, '');
  return plain.match(/\d+(?:[.．]\d+)?/g)?.map((n) => n.replace('．', '.')) ?? [];
}

/** Cell (and 六 fee) values of `report` that are not part of any number in the input: invented ones. */
export function inventedNumbers(report: Report, input: string): string[] {
  const numbers = numbersIn(input);
  const values: [string, unknown][] = [
    ...cellsOf(report.format).map((c): [string, unknown] => [c.id, cellValue(report, c.id)]),
    ...Object.entries(report.other).filter(([k]) => k !== 'items'),
  ];
  return values
    .filter(([, v]) => v !== null)
    .map(([id, v]) => [id, String(v).replace(/^-/, '')] as const)
    .filter(([, digits]) => !numbers.some((n) => n.includes(digits)))
    .map(([id, digits]) => `${id}=${digits}`);
}
