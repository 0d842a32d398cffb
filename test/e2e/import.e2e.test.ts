import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Packer } from 'docx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cellValue } from '../../src/model/report';
import { buildDocx } from '../../src/render/docx';
import { toViewModel } from '../../src/render/view-model';
import { loadFixture } from '../support/golden';
import type { Browser } from './harness';
import { launch } from './harness';

/** 导入已发布的年报 in Chromium: pasted text, PDF, DOCX, a broken file, and last year's published report. */

const repoRoot = resolve(import.meta.dirname, '../..');
const samples = (path: string) => resolve(repoRoot, '../shared/samples', path);
const sample003 = readFileSync(
  samples(readdirSync(resolve(repoRoot, '../shared/samples')).find((n) => n.startsWith('003_')) ?? '003'),
  'utf8',
);
const files = mkdtempSync(join(tmpdir(), 'xxgk-e2e-import-'));
const shots = process.env.E2E_SCREENSHOTS;

// Text that only each lazily loaded part contains.
const MARKERS = {
  importer: '无文字层',
  pdfjs: 'PDFWorker',
  opencc: 'Invalid dictionary entry',
} as const;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(inject('appUrl'));
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  rmSync(files, { recursive: true, force: true });
});

/** The lazily loaded parts whose code is in the scripts the page has loaded so far. */
const loadedParts = () =>
  page.evaluate(async (markers) => {
    const urls = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /\.m?js$/.test(n));
    const texts = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
    return Object.entries(markers)
      .filter(([, marker]) => texts.some((t) => t.includes(marker)))
      .map(([part]) => part);
  }, MARKERS);

const step = (name: string) =>
  page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
const total = (row: string) => page.getByLabel(`${row} · 总计（自动计算）`).textContent();
const notes = () => page.getByRole('complementary', { name: /导入说明/ });
const draftCount = () => page.locator('.drafts > li').count();

async function toList(): Promise<void> {
  if (await page.getByRole('button', { name: '返回草稿列表' }).count())
    await page.getByRole('button', { name: '返回草稿列表' }).click();
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  // The list is read again after a draft is left: its drafts (and the address of the list) come then.
  await page.getByText('正在读取…').waitFor({ state: 'detached' });
}

async function openImport(): Promise<void> {
  await toList();
  await page.getByRole('button', { name: '导入已发布的年报' }).click();
}

