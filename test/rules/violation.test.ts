import { describe, expect, it } from 'vitest';
import type { SectionNo } from '../../src/model/format';
import { FORMATS } from '../../src/model/formats';
import { cellRef } from '../../src/rules/check';
import type { CellRef, Severity, Violation } from '../../src/rules/violation';
import { compareViolations } from '../../src/rules/violation';

const finding = (section: SectionNo | '', severity: Severity, cells: readonly CellRef[], key: string): Violation => ({
  code: severity === 'error' ? 'H7' : 'S7',
  severity,
  key,
  section,
  cells,
  expected: null,
  actual: null,
  message: key,
});

const place = (table: string, row = '', column = ''): CellRef => ({ id: `${table}.${row}.${column}`, section: '', table, row, rowLabel: '', column, columnLabel: '' });
const field: CellRef = { id: 'other.feeNotices', section: '六', table: '', row: '', rowLabel: '', column: 'other.feeNotices', columnLabel: '收费通知件数' };
const keys = (vs: Violation[]) => [...vs].sort(compareViolations).map((v) => v.key);

describe('compareViolations', () => {
  it('orders by section (basic facts first, then 一…六), then errors before warnings', () => {
    const vs = [
      finding('六', 'error', [], '六 error'),
      finding('三', 'warning', [], '三 warning'),
      finding('', 'warning', [], 'basic'),
      finding('三', 'error', [], '三 error'),
      finding('一', 'warning', [], '一'),
    ];
    expect(keys(vs)).toEqual(['basic', '一', '三 error', '三 warning', '六 error']);
  });

  it('then by table, row and column in the format’s reading order: a header before its rows, texts and fields last', () => {
    const vs = [
      finding('三', 'error', [cellRef('2021', 'apply.R7.t')], 'R7 总计'),
      finding('三', 'error', [field], 'field'),
      finding('三', 'error', [cellRef('2021', 'apply.R7.p')], 'R7 自然人'),
      finding('三', 'error', [place('apply', '', 'p')], 'header 自然人'),
      finding('三', 'error', [cellRef('2021', 'apply.R3_1.t')], 'R3_1 总计'),
      finding('三', 'error', [], 'whole section'),
      finding('三', 'error', [place('apply', 'R6_1')], 'row R6_1'),
    ];
    expect(keys(vs)).toEqual(['header 自然人', 'R3_1 总计', 'row R6_1', 'R7 自然人', 'R7 总计', 'field', 'whole section']);
    const active = [finding('二', 'warning', [cellRef('2019', 'active9.procurement.amount')], '（九）'), finding('二', 'warning', [cellRef('2019', 'active5.otherServices.prevItems')], '（五）')];
    expect(keys(active)).toEqual(['（五）', '（九）']);
  });

  it('keeps the order of findings at the same place (a stable sort)', () => {
    const vs = ['a', 'b', 'c'].map((k) => finding('四', 'warning', [cellRef('2021', 'appeal.cases.reviewTotal')], k));
    expect(keys(vs)).toEqual(['a', 'b', 'c']);
  });

  it('can rank the ids of either format: where both formats hold two ids they order them alike', () => {
    const [a, b] = [FORMATS['2021'], FORMATS['2019']];
    const agree = (x: readonly string[], y: readonly string[]) => {
      const shared = x.filter((id) => y.includes(id));
      expect(shared).toEqual(y.filter((id) => x.includes(id)));
    };
    agree(a.tables.map((t) => t.id), b.tables.map((t) => t.id));
    for (const t of a.tables) {
      const u = b.tables.find((s) => s.id === t.id);
      if (!u) continue;
      agree(t.rows.map((r) => r.id), u.rows.map((r) => r.id));
      agree(t.columns.map((c) => c.id), u.columns.map((c) => c.id));
    }
  });
});
