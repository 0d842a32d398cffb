import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { cellsOf } from '../src/model/formats';
import type { Report } from '../src/model/report';
import { cellValue } from '../src/model/report';
import { buildApp, launch, serve } from '../test/e2e/harness';
import type { Summary } from './stats';
import { summarize } from './stats';
import { markdownOut, reportTyping } from './typing-report';

/**
 * Live typing in real Chromium: sample 003 loaded (every identity live), the clerk clears the
 * grid of section 三 cell by cell (Backspace), then types its figures back, cell after cell (Tab
 * between cells). Measured in the page for every key that changes a value (see installProbe).
 *
 * The same run is made with `?naive-grid` (src/forms/grid-editor.tsx), where the grid depends on
 * the whole report and every cell re-renders on every key: the baseline for per-cell subscriptions.
 * A third run types into a page holding one bare `<input>`: the floor of this browser and machine.
 * All three run twice: with Chromium's default 60 Hz frame clock, where a frame waits for the next
 * vsync (up to 16.7 ms, whatever the page does), and with the frame-rate limit off
 * (UNTHROTTLED_ARGS), where a frame is drawn as soon as there is one: key → painted is then the
 * work of the browser and the app alone.
 *
 * Runs through tsx (`node --import tsx bench/typing.ts`): it drives the e2e harness, which builds
 * the app. Prints JSON on stdout when given `--json` (bench/typing-report.ts reads that).
 */

export interface TypingRun {
  readonly keys: number;
  /** Key → just after the next frame, wall time (with the 60 Hz frame clock, the wait for it included). */
  readonly painted: Summary;
  /** Key → the DOM updated and re-checked: the browser's key handling plus the app's work. */
  readonly work: Summary;
  /** The app's share: the input event's handlers (store update, full re-check, React render and commit). */
  readonly app: Summary;
  /** Keys whose keydown the browser itself (Event Timing) reports as ≥ 16 ms to the next paint. */
  readonly slowByEventTiming: number;
  /** A CDP trace of more typing after the measured keys: CPU time and raster work per changed key. */
  readonly trace: KeyTrace;
  /** The same, grid pages only, once every grid input is taken out of its cell's form (formless controls). */
  readonly traceFormless?: KeyTrace;
}

/** Per changed key, from a CDP trace; thread (CPU) time, which other processes on the machine do not inflate. */
export interface KeyTrace {
  /** Every task of the page's main thread. */
  readonly mainThreadMs: number;
  /** The tasks that Chromium's scheduler tags as started by its autofill component. */
  readonly autofillMs: number;
  /** Tiles rastered (software raster here). */
  readonly rasterTiles: number;
}

/** The three pages typed into in one browser. */
export interface TypingPages {
  readonly perCell: TypingRun;
  readonly naive: TypingRun;
  readonly bareInput: TypingRun;
}

export interface TypingResult {
  readonly chromium: string;
  /** Chromium's default frame clock (60 Hz here): what a clerk's screen shows. */
  readonly vsync: TypingPages;
  /**
   * The frame-rate limit off (a frame as soon as the browser has one to draw), run TYPING_RUNS
   * times, each in a fresh browser: the target is judged on the median run.
   */
  readonly unthrottledRuns: readonly TypingPages[];
  /** The machine's 1-minute load average before the first run and after each. */
  readonly load: readonly number[];
}

/** Runs of the frame-rate-limit-off measurement: a median and a spread, not one run that a busy moment may skew. */
export const TYPING_RUNS = 3;

/** Chromium flags that turn the frame-rate limit off (no wait for vsync). */
export const UNTHROTTLED_ARGS = ['--disable-gpu-vsync', '--disable-frame-rate-limit'] as const;

interface Sample {
  readonly painted: number;
  readonly work: number;
  readonly app: number;
}

type Probe = { samples: Sample[]; slow: number; pending: Promise<void>; measuring: boolean };

/**
 * Installed in the page before the app. Per key: the keydown's timestamp; the input event's start
 * (document, capture) and the end of its work (a microtask queued after the app's own handlers,
 * which React flushes before it); and a message posted from the next animation frame, which runs
 * once that frame's rendering (style, layout, paint) is done, after any task queued before it.
 * Event Timing entries (durationThreshold 16 ms, the API's floor) count the keys the browser saw slow.
 */
