import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { renderHtml } from '../src/render/html';
import { renderText } from '../src/render/text';
import { toViewModel } from '../src/render/view-model';
import { arbitraryReport } from '../test/support/arbitrary-report';
import { publishedCorpus } from './corpus';
import type { StageTimes } from './stages';
import { stageTimes } from './stages';
import type { Summary } from './stats';
import { summarize } from './stats';

/**
 * Check at scale: `count` reports of one corpus (see Corpus), published with the project's own
 * renderers, half as text and half as HTML, then imported and checked by one
 * `xxgk check <folder> --json` process, held to one core, under /usr/bin/time -v.
 */

export interface ScaleRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  readonly checked: number;
  readonly unreadable: number;
}

export interface ScaleResult {
  readonly corpus: Corpus;
  readonly count: number;
  readonly megabytes: number;
  readonly runs: readonly ScaleRun[];
  readonly reportsPerSecond: Summary;
  readonly peakMiB: Summary;
  /** Each stage's time per report, in the bench's own process (bench/stages.ts). */
  readonly stages: StageTimes;
}

/**
 * The two corpora: `published` (bench/corpus.ts: the samples' texts with new names, years and
 * figures, a few broken as published reports are; the target is judged on it) and `random`
 * (test/support/arbitrary-report.ts: random figures that break nearly every identity, texts of
 * emoji, rare CJK, markup and numbers past 2^53: the importer's and checker's worst case).
 */
export type Corpus = 'published' | 'random';

function* randomCorpus(count: number): Generator<{ name: string; body: string }> {
  const reports = fc.sample(arbitraryReport(), { numRuns: count, seed: 20_240_131 });
  for (const [i, report] of reports.entries()) {
    const vm = toViewModel(report);
    const name = `r${String(i).padStart(5, '0')}`;
    yield i % 2 === 0 ? { name: `${name}.txt`, body: renderText(vm) } : { name: `${name}.html`, body: renderHtml(vm) };
  }
}

function publish(root: string, dir: string, count: number, corpus: Corpus): number {
  let bytes = 0;
  for (const { name, body } of corpus === 'published' ? publishedCorpus(root, count) : randomCorpus(count)) {
    writeFileSync(join(dir, name), body);
    bytes += Buffer.byteLength(body);
  }
  return bytes;
}

const field = (text: string, label: string): string => new RegExp(`${label}: (.+)`).exec(text)?.[1]?.trim() ?? '';

/** Wall clock "h:mm:ss" or "m:ss.ss" from GNU time. */
function seconds(clock: string): number {
  return clock.split(':').reduce((s, part) => s * 60 + Number(part), 0);
}

/** The target is per core: the process (its GC and worker threads too) is held to CPU 0 with taskset. */
export const ONE_CORE = ['taskset', '--cpu-list', '0'] as const;

function checkOnce(root: string, dir: string): ScaleRun {
  const argv = ['-v', ...ONE_CORE, process.execPath, join(root, 'bin/xxgk.mjs'), 'check', dir, '--json'];
  const run = spawnSync('/usr/bin/time', argv, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const err = run.stderr ?? '';
  // Exit code 1 (reports with errors) is expected of random reports; 2 only counts unreadable files.
  if (run.status === null || run.status > 2 || !err.includes('Maximum resident set size')) throw new Error(`xxgk check failed:\n${err.slice(-2000)}`);
  const summary = /共检查 (\d+) 份：.*?(\d+) 份无法读取/.exec(err);
  return {
    seconds: seconds(field(err, 'Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')),
    cpuSeconds: Number(field(err, 'User time \\(seconds\\)')) + Number(field(err, 'System time \\(seconds\\)')),
    peakMiB: Number(field(err, 'Maximum resident set size \\(kbytes\\)')) / 1024,
    checked: Number(summary?.[1] ?? 0),
    unreadable: Number(summary?.[2] ?? 0),
  };
}

export interface ScaleOptions {
  readonly count?: number;
  readonly runs?: number;
  readonly corpus?: Corpus;
  /** Publish into this new or empty folder and keep it afterwards (for profiling); default a temporary folder, removed. */
  readonly dir?: string;
}

export function benchCheckAtScale(root: string, { count = 10_000, runs = 5, corpus = 'published', dir: keep }: ScaleOptions = {}): ScaleResult {
  if (keep) {
    if (existsSync(keep) && readdirSync(keep).length > 0) throw new Error(`--dir ${keep}: the folder is not empty`);
    mkdirSync(keep, { recursive: true });
  }
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'xxgk-bench-scale-'));
  try {
    const bytes = publish(root, dir, count, corpus);
    // The files just written (and a corpus just removed) go to disk before the runs, so that the system's
    // writing them back cannot fall inside a run's reads (one trial here showed no difference; it costs seconds).
    if (spawnSync('sync').status !== 0) throw new Error('sync failed');
    const results = Array.from({ length: runs }, () => checkOnce(root, dir));
    const stages = stageTimes(dir, Math.min(count, 1000));
    return {
      corpus,
      count,
      megabytes: bytes / 1024 / 1024,
      runs: results,
      reportsPerSecond: summarize(results.map((r) => r.checked / r.seconds)),
      peakMiB: summarize(results.map((r) => r.peakMiB)),
      stages,
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
