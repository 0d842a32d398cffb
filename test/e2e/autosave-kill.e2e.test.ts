import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from './harness';
import { launch } from './harness';

/**
 * Autosave under a crash: the browser is killed (SIGKILL to its whole process group) in the
 * middle of typing, then started again on the same profile. Nothing typed more than one second
 * before the kill may be lost.
 */

const profile = mkdtempSync(join(tmpdir(), 'xxgk-e2e-profile-kill-'));
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  killProfile('SIGKILL');
  rmSync(profile, { recursive: true, force: true });
});

/** The processes running Chromium on this test's own profile (never any other). */
function profileProcesses(): { pid: number; pgid: number }[] {
  const found: { pid: number; pgid: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(`--user-data-dir=${profile}`)) continue;
      // Field 5 of /proc/<pid>/stat, after the parenthesised command name, is the process group.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.push({ pid: Number(entry), pgid: Number(fields[2]) });
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Kills the browser's process group(s) on this profile, then any straggler by its pid. */
function killProfile(signal: NodeJS.Signals): number {
  const processes = profileProcesses();
  for (const pgid of new Set(processes.filter((p) => p.pid === p.pgid).map((p) => p.pgid))) {
    try {
      process.kill(-pgid, signal);
    } catch {
      // gone
    }
  }
  for (const p of profileProcesses()) {
    try {
      process.kill(p.pid, signal);
    } catch {
      // gone
    }
  }
  return processes.length;
}

async function open(): Promise<Page> {
  browser = await launch(profile);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(inject('appUrl'));
  await page.getByRole('heading', { name: '我的草稿' }).waitFor();
  return page;
}

describe('autosave when the browser is killed mid-typing', () => {
  it('keeps everything typed more than one second before the kill', async () => {
    const page = await open();
    await page.getByRole('button', { name: '新建年报' }).click();
    await page.getByLabel('机关名称').fill('某县某局');
    await page.getByLabel('报告年度').fill('2024');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: '某县某局2024年政府信息公开工作年度报告' }).waitFor();
    const intro = page.getByLabel('开头说明');
    await intro.fill('');
    await intro.focus();

    // A steady typist (about 10 keys a second, never pausing): 4 seconds of keys, then the kill.
    const text = '本机关严格按照条例要求做好政府信息公开工作依申请公开办理规范及时主动公开内容全面准确'.repeat(2);
    const typedAt: number[] = [];
    const started = Date.now();
    for (const ch of text) {
      await page.keyboard.type(ch);
      typedAt.push(Date.now());
      if (Date.now() - started > 4000) break;
      await page.waitForTimeout(60);
    }
    const killedAt = Date.now();
    expect(killProfile('SIGKILL')).toBeGreaterThan(0);
    await expect.poll(() => profileProcesses().length, { timeout: 10_000 }).toBe(0);
    browser = undefined;
    const typed = text.slice(0, typedAt.length);
    const mustKeep = typedAt.filter((t) => t <= killedAt - 1000).length;
    expect(mustKeep).toBeGreaterThan(20);

    const again = await open();
    await again.getByRole('button', { name: /^某县某局 2024年度/ }).click();
    const kept = await again.getByLabel('开头说明').inputValue();
    expect(kept, 'the kept text is what was typed, up to some key').toBe(typed.slice(0, kept.length));
    expect(kept.length, `kept ${kept.length} of ${typed.length} keys; ${mustKeep} were typed ≥ 1 s before the kill`).toBeGreaterThanOrEqual(mustKeep);
  });
});
