import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToLines, importHtml } from '../../src/import/html';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import { renderHtml } from '../../src/render/html';
import { toViewModel } from '../../src/render/view-model';

const fixture = (n: string): Report => JSON.parse(readFileSync(resolve(__dirname, '../fixtures', `sample-${n}.json`), 'utf8'));

describe('htmlToLines: rows of a data table', () => {
  it('keeps document order when header rows sit in <thead> and the others straight in <table>', () => {
    const html = '<table><thead><tr><th>项目</th><th>数量</th></tr></thead><tr><td>自然人</td><td>5</td></tr><tr><td>法人</td><td>7</td></tr></table>';
    expect(htmlToLines(html).map((l) => l.text)).toEqual(['项目 数量', '自然人 5', '法人 7']);
  });

  it('reads rows from <thead>, <tbody>, <tfoot> and the table itself as they stand', () => {
    const html = '<table><tr><td>a</td><td>1</td></tr><tbody><tr><td>b</td><td>2</td></tr></tbody><tr><td>c</td><td>3</td></tr><tfoot><tr><td>d</td><td>4</td></tr></tfoot></table>';
    expect(htmlToLines(html).map((l) => l.text)).toEqual(['a 1', 'b 2', 'c 3', 'd 4']);
  });
});

describe('importHtml: tables whose body rows are not in a <tbody>', () => {
  it('reads every cell of sample 003 as published with <thead> header rows and bare body rows', () => {
    const expected = fixture('003');
    const page = renderHtml(toViewModel(expected));
    const bare = page.replace(/<\/?tbody>/g, '');
    expect(bare).toContain('<thead>');
    expect(bare).not.toContain('<tbody>');
    const r = importHtml(bare);
    const differing = cellsOf(r.format)
      .filter((c) => cellValue(r.report, c.id) !== cellValue(expected, c.id))
      .map((c) => c.id);
    expect(differing).toEqual([]);
  });
});

describe('importHtml: a cell written with a unit or with thousands separated', () => {
  const expected = fixture('003');
  const page = renderHtml(toViewModel(expected));
  /** Sample 003's page with one cell's text replaced. */
  const withCell = (id: string, text: string) => {
    const at = new RegExp(`(<td data-cell="${id.replace(/\./g, '\\.')}"[^>]*>)[^<]*(</td>)`);
    expect(page).toMatch(at);
    return importHtml(page.replace(at, `$1${text}$2`));
  };

  it.each([
    ['active6.penalty.decisions', '258件', 258],
    ['apply.N.p', '202 件', 202],
    ['active5.license.decisions', '31 909', 31909],
    ['active5.license.decisions', '31，909', 31909],
    ['active8.fees.amount', '1.06亿元', '10600'],
    ['active8.fees.amount', '3,569万元', '3569'],
  ])('reads %s written “%s” as %s, and every other cell as published', (id, text, value) => {
    const r = withCell(id, text);
    expect(cellValue(r.report, id)).toBe(value);
    const others = cellsOf(r.format).filter((c) => c.id !== id && cellValue(r.report, c.id) !== cellValue(expected, c.id));
    expect(others.map((c) => c.id)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('names the one cell it cannot read, and reads the rest of its row and table', () => {
    const r = withCell('apply.N.p', '1.5件');
    expect(cellValue(r.report, 'apply.N.p')).toBeNull();
    expect(r.diagnostics.map((d) => d.message)).toContain(
      '三、收到和处理政府信息公开申请情况 · “一、本年新收政府信息公开申请数量”行 · “自然人”列：“1.5件”不是整数，留空',
    );
    const others = cellsOf(r.format).filter((c) => c.id !== 'apply.N.p' && cellValue(r.report, c.id) !== cellValue(expected, c.id));
    expect(others.map((c) => c.id)).toEqual([]);
  });
});
