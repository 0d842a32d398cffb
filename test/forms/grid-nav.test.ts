import { describe, expect, it } from 'vitest';
import { cellMatrix, moveFrom, parseTsv, planPaste, positionOf } from '../../src/forms/grid-nav';
import { cellDef } from '../../src/model/formats';
import { gridsOf } from '../../src/model/layout';

const grids = gridsOf('2021');
const editable = (id: string) => !cellDef('2021', id)?.computed;

describe('cellMatrix', () => {
  it('places the 三 values after the three label columns, honouring the row spans of group labels', () => {
    const m = cellMatrix(grids.applications);
    expect(positionOf(m, 'apply.N.p')).toEqual({ row: 0, col: 3 });
    expect(positionOf(m, 'apply.R3_1.p')).toEqual({ row: 4, col: 3 });
    expect(positionOf(m, 'apply.R3_2.t')).toEqual({ row: 5, col: 9 });
    expect(positionOf(m, 'apply.F.o')).toEqual({ row: 24, col: 8 });
  });

  it('lets a 二 value that spans three grid columns cover all three', () => {
    const m = cellMatrix(grids.active);
    const at = positionOf(m, 'active5.license.decisions');
    expect(at?.col).toBe(1);
    expect(m[at?.row ?? -1]?.slice(1, 4)).toEqual(Array(3).fill('active5.license.decisions'));
  });
});

describe('moveFrom', () => {
  const m = cellMatrix(grids.applications);
  it('moves down and up the same column, across group labels', () => {
    expect(moveFrom(m, 'apply.R2.p', 'down', editable)).toBe('apply.R3_1.p');
    expect(moveFrom(m, 'apply.R3_1.p', 'up', editable)).toBe('apply.R2.p');
  });
  it('skips computed totals: down from the last （六） item goes to 四、结转下年度', () => {
    expect(moveFrom(m, 'apply.R6_3.p', 'down', editable)).toBe('apply.F.p');
    expect(moveFrom(m, 'apply.N.o', 'right', editable)).toBeUndefined();
  });
  it('moves right along a row and stops at the edge', () => {
    expect(moveFrom(m, 'apply.N.p', 'right', editable)).toBe('apply.N.b');
    expect(moveFrom(m, 'apply.N.p', 'left', editable)).toBeUndefined();
  });
  it('in 二 moves from 行政规范性文件 down over the caption and header rows of the next block', () => {
    const a = cellMatrix(grids.active);
    expect(moveFrom(a, 'active1.normative.issued', 'down', editable)).toBe('active5.license.decisions');
    expect(moveFrom(a, 'active5.license.decisions', 'right', editable)).toBeUndefined();
  });
});

describe('parseTsv', () => {
  it('splits Excel/WPS clipboard text into rows and cells, dropping the final line break', () => {
    expect(parseTsv('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseTsv('"1,234"\t5')).toEqual([['1,234', '5']]);
  });
});

describe('planPaste', () => {
  const m = cellMatrix(grids.applications);
  it('fills from the focused cell across rows and columns, skipping computed totals', () => {
    const plan = planPaste(m, 'apply.N.p', parseTsv('125\t0\t0\t0\t0\t77\t202\n0\t0\t0\t0\t0\t0\t0\n'), editable);
    expect(plan.targets.slice(0, 6).map((t) => t.id)).toEqual([
      'apply.N.p',
      'apply.N.b',
      'apply.N.r',
      'apply.N.s',
      'apply.N.l',
      'apply.N.o',
    ]);
    expect(plan.targets[5]).toEqual({ id: 'apply.N.o', raw: '77' });
    expect(plan.targets[6]).toEqual({ id: 'apply.C.p', raw: '0' });
    expect(plan.targets).toHaveLength(12);
    expect(plan.skippedTotals).toBe(2);
    expect(plan.outside).toBe(0);
  });
  it('counts the values that fall outside the table', () => {
    const plan = planPaste(m, 'apply.F.o', [['1', '2', '3']], editable);
    expect(plan.targets).toEqual([{ id: 'apply.F.o', raw: '1' }]);
    expect(plan.skippedTotals).toBe(1);
    expect(plan.outside).toBe(1);
    expect(plan.merged).toBe(0);
  });

  const active = cellMatrix(grids.active);
  it('stops at the end of the focused cell’s table of 二: rows past it are outside, not in the next table', () => {
    const plan = planPaste(active, 'active1.rules.issued', parseTsv('1\t0\t5\n2\t1\t9\n3\t0\t7\n'), editable);
    expect(plan.targets.map((t) => t.id)).toEqual([
      'active1.rules.issued',
      'active1.rules.repealed',
      'active1.rules.inForce',
      'active1.normative.issued',
      'active1.normative.repealed',
      'active1.normative.inForce',
    ]);
    expect(plan.outside).toBe(3);
  });

  it('gives a merged cell the first value that falls on it and counts the others, not a spreadsheet’s empty cells', () => {
    expect(planPaste(active, 'active5.license.decisions', [['7', '8', '9']], editable)).toEqual({
      targets: [{ id: 'active5.license.decisions', raw: '7' }],
      skippedTotals: 0,
      outside: 0,
      merged: 2,
    });
    // As Excel or WPS copies a merged cell: its value, then empty cells.
    expect(planPaste(active, 'active5.license.decisions', [['7', '', '']], editable).merged).toBe(0);
  });
});
