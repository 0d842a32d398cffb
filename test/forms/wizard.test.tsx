// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { Editor } from '../../src/forms/editor';
import { ReportStore } from '../../src/forms/report-store';
import type { StepId } from '../../src/forms/steps';
import { cellValue } from '../../src/model/report';
import { newReport } from '../../src/model/report-file';
import { toViewModel } from '../../src/render/view-model';
import { consistentReport, withCells } from '../support/build-report';

afterEach(() => cleanup());

function renderEditor(store: ReportStore, step: StepId) {
  let current = step;
  const view = render(
    <Editor draftId="t" store={store} step={current} onStep={(s) => (current = s)} onClose={() => {}} />,
  );
  return { ...view, step: () => current };
}

const blank = () => newReport({ agencyName: '测试局', agencyKind: 'department', year: 2023 });

describe('基本信息', () => {
  it('names the field a refused entry is in, as its description, and keeps the last good value', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    renderEditor(store, 'basic');
    await user.clear(screen.getByRole('textbox', { name: '机关名称' }));
    const name = await screen.findByRole('textbox', { name: '机关名称', description: '请填写机关名称' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(store.report.agency.name).toBe('测试局');
    await user.type(name, '某县某局');
    await waitFor(() => expect(store.report.agency.name).toBe('某县某局'));
    expect(screen.getByRole('textbox', { name: '机关名称' }).getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByText('请填写机关名称')).toBeNull();
  });
});

describe('section 三 grid', () => {
  it('names every input by its row and column labels', () => {
    renderEditor(new ReportStore(blank()), '三');
    expect(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '（五）不予处理 · 2.重复申请 · 法律服务机构' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '四、结转下年度继续办理 · 其他' })).toBeTruthy();
    // Totals are computed, read-only and not inputs.
    expect(screen.queryByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 总计' })).toBeNull();
    expect(screen.getByLabelText('一、本年新收政府信息公开申请数量 · 总计（自动计算）').tagName).toBe('OUTPUT');
  });

  it('computes the row 总计 and （七）总计 live while typing', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    renderEditor(store, '三');
    await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' }), '１,２0５');
    await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 商业企业' }), '5');
    expect(screen.getByLabelText('一、本年新收政府信息公开申请数量 · 总计（自动计算）').textContent).toBe('1210');
    await user.type(screen.getByRole('textbox', { name: '（一）予以公开 · 自然人' }), '7');
    expect(screen.getByLabelText('（七）总计 · 自然人（自动计算）').textContent).toBe('7');
    expect(cellValue(store.report, 'apply.N.p')).toBe(1205);
  });

  it('refuses letters at the cell with a message, and lists it as an error', async () => {
    const user = userEvent.setup();
    renderEditor(new ReportStore(blank()), '三');
    const cell = screen.getByRole('textbox', { name: '二、上年结转政府信息公开申请数量 · 自然人' });
    await user.type(cell, '3件');
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(cell.parentElement?.textContent).toContain('“3件”不是数字');
    const panel = screen.getByRole('complementary');
    expect(within(panel).getByText(/二、上年结转政府信息公开申请数量 · 自然人：“3件”不是数字/)).toBeTruthy();
  });

  it('moves with Enter (down) and the arrow keys, skipping computed totals', async () => {
    const user = userEvent.setup();
    renderEditor(new ReportStore(blank()), '三');
    await user.click(
      screen.getByRole('textbox', { name: '（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 其他' }),
    );
    await user.keyboard('{Enter}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('（三）不予公开 · 1.属于国家秘密 · 其他');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('（三）不予公开 · 1.属于国家秘密 · 其他');
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('（三）不予公开 · 1.属于国家秘密 · 法律服务机构');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 法律服务机构',
    );
    await user.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 其他',
    );
    await user.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('（三）不予公开 · 1.属于国家秘密 · 自然人');
  });

  it('fills a block pasted from Excel from the focused cell', () => {
    const store = new ReportStore(blank());
    renderEditor(store, '三');
    const start = screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' });
    fireEvent.paste(start, { clipboardData: { getData: () => '125\t0\t0\t0\t0\t77\r\n1\t0\t0\t0\t0\t1\r\n' } });
    expect(cellValue(store.report, 'apply.N.o')).toBe(77);
    expect(cellValue(store.report, 'apply.C.p')).toBe(1);
    expect(cellValue(store.report, 'apply.N.t')).toBe(202);
    expect(screen.getByText(/^已粘贴 12 个单元格/)).toBeTruthy();
  });

  it('offers 使用计算值 at 结转下年度 when 一 + 二 − （七） disagrees', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(consistentReport('2021', { 'apply.N.p': 5, 'apply.R1.p': 3, 'apply.F.p': 2 }));
    renderEditor(store, '三');
    const f = screen.getByRole('textbox', { name: '四、结转下年度继续办理 · 自然人' });
    await user.clear(f);
    await user.type(f, '4');
    const fix = within(f.parentElement as HTMLElement).getByRole('button', { name: '使用计算值 2' });
    await user.click(fix);
    expect(cellValue(store.report, 'apply.F.p')).toBe(2);
    expect(store.hasErrors).toBe(false);
  });

  it('offers no 使用计算值 when 一 + 二 − （七） is negative: the figure is shown, as nothing to click', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(consistentReport('2021', { 'apply.N.p': 5, 'apply.R1.p': 3, 'apply.F.p': 2 }));
    renderEditor(store, '三');
    const published = screen.getByRole('textbox', { name: '（一）予以公开 · 自然人' });
    await user.clear(published);
    await user.type(published, '9');
    const f = screen.getByRole('textbox', { name: '四、结转下年度继续办理 · 自然人' });
    expect(store.violationsAt('apply.F.p').find((v) => v.code === 'H1')?.expected).toBe(-4);
    expect(f.closest('td')?.className).toContain('cell--error');
    const shown = within(f.closest('td') as HTMLElement).getByRole('button');
    expect(shown.textContent).toBe('计算值 -4，不能填入');
    expect((shown as HTMLButtonElement).disabled).toBe(true);
    await user.click(shown);
    expect(cellValue(store.report, 'apply.F.p')).toBe(2);
  });

  it('shows an imported total that differs as an error at its cell until the computed value is accepted', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(
      withCells(consistentReport('2021', { 'apply.N.p': 4, 'apply.R1.p': 4, 'apply.F.p': 0 }), { 'apply.N.t': 9 }),
    );
    renderEditor(store, '三');
    const total = screen.getByLabelText('一、本年新收政府信息公开申请数量 · 总计（自动计算）');
    expect(total.textContent).toBe('9');
    expect(total.closest('td')?.className).toContain('cell--error');
    await user.click(within(total.closest('td') as HTMLElement).getByRole('button', { name: '使用计算值 4' }));
    expect(screen.getByLabelText('一、本年新收政府信息公开申请数量 · 总计（自动计算）').textContent).toBe('4');
  });
});

