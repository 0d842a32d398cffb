import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatId, SectionNo } from '../../src/model/format';
import { HEADINGS } from '../../src/model/format-common';
import { FORMATS, cellDef } from '../../src/model/formats';
import { gridsOf } from '../../src/model/layout';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { arbitraryReport } from '../support/arbitrary-report';
import { consistentReport } from '../support/build-report';
import { expectGolden, loadFixture } from '../support/golden';

const SAMPLES = ['sample-000', 'sample-001', 'sample-002', 'sample-003', 'sample-004'] as const;
const INDENT = '　　';
const HOSTILE = '<script>alert(1)</script>"\'&<>';

const text = (report: Report) => renderText(toViewModel(report));
/** How an importer reads a table line. */
const cellsOfLine = (line: string) => line.split('|').map((c) => c.trim());

/** The lines of the section `no`: from its heading (excluded) to the next heading or the blank line before the signature. */
function sectionLines(output: string, no: SectionNo): string[] {
  const lines = output.split('\n');
  const start = lines.indexOf(HEADINGS[no]);
  expect(start, HEADINGS[no]).toBeGreaterThan(0);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l === '' || Object.values(HEADINGS).includes(l));
  return rest.slice(0, end);
}

/** Table lines of a section: whatever is not an indented paragraph. */
const tableLines = (output: string, no: SectionNo) => sectionLines(output, no).filter((l) => !l.startsWith(INDENT));

const GRID_OF_SECTION = { 二: 'active', 三: 'applications', 四: 'appeals' } as const;

function formatted(report: Report, id: string): string {
  const value = cellValue(report, id);
  return value === null ? '' : `${value}${cellDef(report.format, id)?.column.cellSuffix ?? ''}`;
}

describe('renderText', () => {
  it.each([
    ['sample-002', 'sample-002.txt'],
    ['sample-001', 'sample-001.txt'],
  ])('renders %s exactly as the golden file %s', (fixture, golden) => {
    expectGolden(golden, text(loadFixture(fixture)));
  });

  it('starts with the title and a blank line, ends with the signature and one final newline', () => {
    const output = text(loadFixture('sample-002'));
    const lines = output.split('\n');
    expect(lines.slice(0, 2)).toEqual(['咸宁市地方金融工作局2022年政府信息公开工作年度报告', '']);
    expect(output.endsWith('\n\n咸宁市地方金融工作局\n2023年1月16日\n')).toBe(true);
    expect(output).not.toMatch(/\n\n\n/);
  });

  it('indents intro and narrative paragraphs with two ideographic spaces, one line each', () => {
    const report = { ...consistentReport('2021'), intro: '第一段。\n\n  第二段。  ' };
    const lines = text(report).split('\n');
    expect(lines.slice(2, 4)).toEqual([`${INDENT}第一段。`, `${INDENT}第二段。`]);
    expect(lines[4]).toBe('一、总体情况');
    expect(lines[5]).toBe(`${INDENT}本年度工作概述。`);
    expect(lines[6]).toBe('（一）主动公开');
    expect(lines[7]).toBe(`${INDENT}proactive 方面的工作。`);
  });

  it.each(['2021', '2019'] as const)('prints the six headings in order, each on its own line (%s)', (format) => {
    const lines = text(consistentReport(format)).split('\n');
    const headings = lines.filter((l) => Object.values(HEADINGS).includes(l));
    expect(headings).toEqual(Object.values(HEADINGS));
  });

  it('prints tables as rows of their own cells joined with " | ", like the published samples', () => {
    const output = text(loadFixture('sample-001'));
    const applications = tableLines(output, '三');
    expect(applications.slice(0, 3)).toEqual([
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况',
      '自然人 | 法人或其他组织 | 总计',
      '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他',
    ]);
    expect(applications).toContain('三、本年度办理结果 | （一）予以公开 | 65 | 0 | 0 | 0 | 40 | 7 | 112');
    expect(applications).toContain('（三）不予公开 | 1.属于国家秘密 | 5 | 0 | 0 | 0 | 8 | 0 | 13');
    expect(applications).toContain('2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0');
    const active = tableLines(output, '二');
    expect(active[0]).toBe('第二十条第（一）项');
    expect(active).toContain('信息内容 | 上一年项目数量 | 本年增/减 |');
    expect(active).toContain('政府集中采购 | 76 | 493.5万元 |');
    expect(tableLines(output, '四').at(-1)).toBe('1 | 0 | 0 | 0 | 1 | 5 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 | 0');
  });

  it('prints blank cells as empty fields between separators', () => {
    const report = loadFixture('sample-000');
    const lines = tableLines(text(report), '三');
    const line = lines.find((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
    expect(cellValue(report, 'apply.N.b')).toBeNull();
    expect(cellsOfLine(line ?? '')).toEqual(['一、本年新收政府信息公开申请数量', '7', '', '0', '0', '0', '0', '7']);
  });

  it.each(SAMPLES)('puts every figure of %s in its row, in column order', (name) => {
    const report = loadFixture(name);
    const output = text(report);
    for (const table of FORMATS[report.format].tables) {
      const lines = tableLines(output, table.section);
      for (const row of table.rows) {
        const values = [...table.columns.map((c) => formatted(report, `${table.id}.${row.id}.${c.id}`))];
        const padded = [...values, ...new Array<string>(table.padding ?? 0).fill('')];
        if (table.family === 'appeals') {
          expect(cellsOfLine(lines.at(-1) ?? ''), `${table.id}.${row.id}`).toEqual(values);
          continue;
        }
        const matches = lines.map(cellsOfLine).filter((cells) => cells.includes(row.label));
        expect(matches, `${table.id}.${row.id}`).toHaveLength(1);
        const cells = matches[0] ?? [];
        expect(cells.slice(-padded.length), `${table.id}.${row.id}`).toEqual(padded);
        expect(cells[cells.length - padded.length - 1], `${table.id}.${row.id}`).toBe(row.label);
      }
    }
  });

  it('keeps user text raw (no HTML escaping) and one line per title, subheading and paragraph', () => {
    const base = consistentReport('2021');
    const report: Report = {
      ...base,
      agency: { ...base.agency, name: `测试局\n${HOSTILE}` },
      overview: { lead: `甲${HOSTILE}`, blocks: [{ topic: 'other', title: '标题\r\n第二行\u2028第三行', text: '正文' }] },
    };
    const lines = text(report).split('\n');
    expect(lines[0]).toBe(`测试局 ${HOSTILE}2022年政府信息公开工作年度报告`);
    expect(lines).toContain(`${INDENT}甲${HOSTILE}`);
    expect(lines).toContain('（一）标题 第二行 第三行');
    expect(lines.at(-3)).toBe(`测试局 ${HOSTILE}`);
    expect(text(report)).not.toContain('&lt;');
  });

  it('renders any valid report deterministically, with tables an importer can split on "|"', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const output = text(report);
        expect(output.endsWith('\n')).toBe(true);
        expect(output.endsWith('\n\n')).toBe(false);
        expect(text(report)).toBe(output);
        const grids = gridsOf(report.format as FormatId);
        for (const no of ['二', '三', '四'] as const) {
          const grid = grids[GRID_OF_SECTION[no]];
          const rows = [...grid.head, ...grid.body];
          const lines = tableLines(output, no);
          expect(lines.map((l) => cellsOfLine(l).length)).toEqual(rows.map((r) => r.cells.length));
        }
      }),
      { numRuns: 50 },
    );
  });
});
