import { Packer } from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDocx } from '../../src/import/docx';
import { importHtml } from '../../src/import/html';
import { importText } from '../../src/import/text';
import type { ImportResult } from '../../src/import/types';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { buildDocx } from '../../src/render/docx';
import { renderHtml } from '../../src/render/html';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';
import { loadFixture } from '../support/golden';

/** Cells whose imported value differs from the report's, as "id: imported ≠ original". */
function cellDifferences(original: Report, imported: ImportResult): string[] {
  return cellsOf(original.format)
    .filter((c) => cellValue(imported.report, c.id) !== cellValue(original, c.id))
    .map((c) => `${c.id}: ${String(cellValue(imported.report, c.id))} ≠ ${String(cellValue(original, c.id))}`);
}

describe('round trip: render → import gives back every cell', () => {
  it('text (renderText)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const imported = importText(renderText(toViewModel(report)));
        expect(imported.format).toBe(report.format);
        expect(cellDifferences(report, imported)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('HTML (renderHtml)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const imported = importHtml(renderHtml(toViewModel(report)));
        expect(imported.format).toBe(report.format);
        expect(cellDifferences(report, imported)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('DOCX (buildDocx, packed)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryReport(), async (report) => {
        const bytes = await Packer.toBuffer(buildDocx(toViewModel(report)));
        const imported = await importDocx(new Uint8Array(bytes));
        expect(imported.format).toBe(report.format);
        expect(cellDifferences(report, imported)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it.each(['000', '001', '002', '003', '004'])('sample %s: text, HTML and DOCX renderings import to the same cells and texts', async (n) => {
    const report = loadFixture(`sample-${n}`);
    const vm = toViewModel(report);
    const results = [
      importText(renderText(vm)),
      importHtml(renderHtml(vm)),
      await importDocx(new Uint8Array(await Packer.toBuffer(buildDocx(vm)))),
    ];
    for (const imported of results) {
      expect(cellDifferences(report, imported)).toEqual([]);
      expect(imported.source).toEqual({ agency: report.agency.name, year: report.year });
      expect(imported.report.publicationDate).toBe(report.publicationDate);
      expect(imported.report.problems).toEqual(report.problems);
      expect(imported.report.tableNotes).toEqual(report.tableNotes);
      expect(imported.report.overview.lead).toBe(report.overview.lead);
      expect(imported.report.overview.blocks.map((b) => [b.title, b.text])).toEqual(report.overview.blocks.map((b) => [b.title, b.text]));
    }
  });
});

describe('table notes: the sentences under a table', () => {
  it('keeps a note written under section 三’s table, and not a sentence written among its header lines', () => {
    const report = { ...loadFixture('sample-003'), tableNotes: { active: '', applications: '', appeals: '' } };
    const lines = renderText(toViewModel(report)).split('\n');
    const first = lines.findIndex((l) => l.includes('本年新收政府信息公开申请数量'));
    const last = lines.findIndex((l) => l.includes('结转下年度继续办理'));
    expect(first).toBeGreaterThan(0);
    expect(last).toBeGreaterThan(first);
    const before = '注：本表按申请人的类型分列各项数量。';
    const after = '注：本表数据截至当年十二月三十一日。';
    const text = [...lines.slice(0, first), before, ...lines.slice(first, last + 1), after, ...lines.slice(last + 1)].join('\n');
    const imported = importText(text);
    expect(imported.report.tableNotes.applications).toBe(after);
    expect(cellDifferences(report, imported)).toEqual([]);
  });
});
