import { describe, expect, it } from 'vitest';
import type { Summary } from '../../bench/stats';
import type { TypingPages, TypingResult, TypingRun } from '../../bench/typing';
import { medianRun, reportTyping, tableWriter } from '../../bench/typing-report';

const summary = (median: number, p95: number): Summary => ({ n: 294, median, p95, min: median / 2, max: p95 * 1.5, iqr: 2 });
const run = (median: number, p95: number): TypingRun => ({
  keys: 294,
  painted: summary(median, p95),
  work: summary(median / 2, p95 / 2),
  app: summary(median / 4, p95 / 4),
  slowByEventTiming: 10,
  trace: { mainThreadMs: 20, autofillMs: 0, rasterTiles: 16 },
});
const pages = (perCellP95: number): TypingPages => ({ perCell: run(10, perCellP95), naive: run(16, 24), bareInput: run(4.5, 10) });
const result = (p95s: number[]): TypingResult => ({
  chromium: 'Chrome/156',
  vsync: pages(21),
  unthrottledRuns: p95s.map(pages),
  load: [1, 1.2, ...p95s.map(() => 1.5)],
});

function report(p95s: number[]): string {
  const lines: string[] = [];
  const say = (line = '') => void lines.push(line);
  reportTyping(result(p95s), say, tableWriter(say));
  return lines.join('\n');
}

describe('the live-typing report over repeated runs', () => {
  it('takes the run whose per-cell p95 is the median', () => {
    const runs = [19, 15, 15.5].map(pages);
    expect(medianRun(runs).index).toBe(2);
    expect(medianRun([pages(17)]).index).toBe(0);
  });

  it('judges the target on the median run and shows every run', () => {
    const met = report([19, 15, 15.5]);
    expect(met).toContain('frame-rate limit off, the median of 3 runs (run 3)');
    expect(met).toContain('compared on the median of the 3 frame-rate-limit-off runs: **met** (p95 15.5 ms');
    expect(met).toContain("the runs' p95 15.0–19.0 ms");
    expect(met).toMatch(/\| 3 \(median\) \| 15\.5 \|/);
    expect(met).toMatch(/\| 1 \| 19\.0 \|/);
    const missed = report([17, 15, 18]);
    expect(missed).toContain('**NOT met** (p95 17.0 ms');
  });
});