describe('导入已发布的年报', () => {
  it('loads no importer, pdf.js or opencc code with the first page', async () => {
    expect(await loadedParts()).toEqual([]);
  });

  it('opens pasted published text as a draft with 202 new applications and the H7 label notes beside it', async () => {
    await openImport();
    await page.getByLabel('粘贴年报全文').fill(sample003);
    if (shots) await page.screenshot({ path: join(shots, '20-import-dialog.png'), fullPage: true });
    await page.getByRole('button', { name: '导入粘贴的文本' }).click();
    await page.getByRole('heading', { name: '沈阳市皇姑区2023年政府信息公开工作年度报告' }).waitFor();
    const panel = notes();
    expect(await panel.getByRole('heading').textContent()).toBe('导入说明：“粘贴的文本”');
    expect(await panel.textContent()).toContain('二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”');
    expect(await panel.textContent()).toContain('二、第二十条第（一）项：表头“现行有效件”应为“现行有效件数”');
    await step('三、依申请公开');
    expect(await total('一、本年新收政府信息公开申请数量')).toBe('202');
    if (shots) await page.screenshot({ path: join(shots, '21-import-notes.png') });
    // The importer (with opencc) is loaded now, pdf.js still not.
    expect(await loadedParts()).toEqual(['importer', 'opencc']);
  });

  it('keeps the notes with the draft after a reload, until they are dismissed', async () => {
    await page.reload();
    await notes().waitFor();
    await page.getByRole('button', { name: '关闭导入说明' }).click();
    expect(await notes().count()).toBe(0);
    await page.waitForTimeout(200);
    await page.reload();
    await page.getByRole('heading', { name: '沈阳市皇姑区2023年政府信息公开工作年度报告' }).waitFor();
    expect(await notes().count()).toBe(0);
  });

  it('imports a PDF with a text layer, showing 正在导入… meanwhile', async () => {
    await openImport();
    // Record whether the busy message was ever on screen (the import may take well under a second).
    await page.evaluate(() => {
      const seen = document.createElement('meta');
      seen.id = 'busy-seen';
      new MutationObserver(() => {
        if (document.querySelector('[role="status"].import-busy')?.textContent?.includes('正在导入“sample-003.pdf”…'))
          document.head.append(seen);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByLabel('选择已发布的年报文件').setInputFiles(resolve(repoRoot, 'test/fixtures/variants/sample-003.pdf'));
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    expect(await page.locator('#busy-seen').count()).toBe(1);
    expect(await notes().getByRole('heading').textContent()).toBe('导入说明：“sample-003.pdf”');
    await step('三、依申请公开');
    expect(await total('一、本年新收政府信息公开申请数量')).toBe('202');
    expect(await total('（七）总计')).toBe('201');
    expect(await loadedParts()).toContain('pdfjs');
  });

  it('imports a DOCX rendered from a fixture with its figures', async () => {
    const report = loadFixture('sample-002');
    const path = join(files, '年报.docx');
    writeFileSync(path, await Packer.toBuffer(buildDocx(toViewModel(report))));
    await openImport();
    await page.getByLabel('选择已发布的年报文件').setInputFiles(path);
    await page.getByRole('heading', { name: '咸宁市地方金融工作局2022年政府信息公开工作年度报告' }).waitFor();
    await step('三、依申请公开');
    for (const row of ['一、本年新收政府信息公开申请数量', '（七）总计'])
      expect(await total(row)).toBe(String(cellValue(report, row.startsWith('一') ? 'apply.N.t' : 'apply.R7.t')));
    expect(await page.getByRole('textbox', { name: '（一）予以公开 · 自然人', exact: true }).inputValue()).toBe(
      String(cellValue(report, 'apply.R1.p')),
    );
  });

  it('refuses a .docx that is not a zip with the reason, and makes no draft', async () => {
    const path = join(files, '坏文件.docx');
    writeFileSync(path, '这不是 Word 文件');
    await openImport();
    const before = await draftCount();
    await page.getByLabel('选择已发布的年报文件').setInputFiles(path);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('没有从“坏文件.docx”中读到年报内容，未做任何改动。');
    expect(await alert.textContent()).toContain('文件不是有效的 DOCX（无法解压）');
    expect(await draftCount()).toBe(before);
    await page.reload();
    await page.getByRole('heading', { name: '我的草稿' }).waitFor();
    await page.locator('.drafts > li').first().waitFor();
    expect(await draftCount()).toBe(before);
  });

  it('starts next year from a published report: 上年结转 = its 结转下年度继续办理', async () => {
    const last = loadFixture('sample-003');
    const path = join(files, '皇姑区2023年报.txt');
    writeFileSync(path, sample003);
    await toList();
    await page.getByLabel('从上一年度年报开始').setInputFiles(path);
    await page.getByRole('heading', { name: '沈阳市皇姑区2024年政府信息公开工作年度报告' }).waitFor();
    expect(await notes().getByRole('heading').textContent()).toBe('上一年度年报导入说明：“皇姑区2023年报.txt”');
    await step('三、依申请公开');
    const columns = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
    const ids = ['p', 'b', 'r', 's', 'l', 'o'];
    const carried = await Promise.all(
      columns.map((c) => page.getByRole('textbox', { name: `二、上年结转政府信息公开申请数量 · ${c}`, exact: true }).inputValue()),
    );
    expect(carried).toEqual(ids.map((id) => String(cellValue(last, `apply.F.${id}`))));
    expect(await total('二、上年结转政府信息公开申请数量')).toBe(String(cellValue(last, 'apply.F.t')));
  });
});