describe('findings panel and step bar', () => {
  it('counts errors and warnings per step', () => {
    const store = new ReportStore(withCells(consistentReport('2021'), { 'appeal.cases.reviewTotal': 3 }));
    renderEditor(store, 'basic');
    const nav = screen.getByRole('navigation', { name: '填报步骤' });
    expect(within(nav).getByRole('button', { name: /^四、复议诉讼（1 个错误）$/ })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: '三、依申请公开' })).toBeTruthy();
  });

  it('links a finding to its step and cell', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(withCells(consistentReport('2021'), { 'appeal.cases.reviewTotal': 3 }));
    const view = renderEditor(store, 'basic');
    await user.click(within(screen.getByRole('complementary')).getByText(/行政复议：总计/));
    expect(view.step()).toBe('四');
  });

  it('saves an explanation note for a warning in report.notes', async () => {
    const user = userEvent.setup();
    const store = new ReportStore({ ...consistentReport('2021'), publicationDate: '2023-02-20' });
    renderEditor(store, 'basic');
    const panel = within(screen.getByRole('complementary'));
    expect(panel.getByText(/发布日期 2023年2月20日 晚于法定公布期限 2023年1月31日/)).toBeTruthy();
    await user.click(panel.getByRole('button', { name: '添加说明' }));
    await user.type(panel.getByRole('textbox'), '系统故障');
    expect(store.report.notes).toEqual({ 'S9:publicationDate': '系统故障' });
  });
});

describe('finding links', () => {
  it('go to the finding’s own step and focus its field there (S6: the sentence of 一, not the 三 total)', async () => {
    const user = userEvent.setup();
    const r = consistentReport('2021');
    const store = new ReportStore({ ...r, overview: { ...r.overview, lead: '全年共受理政府信息公开申请999件。' } });
    // The app holds the step: the link changes it and focuses in the same render.
    function WithStep() {
      const [step, setStep] = useState<StepId>('三');
      return <Editor draftId="t" store={store} step={step} onStep={setStep} onClose={() => {}} />;
    }
    render(<WithStep />);
    const link = within(screen.getByRole('complementary')).getByRole('button', { name: /S6/ });
    await user.click(link);
    await waitFor(() => expect(document.activeElement?.id).toBe(screen.getByLabelText(/^总述/).id));
  });
});

