// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/model/format';
import { HEADINGS } from '../../src/model/format-common';
import { cellDef, cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { renderHtml } from '../../src/render/html';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';
import { consistentReport } from '../support/build-report';
import { expectGolden, loadFixture } from '../support/golden';

const SAMPLES = ['sample-000', 'sample-001', 'sample-002', 'sample-003', 'sample-004'] as const;
const HOSTILE = '<script>alert(1)</script>"\'&<>';

const html = (report: Report, draft = false) => renderHtml(toViewModel(report, { draft }));
const parse = (page: string) => new DOMParser().parseFromString(page, 'text/html');

/** The table of the section whose heading starts with `no`. */
function sectionTable(doc: Document, no: string): HTMLTableElement {
  const section = [...doc.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent?.startsWith(no));
  const table = section?.querySelector('table');
  if (!table) throw new Error(`no table in section ${no}`);
  return table;
}

/** The header or label cell with exactly this text (there must be exactly one). */
function th(table: HTMLTableElement, text: string): HTMLTableCellElement {
  const found = [...table.querySelectorAll('th')].filter((c) => c.textContent === text);
  expect(found, `th “${text}”`).toHaveLength(1);
  return found[0] as HTMLTableCellElement;
}

const spans = (cell: Element) => ({
  rowspan: Number(cell.getAttribute('rowspan') ?? 1),
  colspan: Number(cell.getAttribute('colspan') ?? 1),
});

/** Every row of every row group must cover the colgroup width exactly, without overlaps. */
function coverageErrors(table: HTMLTableElement): string[] {
  const columns = table.querySelectorAll('colgroup > col').length;
  const errors: string[] = [];
  for (const group of [table.tHead, ...table.tBodies]) {
    if (!group) continue;
    const rows = [...group.rows];
    const taken = rows.map(() => new Array<boolean>(columns).fill(false));
    rows.forEach((tr, r) => {
      let c = 0;
      for (const cell of tr.cells) {
        while (c < columns && taken[r]?.[c]) c++;
        const { rowspan, colspan } = spans(cell);
        for (let dr = 0; dr < rowspan; dr++) {
          for (let dc = 0; dc < colspan; dc++) {
            const line = taken[r + dr];
            if (!line || c + dc >= columns) errors.push(`“${cell.textContent}” (row ${r}) reaches outside the grid`);
            else if (line[c + dc]) errors.push(`“${cell.textContent}” (row ${r}) overlaps another cell`);
            else line[c + dc] = true;
          }
        }
        c += colspan;
      }
      const covered = taken[r]?.filter(Boolean).length;
      if (covered !== columns) errors.push(`row ${r} covers ${covered} of ${columns} columns`);
    });
  }
  return errors;
}

function expectedCellText(report: Report, id: string): string {
  const value = cellValue(report, id);
  return value === null ? '' : `${value}${cellDef(report.format, id)?.column.cellSuffix ?? ''}`;
}

describe('renderHtml', () => {
  it.each([
    ['sample-002', 'sample-002.html'],
    ['sample-001', 'sample-001.html'],
  ])('renders %s exactly as the golden file %s', (fixture, golden) => {
    expectGolden(golden, html(loadFixture(fixture)));
  });

  it('is one self-contained page: doctype, zh-CN, utf-8, strict CSP without scripts, title', () => {
    const report = loadFixture('sample-002');
    const page = html(report);
    expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    const doc = parse(page);
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(doc.title).toBe('咸宁市地方金融工作局2022年政府信息公开工作年度报告');
    expect(doc.querySelector('h1')?.textContent).toBe(doc.title);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
  });

  it('prints with A4 margins and the official font stacks', () => {
    const css = parse(html(loadFixture('sample-002'))).querySelector('style')?.textContent ?? '';
    expect(css).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(css).toMatch(/body \{[^}]*font-family: "仿宋_GB2312", FangSong, "Noto Serif CJK SC"[^}]*serif;/);
    expect(css).toMatch(/h1 \{[^}]*font-family: "方正小标宋简体",/);
    expect(css).toMatch(/h2 \{[^}]*font-family: "黑体", SimHei,[^}]*sans-serif;/);
    expect(css).toMatch(/h3 \{[^}]*font-family: "楷体_GB2312", KaiTi,/);
    expect(css).toMatch(/\bp \{[^}]*text-indent: 2em;/);
    expect(css).toMatch(/border-collapse: collapse;[^}]*table-layout: fixed;/);
    expect(css).toMatch(/th, td \{[^}]*border: 1px solid #000;/);
  });

  it.each(['2021', '2019'] as const)('prints the six headings in order with the exact labels (%s)', (format) => {
    const doc = parse(html(consistentReport(format)));
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(Object.values(HEADINGS));
  });

  it.each([
    ['2021', 22],
    ['2019', 20],
  ] as const)('merges the section 三 header and row labels as in the %s format', (format, resultRows) => {
    const table = sectionTable(parse(html(consistentReport(format))), '三');
    const note = th(table, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(spans(note)).toEqual({ rowspan: 3, colspan: 3 });
    expect(note.closest('thead')).not.toBeNull();
    expect(spans(th(table, '申请人情况'))).toEqual({ rowspan: 1, colspan: 7 });
    expect(spans(th(table, '自然人'))).toEqual({ rowspan: 2, colspan: 1 });
    expect(spans(th(table, '法人或其他组织'))).toEqual({ rowspan: 1, colspan: 5 });
    expect(spans(th(table, '总计'))).toEqual({ rowspan: 2, colspan: 1 });
    expect(spans(th(table, '三、本年度办理结果'))).toEqual({ rowspan: resultRows, colspan: 1 });
    expect(th(table, '三、本年度办理结果').getAttribute('scope')).toBe('row');
    expect(spans(th(table, '（三）不予公开'))).toEqual({ rowspan: 8, colspan: 1 });
    expect(spans(th(table, '（四）无法提供'))).toEqual({ rowspan: 3, colspan: 1 });
    expect(spans(th(table, '（五）不予处理'))).toEqual({ rowspan: 5, colspan: 1 });
    expect(spans(th(table, '（六）其他处理'))).toEqual(format === '2021' ? { rowspan: 3, colspan: 1 } : { rowspan: 1, colspan: 2 });
    expect(spans(th(table, '一、本年新收政府信息公开申请数量'))).toEqual({ rowspan: 1, colspan: 3 });
    expect(table.querySelectorAll('tbody td[data-cell]')).toHaveLength(format === '2021' ? 175 : 161);
  });

  it('merges the section 四 header: 行政复议 5, 行政诉讼 10, each litigation group 5', () => {
    const table = sectionTable(parse(html(consistentReport('2021'))), '四');
    expect(spans(th(table, '行政复议'))).toEqual({ rowspan: 1, colspan: 5 });
    expect(spans(th(table, '行政诉讼'))).toEqual({ rowspan: 1, colspan: 10 });
    expect(spans(th(table, '未经复议直接起诉'))).toEqual({ rowspan: 1, colspan: 5 });
    expect(spans(th(table, '复议后起诉'))).toEqual({ rowspan: 1, colspan: 5 });
    const [review] = [...table.querySelectorAll('thead tr:nth-child(2) th')];
    expect(review?.textContent).toBe('结果维持');
    expect(spans(review as Element)).toEqual({ rowspan: 2, colspan: 1 });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(table.querySelectorAll('tbody td[data-cell]')).toHaveLength(15);
  });

  it.each([
    ['2021', 4],
    ['2019', 5],
  ] as const)('spans each section 二 caption row over the 4 columns (%s)', (format, captions) => {
    const table = sectionTable(parse(html(consistentReport(format))), '二');
    const rows = [...table.querySelectorAll('tr')].filter((tr) => tr.cells[0]?.textContent?.startsWith('第二十条'));
    expect(rows).toHaveLength(captions);
    for (const tr of rows) {
      expect(tr.cells).toHaveLength(1);
      expect(spans(tr.cells[0] as Element)).toEqual({ rowspan: 1, colspan: 4 });
      expect(tr.cells[0]?.tagName).toBe('TH');
    }
  });

  it.each(['2021', '2019'] as const)('fills the grid width in every row of every table, with widths from the view model (%s)', (format) => {
    const report = consistentReport(format);
    const doc = parse(html(report));
    const tables = [...doc.querySelectorAll('table')];
    expect(tables).toHaveLength(3);
    for (const table of tables) expect(coverageErrors(table)).toEqual([]);
    const widths = toViewModel(report).sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.widths] : [])));
    tables.forEach((table, i) => {
      const printed = [...table.querySelectorAll('col')].map((c) => parseFloat(c.style.width));
      expect(printed).toEqual(widths[i]?.map((w) => Math.round(w * 1000) / 1000));
    });
    expect(doc.querySelector('[rowspan="1"], [colspan="1"]')).toBeNull();
  });

  it.each(SAMPLES)('puts every figure of %s in its data-cell', (name) => {
    const report = loadFixture(name);
    const doc = parse(html(report));
    for (const { id } of cellsOf(report.format)) {
      const cells = doc.querySelectorAll(`td[data-cell="${id}"]`);
      expect(cells, id).toHaveLength(1);
      expect(cells[0]?.textContent, id).toBe(expectedCellText(report, id));
    }
    expect(doc.querySelectorAll('td[data-cell]')).toHaveLength(cellsOf(report.format).length);
  });

  it('closes with the right-aligned signature: agency, then the publication date', () => {
    const doc = parse(html(loadFixture('sample-002')));
    const footer = doc.querySelector('article > footer.signature:last-child');
    expect([...(footer?.querySelectorAll('p') ?? [])].map((p) => p.textContent)).toEqual(['咸宁市地方金融工作局', '2023年1月16日']);
    expect(doc.querySelector('style')?.textContent).toMatch(/\.signature \{[^}]*text-align: right;/);
  });

  it('escapes user text in the agency name, subheadings and narratives', () => {
    const base = consistentReport('2021');
    const report: Report = {
      ...base,
      agency: { ...base.agency, name: `测试局${HOSTILE}` },
      intro: `引言${HOSTILE}`,
      overview: { lead: HOSTILE, blocks: [{ topic: 'other', title: HOSTILE, text: `<img src=x onerror=alert(1)>` }] },
      problems: { lastYear: '', thisYear: `"><script>alert(2)</script>` },
    };
    const page = html(report);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('<img');
    expect(page).toContain('测试局&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;&lt;&gt;');
    const doc = parse(page);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(doc.title).toBe(`测试局${HOSTILE}2022年政府信息公开工作年度报告`);
    expect(doc.querySelector('h1')?.textContent).toBe(doc.title);
    expect(doc.querySelector('h3')?.textContent).toBe(`（一）${HOSTILE}`);
    const paragraphs = [...doc.querySelectorAll('p')].map((p) => p.textContent);
    expect(paragraphs).toContain(`引言${HOSTILE}`);
    expect(paragraphs).toContain('<img src=x onerror=alert(1)>');
    expect(paragraphs).toContain('"><script>alert(2)</script>');
    expect(doc.querySelector('footer p')?.textContent).toBe(`测试局${HOSTILE}`);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')).not.toBeNull();
  });

  it('marks a draft in the title and h1', () => {
    const doc = parse(html(consistentReport('2021'), true));
    expect(doc.title).toBe('测试市测试局2022年政府信息公开工作年度报告（草稿）');
    expect(doc.querySelector('h1')?.textContent).toBe(doc.title);
  });

  it('renders any valid report without throwing, with every cell and no script', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const page = html(report);
        expect(page).not.toMatch(/<script/i);
        const doc = parse(page);
        expect(doc.querySelectorAll('script')).toHaveLength(0);
        expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(Object.values(HEADINGS));
        expect(doc.querySelectorAll('td[data-cell]')).toHaveLength(cellsOf(report.format as FormatId).length);
        expect(renderHtml(toViewModel(report))).toBe(page);
      }),
      { numRuns: 50 },
    );
  });
});
