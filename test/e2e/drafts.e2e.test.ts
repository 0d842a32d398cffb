import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from './harness';
import { launch } from './harness';

/** Drafts across reloads and browser restarts, file opening, paste from a spreadsheet, fast typing. */

const profile = mkdtempSync(join(tmpdir(), 'xxgk-e2e-profile-kept-'));
const files = mkdtempSync(join(tmpdir(), 'xxgk-e2e-files-'));
const sampleText = readFileSync('test/fixtures/sample-003.json', 'utf8');
const shots = process.env.E2E_SCREENSHOTS;

let browser: Browser;
let page: Page;

async function open(): Promise<void> {
  browser = await launch(profile);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(inject('appUrl'));
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  // The drafts are read from IndexedDB after the first paint: wait until they are listed.
  await page.getByText('正在读取…').waitFor({ state: 'detached' });
}

const step = (name: string) =>
  page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
const cell = (name: string) => page.getByRole('textbox', { name, exact: true });

beforeAll(open);
afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('drafts', () => {
  it('loads the first page without docx', async () => {
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.js')),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((n) => /\/assets\/(docx|dist)-/.test(n))).toEqual([]);
  });

  it('refuses a bad report file with the parser’s message and changes nothing', async () => {
    const bad = JSON.parse(sampleText);
    bad.cells['apply.R1.p'] = 1.5;
    const path = join(files, '坏文件.json');
    writeFileSync(path, JSON.stringify(bad));
    await page.getByLabel('打开年报文件').setInputFiles(path);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('“坏文件.json”不是有效的年报文件，未做任何改动');
    expect(await alert.textContent()).toContain('（一）予以公开');
    expect(await page.getByText('还没有草稿。').count()).toBe(1);
  });

  it('pastes a block copied from Excel/WPS into the grid from the focused cell', async () => {
    await page.getByRole('button', { name: '新建年报' }).click();
    await page.getByLabel('机关名称').fill('某市某局');
    await page.getByLabel('报告年度').fill('2024');
    await page.getByRole('button', { name: '创建' }).click();
    await step('三、依申请公开');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('appUrl') });
    await cell('一、本年新收政府信息公开申请数量 · 自然人').click();
    await page.evaluate(
      (text) => navigator.clipboard.writeText(text),
      '12\t1\t0\t0\t0\t2\t15\r\n3\t0\t0\t0\t0\t0\t3\r\n8\t1\t0\t0\t0\t1\t10\r\n',
    );
    await page.keyboard.press('Control+V');
    await expect.poll(() => cell('二、上年结转政府信息公开申请数量 · 自然人').inputValue()).toBe('3');
    expect(await cell('一、本年新收政府信息公开申请数量 · 其他').inputValue()).toBe('2');
    expect(await cell('（一）予以公开 · 商业企业').inputValue()).toBe('1');
    expect(await page.getByLabel('一、本年新收政府信息公开申请数量 · 总计（自动计算）').textContent()).toBe('15');
    expect(await page.getByLabel('（七）总计 · 总计（自动计算）').textContent()).toBe('10');
    expect(await page.getByText(/^已粘贴 18 个单元格；3 个值落在总计单元格上/).count()).toBe(1);
    if (shots) await page.screenshot({ path: join(shots, '10-pasted.png'), fullPage: true });
  });

  it('takes every key of fast typing into a live cell, in order, and re-checks it', async () => {
    // How fast is for `npm run bench` (bench/typing.ts) to measure; here only that no key is lost.
    const target = cell('（五）不予处理 · 2.重复申请 · 自然人');
    await target.click();
    const keys = '1234567890'.repeat(2);
    for (const k of keys) await page.keyboard.type(k);
    expect(await target.inputValue()).toBe(keys);
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    await target.fill('0');
  });

  it('keeps a refused entry and its error across a reload (the cell does not fall back to its last good value)', async () => {
    const target = cell('（五）不予处理 · 3.要求提供公开出版物 · 自然人');
    await target.fill('7');
    await target.fill('7件多');
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('status').filter({ hasText: '已保存到本机' }).waitFor();
    await page.waitForTimeout(400);
    await page.getByRole('status').filter({ hasText: '已保存到本机' }).waitFor();
    await page.reload();
    await expect.poll(() => cell('（五）不予处理 · 3.要求提供公开出版物 · 自然人').inputValue()).toBe('7件多');
    const reopened = cell('（五）不予处理 · 3.要求提供公开出版物 · 自然人');
    expect(await reopened.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.findings').textContent()).toContain('3.要求提供公开出版物 · 自然人：“7件多”');
    await reopened.fill('0');
    expect(await reopened.getAttribute('aria-invalid')).toBeNull();
  });

  it('takes no figure from a refused entry: the 12 typed on the way to "12.5" is not in the row 总计', async () => {
    const target = cell('（五）不予处理 · 3.要求提供公开出版物 · 法律服务机构');
    const total = page.getByLabel('（五）不予处理 · 3.要求提供公开出版物 · 总计（自动计算）');
    await target.fill('');
    const before = await total.textContent();
    await target.pressSequentially('12.5');
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    expect(await target.inputValue()).toBe('12.5');
    expect(await total.textContent()).toBe(before);
    await target.fill('0');
    expect(await target.getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses the final HTML while errors remain, and exports a draft marked 草稿', async () => {
    await step('预览与导出');
    await page.getByRole('button', { name: '下载 HTML' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/还有 \d+ 个错误，改正后才能下载正式文本/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出草稿 HTML' }).click();
    const file = join(files, 'draft.html');
    await (await download).saveAs(file);
    expect((await download).suggestedFilename()).toBe('某市某局2024年政府信息公开工作年度报告（草稿）.html');
    expect(readFileSync(file, 'utf8')).toContain('<title>某市某局2024年政府信息公开工作年度报告（草稿）</title>');
  });

  it('keeps several drafts, and restores them after the browser is closed and reopened', async () => {
    await page.getByRole('button', { name: '返回草稿列表' }).click();
    await page.getByRole('button', { name: '载入示例' }).click();
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await page.waitForTimeout(700);
    await browser.close();
    await open();
    await page.getByRole('button', { name: /^某市某局 2024年度/ }).waitFor();
    const drafts = page.getByRole('list').filter({ has: page.getByRole('button', { name: /^删除 / }) });
    expect(await drafts.getByRole('button', { name: /^某市某局 2024年度/ }).count()).toBe(1);
    expect(await drafts.getByRole('button', { name: /^沈阳市皇姑区人民政府 2023年度/ }).count()).toBe(1);
    await drafts.getByRole('button', { name: /^某市某局 2024年度/ }).click();
    await step('三、依申请公开');
    expect(await cell('（一）予以公开 · 商业企业').inputValue()).toBe('1');
    expect(await page.getByLabel('（七）总计 · 总计（自动计算）').textContent()).toBe('10');
  });

  it("starts next year's draft from last year's file: 上年结转 and 五 carried over", async () => {
    await page.getByRole('button', { name: '返回草稿列表' }).click();
    const path = join(files, 'last.json');
    writeFileSync(path, sampleText);
    await page.getByLabel('从上一年度年报开始').setInputFiles(path);
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2024年政府信息公开工作年度报告' }).waitFor();
    await step('三、依申请公开');
    expect(await cell('二、上年结转政府信息公开申请数量 · 自然人').inputValue()).toBe('1');
    await step('五、问题及改进');
    expect(await page.getByLabel('（一）2023年度存在的问题及改进情况').inputValue()).toBe(
      JSON.parse(sampleText).problems.thisYear,
    );
  });
});
