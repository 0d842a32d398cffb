import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../src/import/html';
import { importText } from '../../src/import/text';
import { FORMATS } from '../../src/model/formats';
import { parseReport } from '../../src/model/report-file';
import { arbitraryText } from '../support/arbitrary-report';

/** Pieces of real reports: every heading, caption, header and row label of both formats, numbers and separators. */
const LABELS = [...new Set((['2021', '2019'] as const).flatMap((f) => {
  const def = FORMATS[f];
  return [
    ...Object.values(def.headings),
    def.applicationsNote,
    def.applicantsHeader,
    ...def.tables.flatMap((t) => [t.caption, ...t.columns.map((c) => c.label), ...t.rows.flatMap((r) => [r.label, ...r.groups])]),
  ];
}))];
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 5, arbitrary: fc.oneof(fc.nat({ max: 300 }), fc.nat()).map(String) },
  { weight: 4, arbitrary: fc.constantFrom(' | ', '|', '\n', ' ', '||', '\t', '。', '，', '2022年', '时间：2023年1月5日', '（一）', '　') },
  { weight: 1, arbitrary: arbitraryText(2) },
);
const messyText = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));

describe('any input gives a valid report and diagnostics, never an exception', () => {
  it('importText', () => {
    fc.assert(
      fc.property(messyText, (text) => {
        const r = importText(text, { defaultYear: 2022 });
        expect(parseReport(JSON.parse(JSON.stringify(r.report))).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('importHtml', () => {
    const tag = fc.constantFrom('<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<td rowspan="3">', '<th colspan="2">', '<p>', '</p>', '<br>', '&nbsp;', '<script>x</script>', '<footer>', '</footer>');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, tag), { maxLength: 400 }), (parts) => {
        const r = importHtml(parts.join(''), { defaultYear: 2022 });
        expect(parseReport(JSON.parse(JSON.stringify(r.report))).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
