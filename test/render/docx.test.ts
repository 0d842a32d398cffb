import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/model/format';
import { FORMATS, cellDef } from '../../src/model/formats';
import type { GridRow } from '../../src/model/layout';
import { gridsOf } from '../../src/model/layout';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { parseReportFile } from '../../src/model/report-file';
import { buildDocx } from '../../src/render/docx';
import { columnTwips } from '../../src/render/docx-table';
import type { ReportView } from '../../src/render/view-model';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';
import { consistentReport } from '../support/build-report';
import type { DocxParts, PlacedCell, XmlElement } from '../support/docx';
import {
  all,
  attr,
  child,
  childrenNamed,
  contentOf,
  effectiveFormat,
  parseXml,
  placeCells,
  strictXmlErrors,
  textOf,
  unpackDocx,
  visibleCells,
} from '../support/docx';

function loadSample(n: string): Report {
  const result = parseReportFile(readFileSync(resolve(__dirname, '../fixtures', `sample-${n}.json`), 'utf8'));
  if (!result.ok) throw new Error(`sample-${n}.json: ${JSON.stringify(result.problems)}`);
  return result.report;
}

const render = (report: Report, draft = false) => unpackDocx(buildDocx(toViewModel(report, { draft })));

const bodyOf = (parts: DocxParts) => all(parseXml(parts.document).children, 'w:body')[0] as XmlElement;
const paragraphs = (parts: DocxParts) => childrenNamed(bodyOf(parts), 'w:p');
const tables = (parts: DocxParts) => childrenNamed(bodyOf(parts), 'w:tbl');
const paragraphWithText = (parts: DocxParts, text: string) => {
  const p = paragraphs(parts).find((x) => textOf(x) === text);
  if (!p) throw new Error(`no paragraph 「${text}」`);
  return p;
};

/** Where each cell of an official layout grid sits (row, first column), skipping row-spanned columns. */
function placeGrid(rows: readonly GridRow[]) {
  const taken = new Set<string>();
  return rows.flatMap((row, r) => {
    let c = 0;
    return row.cells.map((cell) => {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      const placed = { row: r, column: c, cell };
      c += cell.colSpan;
      return placed;
    });
  });
}

const expectedText = (report: Report, id: string) => {
  const value = cellValue(report, id);
  return value === null ? '' : `${value}${cellDef(report.format, id)?.column.cellSuffix ?? ''}`;
};

/** The cells covering grid position (row, column), from the docx markup alone. */
const covering = (cells: PlacedCell[], row: number, column: number) =>
  cells.filter(
    (c) => c.row <= row && row < c.row + c.rowSpan && c.column <= column && column < c.column + c.colSpan,
  );