function installProbe() {
  const probe: Probe = { samples: [], slow: 0, pending: Promise.resolve(), measuring: false };
  (window as unknown as { __typing: Probe }).__typing = probe;
  let inputStart = 0;
  let workEnd = 0;
  document.addEventListener('input', () => (inputStart = performance.now()), true);
  window.addEventListener('input', () => queueMicrotask(() => (workEnd = performance.now())));
  const measured = new Set<number>();
  new PerformanceObserver((list) => {
    probe.slow += list.getEntries().filter((e) => e.name === 'keydown' && measured.has(e.startTime)).length;
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  document.addEventListener(
    'keydown',
    (e) => {
      if (!probe.measuring || !/^(?:[0-9]|Backspace)$/.test(e.key)) return;
      const start = e.timeStamp;
      measured.add(start);
      inputStart = 0;
      workEnd = 0;
      probe.pending = new Promise((done) => {
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const end = performance.now();
            probe.samples.push({
              painted: end - start,
              work: (workEnd || end) - start,
              app: workEnd && inputStart ? workEnd - inputStart : 0,
            });
            done();
          };
          channel.port2.postMessage(null);
        });
      });
    },
    true,
  );
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time: unlike `dur`, it does not grow while other processes hold the core. */
  readonly tdur?: number;
  readonly args?: { readonly src_file?: string; readonly name?: string };
}

/**
 * Traces more typing (CDP): `type` presses keys and returns how many changed a value. Per such
 * key: the page's main-thread time, the part of it in tasks started by Chromium's autofill
 * component (browser work the app does not do, but its page pays for), and the tiles rastered.
 */
async function traceKeys(page: Page, type: () => Promise<number>): Promise<KeyTrace> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['*'] },
    transferMode: 'ReportEvents',
  });
  // Starting a trace repaints the page once: let that happen in frames of its own, then mark the start.
  for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  await page.evaluate(() => performance.mark('typing-traced'));
  const keys = await type();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const from = events.find((e) => e.name === 'typing-traced')?.ts ?? 0;
  const cpu = (e: TraceEvent | undefined) => (e?.tdur ?? e?.dur ?? 0) / 1000;
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.dur && e.ts >= from);
  // The page's main thread: the renderer main thread that ran the most tasks.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (m: TraceEvent) => tasks.filter((t) => t.pid === m.pid && t.tid === m.tid);
  const main = mains.map(tasksOf).sort((a, b) => b.length - a.length)[0] ?? [];
  let autofill = 0;
  for (const marker of events.filter((e) => e.name === 'LongTaskTracker' && e.ph === 'b' && e.ts >= from)) {
    if (!marker.args?.src_file?.includes('/autofill/')) continue;
    const task = tasks
      .filter((t) => t.tid === marker.tid && t.ts <= marker.ts && t.ts + (t.dur ?? 0) >= marker.ts)
      .sort((a, b) => (a.dur ?? 0) - (b.dur ?? 0))[0];
    autofill += cpu(task);
  }
  return {
    mainThreadMs: main.reduce((sum, t) => sum + cpu(t), 0) / keys,
    autofillMs: autofill / keys,
    rasterTiles: events.filter((e) => e.name === 'RasterTask' && e.ph === 'X' && e.ts >= from).length / keys,
  };
}

async function results(page: Page, typeMore: () => Promise<number>): Promise<TypingRun> {
  // Event Timing entries arrive after their frame: give the last ones time to land.
  await page.waitForTimeout(200);
  const probe = await page.evaluate(() => {
    const p = (window as unknown as { __typing: Probe }).__typing;
    return { samples: p.samples, slow: p.slow };
  });
  return {
    keys: probe.samples.length,
    painted: summarize(probe.samples.map((s) => s.painted)),
    work: summarize(probe.samples.map((s) => s.work)),
    app: summarize(probe.samples.map((s) => s.app)),
    slowByEventTiming: probe.slow,
    trace: await traceKeys(page, typeMore),
  };
}

const measuring = (page: Page, on: boolean) =>
  page.evaluate((value) => ((window as unknown as { __typing: Probe }).__typing.measuring = value), on);

/** A key at a random moment of the frame (as a typist's keys fall), then wait until it is painted. */
async function press(page: Page, key: string): Promise<void> {
  await page.waitForTimeout(Math.random() * 17);
  await page.keyboard.press(key);
  await page.evaluate(() => (window as unknown as { __typing: Probe }).__typing.pending);
}

