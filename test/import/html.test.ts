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