describe('buildDocx', () => {
  const samples: { n: string; format: FormatId; report: Report; parts: DocxParts }[] = [];

  beforeAll(async () => {
    for (const [n, format] of [
      ['002', '2021'],
      ['001', '2019'],
    ] as const) {
      const report = loadSample(n);
      expect(report.format).toBe(format);
      samples.push({ n, format, report, parts: await render(report) });
    }
  });
  const sample = (format: FormatId) => samples.find((s) => s.format === format) as (typeof samples)[number];

  describe('page (GB/T 9704)', () => {
    it('is A4 portrait with margins 37/35/28/26 mm in whole twips', () => {
      const sectPr = all(bodyOf(sample('2021').parts), 'w:sectPr')[0];
      const size = sectPr && child(sectPr, 'w:pgSz');
      const margin = sectPr && child(sectPr, 'w:pgMar');
      expect([attr(size, 'w:w'), attr(size, 'w:h')]).toEqual(['11906', '16838']);
      const twips = (mm: number) => String(Math.round((mm * 1440) / 25.4));
      expect(['w:top', 'w:bottom', 'w:left', 'w:right'].map((a) => attr(margin, a))).toEqual(
        [37, 35, 28, 26].map(twips),
      );
      expect(['2098', '1984', '1587', '1474']).toEqual([37, 35, 28, 26].map(twips));
    });

    it('puts 「— N —」 (a PAGE field between the dashes, 宋体 digits) at the right of odd pages and the left of even ones, one 四号 character in (§7.5)', async () => {
      const { parts } = sample('2021');
      expect(parts.footers).toHaveLength(2);
      const settings = (await parts.zip.file('word/settings.xml')?.async('string')) ?? '';
      expect(settings).toContain('<w:evenAndOddHeaders/>');
      const rels = parseXml((await parts.zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '').children;
      const sectPr = all(bodyOf(parts), 'w:sectPr')[0] as XmlElement;
      const footerOf = async (type: string) => {
        const ref = all([sectPr], 'w:footerReference').find((r) => attr(r, 'w:type') === type) as XmlElement;
        const target = attr(all(rels, 'Relationship').find((r) => attr(r, 'Id') === attr(ref, 'r:id')), 'Target');
        return parseXml((await parts.zip.file(`word/${target}`)?.async('string')) ?? '').children;
      };
      for (const [type, jc, side] of [
        ['default', 'right', 'w:right'],
        ['even', 'left', 'w:left'],
      ] as const) {
        const footer = await footerOf(type);
        const p = all(footer, 'w:p')[0] as XmlElement;
        const pPr = child(p, 'w:pPr') as XmlElement;
        expect(attr(child(pPr, 'w:jc'), 'w:val')).toBe(jc);
        expect(attr(child(pPr, 'w:ind'), side)).toBe('280');
        // Read the runs in order: text as is, a field as {INSTRUCTION}.
        const tokens = all(p, 'w:r').map((r) => {
          const instr = child(r, 'w:instrText');
          if (instr) return `{${contentOf(instr).trim()}}`;
          const fld = child(r, 'w:fldChar');
          return fld ? '' : textOf(r);
        });
        expect(tokens.join('')).toBe('\u2014 {PAGE} \u2014');
        expect(all(footer, 'w:fldChar').map((f) => attr(f, 'w:fldCharType'))).toEqual(['begin', 'separate', 'end']);
        const fonts = all(footer, 'w:rFonts');
        expect(fonts.length).toBeGreaterThan(0);
        for (const f of fonts) expect([attr(f, 'w:ascii'), attr(f, 'w:eastAsia')]).toEqual(['宋体', '宋体']);
        expect(all(footer, 'w:sz').map((sz) => attr(sz, 'w:val'))).toContain('28');
      }
    });
  });

  it('names the agency as the file’s author, not the docx library’s “Un-named”', async () => {
    const { parts, report } = sample('2021');
    const core = (await parts.zip.file('docProps/core.xml')?.async('string')) ?? '';
    expect(core).not.toContain('Un-named');
    expect(core).toContain(`<dc:creator>${report.agency.name}</dc:creator>`);
    expect(core).toContain(`<cp:lastModifiedBy>${report.agency.name}</cp:lastModifiedBy>`);
    expect(core).toContain(`<dc:title>${report.agency.name}${report.year}年政府信息公开工作年度报告</dc:title>`);
  });

  describe('paragraphs', () => {
    it('sets the title in 方正小标宋简体 二号, centred, with 草稿 only in drafts', async () => {
      const { report, parts } = sample('2021');
      const title = paragraphs(parts)[0] as XmlElement;
      expect(textOf(title)).toBe('咸宁市地方金融工作局2022年政府信息公开工作年度报告');
      expect(effectiveFormat(parts.styles, title)).toMatchObject({
        eastAsia: '方正小标宋简体',
        ascii: 'Times New Roman',
        size: '44',
        alignment: 'center',
      });
      const draft = await render(report, true);
      expect(textOf(paragraphs(draft)[0] as XmlElement)).toBe(`${textOf(title)}（草稿）`);
    });

    it('sets level-1 headings in 黑体 三号 and （一） subheadings in 楷体_GB2312 三号, both indented 2 characters', () => {
      const { report, parts } = sample('2021');
      for (const heading of Object.values(FORMATS[report.format].headings)) {
        expect(effectiveFormat(parts.styles, paragraphWithText(parts, heading))).toMatchObject({
          eastAsia: '黑体',
          size: '32',
          firstLine: '640',
        });
      }
      expect(effectiveFormat(parts.styles, paragraphWithText(parts, '（一）政府信息主动公开情况'))).toMatchObject({
        eastAsia: '楷体_GB2312',
        size: '32',
        firstLine: '640',
      });
    });

    it('sets body text in 仿宋_GB2312 三号, justified, first line indented 2 characters, exact 28.95 pt lines', () => {
      const { report, parts } = sample('2021');
      const lead = paragraphWithText(parts, report.overview.lead);
      expect(effectiveFormat(parts.styles, lead)).toEqual({
        eastAsia: '仿宋_GB2312',
        ascii: 'Times New Roman',
        size: '32',
        alignment: 'both',
        firstLine: '640',
        line: '579',
        lineRule: 'exact',
      });
      // 22 lines fill the 225 mm text area (GB/T 9704 §5.2.2).
      const textHeight = 16838 - 2098 - 1984;
      expect(22 * 579).toBeLessThanOrEqual(textHeight);
      expect(23 * 579).toBeGreaterThan(textHeight);
    });

    it('gives the document defaults East Asian fonts and zh-CN', () => {
      const defaults = all(parseXml(sample('2021').parts.styles).children, 'w:docDefaults')[0] as XmlElement;
      const fonts = all(defaults, 'w:rFonts')[0];
      expect([attr(fonts, 'w:ascii'), attr(fonts, 'w:hAnsi'), attr(fonts, 'w:eastAsia')]).toEqual([
        'Times New Roman',
        'Times New Roman',
        '仿宋_GB2312',
      ]);
      expect(attr(all(defaults, 'w:lang')[0], 'w:eastAsia')).toBe('zh-CN');
    });

    it('ends with the agency and the date, right-aligned', () => {
      const { parts } = sample('2021');
      const last = paragraphs(parts).slice(-2);
      expect(last.map(textOf)).toEqual(['咸宁市地方金融工作局', '2023年1月16日']);
      for (const p of last) expect(effectiveFormat(parts.styles, p).alignment).toBe('right');
    });

    it('prints the sections in the official order', () => {
      for (const { report, parts } of samples) {
        const headings = Object.values(FORMATS[report.format].headings);
        const found = paragraphs(parts)
          .map(textOf)
          .filter((t) => headings.includes(t));
        expect(found).toEqual(headings);
      }
    });
  });

  describe('tables', () => {
    it('has the three official tables, each as wide as the text (156 mm = 8845 twips), fixed layout', () => {
      for (const { format, parts } of samples) {
        const grids = gridsOf(format);
        const found = tables(parts);
        expect(found).toHaveLength(3);
        [grids.active, grids.applications, grids.appeals].forEach((grid, i) => {
          const tbl = found[i] as XmlElement;
          const tblPr = child(tbl, 'w:tblPr') as XmlElement;
          expect([attr(child(tblPr, 'w:tblW'), 'w:type'), attr(child(tblPr, 'w:tblW'), 'w:w')]).toEqual(['dxa', '8845']);
          expect(attr(child(tblPr, 'w:tblLayout'), 'w:type')).toBe('fixed');
          const cols = all(tbl, 'w:gridCol').map((g) => Number(attr(g, 'w:w')));
          expect(cols).toHaveLength(grid.columns);
          expect(cols.reduce((a, b) => a + b, 0)).toBe(8845);
          // Each cell's width is the width of the grid columns it spans.
          for (const cell of visibleCells(placeCells(tbl))) {
            const tcW = attr(child(child(cell.element, 'w:tcPr') as XmlElement, 'w:tcW'), 'w:w');
            expect(Number(tcW)).toBe(cols.slice(cell.column, cell.column + cell.colSpan).reduce((a, b) => a + b, 0));
          }
          // Single borders all round and inside.
          const borders = child(tblPr, 'w:tblBorders') as XmlElement;
          expect(borders.children.filter((c) => 'attribs' in c).map((c) => attr(c as XmlElement, 'w:val'))).toEqual(
            Array(6).fill('single'),
          );
        });
      }
    });

    it('merges the section 三 header as published: note 3×3, 申请人情况 across 7, 法人或其他组织 across 5', () => {
      for (const { format, parts } of samples) {
        const rows = placeCells(tables(parts)[1] as XmlElement);
        const def = FORMATS[format];
        const note = rows[0]?.[0] as PlacedCell;
        expect(note.text).toBe(def.applicationsNote);
        expect([note.colSpan, note.vMerge, note.rowSpan]).toEqual([3, 'restart', 3]);
        const applicants = rows[0]?.[1] as PlacedCell;
        expect([applicants.text, applicants.colSpan]).toEqual(['申请人情况', 7]);
        const legal = rows[1]?.find((c) => c.text === '法人或其他组织');
        expect([legal?.column, legal?.colSpan]).toEqual([4, 5]);
        for (const label of ['自然人', '总计']) expect(rows[1]?.find((c) => c.text === label)?.rowSpan).toBe(2);
      }
    });

    it('runs the vertical 三、本年度办理结果 label down 22 rows in 2021 and 20 in 2019', () => {
      for (const { format, parts } of samples) {
        const rows = placeCells(tables(parts)[1] as XmlElement);
        const label = rows.flat().find((c) => c.text === '三、本年度办理结果') as PlacedCell;
        expect(label.vMerge).toBe('restart');
        const continues = rows.flat().filter((c) => c.column === label.column && c.vMerge === 'continue' && c.row > label.row);
        const expected = format === '2021' ? 21 : 19;
        expect(continues).toHaveLength(expected);
        expect(label.rowSpan).toBe(expected + 1);
      }
    });

    it('merges the section 四 header: 行政复议 5, 行政诉讼 10, each 复议 outcome down 2 rows', () => {
      for (const { parts } of samples) {
        const rows = placeCells(tables(parts)[2] as XmlElement);
        expect(rows[0]?.map((c) => [c.text, c.colSpan])).toEqual([
          ['行政复议', 5],
          ['行政诉讼', 10],
        ]);
        expect(rows[1]?.slice(0, 5).map((c) => [c.text, c.rowSpan])).toEqual(
          ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => [t, 2]),
        );
        expect(rows[1]?.slice(5).map((c) => [c.text, c.column, c.colSpan])).toEqual([
          ['未经复议直接起诉', 5, 5],
          ['复议后起诉', 10, 5],
        ]);
        expect(rows.flat().filter((c) => c.vMerge === 'continue').map((c) => c.column)).toEqual([0, 1, 2, 3, 4]);
        expect(rows[3]).toHaveLength(15);
      }
    });

    it('repeats the section 三/四 header rows on each page and never splits a row', () => {
      for (const { parts } of samples) {
        const [active, applications, appeals] = tables(parts) as XmlElement[];
        for (const tbl of [applications, appeals] as XmlElement[]) {
          const repeat = childrenNamed(tbl, 'w:tr').map((tr) => all(tr, 'w:tblHeader').length > 0);
          expect(repeat.slice(0, 3)).toEqual([true, true, true]);
          expect(repeat.slice(3).every((r) => !r)).toBe(true);
        }
        for (const tbl of [active, applications, appeals] as XmlElement[])
          for (const tr of childrenNamed(tbl, 'w:tr')) expect(all(tr, 'w:cantSplit')).toHaveLength(1);
      }
    });

    it('keeps each section 二 caption and header row with the row below it (Word keeps rows via keepNext)', () => {
      for (const { format, parts } of samples) {
        const layout = gridsOf(format).active.body;
        const rows = childrenNamed(tables(parts)[0] as XmlElement, 'w:tr');
        expect(rows).toHaveLength(layout.length);
        rows.forEach((tr, r) => {
          const labelRow = !layout[r]?.cells.some((c) => c.role === 'value');
          const kept = all(tr, 'w:p').map((p) => {
            const keep = all(p, 'w:keepNext')[0];
            return keep !== undefined && attr(keep, 'w:val') !== 'false';
          });
          expect(kept.every((k) => k === labelRow), `${format} row ${r}`).toBe(true);
        });
      }
    });

    it('sets table text in 仿宋_GB2312: 五号 in section 二, 小五 in the wide sections 三 and 四', () => {
      for (const { parts } of samples) {
        tables(parts).forEach((tbl, i) => {
          for (const p of all(tbl, 'w:p').filter((x) => textOf(x))) {
            expect(effectiveFormat(parts.styles, p)).toMatchObject({
              eastAsia: '仿宋_GB2312',
              size: i === 0 ? '21' : '18',
              firstLine: '0',
            });
          }
        });
      }
    });

    it('prints every label and every figure of the fixture in its grid cell, with the official spans', () => {
      for (const { format, report, parts } of samples) {
        const grids = gridsOf(format);
        [grids.active, grids.applications, grids.appeals].forEach((grid, i) => {
          const docx = visibleCells(placeCells(tables(parts)[i] as XmlElement));
          const expected = placeGrid([...grid.head, ...grid.body]);
          expect(docx).toHaveLength(expected.length);
          for (const { row, column, cell } of expected) {
            const found = docx.find((c) => c.row === row && c.column === column);
            const where = `${format} ${grid.id} (${row},${column}) ${cell.cellId ?? cell.text}`;
            expect(found, where).toBeDefined();
            expect([found?.rowSpan, found?.colSpan], where).toEqual([cell.rowSpan, cell.colSpan]);
            expect(found?.text, where).toBe(cell.cellId ? expectedText(report, cell.cellId) : cell.text);
          }
        });
      }
    });

    it('puts each section 三/四 figure under its column headers and beside its row labels', () => {
      for (const { format, report, parts } of samples) {
        const def = FORMATS[format];
        for (const [index, family] of [
          [1, 'applications'],
          [2, 'appeals'],
        ] as const) {
          const table = def.tables.find((t) => t.family === family);
          const rows = placeCells(tables(parts)[index] as XmlElement);
          const cells = visibleCells(rows);
          const headRows = 3;
          const firstValue = family === 'applications' ? 3 : 0;
          table?.rows.forEach((row, r) => {
            table.columns.forEach((column, c) => {
              const gridRow = headRows + r;
              const gridColumn = firstValue + c;
              const above = covering(cells, 0, gridColumn)
                .concat(covering(cells, 1, gridColumn), covering(cells, 2, gridColumn))
                .filter((x, k, a) => a.indexOf(x) === k)
                .map((x) => x.text);
              const left = [0, 1, 2]
                .slice(0, firstValue)
                .flatMap((col) => covering(cells, gridRow, col))
                .filter((x, k, a) => a.indexOf(x) === k)
                .map((x) => x.text);
              const header = [
                ...(family === 'applications' ? [def.applicantsHeader] : []),
                ...[column.outerGroup, column.group].filter((g): g is string => !!g),
                column.label,
              ];
              expect(above).toEqual(header);
              expect(left).toEqual(family === 'applications' ? [...row.groups, row.label] : []);
              const value = covering(cells, gridRow, gridColumn)[0]?.text;
              expect(value).toBe(expectedText(report, `${table.id}.${row.id}.${column.id}`));
            });
          });
        }
      }
    });
  });

  describe('user text', () => {
    const HOSTILE =
      '<script>alert("x")</script> R&D &amp; 😀 𠀀 \u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800 e\u202End\u200b\u007f\u009b\uDC00';
    // VT and FF are line breaks (Word's manual line break is VT): the text splits there, the rest is stripped
    // (with the invisible controls: a right-to-left override would show "end" as "dne").
    const CLEAN = ['<script>alert("x")</script> R&D &amp; 😀 𠀀', 'end'];

    it('the strict parser used below rejects a raw control character (so the next test can fail)', () => {
      expect(strictXmlErrors('<a>\u0001</a>')).not.toHaveLength(0);
      expect(strictXmlErrors('<a>&lt;ok&gt;</a>')).toHaveLength(0);
    });

    it('escapes markup and strips characters XML forbids, so the document always opens', async () => {
      const base = consistentReport('2021');
      const report: Report = {
        ...base,
        agency: { ...base.agency, name: `A&B<机关>\u0002` },
        overview: { ...base.overview, lead: HOSTILE },
        problems: { ...base.problems, thisYear: HOSTILE },
      };
      const parts = await render(report);
      expect(strictXmlErrors(parts.document)).toEqual([]);
      for (const footer of parts.footers) expect(strictXmlErrors(footer)).toEqual([]);
      expect(strictXmlErrors(await (parts.zip.file('docProps/core.xml')?.async('string') ?? ''))).toEqual([]);
      expect(parts.document).toContain('&lt;script&gt;');
      expect(parts.document).not.toContain('<script');
      for (const text of CLEAN) expect(paragraphs(parts).filter((p) => textOf(p) === text)).toHaveLength(2);
      expect(textOf(paragraphs(parts)[0] as XmlElement)).toBe('A&B<机关>2022年政府信息公开工作年度报告');
      // The zip itself reloads.
      await expect(JSZip.loadAsync(parts.bytes)).resolves.toBeInstanceOf(JSZip);
    });

    it('strips forbidden characters itself when a view was not made by toViewModel', async () => {
      const vm = toViewModel(consistentReport('2019'));
      const dirty = (text: string) => `${text}\u0001\uD800\uFFFF`;
      const view: ReportView = {
        ...vm,
        title: dirty(vm.title),
        intro: [dirty('引言')],
        sections: vm.sections.map((section) => ({
          ...section,
          blocks: section.blocks.map((b) =>
            b.kind === 'table'
              ? {
                  ...b,
                  table: {
                    ...b.table,
                    body: b.table.body.map((row) => ({ cells: row.cells.map((c) => ({ ...c, text: dirty(c.text) })) })),
                  },
                }
              : { ...b, text: dirty(b.text) },
          ),
        })),
        signature: vm.signature.map(dirty),
      };
      const parts = await unpackDocx(buildDocx(view));
      expect(strictXmlErrors(parts.document)).toEqual([]);
      expect(strictXmlErrors(await (parts.zip.file('docProps/core.xml')?.async('string') ?? ''))).toEqual([]);
      expect(textOf(paragraphs(parts)[0] as XmlElement)).toBe(vm.title);
      expect(textOf(paragraphs(parts)[1] as XmlElement)).toBe('引言');
    });

    it('any valid report packs into a docx whose XML parts are well-formed', async () => {
      // The report schema keeps control characters, so add some to the drawn texts.
      const controls = fc.string({
        unit: fc
          .oneof(fc.integer({ min: 0, max: 0x1f }), fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xfffe, 0xffff))
          .map((c) => String.fromCharCode(c)),
        maxLength: 6,
      });
      await fc.assert(
        fc.asyncProperty(arbitraryReport(), controls, fc.boolean(), async (drawn, noise, draft) => {
          const report = { ...drawn, agency: { ...drawn.agency, name: drawn.agency.name + noise }, intro: noise + drawn.intro };
          const parts = await render(report, draft);
          expect(strictXmlErrors(parts.document)).toEqual([]);
          expect(tables(parts)).toHaveLength(3);
        }),
        { numRuns: 30 },
      );
    });
  });
});

describe('columnTwips', () => {
  it('splits the text width by percentage and always adds up exactly', () => {
    expect(columnTwips([28, 24, 24, 24], 8845)).toEqual([2476, 2123, 2123, 2123]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 }), (widths) => {
        const twips = columnTwips(widths, 8845);
        expect(twips.reduce((a, b) => a + b, 0)).toBe(8845);
        const total = widths.reduce((a, b) => a + b, 0);
        twips.forEach((t, i) => expect(Math.abs(t - ((widths[i] ?? 0) / total) * 8845)).toBeLessThan(1));
      }),
    );
  });
});
