import { describe, expect, it, vi } from 'vitest';
import { autosave } from '../../src/forms/draft-store';
import { ReportStore } from '../../src/forms/report-store';
import type { Report } from '../../src/model/report';
import { newReport } from '../../src/model/report-file';

/** Autosave while the clerk types without pause (the browser may be killed at any moment). */

describe('autosave under continuous typing', () => {
  it('saves at least every 300 ms while keys keep coming every 100 ms, and the last keys after they stop', async () => {
    vi.useFakeTimers();
    try {
      const store = new ReportStore(newReport({ agencyName: '甲局', agencyKind: 'department', year: 2023 }));
      const saves: { at: number; intro: string }[] = [];
      const save = vi.fn(async (_id: string, report: Report) => {
        saves.push({ at: Date.now(), intro: report.intro });
      });
      const start = Date.now();
      const saver = autosave('x', store, () => undefined, 300, save);
      let text = '';
      for (let i = 0; i < 30; i++) {
        text += '字';
        store.update((r) => ({ ...r, intro: text }));
        await vi.advanceTimersByTimeAsync(100);
      }
      // 3 s of keys: a save at least every 300 ms, each of what had been typed by then.
      expect(saves.length).toBeGreaterThanOrEqual(9);
      const gaps = saves.map((s, i) => s.at - (saves[i - 1]?.at ?? start));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(300);
      for (const s of saves) expect(text.startsWith(s.intro)).toBe(true);
      await vi.advanceTimersByTimeAsync(300);
      expect(saves.at(-1)?.intro).toBe(text);
      saver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