const root = resolve(import.meta.dirname, '..');
const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/sample-003.json'), 'utf8')) as Report;

/** The entered cells of section 三 in Tab order, with sample 003's figures. */
const entries = cellsOf('2021')
  .filter((c) => c.table.family === 'applications' && !c.computed)
  .map((c) => ({ id: c.id, digits: String(cellValue(sample, c.id) ?? '0') }));

async function typeSection(page: Page): Promise<TypingRun> {
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: /^三/ }).click();
  const first = page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人', exact: true });
  // Every key changes a value: a cell is cleared (focus selects it; Backspace), or filled digit by digit.
  const clear = async (cells = entries) => {
    await first.focus();
    for (let i = 0; i < cells.length; i++) {
      await press(page, 'Backspace');
      await page.keyboard.press('Tab');
    }
    return cells.length;
  };
  const fill = async (cells = entries) => {
    await first.focus();
    let keys = 0;
    for (const { digits } of cells) {
      for (const d of digits) await press(page, d);
      await page.keyboard.press('Tab');
      keys += digits.length;
    }
    return keys;
  };
  // An unmeasured round warms the JIT and React, as a clerk's first minutes would; then one measured.
  await clear();
  await fill();
  await measuring(page, true);
  await clear();
  await fill();
  await measuring(page, false);
  // Sample 003's figures are back: every identity of 三 was checked on the way, the last ones complete.
  if ((await first.inputValue()) !== String(cellValue(sample, 'apply.N.p'))) throw new Error('typing went astray');
  // Traced: the first rows cleared and typed again, the same way (Tab moves included in the time).
  const typeMore = async () => (await clear(entries.slice(0, 12))) + (await fill(entries.slice(0, 12)));
  const run = await results(page, typeMore);
  // A `form` attribute naming no form leaves an input without a form owner, as before per-cell forms.
  await page.evaluate(() => {
    for (const input of document.querySelectorAll('table.grid input')) input.setAttribute('form', 'none');
  });
  return { ...run, traceFormless: await traceKeys(page, typeMore) };
}

/** The same keys into a page with one bare input: what this browser and machine cost by themselves. */
async function typeBareInput(page: Page, keys: number): Promise<TypingRun> {
  await page.focus('input');
  for (const on of [false, true]) {
    await measuring(page, on);
    for (let i = 0; i < keys; i++) await press(page, i % 4 === 3 ? 'Backspace' : String(i % 10));
  }
  await measuring(page, false);
  return results(page, async () => {
    for (const d of '1234567890') for (const key of [d, 'Backspace']) await press(page, key);
    return 20;
  });
}

/** Per-cell, naive and bare-input runs in one fresh browser launched with `args`. */
async function typePages(url: string, args: readonly string[]): Promise<{ pages: TypingPages; chromium: string }> {
  const browser = await launch(undefined, args);
  try {
    const run = async (query: string) => {
      const page = await browser.context.newPage();
      await page.addInitScript(installProbe);
      await page.goto(`${url}${query}#/example`);
      await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
      const result = await typeSection(page);
      await page.close();
      return result;
    };
    const perCell = await run('');
    const naive = await run('?naive-grid');
    const page = await browser.context.newPage();
    await page.addInitScript(installProbe);
    await page.goto('data:text/html;charset=utf-8,<!doctype html><input aria-label="x">');
    const bareInput = await typeBareInput(page, perCell.keys);
    const { product } = await (await browser.context.newCDPSession(page)).send('Browser.getVersion');
    return { pages: { perCell, naive, bareInput }, chromium: product };
  } finally {
    await browser.close();
  }
}

export async function benchTyping(): Promise<TypingResult> {
  const outDir = buildApp();
  const server = await serve(outDir);
  try {
    const load = [loadavg()[0] ?? 0];
    const vsync = await typePages(server.url, []);
    load.push(loadavg()[0] ?? 0);
    const unthrottledRuns: TypingPages[] = [];
    for (let run = 0; run < TYPING_RUNS; run++) {
      unthrottledRuns.push((await typePages(server.url, UNTHROTTLED_ARGS)).pages);
      load.push(loadavg()[0] ?? 0);
    }
    return { chromium: vsync.chromium, vsync: vsync.pages, unthrottledRuns, load };
  } finally {
    server.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchTyping();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else reportTyping(result, ...markdownOut());
}
