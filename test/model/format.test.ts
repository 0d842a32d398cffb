import { describe, expect, it } from 'vitest';
import { FORMATS, blankCells, cellsOf, formatForYear } from '../../src/model/formats';
import { gridsOf, gridWidthErrors } from '../../src/model/layout';

const labels = (format: '2021' | '2019', table: string) =>
  FORMATS[format].tables.find((t) => t.id === table);

describe('format definitions', () => {
  it('give the six headings of both formats character for character', () => {
    for (const f of ['2021', '2019'] as const)
      expect(Object.values(FORMATS[f].headings)).toEqual([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]);
  });

  it('declare the 2021 section 二 blocks with their exact captions and labels', () => {
    const t = labels('2021', 'active1');
    expect(t?.caption).toBe('第二十条第（一）项');
    expect(t?.columns.map((c) => c.label)).toEqual(['本年制发件数', '本年废止件数', '现行有效件数']);
    expect(t?.rows.map((r) => r.label)).toEqual(['规章', '行政规范性文件']);
    expect(labels('2021', 'active8')?.columns[0]).toMatchObject({ label: '本年收费金额（单位：万元）', kind: 'money', unit: '万元', span: 3 });
    expect(FORMATS['2021'].tables.some((t) => t.id === 'active9')).toBe(false);
  });

  it('declare the 2019 section 二 blocks, with a signed 本年增/减 and 政府集中采购', () => {
    expect(labels('2019', 'active1')?.columns.map((c) => c.label)).toEqual(['本年新制作数量', '本年新公开数量', '对外公开总数量']);
    expect(labels('2019', 'active1')?.rows.map((r) => r.label)).toEqual(['规章', '规范性文件']);
    expect(labels('2019', 'active5')?.rows.map((r) => r.label)).toEqual(['行政许可', '其他对外管理服务事项']);
    expect(labels('2019', 'active5')?.columns.map((c) => [c.label, c.kind])).toEqual([
      ['上一年项目数量', 'count'],
      ['本年增/减', 'signedCount'],
      ['处理决定数量', 'count'],
    ]);
    expect(labels('2019', 'active9')?.columns.map((c) => c.label)).toEqual(['采购项目数量', '采购总金额']);
  });

  it('give section 三 25 data rows in 2021 and 23 in 2019, with the exact row labels', () => {
    const rows2021 = labels('2021', 'apply')?.rows ?? [];
    const rows2019 = labels('2019', 'apply')?.rows ?? [];
    expect(rows2021).toHaveLength(25);
    expect(rows2019).toHaveLength(23);
    expect(rows2021.map((r) => r.label)).toContain('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    expect(rows2021.find((r) => r.id === 'R3_3')?.label).toBe('3.危及“三安全一稳定”');
    expect(rows2021.find((r) => r.id === 'R3_3')?.groups).toEqual(['三、本年度办理结果', '（三）不予公开']);
    expect(rows2019.find((r) => r.id === 'R6')).toMatchObject({ label: '（六）其他处理', groups: ['三、本年度办理结果'] });
    expect(labels('2021', 'apply')?.columns.map((c) => c.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  });

  it('number the cells: 200 in 2021, 198 in 2019, with unique stable ids', () => {
    for (const [f, n] of [['2021', 200], ['2019', 198]] as const) {
      const ids = cellsOf(f).map((c) => c.id);
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
    }
    expect(cellsOf('2021').filter((c) => c.computed).map((c) => c.id)).toContain('apply.R7.p');
  });

  it('give blank cells: every cell of the format, in its order, null, in a new record each time', () => {
    for (const f of ['2021', '2019'] as const) {
      const blank = blankCells(f);
      expect(Object.keys(blank)).toEqual(cellsOf(f).map((c) => c.id));
      expect(Object.values(blank).every((v) => v === null)).toBe(true);
      blank[cellsOf(f)[0]?.id as string] = 7;
      expect(Object.values(blankCells(f)).every((v) => v === null)).toBe(true);
    }
  });

  it('give every table, row and column all the properties of its kind, in one order; a table both formats share stays one', () => {
    const tables = [...FORMATS['2021'].tables, ...FORMATS['2019'].tables];
    const keysOf = (defs: readonly object[]) => new Set(defs.map((d) => Object.keys(d).join(',')));
    expect(keysOf(tables)).toEqual(new Set(['id,section,caption,family,rows,columns,padding']));
    expect(keysOf(tables.flatMap((t) => t.rows))).toEqual(new Set(['id,label,short,groups,computed']));
    expect(keysOf(tables.flatMap((t) => t.columns))).toEqual(
      new Set(['id,label,kind,unit,decimals,cellSuffix,span,computed,group,outerGroup']),
    );
    // What the definitions set is kept: the 2019 （八）/（九） padding, the money columns' units, 四's groups.
    expect(tables.some((t) => t.padding !== undefined)).toBe(true);
    expect(tables.flatMap((t) => t.columns).filter((c) => c.kind === 'money').every((c) => c.unit !== undefined)).toBe(true);
    const appeals = (f: '2021' | '2019') => FORMATS[f].tables.find((t) => t.family === 'appeals');
    expect(appeals('2019')).toBe(appeals('2021'));
    expect(appeals('2021')?.columns.filter((c) => c.outerGroup === '行政诉讼')).toHaveLength(10);
  });

  it('choose the 2019 format for 2019–2020 and the 2021 format from 2021 on', () => {
    expect([2019, 2020, 2021, 2025].map(formatForYear)).toEqual(['2019', '2019', '2021', '2021']);
  });
});

describe('gridsOf', () => {
  it('lays every row out to the full grid width in both formats', () => {
    for (const f of ['2021', '2019'] as const)
      for (const grid of Object.values(gridsOf(f))) expect(gridWidthErrors(grid)).toEqual([]);
  });

  it('merges the section 三 header and the vertical 三、本年度办理结果 label as the format prints them', () => {
    const g = gridsOf('2021').applications;
    expect(g.head.map((r) => r.cells.map((c) => [c.text.startsWith('（本列') ? 'note' : c.text, c.rowSpan, c.colSpan]))).toEqual([
      [['note', 3, 3], ['申请人情况', 1, 7]],
      [['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]],
      [['商业企业', 1, 1], ['科研机构', 1, 1], ['社会公益组织', 1, 1], ['法律服务机构', 1, 1], ['其他', 1, 1]],
    ]);
    const vertical = (f: '2021' | '2019') =>
      gridsOf(f).applications.body.flatMap((r) => r.cells).find((c) => c.text === '三、本年度办理结果');
    expect(vertical('2021')?.rowSpan).toBe(22);
    expect(vertical('2019')?.rowSpan).toBe(20);
  });

  it('merges the section 四 header: 行政复议 over 5, 行政诉讼 over 10', () => {
    const g = gridsOf('2021').appeals;
    expect(g.head[0]?.cells.map((c) => [c.text, c.colSpan])).toEqual([['行政复议', 5], ['行政诉讼', 10]]);
    expect(g.head[1]?.cells.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['结果维持', 2, 1], ['结果纠正', 2, 1], ['其他结果', 2, 1], ['尚未审结', 2, 1], ['总计', 2, 1],
      ['未经复议直接起诉', 1, 5], ['复议后起诉', 1, 5],
    ]);
    expect(g.body[0]?.cells).toHaveLength(15);
  });
});
