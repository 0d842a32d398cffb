import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cellLabel } from '../../src/forms/report-edit';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { cellValue } from '../../src/model/report';
import type { Browser } from './harness';
import { launch } from './harness';

/**
 * A clerk's session in real Chromium against the built app: create a report, type sample 003's
 * figures with the keyboard, see and fix a live error, download the outputs and read them back.
 */

const sample = JSON.parse(readFileSync('test/fixtures/sample-003.json', 'utf8')) as Report;
const SCRIPT = '<script>alert(1)</script>';
const downloads = mkdtempSync(join(tmpdir(), 'xxgk-e2e-downloads-'));
const shots = process.env.E2E_SCREENSHOTS;

let browser: Browser;
let page: Page;
const cspViolations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []);

async function shot(name: string) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function step(name: string) {
  await page
    .getByRole('navigation', { name: '填报步骤' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
}

/** Types the entered cells of one table with the keyboard: Tab from cell to cell, totals skipped. */
async function typeTable(family: 'active' | 'applications' | 'appeals', display: (id: string, v: string) => string) {
  const cells = cellsOf('2021').filter((c) => c.table.family === family && !c.computed);
  const first = cells[0];
  if (!first) throw new Error('no cells');
  await page.getByRole('textbox', { name: cellLabel(sample, first.id), exact: true }).focus();
  for (const c of cells) {
    await page.keyboard.type(display(c.id, String(cellValue(sample, c.id))));
    await page.keyboard.press('Tab');
  }
}

const nextFrame = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));

/**
 * The roots of every layout Chromium runs while `act` does (a CDP trace), each as its depth in the
 * layout tree: 1 is the whole page, deeper ones are boxes laid out alone (relayout boundaries).
 */
async function layoutRoots(act: () => Promise<void>): Promise<number[][]> {
  type Event = { name: string; ph: string; ts: number; args?: { endData?: { layoutRoots?: { depth: number }[] } } };
  const cdp = await page.context().newCDPSession(page);
  const events: Event[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as Event[])));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] },
    transferMode: 'ReportEvents',
  });
  for (let i = 0; i < 3; i++) await nextFrame();
  await page.evaluate(() => performance.mark('layout-roots'));
  await act();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const from = events.find((e) => e.name === 'layout-roots')?.ts ?? Infinity;
  return events
    .filter((e) => e.name === 'Layout' && e.ph === 'X' && e.ts >= from)
    .map((e) => (e.args?.endData?.layoutRoots ?? []).map((root) => root.depth));
}

async function save(download: Promise<Download>, name: string): Promise<string> {
  const file = join(downloads, name);
  await (await download).saveAs(file);
  return file;
}

