import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * The built app served by `vite preview` on a free port, and a fresh headless Chromium
 * (toolchain notes §3). The server is spawned detached and killed with its process group.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

export function buildApp(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'xxgk-e2e-dist-'));
  const built = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  return outDir;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Served {
  readonly url: string;
  readonly stop: () => void;
}

export async function serve(outDir: string): Promise<Served> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url}`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly close: () => Promise<void>;
}

/**
 * A headless Chromium on a fresh profile, or on `kept` (a profile that outlives this browser);
 * `extraArgs` are added to CHROMIUM_ARGS (bench/typing.ts turns the frame-rate limit off).
 */
export async function launch(kept?: string, extraArgs: readonly string[] = []): Promise<Browser> {
  const profile = kept ?? mkdtempSync(join(tmpdir(), 'xxgk-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close();
      if (!kept) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Every reading of the drafts list (IndexedDB getAll) in `page` answers `ms` late, as on a slow office
 * PC: what the clerk can do while the list shows 正在读取….
 */
export async function slowListReads(page: Page, ms: number): Promise<void> {
  await page.addInitScript((delay) => {
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (...args: Parameters<typeof getAll>) {
      const request = getAll.apply(this, args);
      let handler: ((this: IDBRequest, ev: Event) => unknown) | null = null;
      Object.defineProperty(request, 'onsuccess', { configurable: true, get: () => handler, set: (h) => (handler = h) });
      request.addEventListener('success', (e) => setTimeout(() => handler?.call(request, e), delay));
      return request;
    };
  }, ms);
}

/**
 * Deletions from the drafts store in `page` throw while `window.__failDeletes` is true (set it with
 * page.evaluate): a browser store that refuses to delete.
 */
export async function failingDeletes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const remove = IDBObjectStore.prototype.delete;
    IDBObjectStore.prototype.delete = function (...args: Parameters<typeof remove>) {
      if ((window as unknown as { __failDeletes?: boolean }).__failDeletes) throw new DOMException('Internal error.', 'UnknownError');
      return remove.apply(this, args);
    };
  });
}
