import { Packer } from 'docx';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importDocx, importHtml, importPublished, importText } from '../../src/import/index';
import type { ImportResult } from '../../src/import/types';
import { parseReport } from '../../src/model/report-file';
import { buildDocx } from '../../src/render/docx';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';
import { arbitraryNoise, arbitraryPublished, inventedNumbers } from './published-text';
import { FUZZ_TIMEOUT, runs } from './runs';

/**
 * The importer never throws, whatever it is given, always returns a valid report, and never
 * invents a number: every figure in the imported cells is part of a number in its input.
 */

const CHINESE = /[\u4e00-\u9fff]/;

function sound(result: ImportResult, input: string): void {
  const reparsed = parseReport(JSON.parse(JSON.stringify(result.report)));
  expect(reparsed.ok ? [] : reparsed.problems).toEqual([]);
  for (const d of result.diagnostics) expect(d.message).toMatch(CHINESE);
  expect(inventedNumbers(result.report, input)).toEqual([]);
}

describe('the invented-number check itself', () => {
  it('finds a figure that is in no number of the input, and accepts full-width, separated and run-together ones', () => {
    const report = importText('三、收到和处理政府信息公开申请情况').report;
    const withCell = (v: number) => ({ ...report, cells: { ...report.cells, 'apply.N.p': v } });
    expect(inventedNumbers(withCell(12345), '共 1234 件，另 2345 件')).toEqual(['apply.N.p=12345']);
    expect(inventedNumbers(withCell(12345), '１２３４５')).toEqual([]);
    expect(inventedNumbers(withCell(12345), '12,345')).toEqual([]);
    expect(inventedNumbers(withCell(12345), '7123457')).toEqual([]);
  });
});

describe('importText', () => {
  it(
    'damaged renderings of any report: no throw, a valid report, no invented number',
    () => {
      fc.assert(
        fc.property(arbitraryPublished('text'), ({ published }) => sound(importText(published), published)),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'noise that only looks like a report: the same',
    () => {
      fc.assert(
        fc.property(arbitraryNoise, (text) => sound(importText(text), text)),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('importHtml', () => {
  it(
    'damaged renderings of any report: no throw, a valid report, no invented number',
    () => {
      fc.assert(
        fc.property(arbitraryPublished('html'), ({ published }) => sound(importHtml(published), published)),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'noise, and noise inside table markup: the same',
    () => {
      const tabled = arbitraryNoise.map((t) => `<table>${t.split('\n').map((l) => `<tr><td>${l.split('|').join('</td><td>')}</td></tr>`).join('')}</table>`);
      fc.assert(
        fc.property(fc.oneof(arbitraryNoise, tabled), (html) => sound(importHtml(html), html)),
        { numRuns: runs() },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('importDocx and importPublished', () => {
  it(
    'a DOCX whose document.xml text is damaged: no throw, no invented number (fewer runs: packing is slow)',
    async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryReport(), fc.nat(), fc.nat({ max: 200 }), fc.string({ maxLength: 8 }), async (report, at, cut, insert) => {
          const zip = await JSZip.loadAsync(await Packer.toBuffer(buildDocx(toViewModel(report))));
          const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
          const i = at % xml.length;
          const damaged = xml.slice(0, i) + insert + xml.slice(i + cut);
          zip.file('word/document.xml', damaged);
          const bytes = await zip.generateAsync({ type: 'uint8array' });
          // Only the text between tags counts as input (attributes hold sizes and ids, not figures).
          sound(await importDocx(bytes), damaged.replace(/<[^>]*>/g, ' '));
        }),
        { numRuns: runs(0.02) },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'any bytes under any name: no throw, a valid report, a Chinese reason when nothing is read',
    async () => {
      const names = fc.constantFrom('a.txt', 'a.html', 'a.docx', 'a.pdf', 'a.doc', 'a', 'A.DOCX');
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('PK\u0003\u0004', '%PDF-1.7\n', '\u00d0\u00cf\u0011\u00e0', '<html><table>').chain((magic) =>
          fc.uint8Array({ maxLength: 200 }).map((rest) => new Uint8Array([...[...magic].map((c) => c.charCodeAt(0)), ...rest])),
        ),
      );
      await fc.assert(
        fc.asyncProperty(names, bytes, async (name, data) => {
          const result = await importPublished({ name, bytes: data });
          const decoded = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'].map((e) => new TextDecoder(e).decode(data));
          sound(result, decoded.join('\n'));
          if (result.report.intro === '' && Object.values(result.report.cells).every((v) => v === null))
            expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
        }),
        { numRuns: runs(0.2) },
      );
    },
    FUZZ_TIMEOUT,
  );
});
