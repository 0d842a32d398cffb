import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/text';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';

/**
 * "Never guesses": whatever damage a table suffers, every imported cell is either the
 * published number or blank — never another number.
 */
function wrongCells(original: Report, text: string): string[] {
  const imported = importText(text);
  return cellsOf(original.format)
    .filter((c) => {
      const v = cellValue(imported.report, c.id);
      return v !== null && v !== cellValue(original, c.id);
    })
    .map((c) => `${c.id}: ${String(cellValue(imported.report, c.id))} ≠ ${String(cellValue(original, c.id))}`);
}

const APPLY_ROW = /^(?:[一二四]、|（[一二七]）|（[三四五六]）|\d\.|三、本年度办理结果)/;

/** Rendered text lines of section 三 data rows with at least two numbers. */
function applyRowLines(lines: readonly string[]): number[] {
  return lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => APPLY_ROW.test(line) && line.split(' | ').filter((p) => /^-?\d+$/.test(p)).length >= 2)
    .map(({ i }) => i);
}

/** Reports whose section 三 rows add up (总计 = the six), as published tables usually do. */
const consistentRows = arbitraryReport().chain((report) =>
  fc
    .array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })), { minLength: 6, maxLength: 6 }), {
      minLength: 25,
      maxLength: 25,
    })
    .map((rows) => {
      const cells: Record<string, number | string | null> = { ...(report.cells as Record<string, number | string | null>) };
      const table = cellsOf(report.format).filter((c) => c.table.family === 'applications');
      const rowIds = [...new Set(table.map((c) => c.row.id))];
      rowIds.forEach((rowId, r) => {
        const six = rows[r] ?? [0, 0, 0, 0, 0, 0];
        ['p', 'b', 'r', 's', 'l', 'o'].forEach((col, k) => (cells[`apply.${rowId}.${col}`] = six[k] ?? 0));
        cells[`apply.${rowId}.t`] = six.reduce((a, b) => a + b, 0);
      });
      return { ...report, cells } as Report;
    }),
);

describe('the importer never outputs a number that was not published in that cell', () => {
  it('a 三 row that lost one number', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.nat(), fc.nat(), (report, pickRow, pickCell) => {
        const lines = renderText(toViewModel(report)).split('\n');
        const rows = applyRowLines(lines);
        fc.pre(rows.length > 0);
        const at = rows[pickRow % rows.length] as number;
        const parts = (lines[at] as string).split(' | ');
        const numeric = parts.map((p, i) => ({ p, i })).filter(({ p }) => /^-?\d+$/.test(p));
        const drop = numeric[pickCell % numeric.length]?.i as number;
        lines[at] = parts.filter((_, i) => i !== drop).join(' | ');
        expect(wrongCells(report, lines.join('\n'))).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('a 三 row whose neighbouring numbers ran together', () => {
    fc.assert(
      fc.property(consistentRows, fc.nat(), fc.nat(), fc.boolean(), (report, pickRow, pickCell, twice) => {
        const lines = renderText(toViewModel(report)).split('\n');
        const rows = applyRowLines(lines);
        fc.pre(rows.length > 0);
        const at = rows[pickRow % rows.length] as number;
        let line = lines[at] as string;
        // Join one (or two) pairs of neighbouring numbers: "12 | 3" → "123".
        for (let k = 0; k < (twice ? 2 : 1); k++) {
          const joints = [...line.matchAll(/(?<=\d) \| (?=\d)/g)].map((m) => m.index ?? 0);
          if (joints.length === 0) break;
          const j = joints[(pickCell + k) % joints.length] as number;
          line = `${line.slice(0, j)}${line.slice(j + 3)}`;
        }
        lines[at] = line;
        expect(wrongCells(report, lines.join('\n'))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
