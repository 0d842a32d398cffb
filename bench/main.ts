import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureFirstLoad } from './first-load';
import { benchProcesses } from './process';
import { benchRender } from './render';
import type { Corpus } from './scale';
import type { Stage, StageTimes } from './stages';
import { STAGES } from './stages';
import { ONE_CORE, benchCheckAtScale } from './scale';
import { reportTyping, runTyping, tableWriter } from './typing-report';

/**
 * `npm run bench`: measures on this machine and writes bench/results.md.
 * Run from the project root after the builds (the npm script does both).
 *
 * `npm run bench -- --only check[,render,…]` runs only the named parts (render, process, typing,
 * first-load, check) and prints their tables without writing results.md; `--count <n>`, `--runs <n>`
 * and `--dir <empty folder>` (keep the published reports, e.g. to profile; one subfolder a corpus) and
 * `--corpus published|random` (one of the two; default both) apply to the check part.
 */
const PARTS = ['render', 'process', 'typing', 'first-load', 'check'] as const;
type Part = (typeof PARTS)[number];
const { values: flags, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { only: { type: 'string' }, count: { type: 'string' }, runs: { type: 'string' }, dir: { type: 'string' }, corpus: { type: 'string' } },
});
const only = flags.only?.split(',').map((p) => p.trim()).filter(Boolean);
const unknownParts = only?.filter((p) => !(PARTS as readonly string[]).includes(p)) ?? [];
if (unknownParts.length > 0) throw new Error(`--only: unknown part ${unknownParts.join(', ')} (known: ${PARTS.join(', ')})`);
const selected = (part: Part) => !only || only.includes(part);
const positiveInt = (name: string, text: string | undefined, fallback: number) => {
  const n = Number(text ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${text}`);
  return n;
};
const root = resolve(positionals[0] ?? '.');
const fixture = join(root, 'test/fixtures/sample-003.json');
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

const table = tableWriter(say);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

say('# xxgk benchmarks');
say();
say(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Rerun with \`npm run bench\`.`);
say();

if (selected('render')) table('Render one report in Node (warm, sample 003)', await benchRender(fixture, 200));

if (selected('process')) {
  const processes = await benchProcesses(root, fixture, 15);
  const xxgk = processes['xxgk render → docx,html,txt'];
  const pandoc = processes['pandoc md → docx'];
  table(
    'Whole processes: `xxgk render` (3 formats) vs pandoc (DOCX only)',
    processes,
    pandoc && xxgk
      ? `Ratio of medians xxgk / pandoc: **${(xxgk.median / pandoc.median).toFixed(1)}×**. Pandoc 2.17 cannot express the merged headers or the official fonts; it is a speed peer, not an equal.`
      : 'pandoc is not installed: install it (`apt-get install pandoc`) for the comparison.',
  );
}

if (selected('typing')) reportTyping(runTyping(root), say, table);

if (selected('first-load')) {
  const dist = join(root, 'dist');
  if (existsSync(join(dist, 'index.html'))) {
    const first = measureFirstLoad(dist);
    say('### First page load (built app)');
    say();
    say('| file | raw | gzip -9 |');
    say('|---|---:|---:|');
    for (const a of first.assets) say(`| ${a.file} | ${kb(a.raw)} | ${kb(a.gzip)} |`);
    say(`| **total** | **${kb(first.raw)}** | **${kb(first.gzip)}** |`);
    say();
    say(`Target ≤ 150 KB gzip: **${first.gzip <= 150 * 1024 ? 'met' : 'NOT met'}**. docx in the first load: **${first.docxInFirstLoad ? 'yes (wrong)' : 'no'}**.`);
    say(`Lazy chunks: ${first.lazy.map((a) => `${a.file} ${kb(a.gzip)} gzip`).join('; ') || 'none'}.`);
    say();
  } else {
    say('### First page load');
    say();
    say('dist/ is missing: run `vite build` first (`npm run bench` does).');
    say();
  }
}

const CORPUS_TEXT: Record<Corpus, string> = {
  published:
    "published-looking reports (bench/corpus.ts, fixed seed): the five samples' texts under other agency names and years, new figures " +
    'with totals computed, one report in four with a cell off by one and one in ten with a blank cell; half published as text (one in ten ' +
    'in traditional characters), half as HTML (one in three inside a portal page)',
  random:
    'random valid reports (test/support/arbitrary-report.ts, fixed seed): random figures that break nearly every identity (~35 findings a report), ' +
    'texts of emoji, rare CJK, markup and numbers past 2^53 — the worst case, not what a folder of published reports holds; half text, half HTML',
};

/** Where one report's time goes (bench/stages.ts), and what reading, tokenising and checking alone leave. */
function sayStages(times: StageTimes, wholeMs: number): void {
  const stages = Object.entries(STAGES).map(([stage, label]) => ({ label, ms: times.ms[stage as Stage] }));
  const total = stages.reduce((sum, s) => sum + s.ms, 0);
  say(
    `Where the time goes: each stage of \`xxgk check\` timed in the benchmark's own process on the first ${times.reports.toLocaleString('en')} ` +
      `of these files, in ms per report (text and HTML averaged), from the median of ${times.rounds} passes:`,
  );
  say();
  say('| stage | ms per report | share |');
  say('|---|---:|---:|');
  for (const s of stages) say(`| ${s.label} | ${s.ms.toFixed(3)} | ${((100 * s.ms) / total).toFixed(0)} % |`);
  say(`| **sum** | **${total.toFixed(3)}** | |`);
  say();
  const floor = times.ms.read + times.ms.decode + times.htmlTokenizerMs + times.ms.check;
  say(
    `Of the lines stage, htmlparser2's tokenizer alone (no callbacks) takes ${times.htmlTokenizerMs.toFixed(3)} ms per report on average. ` +
      `Reading, decoding, tokenising and checking alone come to ${floor.toFixed(3)} ms a report (at most ${(1000 / floor).toFixed(0)} reports/s ` +
      `if importing took no time at all); at 1,000 reports/s the rest of the import would have ${Math.max(0, 1 - floor).toFixed(3)} ms a report, ` +
      `against ${(total - floor).toFixed(3)} ms now. ` +
      `The whole process above took ${wholeMs.toFixed(2)} ms a report (median run): the ${Math.max(0, wholeMs - total).toFixed(2)} ms more are ` +
      'what this in-process timing, of code already warm, leaves out: the engine\'s warm-up (the first few thousand reports run before ' +
      'the code is optimised, and the optimising compiler works on the same one core, again each time a function meets a shape of ' +
      'object it had not seen and its optimised code is thrown away; the CLI lowers its inlining budget to make each compile cheaper, ' +
      'src/cli/main.ts), the garbage collector, which there shares that core too, ' +
      'finding and listing the files, the findings written as JSON, starting the process.',
  );
  say();
}

if (selected('check')) {
  const corpora: readonly Corpus[] = ['published', 'random'];
  if (flags.corpus !== undefined && !(corpora as readonly string[]).includes(flags.corpus)) {
    throw new Error(`--corpus: unknown corpus ${flags.corpus} (known: ${corpora.join(', ')})`);
  }
  for (const corpus of corpora.filter((c) => flags.corpus === undefined || c === flags.corpus)) {
    const scale = benchCheckAtScale(root, {
      corpus,
      count: positiveInt('count', flags.count ?? process.env.BENCH_SCALE_COUNT, 10_000),
      runs: positiveInt('runs', flags.runs, 5),
      ...(flags.dir ? { dir: resolve(flags.dir, corpus) } : {}),
    });
    if (flags.dir) process.stdout.write(`(published reports kept in ${resolve(flags.dir, corpus)})\n`);
    say(`### Check at scale (${corpus}): import + check of published reports in one \`xxgk check\` process`);
    say();
    say(
      `${scale.count.toLocaleString('en')} ${CORPUS_TEXT[corpus]} (${scale.megabytes.toFixed(0)} MB in all), in one folder, ` +
        'written to disk (`sync`) before the first run; ' +
        `then \`${ONE_CORE.join(' ')} node bin/xxgk.mjs check <folder> --json > /dev/null\` (one core: the process, its garbage ` +
        `collector and worker threads all on CPU 0) under \`/usr/bin/time -v\`, ${scale.runs.length} times. ` +
        'Each file is read, imported (normalised, outlined, tables read) and checked (H1–H7, S1–S9).',
    );
    say();
    say('| run | reports checked | unreadable | wall (s) | CPU user+sys (s) | reports/s | peak RSS (MiB) |');
    say('|---:|---:|---:|---:|---:|---:|---:|');
    scale.runs.forEach((r, i) =>
      say(`| ${i + 1} | ${r.checked} | ${r.unreadable} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${(r.checked / r.seconds).toFixed(0)} | ${r.peakMiB.toFixed(0)} |`),
    );
    say();
    const rate = scale.reportsPerSecond;
    const verdict =
      corpus === 'published'
        ? `Target ≥ 1,000 reports/s on one core: **${rate.median >= 1000 ? 'met' : 'NOT met'}**.`
        : 'Not compared with the target (a worst case); "unreadable" are drawn reports with no figure and no text at all, which `check` refuses to treat as a report.';
    say(
      `Median **${rate.median.toFixed(0)} reports/s** (min–max ${rate.min.toFixed(0)}–${rate.max.toFixed(0)}), ` +
        `peak memory median ${scale.peakMiB.median.toFixed(0)} MiB. ${verdict}`,
    );
    say();
    sayStages(scale.stages, 1000 / rate.median);
  }
}

if (only) {
  process.stdout.write('\nOnly part of the benchmarks ran (--only): bench/results.md is left as it was.\n');
} else {
  writeFileSync(join(root, 'bench/results.md'), `${lines.join('\n')}\n`);
  process.stdout.write('\nWritten to bench/results.md\n');
}
