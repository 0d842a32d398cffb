import { describe, expect, it } from 'vitest';
import { chineseDate } from '../../src/rules/deadline';
import { paragraphs, toViewModel, unfilledFigures } from '../../src/render/view-model';
import { consistentReport } from '../support/build-report';

describe('toViewModel', () => {
  it('titles the report 〈机关〉YYYY年政府信息公开工作年度报告 and marks drafts', () => {
    const r = consistentReport('2021');
    expect(toViewModel(r).title).toBe('测试市测试局2022年政府信息公开工作年度报告');
    expect(toViewModel(r, { draft: true }).title).toBe('测试市测试局2022年政府信息公开工作年度报告（草稿）');
  });

  it('keeps the six sections in order and numbers the blocks of 一 that have content', () => {
    const r = consistentReport('2021');
    const blocks = [
      { topic: 'proactive' as const, title: '主动公开情况', text: '甲' },
      { topic: 'management' as const, title: '', text: '' },
      { topic: 'platform' as const, title: '', text: '乙\n\n丙' },
    ];
    const vm = toViewModel({ ...r, overview: { lead: '', blocks } });
    expect(vm.sections.map((s) => s.heading.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、', '五、', '六、']);
    expect(vm.sections[0]?.blocks).toEqual([
      { kind: 'subheading', text: '（一）主动公开情况' },
      { kind: 'paragraph', text: '甲' },
      { kind: 'subheading', text: '（二）政府信息公开平台建设' },
      { kind: 'paragraph', text: '乙' },
      { kind: 'paragraph', text: '丙' },
    ]);
  });

  it('prints 五 with the two official sub-heads when last year’s part is there', () => {
    const vm = toViewModel(consistentReport('2021'));
    expect(vm.sections[4]?.blocks.filter((b) => b.kind === 'subheading').map((b) => b.kind === 'subheading' && b.text)).toEqual([
      '（一）2021年度存在的问题及改进情况',
      '（二）2022年度存在的问题及2023年度改进举措',
    ]);
  });

  it('states the section 六 fee figures, with （未填写） for blanks', () => {
    const r = consistentReport('2021');
    const vm = toViewModel({ ...r, other: { feeNotices: 2, feeNoticeAmount: '300', feeCollected: null, items: '无其他事项。' } });
    expect(vm.sections[5]?.blocks).toEqual([
      { kind: 'paragraph', text: '本年度发出政府信息公开信息处理费收费通知2件，收费通知总金额300元，实际收取总金额（未填写）元。' },
      { kind: 'paragraph', text: '无其他事项。' },
    ]);
  });

  it('lists the fee figures that would print as “（未填写）”: the 2021 format always, the 2019 format once a fee is given', () => {
    const fees = (feeNotices: number | null, feeNoticeAmount: string | null, feeCollected: string | null) => ({ feeNotices, feeNoticeAmount, feeCollected, items: '' });
    const r21 = consistentReport('2021');
    expect(unfilledFigures({ ...r21, other: fees(0, '0', '0') })).toEqual([]);
    expect(unfilledFigures({ ...r21, other: fees(null, null, null) }).map((u) => u.id)).toEqual(['other.feeNotices', 'other.feeNoticeAmount', 'other.feeCollected']);
    const r19 = consistentReport('2019');
    expect(unfilledFigures({ ...r19, other: fees(null, null, null) })).toEqual([]);
    expect(unfilledFigures({ ...r19, other: fees(2, null, '0') })).toEqual([{ id: 'other.feeNoticeAmount', label: '收费通知总金额' }]);
  });

  it('strips characters XML forbids and keeps titles on one line', () => {
    const r = consistentReport('2021');
    const vm = toViewModel({ ...r, agency: { ...r.agency, name: '测试\n局\u0000' }, intro: 'a\u0001b\uD800c 😀 𠀀' });
    expect(vm.title).toBe('测试 局2022年政府信息公开工作年度报告');
    expect(vm.intro).toEqual(['abc 😀 𠀀']);
    expect(vm.signature[0]).toBe('测试 局');
  });

  it('prints money as entered, the 2019 采购总金额 with its unit, blanks as empty cells', () => {
    const r = consistentReport('2019', { 'active9.procurement.amount': '493.5' });
    const cells = toViewModel({ ...r, cells: { ...r.cells, 'apply.N.b': null } }).sections[1]?.blocks.flatMap((b) =>
      b.kind === 'table' ? b.table.body.flatMap((row) => row.cells) : [],
    );
    expect(cells?.find((c) => c.cellId === 'active9.procurement.amount')?.text).toBe('493.5万元');
    const apply = toViewModel({ ...r, cells: { ...r.cells, 'apply.N.b': null } }).sections[2]?.blocks.find((b) => b.kind === 'table');
    expect(apply?.kind === 'table' && apply.table.body[0]?.cells.find((c) => c.cellId === 'apply.N.b')?.text).toBe('');
  });
});

describe('helpers', () => {
  it('split paragraphs on line breaks and drop empty lines and outer spaces', () => {
    expect(paragraphs('  一段\r\n\n　　二段  \r三段')).toEqual(['一段', '二段', '三段']);
  });
  it('write dates the Chinese way', () => {
    expect(chineseDate('2023-01-16')).toBe('2023年1月16日');
  });
});
