import 'fake-indexeddb/auto';
import { createStore, get, set } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import type { DraftSaver, ImportedFrom, Unsaved } from '../../src/forms/draft-store';
import { DraftConflict, autosave, deleteDraft, dismissImported, keepUnsaved, listDrafts, saveDraft } from '../../src/forms/draft-store';
import { ReportStore } from '../../src/forms/report-store';
import { newReport, serializeReport } from '../../src/model/report-file';

const report = (name: string, year: number) => newReport({ agencyName: name, agencyKind: 'department', year });

describe('draft storage', () => {
  it('keeps several drafts and restores each exactly, newest first', async () => {
    const a = report('甲局', 2023);
    const b = { ...report('乙局', 2020), intro: '第一行\n<script>x</script>' };
    await saveDraft('a', a, { now: new Date('2024-01-01T00:00:00Z') });
    await saveDraft('b', b, { now: new Date('2024-01-02T00:00:00Z') });
    const drafts = await listDrafts();
    expect(drafts.map((d) => d.id)).toEqual(['b', 'a']);
    expect(drafts[0]).toMatchObject({ ok: true, report: b });
    expect(drafts[1]).toMatchObject({ ok: true, report: a });
    await deleteDraft('a');
    await deleteDraft('b');
    expect(await listDrafts()).toEqual([]);
  });

  it('reads back a draft larger than the report-file limit: it was saved, so it opens again', async () => {
    const big = { ...report('甲局', 2023), intro: '长'.repeat(3_700_000) }; // 11.1 MB of UTF-8
    await saveDraft('big', big);
    try {
      const [draft] = await listDrafts();
      expect(draft?.ok && draft.report.intro.length).toBe(3_700_000);
    } finally {
      await deleteDraft('big');
    }
  });

  it('autosave writes a change within the delay and reports a storage failure', async () => {
    vi.useFakeTimers();
    try {
      const store = new ReportStore(report('甲局', 2023));
      const states: string[] = [];
      const save = vi.fn().mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError')).mockResolvedValue(undefined);
      const saver = autosave('x', store, (s) => states.push(s.kind === 'failed' ? s.message : s.kind), 300, save);
      store.enter([{ id: 'apply.N.p', raw: '1' }]);
      await vi.advanceTimersByTimeAsync(299);
      expect(save).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(save).toHaveBeenCalledTimes(1);
      expect(states.at(-1)).toContain('草稿未能保存到本机浏览器：浏览器的存储空间已满（技术信息：QuotaExceededError: The quota has been exceeded.）');
      store.enter([{ id: 'apply.N.p', raw: '2' }]);
      await vi.advanceTimersByTimeAsync(300);
      expect(states.at(-1)).toBe('saved');
      expect(save.mock.calls.at(-1)?.[1]).toBe(store.report);
      saver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the same draft in two windows', () => {
  it('a save after another window saved is refused and writes nothing; the first window saves on', async () => {
    const a = report('甲局', 2023);
    const opened = await saveDraft('w', a, { now: new Date('2024-01-01T00:00:00Z') });
    expect(await listDrafts()).toMatchObject([{ id: 'w', savedAt: '2024-01-01T00:00:00.000Z', version: opened }]);
    // Window 1 saves after what it opened; window 2, opened at the same time, then tries.
    const first = await saveDraft('w', { ...a, intro: '窗口一' }, { now: new Date('2024-01-01T00:01:00Z'), after: opened });
    await expect(saveDraft('w', { ...a, intro: '窗口二' }, { now: new Date('2024-01-01T00:02:00Z'), after: opened })).rejects.toBeInstanceOf(
      DraftConflict,
    );
    expect(await listDrafts()).toMatchObject([{ id: 'w', savedAt: '2024-01-01T00:01:00.000Z', version: first, report: { intro: '窗口一' } }]);
    await saveDraft('w', { ...a, intro: '窗口一又改' }, { now: new Date('2024-01-01T00:03:00Z'), after: first });
    expect(await listDrafts()).toMatchObject([{ id: 'w', report: { intro: '窗口一又改' } }]);
    await deleteDraft('w');
  });

  it('tells two saves made in the same millisecond apart (the version, not the time saved)', async () => {
    const a = report('甲局', 2023);
    const at = new Date('2024-01-01T00:01:00Z');
    const opened = await saveDraft('ms', a, { now: new Date('2024-01-01T00:00:00Z') });
    // Window 1 saves; window 2 opens that save and saves in the same millisecond.
    const one = await saveDraft('ms', { ...a, intro: '窗口一' }, { now: at, after: opened });
    const [listed] = await listDrafts();
    expect(listed).toMatchObject({ id: 'ms', version: one });
    await saveDraft('ms', { ...a, intro: '窗口二' }, { now: at, after: one });
    // Window 1's next save follows its own save, which is not the stored one any more.
    await expect(saveDraft('ms', { ...a, intro: '窗口一又改' }, { now: at, after: one })).rejects.toBeInstanceOf(DraftConflict);
    expect(await listDrafts()).toMatchObject([{ id: 'ms', report: { intro: '窗口二' } }]);
    await deleteDraft('ms');
  });

  it('a save by a page of an older xxgk (which keeps the token and writes a new time) is a change too', async () => {
    const a = report('甲局', 2023);
    const mine = await saveDraft('up', a, { now: new Date('2024-01-01T00:00:00Z') });
    // The older page's save, as its saveDraft wrote it: the record copied, a new time and text.
    const db = createStore('xxgk', 'drafts');
    const old = (await get<Record<string, unknown>>('up', db)) ?? {};
    await set('up', { ...old, savedAt: '2024-01-01T00:05:00.000Z', text: serializeReport({ ...a, intro: '旧页面' }) }, db);
    await expect(saveDraft('up', { ...a, intro: '新页面' }, { after: mine })).rejects.toBeInstanceOf(DraftConflict);
    expect(await listDrafts()).toMatchObject([{ id: 'up', report: { intro: '旧页面' } }]);
    await deleteDraft('up');
  });

  it('a draft stored before versions were kept follows its time saved', async () => {
    const a = report('甲局', 2023);
    await set('old', { savedAt: '2024-01-01T00:00:00.000Z', text: serializeReport(a) }, createStore('xxgk', 'drafts'));
    const [listed] = await listDrafts();
    expect(listed).toMatchObject({ id: 'old', version: '2024-01-01T00:00:00.000Z' });
    await expect(saveDraft('old', a, { after: '2023-12-31T00:00:00.000Z' })).rejects.toBeInstanceOf(DraftConflict);
    const next = await saveDraft('old', { ...a, intro: '接着改' }, { after: '2024-01-01T00:00:00.000Z' });
    expect(await listDrafts()).toMatchObject([{ id: 'old', version: next, report: { intro: '接着改' } }]);
    await deleteDraft('old');
  });

  it('autosave tells the clerk, and keeps refusing rather than overwrite', async () => {
    const a = report('甲局', 2023);
    const opened = await saveDraft('w2', a, { now: new Date('2024-01-01T00:00:00Z') });
    const one = new ReportStore(a);
    const two = new ReportStore(a);
    const states: string[] = [];
    const saverOne = autosave('w2', one, () => undefined, 0, undefined, opened);
    const saverTwo = autosave('w2', two, (s) => states.push(s.kind === 'failed' ? s.message : s.kind), 0, undefined, opened);
    one.update((r) => ({ ...r, intro: '窗口一' }));
    expect(await saverOne.flush()).toBe(true);
    two.update((r) => ({ ...r, intro: '窗口二' }));
    expect(await saverTwo.flush()).toBe(false);
    expect(states.at(-1)).toMatch(/^这份草稿已在另一个窗口（或标签页）中修改并保存。为免互相覆盖，本窗口不再保存/);
    two.update((r) => ({ ...r, intro: '窗口二再改' }));
    expect(await saverTwo.flush()).toBe(false);
    expect(await listDrafts()).toMatchObject([{ id: 'w2', report: { intro: '窗口一' } }]);
    // Window 1 goes on saving after its own save.
    one.update((r) => ({ ...r, intro: '窗口一再改' }));
    expect(await saverOne.flush()).toBe(true);
    expect(await listDrafts()).toMatchObject([{ id: 'w2', report: { intro: '窗口一再改' } }]);
    // Refused: nothing of window 2 is kept for taking back later, which would overwrite window 1.
    expect(saverTwo.unsaved()).toBeUndefined();
    saverOne.stop();
    saverTwo.stop();
    await deleteDraft('w2');
  });
});

describe('saves of one window', () => {
  it('run one at a time: a save begun while another runs is not taken for another window’s', async () => {
    const a = report('甲局', 2023);
    const opened = await saveDraft('s', a, { now: new Date('2024-01-01T00:00:00Z') });
    const store = new ReportStore(a);
    const states: string[] = [];
    const saver = autosave('s', store, (s) => states.push(s.kind === 'failed' ? s.message : s.kind), 300, undefined, opened);
    store.update((r) => ({ ...r, intro: '第一次' }));
    const first = saver.flush();
    store.update((r) => ({ ...r, intro: '第二次' }));
    const second = saver.flush();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(states.filter((s) => s !== 'saved' && s !== 'pending')).toEqual([]);
    expect(await listDrafts()).toMatchObject([{ id: 's', report: { intro: '第二次' } }]);
    saver.stop();
    await deleteDraft('s');
  });
});

describe('refused cell entries of a draft', () => {
  it('are saved with it, read back, dropped by a save without them, and never make a draft unreadable', async () => {
    const a = report('甲局', 2023);
    await saveDraft('r', a, { now: new Date('2024-01-01T00:00:00Z'), refused: { 'apply.N.p': '3a' } });
    expect(await listDrafts()).toMatchObject([{ id: 'r', ok: true, refused: { 'apply.N.p': '3a' } }]);
    await saveDraft('r', a, { now: new Date('2024-01-02T00:00:00Z') });
    expect((await listDrafts())[0]).not.toHaveProperty('refused');
    // Not a record of texts (written by hand, or by an older version): dropped, the draft opens.
    await saveDraft('r', a, { now: new Date('2024-01-03T00:00:00Z'), refused: { 'apply.N.p': 3 } as unknown as Record<string, string> });
    expect(await listDrafts()).toMatchObject([{ id: 'r', ok: true, report: a }]);
    expect((await listDrafts())[0]).not.toHaveProperty('refused');
    await deleteDraft('r');
  });

  it('autosave saves a refused entry, though no figure changed, and its mending', async () => {
    vi.useFakeTimers();
    try {
      const store = new ReportStore(report('甲局', 2023));
      const save = vi.fn().mockResolvedValue(undefined);
      const saver = autosave('x', store, () => undefined, 300, save);
      store.enter([{ id: 'apply.N.b', raw: '3' }]);
      await vi.advanceTimersByTimeAsync(300);
      const figures = store.report;
      // Refused in a blank cell: the cell stays blank, the report the same.
      store.enter([{ id: 'apply.N.p', raw: '3a' }]);
      expect(store.report).toBe(figures);
      await vi.advanceTimersByTimeAsync(300);
      expect(save).toHaveBeenCalledTimes(2);
      expect(save.mock.calls.at(-1)?.[1]).toBe(figures);
      expect(save.mock.calls.at(-1)?.[2]).toMatchObject({ refused: { 'apply.N.p': '3a' } });
      store.enter([{ id: 'apply.N.p', raw: '3' }]);
      await vi.advanceTimersByTimeAsync(300);
      expect(save.mock.calls.at(-1)?.[2].refused).toEqual({});
      saver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

/** localStorage as a browser has it (Node has none). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  const storage = {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  };
  // Object.keys(localStorage) lists the stored keys in a browser.
  return new Proxy(storage, {
    ownKeys: () => [...items.keys()],
    getOwnPropertyDescriptor: (_, k) => (typeof k === 'string' && items.has(k) ? { enumerable: true, configurable: true, value: items.get(k) } : undefined),
  }) as unknown as Storage;
}

describe('changes kept while the page is left', () => {
  it('are taken back onto the draft they follow, and dropped when it moved on, was deleted, or they are unreadable', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    try {
      const a = report('甲局', 2023);
      const opened = await saveDraft('u', a, { now: new Date('2024-01-01T00:00:00Z'), imported: { name: 'x.txt', purpose: 'draft', diagnostics: [] } });
      // Following the stored draft: it becomes the draft, with its refused entry; the import notes stay.
      keepUnsaved('u', { report: { ...a, intro: '离开前写下' }, refused: { 'apply.N.p': '3a' }, after: opened }, new Date('2024-01-01T00:00:01Z'));
      expect(Object.keys(localStorage)).toEqual(['xxgk-unsaved:u']);
      expect(await listDrafts()).toMatchObject([
        { id: 'u', savedAt: '2024-01-01T00:00:01.000Z', report: { intro: '离开前写下' }, refused: { 'apply.N.p': '3a' }, imported: { name: 'x.txt' } },
      ]);
      expect(Object.keys(localStorage)).toEqual([]);
      // Following a draft another tab has saved since: dropped, that tab's save stays.
      keepUnsaved('u', { report: { ...a, intro: '另一个标签页之前的' }, refused: {}, after: opened }, new Date('2024-01-01T00:09:00Z'));
      expect(await listDrafts()).toMatchObject([{ id: 'u', report: { intro: '离开前写下' } }]);
      expect(Object.keys(localStorage)).toEqual([]);
      // Unreadable: dropped, the draft is as it was.
      localStorage.setItem('xxgk-unsaved:u', '{"savedAt": 1');
      expect(await listDrafts()).toMatchObject([{ id: 'u', report: { intro: '离开前写下' } }]);
      expect(Object.keys(localStorage)).toEqual([]);
      // Following a draft deleted since: not brought back.
      keepUnsaved('u', { report: a, refused: {}, after: '2024-01-01T00:00:01.000Z' });
      await deleteDraft('u');
      expect(await listDrafts()).toEqual([]);
      // A new draft whose first save failed (it follows nothing stored): created from what was kept.
      keepUnsaved('v', { report: report('乙局', 2024), refused: {}, after: undefined });
      expect((await listDrafts()).map((d) => d.id)).toEqual(['v']);
      await deleteDraft('v');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('stay kept, and every draft is listed, when IndexedDB refuses to take them back', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    const put = IDBObjectStore.prototype.put;
    try {
      const a = report('甲局', 2023);
      const opened = await saveDraft('q', a, { now: new Date('2024-01-01T00:00:00Z') });
      keepUnsaved('q', { report: { ...a, intro: '存储已满前写下' }, refused: {}, after: opened });
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      expect(await listDrafts()).toMatchObject([{ id: 'q', report: { intro: a.intro } }]);
      expect(Object.keys(localStorage)).toEqual(['xxgk-unsaved:q']);
      IDBObjectStore.prototype.put = put;
      expect(await listDrafts()).toMatchObject([{ id: 'q', report: { intro: '存储已满前写下' } }]);
      await deleteDraft('q');
    } finally {
      IDBObjectStore.prototype.put = put;
      vi.unstubAllGlobals();
    }
  });

  it('follow a save still under way as the page is left, should that save land', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    try {
      const a = report('甲局', 2023);
      const opened = await saveDraft('f', a, { now: new Date('2024-01-01T00:00:00Z') });
      const store = new ReportStore(a);
      // The write lands, but the page is gone before it hears so (its promise never settles).
      const save: DraftSaver = (id, r, options) => {
        void saveDraft(id, r, options);
        return new Promise<never>(() => undefined);
      };
      const saver = autosave('f', store, () => undefined, 300, save, opened);
      store.update((r) => ({ ...r, intro: '第一次' }));
      void saver.flush();
      await vi.waitFor(async () => expect(await listDrafts()).toMatchObject([{ id: 'f', report: { intro: '第一次' } }]));
      store.update((r) => ({ ...r, intro: '第一次，接着写' }));
      const unsaved = saver.unsaved();
      expect(unsaved).toMatchObject({ after: opened, orAfter: expect.any(String) });
      keepUnsaved('f', unsaved as Unsaved);
      expect(await listDrafts()).toMatchObject([{ id: 'f', report: { intro: '第一次，接着写' } }]);
      expect(Object.keys(localStorage)).toEqual([]);
      await deleteDraft('f');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('is told what is not saved yet by autosave', async () => {
    vi.useFakeTimers();
    try {
      const store = new ReportStore(report('甲局', 2023));
      const saver = autosave('x', store, () => undefined, 300, vi.fn().mockResolvedValue(undefined));
      expect(saver.unsaved()).toBeUndefined();
      store.enter([{ id: 'apply.N.p', raw: '1' }]);
      expect(saver.unsaved()).toEqual({ report: store.report, refused: {}, after: undefined });
      await vi.advanceTimersByTimeAsync(300);
      expect(saver.unsaved()).toBeUndefined();
      saver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('import notes of a draft', () => {
  const imported: ImportedFrom = {
    name: '003.txt',
    purpose: 'draft',
    diagnostics: [
      { code: 'H7', severity: 'error', section: '二', table: 'active1', message: '二、第二十条第（一）项：表头“本年发件”应为“本年制发件数”' },
      { code: 'IMPORT', severity: 'info', message: '原文为繁体字，已转换为简体字' },
    ],
  };

  it('stores them with the draft, keeps them across later saves, and removes them when dismissed', async () => {
    const a = report('甲局', 2023);
    await saveDraft('i', a, { now: new Date('2024-01-01T00:00:00Z'), imported });
    await saveDraft('i', { ...a, intro: '改过' }, { now: new Date('2024-01-02T00:00:00Z') });
    let [saved] = await listDrafts();
    expect(saved).toMatchObject({ ok: true, imported, report: { intro: '改过' } });
    await dismissImported('i');
    [saved] = await listDrafts();
    expect(saved?.ok && saved.imported).toBeUndefined();
    expect(saved).toMatchObject({ ok: true, report: { intro: '改过' }, savedAt: '2024-01-02T00:00:00.000Z' });
    await deleteDraft('i');
  });

  it('does not create a draft when dismissing notes of one that was never stored', async () => {
    await dismissImported('missing');
    expect(await listDrafts()).toEqual([]);
  });

  it('drops unreadable notes but keeps the draft', async () => {
    const a = report('乙局', 2023);
    await saveDraft('j', a, { imported: { ...imported, diagnostics: [{ code: 'X', message: 1 }] } as unknown as ImportedFrom });
    const [saved] = await listDrafts();
    expect(saved).toMatchObject({ ok: true, report: a });
    expect(saved?.ok && saved.imported).toBeUndefined();
    await deleteDraft('j');
  });
});
