// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createStore, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/forms/app';
import { deleteDraft, listDrafts } from '../../src/forms/draft-store';
import { cellValue } from '../../src/model/report';

afterEach(() => cleanup());
beforeEach(async () => {
  for (const d of await listDrafts()) await deleteDraft(d.id);
  window.history.replaceState(null, '', '/');
});

const fixture = (n: string) => readFileSync(`test/fixtures/sample-${n}.json`, 'utf8');
const jsonFile = (text: string, name: string) => new File([text], name, { type: 'application/json' });

describe('App', () => {
  it('creates a report: the format follows the year, the deadline the agency kind', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('还没有草稿。');
    await user.click(screen.getByRole('button', { name: '新建年报' }));
    await user.type(screen.getByLabelText('机关名称'), '某市某局');
    const year = screen.getByLabelText('报告年度');
    await user.clear(year);
    await user.type(year, '2020');
    expect(screen.getByText(/使用 2019 年版格式/)).toBeTruthy();
    await user.clear(year);
    await user.type(year, '2024');
    expect(screen.getByText(/使用 2021 年版格式/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '创建' }));
    expect(await screen.findByRole('heading', { name: '某市某局2024年政府信息公开工作年度报告' })).toBeTruthy();
    expect(screen.getByText(/法定公布期限 2025年1月31日/)).toBeTruthy();
  });

  it('refuses to create a report without an agency name', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: '新建年报' }));
    await user.click(screen.getByRole('button', { name: '创建' }));
    expect(await screen.findByRole('textbox', { name: '机关名称', description: '请填写机关名称' })).toBeTruthy();
  });

  it('asks for the year when it is left empty (not “2019 年度及以后”, as for year 0)', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: '新建年报' }));
    await user.type(screen.getByLabelText('机关名称'), '某市某局');
    const year = screen.getByLabelText('报告年度');
    await user.clear(year);
    await user.click(screen.getByRole('button', { name: '创建' }));
    expect(await screen.findByRole('spinbutton', { name: '报告年度', description: '请填写报告年度' })).toBeTruthy();
    expect(screen.queryByText(/本工具支持 2019 年度及以后/)).toBeNull();
    await user.type(year, '2024');
    expect(screen.getByText(/使用 2021 年版格式/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '创建' }));
    expect(await screen.findByRole('heading', { name: '某市某局2024年政府信息公开工作年度报告' })).toBeTruthy();
  });

  it('saves every change and restores the draft exactly after a reload', async () => {
    const user = userEvent.setup();
    const first = render(<App />);
    await user.click(await screen.findByRole('button', { name: '载入示例' }));
    await user.click(await screen.findByRole('button', { name: /^三、依申请公开/ }));
    const cell = screen.getByRole('textbox', { name: '（一）予以公开 · 商业企业' });
    await user.clear(cell);
    await user.type(cell, '3');
    await waitFor(() => expect(screen.getByText('已保存到本机')).toBeTruthy(), { timeout: 2000 });
    await waitFor(async () => {
      const [saved] = await listDrafts();
      expect(saved?.ok && cellValue(saved.report, 'apply.R1.b')).toBe(3);
    });
    first.unmount();
    render(<App />);
    // The URL keeps the open draft and step, so the reload lands on the same table.
    const again = await screen.findByRole('textbox', { name: '（一）予以公开 · 商业企业' });
    expect((again as HTMLInputElement).value).toBe('3');
    expect(screen.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' })).toBeTruthy();
  });

  it('returning to the list right after a key waits for its save: the list, a reopen and the next save keep it', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: '载入示例' }));
    await user.click(await screen.findByRole('button', { name: /^三、依申请公开/ }));
    await waitFor(() => expect(screen.getByText('已保存到本机')).toBeTruthy());
    const cell = screen.getByRole('textbox', { name: '（一）予以公开 · 商业企业' });
    await user.clear(cell);
    await user.type(cell, '9');
    // Within the autosave delay: the key is not saved yet when the clerk leaves.
    await user.click(screen.getByRole('button', { name: '返回草稿列表' }));
    const draft = await screen.findByRole('button', { name: /^沈阳市皇姑区人民政府 2023年度/ });
    const [stored] = await listDrafts();
    expect(stored?.ok && cellValue(stored.report, 'apply.R1.b')).toBe(9);
    await user.click(draft);
    await user.click(await screen.findByRole('button', { name: /^三、依申请公开/ }));
    expect((screen.getByRole('textbox', { name: '（一）予以公开 · 商业企业' }) as HTMLInputElement).value).toBe('9');
    const other = screen.getByRole('textbox', { name: '（一）予以公开 · 科研机构' });
    await user.clear(other);
    await user.type(other, '5');
    await waitFor(async () => {
      const [saved] = await listDrafts();
      expect(saved?.ok && cellValue(saved.report, 'apply.R1.r')).toBe(5);
      expect(saved?.ok && cellValue(saved.report, 'apply.R1.b')).toBe(9);
    });
  });

  it('an unreadable draft can be downloaded as stored, and is deleted only when the clerk confirms', async () => {
    await set('broken', { savedAt: '2024-01-05T08:00:00.000Z', text: '{"kind":"xxgk-report", 草稿被截断' }, createStore('xxgk', 'drafts'));
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:draft';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const user = userEvent.setup();
    render(<App />);
    const item = (await screen.findByText(/无法读取的草稿/)).closest('li') as HTMLElement;
    await user.click(within(item).getByRole('button', { name: /^下载原始内容 / }));
    expect(await blobs[0]?.text()).toBe('{"kind":"xxgk-report", 草稿被截断');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(within(item).getByRole('button', { name: /^删除 / }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect((await listDrafts()).map((d) => d.id)).toEqual(['broken']);
    await user.click(within(item).getByRole('button', { name: /^删除 / }));
    await waitFor(async () => expect(await listDrafts()).toEqual([]));
    confirm.mockRestore();
  });

  it('a bad report file gives a clear message and changes nothing', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('还没有草稿。');
    const bad = JSON.parse(fixture('003'));
    bad.cells['apply.N.p'] = -1;
    await user.upload(screen.getByLabelText('打开年报文件'), jsonFile(JSON.stringify(bad), 'bad.json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“bad.json”不是有效的年报文件，未做任何改动');
    expect(alert.textContent).toContain('不能为负数');
    expect(alert.textContent).toContain('一、本年新收政府信息公开申请数量');
    expect(await listDrafts()).toEqual([]);
  });

  it('refuses a report file saved in another encoding (GBK), rather than open it as garbled text', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('还没有草稿。');
    // Sample 003 with its agency name as GB18030 bytes (测试 = B2E2 CAD4), as Notepad's "ANSI" saves it.
    const [before = '', after = ''] = fixture('003').split('沈阳市皇姑区人民政府');
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const bytes = new Uint8Array([...utf8(before), 0xb2, 0xe2, 0xca, 0xd4, ...utf8(after)]);
    await user.upload(screen.getByLabelText('打开年报文件'), new File([bytes], 'gbk.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“gbk.json”不是有效的年报文件，未做任何改动');
    expect(alert.textContent).toContain('文件不是 UTF-8 编码的文本');
    expect(await listDrafts()).toEqual([]);
  });

  it('a published report chosen as a report file is named as such, with where to import it', async () => {
    // The picker offers .json files, but a clerk may choose "all files".
    const user = userEvent.setup({ applyAccept: false });
    render(<App />);
    await screen.findByText('还没有草稿。');
    const published = new File(['沈阳市皇姑区人民政府2023年政府信息公开工作年度报告\n一、总体情况'], '年报.txt', { type: 'text/plain' });
    await user.upload(screen.getByLabelText('打开年报文件'), published);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“年报.txt”不是年报文件（.json），像是已发布的年报');
    expect(alert.textContent).toContain('请用“导入已发布的年报”导入它');
    expect(alert.textContent).not.toContain('JSON：');
    expect(await listDrafts()).toEqual([]);
  });

  it('a report file given to 导入已发布的年报 is opened as a report file, not read as a published text', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<App />);
    await screen.findByText('还没有草稿。');
    await user.click(screen.getByRole('button', { name: '导入已发布的年报' }));
    await user.upload(screen.getByLabelText('选择已发布的年报文件'), jsonFile(fixture('003'), '皇姑区2023.json'));
    expect(await screen.findByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' })).toBeTruthy();
    const [saved] = await listDrafts();
    expect(saved?.ok && cellValue(saved.report, 'apply.N.p')).toBe(202);
    expect(saved?.ok && saved.imported).toBeUndefined();
  });

  it("starts the next year's draft from last year's report file", async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('还没有草稿。');
    await user.upload(screen.getByLabelText('从上一年度年报开始'), jsonFile(fixture('003'), 'last.json'));
    expect(
      await screen.findByRole('heading', { name: '沈阳市皇姑区人民政府2024年政府信息公开工作年度报告' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^三、依申请公开/ }));
    expect(
      (screen.getByRole('textbox', { name: '二、上年结转政府信息公开申请数量 · 自然人' }) as HTMLInputElement).value,
    ).toBe('1');
    await user.click(screen.getByRole('button', { name: /^五、问题及改进/ }));
    const lastYear = screen.getByLabelText('（一）2023年度存在的问题及改进情况') as HTMLTextAreaElement;
    expect(lastYear.value).toBe(JSON.parse(fixture('003')).problems.thisYear);
    const list = within(screen.getByRole('complementary'));
    expect(list.queryByText(/S1/)).toBeNull();
  });
});
