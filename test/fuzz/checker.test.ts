import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCellInput } from '../../src/forms/cell-input';
import { inputSpecOf } from '../../src/forms/report-store';
import { cellDef, cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { parseReport, parseReportFile, serializeReport } from '../../src/model/report-file';
import { checkReport } from '../../src/rules/check';
import { RULE_CODES } from '../../src/rules/violation';
import { arbitraryReport } from '../support/arbitrary-report';
import { FUZZ_TIMEOUT, runs } from './runs';

/**
 * The checker and the report-file parser never throw, whatever the report or the cell values;
 * what they return is well-formed (known rule codes, Chinese messages, cells that exist).
 */

const CHINESE = /[\u4e00-\u9fff]/;

/** What a clerk might type or a file might hold in a number cell. */
const cellText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789０１２３４５６７８９,，.．+-－− 　万元%e'), maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ' ', '-0', '+0', '1e3', '0x10', 'NaN', 'Infinity', '9007199254740993', '1,234,567', '12,34', '.5', '5.', '１２．５万元', '/'),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
);

/** A cell value in a report file: any JSON value, biased to numbers and number-like strings. */
const cellJson = fc.oneof(
  cellText,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, false, 2 ** 53, -(2 ** 53), 1.5, -1, 1e21),
  fc.jsonValue({ maxDepth: 2 }),
);

function wellFormed(report: Report, violations: ReturnType<typeof checkReport>): void {
  for (const v of violations) {
    expect(RULE_CODES).toContain(v.code);
    expect(v.message).toMatch(CHINESE);
    for (const c of v.cells) if (c.table) expect(cellDef(report.format, c.id), c.id).toBeDefined();
  }
}

describe('checkReport', () => {
  it(
    'never throws on any valid report, alone or with any last-year report, and its findings are well-formed',
    () => {
      fc.assert(
        fc.property(arbitraryReport(), fc.option(arbitraryReport(), { nil: undefined }), (report, lastYear) => {
          const violations = checkReport(report, lastYear ? { lastYear } : {});
          wellFormed(report, violations);
          expect(checkReport(report, lastYear ? { lastYear } : {})).toEqual(violations);
        }),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('parseReport / parseReportFile', () => {
  it(
    'never throws on random cell values: accepted values are typed, refused ones name their cell',
    () => {
      fc.assert(
        fc.property(
          arbitraryReport(),
          fc.array(fc.tuple(fc.nat(), cellJson), { minLength: 1, maxLength: 8 }),
          (report, changes) => {
            const ids = cellsOf(report.format).map((c) => c.id);
            const value = JSON.parse(serializeReport(report)) as { cells: Record<string, unknown> };
            for (const [i, v] of changes) value.cells[ids[i % ids.length] as string] = v;
            const result = parseReport(value);
            if (result.ok) {
              for (const id of ids) {
                const v = cellValue(result.report, id);
                const kind = cellDef(report.format, id)?.kind;
                if (v === null) continue;
                if (kind === 'money') expect(typeof v).toBe('string');
                else expect(Number.isSafeInteger(v)).toBe(true);
              }
            } else {
              for (const p of result.problems) {
                expect(p.message).toMatch(CHINESE);
                if (p.path.startsWith('cells[')) expect(p.message).toMatch(/（[一二三四五六]、/);
              }
            }
          },
        ),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'never throws on any text, and a damaged report file is refused with a Chinese message',
    () => {
      const damaged = fc
        .tuple(arbitraryReport(), fc.nat(), fc.nat(), fc.string({ maxLength: 5 }))
        .map(([report, at, cut, insert]) => {
          const text = serializeReport(report);
          const i = at % text.length;
          return text.slice(0, i) + insert + text.slice(i + (cut % 8));
        });
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json(), damaged), (text) => {
          const result = parseReportFile(text);
          if (!result.ok) for (const p of result.problems) expect(p.message).toMatch(CHINESE);
        }),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('normaliseCellInput', () => {
  it(
    'never throws on what a clerk types, and what it accepts the report file accepts too',
    () => {
      fc.assert(
        fc.property(arbitraryReport(), fc.nat(), cellText, (report, i, raw) => {
          const ids = [...cellsOf(report.format).map((c) => c.id)];
          const id = ids[i % ids.length] as string;
          const spec = inputSpecOf(report, id);
          if (!spec) throw new Error(`no input spec for ${id}`);
          const result = normaliseCellInput(raw, spec);
          if (!result.ok) {
            expect(result.message).toMatch(CHINESE);
            return;
          }
          const parsed = parseReport({ ...report, cells: { ...report.cells, [id]: result.value } });
          expect(parsed.ok && cellValue(parsed.report, id)).toBe(result.value);
        }),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );
});