beforeAll(async () => {
  browser = await launch();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('a new user writes sample 003 with the keyboard', () => {
  const requested: string[] = [];

  it('creates the report from the drafts page', async () => {
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(inject('appUrl'));
    await expect.poll(() => page.getByText('还没有草稿。').count()).toBe(1);
    await shot('01-drafts');
    await page.getByRole('button', { name: '新建年报' }).click();
    await page.getByLabel('机关名称').fill(sample.agency.name);
    await page.getByLabel('机关类型').selectOption('government');
    await page.getByLabel('报告年度').fill('2023');
    await expect.poll(() => page.getByText('使用 2021 年版格式').count()).toBe(1);
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await expect.poll(() => page.getByText('法定公布期限 2024年3月31日').count()).toBe(1);
  });

  it('fills 基本信息, 一, 五 and 六', async () => {
    await page.getByLabel('发布日期').fill(sample.publicationDate ?? '');
    await page.getByLabel('开头说明').fill(sample.intro);
    await step('一、总体情况');
    await page.getByLabel('总述（可选）').fill(sample.overview.lead);
    for (const [i, block] of sample.overview.blocks.entries()) {
      await page.locator(`#f-overview_blocks_${i}__title`).fill(block.title);
      await page.locator(`#f-overview_blocks_${i}__text`).fill(block.text);
    }
    await shot('02-overview');
    await step('五、问题及改进');
    await page.getByLabel('（二）2023年度存在的问题及2024年度改进举措').fill(sample.problems.thisYear);
    await shot('05-problems');
    await step('六、其他事项');
    await page.getByLabel('收费通知件数').fill('0');
    await page.getByLabel('收费通知总金额（元）').fill('0');
    await page.getByLabel('实际收取总金额（元）').fill('0');
    await page.getByLabel('其他事项', { exact: true }).fill(`其他事项：${SCRIPT}`);
    await shot('06-other');
  });

  it('types the three tables with the keyboard (full-width digits and separators accepted)', async () => {
    await step('二、主动公开');
    await typeTable('active', (id, v) => (id === 'active5.license.decisions' ? '３１,９０９' : v));
    await shot('03-active');
    await step('三、依申请公开');
    await typeTable('applications', (id, v) => (id === 'apply.N.p' ? '２０２' : v));
    await step('四、复议诉讼');
    await typeTable('appeals', (_, v) => v);
    await shot('04-appeals');
    const total = page.getByLabel('行政复议 · 总计（自动计算）');
    expect(await total.textContent()).toBe('5');
  });

  it('gives every grid cell a form of its own with autocomplete off, and Enter moves down without submitting', async () => {
    await step('三、依申请公开');
    // Chromium's autofill reads the whole form of a changed field after each key: one field, not the page.
    const cells = await page.locator('table.grid input').evaluateAll((inputs) => {
      const forms = inputs.map((i) => (i as HTMLInputElement).form);
      return {
        inputs: inputs.length,
        forms: new Set(forms).size,
        formless: forms.filter((f) => f === null).length,
        autocompleteOff: inputs.filter((i) => i.getAttribute('autocomplete') === 'off').length,
      };
    });
    const entered = cellsOf('2021').filter((c) => c.table.family === 'applications' && !c.computed).length;
    expect(cells).toEqual({ inputs: entered, forms: entered, formless: 0, autocompleteOff: entered });
    const url = page.url();
    await page.getByRole('textbox', { name: '（一）予以公开 · 自然人', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形） · 自然人',
    );
    await page.keyboard.press('Shift+Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('（一）予以公开 · 自然人');
    expect(page.url()).toBe(url);
  });

  it('shows a live error after one wrong number, naming the rule and the expected value, then fixes it', async () => {
    await step('三、依申请公开');
    const carried = page.getByRole('textbox', { name: '四、结转下年度继续办理 · 自然人', exact: true });
    await carried.click();
    await page.keyboard.type('2');
    const cell = page.locator('td', { has: carried });
    await expect.poll(() => cell.getAttribute('class')).toContain('cell--error');
    const info = page.locator('.focus-info');
    await expect.poll(() => info.textContent()).toContain('H1 本列勾稽关系');
    const text = (await info.textContent()) ?? '';
    expect(text).toContain(
      '三、收到和处理政府信息公开申请情况 · 自然人列：第一项加第二项之和 202 ≠ 第三项加第四项之和 203',
    );
    expect(text).toContain('四、结转下年度继续办理应为 202 + 0 − 201 = 1，实为 2');
    expect(text).not.toContain('无问题');
    const bar = page.getByRole('navigation', { name: '填报步骤' });
    expect(await bar.getByRole('button', { name: '三、依申请公开（2 个错误）' }).count()).toBe(1);
    await shot('07-live-error');
    await cell.getByRole('button', { name: '使用计算值 1' }).click();
    await expect.poll(() => cell.getAttribute('class')).not.toContain('cell--error');
    expect(await bar.getByRole('button', { name: /^三、依申请公开$/ }).count()).toBe(1);
    // The focused cell's box says so, and keeps its shape: the label line and an empty list.
    await expect.poll(() => info.textContent()).toBe('四、结转下年度继续办理 · 自然人 无问题');
    expect(await info.locator('ul').count()).toBe(1);
    expect(await info.locator('li').count()).toBe(0);
    await shot('08-fixed');
  });

  it('keeps what a key invalidates small: contained regions, the focused input on top, few compositor layers', async () => {
    await step('三、依申请公开');
    const input = page.getByRole('textbox', { name: '（一）予以公开 · 自然人', exact: true });
    const other = page.getByRole('textbox', { name: '（一）予以公开 · 商业企业', exact: true });
    const box = (l: typeof input) => l.evaluate((el) => el.getBoundingClientRect().height);
    const heightBefore = await box(input);
    await input.focus();
    await page.keyboard.type('3');
    const style = (selector: string, props: string[]) =>
      page.evaluate(
        ({ selector, props }) => {
          const el = selector === ':focus' ? document.activeElement : document.querySelector(selector);
          if (!el) return null;
          const cs = getComputedStyle(el);
          return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
        },
        { selector, props },
      );
    // The focused input: a relayout boundary painted above the table, its focus ring inside it.
    expect(await style(':focus', ['contain', 'position', 'z-index', 'outline-style'])).toEqual({
      contain: 'strict',
      position: 'relative',
      'z-index': '1',
      'outline-style': 'none',
    });
    expect((await style(':focus', ['box-shadow']))?.['box-shadow']).toContain('inset');
    // Every input is one already, so that focus (a Tab) changes nothing that needs a layout.
    const unfocused = await other.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { contain: cs.contain, position: cs.position, zIndex: cs.zIndex };
    });
    expect(unfocused).toEqual({ contain: 'strict', position: 'relative', zIndex: '0' });
    // Focus neither moves nor resizes it: every input has the focused one's fixed height.
    expect(await box(input)).toBe(heightBefore);
    expect(await box(other)).toBe(heightBefore);
    expect(await input.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
    // What else a key changes sits in boxes of one size (size and layout contained), each laid out
    // alone: none is a flex or grid item, which Chromium always lays out with its container.
    // A total: not paint-contained, so a total wider than its column is shown in full, not clipped.
    const boxes: readonly (readonly [string, string])[] = [
      ['.focus-info', 'strict'],
      ['.side-panels', 'strict'],
      ['.save-state', 'strict'],
      ['.step-bar ol', 'strict'],
      ['td.cell--computed output', 'size layout style'],
    ];
    for (const [selector, contain] of boxes) {
      const box = await page.evaluate((selector) => {
        const el = document.querySelector(selector);
        const parent = el?.parentElement;
        return el && parent && { contain: getComputedStyle(el).contain, parent: getComputedStyle(parent).display };
      }, selector);
      expect(box, selector).toEqual({ contain, parent: expect.not.stringMatching(/flex|grid/) as unknown });
    }
    for (const selector of ['.findings', '.step-bar'])
      expect(await style(selector, ['contain'])).toEqual({ contain: 'content' });
    expect(await style('.grid-scroll', ['will-change'])).toEqual({ 'will-change': 'auto' });
    // Chromium composites the caret: nothing large may have to be composited above it (the rest of
    // the table did, as a layer that changed with every Tab). Large layers: the page, the findings.
    const cell = await input.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width * r.height;
    });
    const cdp = await page.context().newCDPSession(page);
    const layers = new Promise<{ width: number; height: number; drawsContent: boolean }[]>((done) =>
      cdp.on('LayerTree.layerTreeDidChange', (e) => {
        if (e.layers) done(e.layers);
      }),
    );
    await cdp.send('LayerTree.enable');
    const large = (await layers).filter((l) => l.drawsContent && l.width * l.height > 4 * cell);
    await cdp.detach();
    expect(large.length).toBeLessThanOrEqual(2);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('34');
    expect(await input.inputValue()).toBe('34');
  });

  it('lays out only contained boxes while a clerk types, never the table or the page', async () => {
    await step('三、依申请公开');
    const granted = page.getByRole('textbox', { name: '（一）予以公开 · 自然人', exact: true });
    const carried = page.locator('td', { has: page.getByRole('textbox', { name: '四、结转下年度继续办理 · 自然人' }) });
    await granted.focus();
    // The column no longer adds up: the carried-over cell offers the computed value (a new button: the table grows).
    await page.keyboard.type('3');
    await expect.poll(() => carried.getByRole('button').textContent()).toMatch(/^使用计算值/);
    // Each further key changes the cell, its row's and column's totals, the button's figure, the
    // findings and the focused cell's box; each of them is a box of one size, laid out alone.
    const roots = await layoutRoots(async () => {
      for (const key of ['5', 'Backspace', '6', 'Backspace']) {
        await page.keyboard.press(key);
        await nextFrame();
      }
    });
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.flat().filter((depth) => depth <= 1)).toEqual([]);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('34');
    await expect.poll(() => carried.getByRole('button').count()).toBe(0);
  });

  it('previews and downloads DOCX, HTML, TXT and the report file, each with the figures', async () => {
    await step('预览与导出');
    const frame = page.frameLocator('iframe[title="年报预览"]');
    await expect.poll(() => frame.locator('body').textContent()).toContain('31909');
    expect(await frame.locator('body').textContent()).toContain(`其他事项：${SCRIPT}`);
    expect(await frame.locator('script').count()).toBe(0);
    await shot('09-preview');

    expect(requested.some((u) => /\/assets\/docx-/.test(u))).toBe(false);
    const docx = save(page.waitForEvent('download'), 'r.docx');
    await page.getByRole('button', { name: '下载 DOCX' }).click();
    const docxFile = await docx;
    expect(requested.some((u) => /\/assets\/docx-/.test(u))).toBe(true);
    const xml = await (await JSZip.loadAsync(readFileSync(docxFile))).file('word/document.xml')?.async('string');
    for (const figure of ['31909', '10644', '202', '126', '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告'])
      expect(xml).toContain(figure);
    expect(xml).toContain('其他事项：&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('草稿');

    const htmlP = save(page.waitForEvent('download'), 'r.html');
    await page.getByRole('button', { name: '下载 HTML' }).click();
    const html = readFileSync(await htmlP, 'utf8');
    for (const figure of ['31909', '10644', '>202<', '>126<']) expect(html).toContain(figure);
    expect(html).toContain('其他事项：&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    // The preview shows the very bytes that were exported.
    expect(await page.locator('iframe[title="年报预览"]').getAttribute('srcdoc')).toBe(html);

    const txtP = save(page.waitForEvent('download'), 'r.txt');
    await page.getByRole('button', { name: '下载 TXT' }).click();
    const txt = readFileSync(await txtP, 'utf8');
    for (const figure of ['31909', '10644', '202', '126']) expect(txt).toContain(figure);
    expect(txt).toContain(`其他事项：${SCRIPT}`);

    const jsonP = save(page.waitForEvent('download'), 'r.json');
    await page.getByRole('button', { name: '下载年报文件（JSON）' }).click();
    const saved = JSON.parse(readFileSync(await jsonP, 'utf8')) as Report;
    expect(saved).toEqual({ ...sample, other: { ...sample.other, items: `其他事项：${SCRIPT}` } });
  });

  it('keeps everything after a reload', async () => {
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await step('三、依申请公开');
    const n = page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人', exact: true });
    expect(await n.inputValue()).toBe('202');
    await page.getByRole('button', { name: '返回草稿列表' }).click();
    // The list is read again after the click, and shown whole: wait for it, then count.
    const drafts = page.getByRole('button', { name: /^沈阳市皇姑区人民政府 2023年度/ });
    await drafts.first().waitFor();
    expect(await drafts.count()).toBe(1);
  });

  it('raised no CSP violation', async () => {
    expect(await cspViolations()).toEqual([]);
  });
});