describe('saving', () => {
  it('tells the clerk when the draft cannot be saved, with a way to download the report file', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    const failing = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    render(<Editor draftId="t" store={store} step="三" onStep={() => {}} onClose={() => {}} save={failing} />);
    await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' }), '1');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      '草稿未能保存到本机浏览器：浏览器的存储空间已满（技术信息：QuotaExceededError: The quota has been exceeded.）。请下载年报文件保存。',
    );
    expect(within(alert).getByRole('button', { name: '下载年报文件（JSON）' })).toBeTruthy();
  });
  it('stays in the editor when leaving would drop unsaved changes, and leaves only when the clerk says so', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    const failing = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const onClose = vi.fn();
    render(<Editor draftId="t" store={store} step="三" onStep={() => {}} onClose={onClose} save={failing} />);
    await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' }), '1');
    await user.click(screen.getByRole('button', { name: '返回草稿列表' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('未保存的修改在返回草稿列表后会丢失');
    expect(onClose).not.toHaveBeenCalled();
    await user.click(within(alert).getByRole('button', { name: '不保存，返回草稿列表' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('offers to leave without saving only after the clerk asked to leave, not again after a later save and failure', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    const outcomes = [false, false, true, false];
    const save = () => (outcomes.shift() ? Promise.resolve() : Promise.reject(new Error('QuotaExceededError')));
    render(<Editor draftId="t" store={store} step="三" onStep={() => {}} onClose={() => {}} save={save} />);
    const cell = screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' });
    await user.type(cell, '1');
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: '返回草稿列表' }));
    expect(await screen.findByRole('button', { name: '不保存，返回草稿列表' })).toBeTruthy();
    await user.type(cell, '2');
    expect(await screen.findByText('已保存到本机', {}, { timeout: 2000 })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    await user.type(cell, '3');
    await screen.findByRole('alert', {}, { timeout: 2000 });
    expect(screen.queryByRole('button', { name: '不保存，返回草稿列表' })).toBeNull();
  });

  it('leaves at once when everything is saved', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    const saved: unknown[] = [];
    const onClose = vi.fn();
    const save = (_id: string, report: unknown) => {
      saved.push(report);
      return Promise.resolve();
    };
    render(<Editor draftId="t" store={store} step="三" onStep={() => {}} onClose={onClose} save={save} />);
    await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' }), '1');
    await user.click(screen.getByRole('button', { name: '返回草稿列表' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(saved.at(-1)).toBe(store.report);
  });
});

describe('leaving, one at a time', () => {
  it('a second 返回草稿列表 or Back while the pending save runs leaves once, after the save', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    const onClose = vi.fn();
    let finish = () => {};
    const save = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<Editor draftId="t" store={store} step="三" onStep={() => {}} onClose={onClose} save={save} />);
    await user.type(screen.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人' }), '1');
    const back = screen.getByRole('button', { name: '返回草稿列表' });
    await user.click(back);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    await user.click(back);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onClose).not.toHaveBeenCalled();
    finish();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledTimes(1);
  });
});

describe('preview and downloads', () => {
  it('refuses the final downloads while errors remain and lists what to fix', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(withCells(consistentReport('2021'), { 'appeal.cases.reviewTotal': 3 }));
    renderEditor(store, 'preview');
    await user.click(await screen.findByRole('button', { name: '下载 HTML' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('还有 1 个错误');
    expect(alert.textContent).toContain('H4');
    expect(screen.getByRole('button', { name: '导出草稿 HTML' })).toBeTruthy();
  });

  it('refuses the final downloads while a fee figure would print as “（未填写）”, though there is no error', async () => {
    const user = userEvent.setup();
    const report = consistentReport('2021');
    const store = new ReportStore({ ...report, other: { ...report.other, feeCollected: null } });
    expect(store.hasErrors).toBe(false);
    const { step } = renderEditor(store, 'preview');
    await user.click(await screen.findByRole('button', { name: '下载 DOCX' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(
      '六、其他需要报告的事项：“实际收取总金额”未填写，正式文本会印出“（未填写）”；请填写（没有的填 0），然后才能下载正式文本（也可以导出草稿）。去填写',
    );
    expect(screen.getByRole('button', { name: '导出草稿 DOCX' })).toBeTruthy();
    expect(screen.getByTitle('年报预览').getAttribute('srcdoc')).toContain('年度报告（草稿）');
    await user.click(within(alert).getByRole('button', { name: '去填写' }));
    expect(step()).toBe('六');
  });

  it('previews the HTML renderer output in a sandboxed frame, user text escaped', async () => {
    const report = consistentReport('2021');
    const store = new ReportStore({
      ...report,
      problems: { ...report.problems, thisYear: '<script>alert(1)</script>' },
    });
    renderEditor(store, 'preview');
    const frame = await screen.findByTitle('年报预览');
    expect(frame.getAttribute('sandbox')).toBe('');
    const html = frame.getAttribute('srcdoc') ?? '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('section 一', () => {
  it('shows the missing-topic warning at the topic’s text area', () => {
    const report = consistentReport('2021');
    const blocks = report.overview.blocks.map((b) => (b.topic === 'platform' ? { ...b, text: '' } : b));
    renderEditor(new ReportStore({ ...report, overview: { ...report.overview, blocks } }), '一');
    const area = screen.getByLabelText('政府信息公开平台建设：正文');
    expect(area.closest('fieldset')?.textContent).toContain('缺少“政府信息公开平台建设”方面的内容');
  });
});

describe('hints that depend on the format', () => {
  it('2019 format: 六 does not ask for 109号 fee figures, and 二 says 采购总金额 is in 万元', () => {
    const old = new ReportStore(newReport({ agencyName: '测试局', agencyKind: 'department', year: 2020 }));
    const six = renderEditor(old, '六').container;
    expect(six.textContent).toContain('2019 年版格式不要求报告信息处理费');
    expect(six.textContent).not.toContain('混淆');
    cleanup();
    expect(renderEditor(old, '二').container.textContent).toContain('“采购总金额”的表头没有单位，这里以“万元”填写');
    cleanup();
    const current = renderEditor(new ReportStore(blank()), '六').container;
    expect(current.textContent).toContain('不要与第二部分（八）以“万元”计的收费金额混淆');
    expect(current.textContent).not.toContain('2019 年版格式');
  });
});

describe('section 一 and 五 in the wizard', () => {
  it('number the blocks of 一 as the outputs will: an empty block takes no number and shows none', async () => {
    const user = userEvent.setup();
    const r = blank();
    const blocks = r.overview.blocks.map((b, i) => ({ ...b, text: i === 1 ? '' : `第${i}块正文。` }));
    const store = new ReportStore({ ...r, overview: { ...r.overview, blocks } });
    const { container } = renderEditor(store, '一');
    const legends = () => [...container.querySelectorAll('fieldset.block > legend')].map((l) => l.textContent);
    expect(legends().slice(0, 3)).toEqual(['（一）主动公开', '依申请公开（未填写，不会输出）', '（二）政府信息管理']);
    const printed = toViewModel(store.report)
      .sections[0]?.blocks.filter((b) => b.kind === 'subheading')
      .map((b) => (b.kind === 'subheading' ? b.text : ''));
    expect(printed?.slice(0, 2)).toEqual(['（一）主动公开', '（二）政府信息管理']);
    // Filling the empty block gives it its number, and the ones after it move down.
    await user.type(screen.getByLabelText('依申请公开：正文'), '收到申请。');
    expect(legends().slice(0, 3)).toEqual(['（一）主动公开', '（二）依申请公开', '（三）政府信息管理']);
    // A new report's empty blocks: none takes a number, none shows another's.
    const fresh = renderEditor(new ReportStore(blank()), '一').container;
    expect([...fresh.querySelectorAll('fieldset.block > legend')].map((l) => l.textContent)).toEqual(
      ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'].map((t) => `${t}（未填写，不会输出）`),
    );
  });

  it('delete an added part of 一 at once when empty, and only when confirmed once something is written in it', async () => {
    const user = userEvent.setup();
    const store = new ReportStore(blank());
    renderEditor(store, '一');
    const others = () => store.report.overview.blocks.filter((b) => b.topic === 'other');
    await user.click(screen.getByRole('button', { name: '添加其他方面' }));
    await user.click(screen.getByRole('button', { name: '删除此部分' }));
    expect(others()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '添加其他方面' }));
    await user.type(screen.getAllByLabelText('小标题').at(-1) as HTMLElement, '政务公开专区');
    await user.type(screen.getByLabelText('其他：正文'), '建成专区。');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: '删除此部分' }));
    expect(confirm).toHaveBeenLastCalledWith('删除“政务公开专区”及其内容？此操作不能撤销。');
    expect(others()).toEqual([{ topic: 'other', title: '政务公开专区', text: '建成专区。' }]);
    await user.click(screen.getByRole('button', { name: '删除此部分' }));
    expect(others()).toHaveLength(0);
    confirm.mockRestore();
  });

  it('label the two parts of 五 with the printed sub-headings', () => {
    renderEditor(new ReportStore(blank()), '五');
    expect(screen.getByLabelText('（一）2022年度存在的问题及改进情况')).toBeTruthy();
    expect(screen.getByLabelText('（二）2023年度存在的问题及2024年度改进举措')).toBeTruthy();
  });
});
