import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/text';
import type { ImportResult } from '../../src/import/types';
import { cellsOf } from '../../src/model/formats';
import { cellValue } from '../../src/model/report';
import { renderText } from '../../src/render/text';
import { toViewModel } from '../../src/render/view-model';
import { loadFixture } from '../support/golden';

/** A row with fewer numbers than its table has columns: nothing is taken from it, and the diagnostic says why. */

const SAMPLES = resolve(__dirname, '../../../shared/samples');
const sample001 = readFileSync(resolve(SAMPLES, readdirSync(SAMPLES).find((f) => f.startsWith('001')) ?? ''), 'utf8');
const APPEALS = ['review', 'direct', 'after'].flatMap((g) => ['Upheld', 'Corrected', 'Other', 'Pending', 'Total'].map((o) => `${g}${o}`));
const cells = (r: ImportResult, prefix: string, columns: readonly string[]) => columns.map((c) => cellValue(r.report, `${prefix}.${c}`));

describe('sample 001 with the 规章 row and the 四 row each one number short', () => {
  const rules = '規章 | 11 | 11 | 166 |';
  const appeals = '1 | 0 | 0 | 0 | 1 | 5 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 | 0 |';
  const short = sample001.replace(rules, '規章 | 11 | 166 |').replace(appeals, appeals.slice(4));
  const whole = importText(sample001);
  const r = importText(short);

  it('is the audit’s input: both lines are in the sample and both were cut', () => {
    expect(sample001).toContain(`\n${rules}\n`);
    expect(sample001).toContain(`\n${appeals}\n`);
    expect(short).toContain('\n規章 | 11 | 166 |\n');
    expect(short).toContain('\n0 | 0 | 0 | 1 | 5 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 | 0 |\n');
  });

  it('leaves 规章 blank rather than reading 166 as 本年新公开数量, and says 2 numbers were read where 3 were expected', () => {
    expect(cells(whole, 'active1.rules', ['made', 'published', 'total'])).toEqual([11, 11, 166]);
    expect(cells(r, 'active1.rules', ['made', 'published', 'total'])).toEqual([null, null, null]);
    expect(r.diagnostics).toContainEqual({
      code: 'IMPORT',
      severity: 'error',
      section: '二',
      table: 'active1',
      row: 'rules',
      message:
        '二、第二十条第（一）项 · “规章”行：只读到 2 个数（11、166），应为 3 个：缺少数字，或数字连在一起而本表没有可用来拆分的勾稽关系，无法确定各列；该行留空',
    });
    // No cell of the row is said to be blank in the source: none was.
    expect(r.diagnostics.filter((d) => d.row === 'rules' && d.column !== undefined)).toEqual([]);
  });

  it('leaves 四 blank rather than shifting its numbers one column left, and says 14 numbers were read where 15 were expected', () => {
    expect(cells(whole, 'appeal.cases', APPEALS)).toEqual([1, 0, 0, 0, 1, 5, 0, 0, 0, 5, 0, 0, 0, 0, 0]);
    expect(cells(r, 'appeal.cases', APPEALS).every((v) => v === null)).toBe(true);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        table: 'appeal',
        severity: 'error',
        message: '四：只读到 14 个数（0、0、0、1、5、0、0、0、5、0、0、0、0、0），应为 15 个，无法确定缺少哪一列；整行留空',
      }),
    );
    expect(r.diagnostics.filter((d) => d.table === 'appeal' && d.message.includes('单元格为空'))).toEqual([]);
  });

  it('reads every other cell as from the whole sample', () => {
    const cut = ['made', 'published', 'total'].map((c) => `active1.rules.${c}`).concat(APPEALS.map((c) => `appeal.cases.${c}`));
    const differing = cellsOf(r.format)
      .filter((c) => !cut.includes(c.id))
      .filter((c) => cellValue(r.report, c.id) !== cellValue(whole.report, c.id))
      .map((c) => c.id);
    expect(differing).toEqual([]);
  });
});

describe('a last cell left blank in rows written “a | b | c”, without a closing bar (the text renderer)', () => {
  const text = renderText(toViewModel(loadFixture('sample-003')));
  const line = '一、本年新收政府信息公开申请数量 | 202 | 0 | 0 | 0 | 0 | 0 | 202';

  it('reads the bar after the sixth number as the blank 总计 cell: where rows end without a bar, every piece between bars is a cell', () => {
    expect(text).toContain(`\n${line}\n`);
    const r = importText(text.replace(line, '一、本年新收政府信息公开申请数量 | 202 | 0 | 0 | 0 | 0 | 0 |'));
    expect(cells(r, 'apply.N', ['p', 'b', 'r', 's', 'l', 'o', 't'])).toEqual([202, 0, 0, 0, 0, 0, null]);
  });

  it('still leaves the row blank when a number is missing and no bar stands for it', () => {
    const r = importText(text.replace(line, '一、本年新收政府信息公开申请数量 | 202 | 0 | 0 | 0 | 0 | 202'));
    expect(cells(r, 'apply.N', ['p', 'b', 'r', 's', 'l', 'o', 't']).every((v) => v === null)).toBe(true);
  });
});
