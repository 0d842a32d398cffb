// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/forms/app';
import { deleteDraft, listDrafts } from '../../src/forms/draft-store';
import { importText } from '../../src/import/index';
import { cellValue } from '../../src/model/report';

afterEach(() => cleanup());
beforeEach(async () => {
  for (const d of await listDrafts()) await deleteDraft(d.id);
  window.history.replaceState(null, '', '/');
});

const SAMPLES = resolve(import.meta.dirname, '../../../shared/samples');
const sample = (n: string) => {
  const name = readdirSync(SAMPLES).find((f) => f.startsWith(`${n}_`));
  if (!name) throw new Error(`sample ${n} missing`);
  return readFileSync(resolve(SAMPLES, name), 'utf8');
};
const notesPanel = () => screen.getByRole('complementary', { name: /导入说明/ });

async function openDialog() {
  const user = userEvent.setup();
  render(<App />);
  await screen.findByText('还没有草稿。');
  await user.click(screen.getByRole('button', { name: '导入已发布的年报' }));
  return user;
}

describe('导入已发布的年报', () => {
  it('opens pasted published text as a new draft with the import notes beside it', async () => {
    const user = await openDialog();
    // Pasting a whole report: fireEvent sets the value at once, as a paste does.
    fireEvent.change(screen.getByLabelText('粘贴年报全文'), { target: { value: sample('003') } });
    await user.click(screen.getByRole('button', { name: '导入粘贴的文本' }));
    await screen.findByRole('heading', { name: '沈阳市皇姑区2023年政府信息公开工作年度报告' });
    const notes = notesPanel();
    expect(within(notes).getByRole('heading').textContent).toBe('导入说明：“粘贴的文本”');
    expect(notes.textContent).toContain('二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”');
    await user.click(screen.getByRole('button', { name: /^三、依申请公开/ }));
    expect(screen.getByLabelText('一、本年新收政府信息公开申请数量 · 总计（自动计算）').textContent).toBe('202');
    const [saved] = await listDrafts();
    expect(saved?.ok && saved.imported?.diagnostics.length).toBe(notes.querySelectorAll('li').length);
  });

  it('goes to the section a note concerns, and dismisses the notes for good', async () => {
    const user = await openDialog();
    fireEvent.change(screen.getByLabelText('粘贴年报全文'), { target: { value: sample('003') } });
    await user.click(screen.getByRole('button', { name: '导入粘贴的文本' }));
    await screen.findByRole('heading', { name: '沈阳市皇姑区2023年政府信息公开工作年度报告' });
    await user.click(within(notesPanel()).getAllByRole('button', { name: /表头“本年发件”/ })[0] as HTMLElement);
    expect(screen.getByRole('heading', { name: '二、主动公开政府信息情况' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '关闭导入说明' }));
    expect(screen.queryByRole('complementary', { name: /导入说明/ })).toBeNull();
    await waitFor(async () => {
      const [saved] = await listDrafts();
      expect(saved?.ok && saved.imported).toBeUndefined();
    });
  });

  it('refuses a .docx that is not a zip: the reason, and no draft', async () => {
    const user = await openDialog();
    const file = new File(['这不是 Word 文件'], '年报.docx');
    await user.upload(screen.getByLabelText('选择已发布的年报文件'), file);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('没有从“年报.docx”中读到年报内容，未做任何改动。');
    expect(alert.textContent).toContain('文件不是有效的 DOCX（无法解压）');
    expect(await listDrafts()).toEqual([]);
    expect(screen.getByRole('heading', { name: '导入已发布的年报' })).toBeTruthy();
  });

  it('reads a dropped .html file', async () => {
    await openDialog();
    const html = readFileSync('test/fixtures/variants/sample-001-page.html');
    const file = new File([html], 'page.html', { type: 'text/html' });
    fireEvent.drop(screen.getByRole('region', { name: '导入已发布的年报' }), { dataTransfer: { files: [file] } });
    await screen.findByRole('complementary', { name: /导入说明：“page.html”/ });
    const [saved] = await listDrafts();
    expect(saved?.ok && saved.report.format).toBe('2019');
  });
});

describe('从上一年度年报开始 with a published document', () => {
  it('takes 上年结转 from the published 结转下年度继续办理', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('还没有草稿。');
    const text = sample('003');
    const last = importText(text).report;
    await user.upload(screen.getByLabelText('从上一年度年报开始'), new File([text], '2023年报.txt', { type: 'text/plain' }));
    await screen.findByRole('heading', { name: '沈阳市皇姑区2024年政府信息公开工作年度报告' });
    expect(notesPanel().textContent).toContain('上一年度年报导入说明：“2023年报.txt”');
    await user.click(screen.getByRole('button', { name: /^三、依申请公开/ }));
    for (const [column, label] of [
      ['p', '自然人'],
      ['b', '商业企业'],
      ['o', '其他'],
    ] as const) {
      const input = screen.getByRole('textbox', { name: `二、上年结转政府信息公开申请数量 · ${label}` }) as HTMLInputElement;
      expect(input.value).toBe(String(cellValue(last, `apply.F.${column}`)));
    }
    await user.click(screen.getByRole('button', { name: /^五、问题及改进/ }));
    expect((screen.getByLabelText('（一）2023年度存在的问题及改进情况') as HTMLTextAreaElement).value).toBe(
      last.problems.thisYear,
    );
  });

  it('refuses a published document of which nothing was read, and starts nothing', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText('还没有草稿。');
    await user.upload(screen.getByLabelText('从上一年度年报开始'), new File(['%PDF-1.4 broken'], 'scan.pdf'));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('没有从“scan.pdf”中读到年报内容，未做任何改动。');
    expect(await listDrafts()).toEqual([]);
  });
});
