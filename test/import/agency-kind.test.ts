import { describe, expect, it } from 'vitest';
import { agencyKind } from '../../src/import/import-lines';
import { deadlineOf } from '../../src/rules/deadline';

describe('agencyKind: the kind of a body read from its published name', () => {
  it('takes county-level and higher governments as governments, departments as departments', () => {
    expect(['沈阳市皇姑区人民政府', '定海区人民政府', '新晃县', '江西省人民政府', '某自治旗'].map(agencyKind)).toEqual(Array(5).fill('government'));
    expect(['江西省人民政府办公厅', '咸宁市地方金融工作局', '某县卫生健康委员会'].map(agencyKind)).toEqual(Array(3).fill('department'));
  });

  it('takes townships and sub-districts as other bodies, whose deadline is the stricter 31 January', () => {
    const names = ['某县某镇人民政府', '某乡政府', '某镇', '某区某街道办事处', '某街道办', '某街道', '某旗某苏木人民政府'];
    expect(names.map(agencyKind)).toEqual(Array(names.length).fill('other'));
    expect(deadlineOf({ year: 2023, agency: { name: '某镇人民政府', kind: agencyKind('某镇人民政府') }, deadline: null })).toBe('2024-01-31');
  });
});
