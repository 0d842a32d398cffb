import type { UseStore } from 'idb-keyval';
import { createStore, del, entries, get, promisifyRequest, update } from 'idb-keyval';
import { z } from 'zod';
import type { FileProblem } from '../model/report-file';
import { parseReportFile, serializeReport } from '../model/report-file';
import type { Report } from '../model/report';
import { describeFailure } from './failure';
import type { ReportStore } from './report-store';

/**
 * Drafts in IndexedDB, one record per draft, stored as report-file text so that a saved
 * draft goes through the same parser as an opened file (STYLE.md point 14).
 */

interface DraftRecord {
  readonly savedAt: string;
  /**
   * A new random token with every write: what a window compares to tell its own last save from
   * another window's, exactly (two saves in the same millisecond have the same savedAt). Drafts
   * stored before it was added have none; their savedAt serves instead (versionOf).
   */
  readonly version?: string;
  readonly text: string;
  /** The import diagnostics of a draft made from a published report, until the clerk dismisses them. */
  readonly imported?: unknown;
  /** Cell entries the wizard refused, as typed (cell id → text): shown again, with their errors, on reopening. */
  readonly refused?: unknown;
}

/** What the clerk typed into cells and the wizard refused, by cell id (see ReportStore.refused). */
export type RefusedEntries = Readonly<Record<string, string>>;

const refusedSchema = z.record(z.string(), z.string());

const importedSchema = z.object({
  name: z.string(),
  /** `lastYear`: the document was last year's report and this draft starts the year after it. */
  purpose: z.enum(['draft', 'lastYear']),
  diagnostics: z.array(
    z.object({
      code: z.enum(['H7', 'IMPORT']),
      severity: z.enum(['error', 'warning', 'info']),
      section: z.enum(['一', '二', '三', '四', '五', '六']).optional(),
      table: z.string().optional(),
      row: z.string().optional(),
      column: z.string().optional(),
      message: z.string(),
    }),
  ),
});

/** Where a draft was imported from and what the importer found (shown beside the draft). */
export type ImportedFrom = z.infer<typeof importedSchema>;

export type SavedDraft =
  | {
      readonly id: string;
      readonly savedAt: string;
      /** The stored version: what this draft's saves must follow (saveDraft's `after`). */
      readonly version: string;
      readonly ok: true;
      readonly report: Report;
      readonly imported?: ImportedFrom;
      readonly refused?: RefusedEntries;
    }
  | {
      readonly id: string;
      readonly savedAt: string;
      readonly ok: false;
      readonly problems: readonly FileProblem[];
      /** The stored text as it is, for the clerk to download: an unreadable draft is never only deleted. */
      readonly text: string;
    };

let db: UseStore | undefined;
const drafts = (): UseStore => (db ??= createStore('xxgk', 'drafts'));

/**
 * A stored draft's version: its token with its time saved (see DraftRecord.version), so that a save
 * by a page of an older xxgk, which copies the token and writes a new time, is a change too. None
 * for no draft.
 */
const versionOf = (record: DraftRecord | undefined): string | undefined =>
  record === undefined ? undefined : typeof record.version === 'string' ? versionFor(record.version, record.savedAt) : record.savedAt;

const versionFor = (token: string, savedAt: string) => `${token}@${savedAt}`;

export function newDraftId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The unsaved changes of a page being left (reload, Back, another address), kept synchronously in
 * localStorage: the browser drops an IndexedDB write started while the page unloads, and with it
 * up to the autosave delay's worth of typing. listDrafts takes a kept copy back (takeBackUnsaved).
 */
const UNSAVED = 'xxgk-unsaved:';

const unsavedSchema = z.object({
  savedAt: z.string(),
  text: z.string(),
  refused: refusedSchema.optional(),
  /** The version of the stored draft these changes follow (none: the draft was never stored). */
  after: z.string().optional(),
  /** The version a save under way as the page was left writes, if it lands: the changes follow it too. */
  orAfter: z.string().optional(),
});

/** What autosave has not saved yet, and the stored versions it follows (see autosave's `unsaved`). */
export interface Unsaved {
  readonly report: Report;
  readonly refused: RefusedEntries;
  /** The version last saved (none: nothing saved yet). */
  readonly after?: string | undefined;
  /** The version a save still under way writes, if it lands (none: no save under way). */
  readonly orAfter?: string | undefined;
}

/** Keeps what `unsaved` says, as changes to the draft stored at `after` (or at `orAfter`). */
export function keepUnsaved(id: string, { report, refused, after, orAfter }: Unsaved, now: Date = new Date()): void {
  const kept = {
    savedAt: now.toISOString(),
    text: serializeReport(report),
    ...(Object.keys(refused).length > 0 ? { refused } : {}),
    ...(after === undefined ? {} : { after }),
    ...(orAfter === undefined ? {} : { orAfter }),
  };
  try {
    localStorage.setItem(UNSAVED + id, JSON.stringify(kept));
  } catch {
    // Full or unavailable: the IndexedDB write started beside it is all there is.
  }
}

/**
 * Takes kept changes back into IndexedDB: only onto the very draft they follow (still stored, and
 * saved at `after`), so they never overwrite another tab's later save, nor bring back a draft
 * deleted since; otherwise they are dropped. A change that cannot be written stays kept for the
 * next start, and the drafts are listed all the same.
 */
async function takeBackUnsaved(): Promise<void> {
  let keys: string[];
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(UNSAVED));
  } catch {
    return;
  }
  for (const key of keys) {
    let kept: z.infer<typeof unsavedSchema> | undefined;
    try {
      kept = unsavedSchema.parse(JSON.parse(localStorage.getItem(key) ?? ''));
    } catch {
      kept = undefined;
    }
    try {
      const id = key.slice(UNSAVED.length);
      const stored = kept && (await get<DraftRecord>(id, drafts()));
      const follows = (version: string | undefined) => kept && (version === kept.after || (kept.orAfter !== undefined && version === kept.orAfter));
      if (kept && follows(versionOf(stored))) {
        const { savedAt, text, refused } = kept;
        await update<DraftRecord>(
          id,
          (old) => {
            // Changed between the two reads: leave it.
            if (!follows(versionOf(old))) throw new DraftConflict(`stored ${String(versionOf(old))}, kept after ${String(kept.after)}`);
            return {
              ...(old?.imported === undefined ? {} : { imported: old.imported }),
              savedAt,
              version: newDraftId(),
              text,
              ...(refused ? { refused } : {}),
            };
          },
          drafts(),
        );
      }
      localStorage.removeItem(key);
    } catch (error) {
      if (error instanceof DraftConflict) localStorage.removeItem(key);
      // Otherwise IndexedDB refused the write: kept for the next start.
    }
  }
}

export async function listDrafts(): Promise<SavedDraft[]> {
  await takeBackUnsaved();
  const all = await entries<string, DraftRecord>(drafts());
  return all
    .map(([id, record]): SavedDraft => {
      const text = typeof record?.text === 'string' ? record.text : '';
      // The app wrote it: no size limit (a draft with very long texts saves, so it must open again).
      const parsed = parseReportFile(text, { sizeLimit: false });
      const savedAt = typeof record?.savedAt === 'string' ? record.savedAt : '';
      if (!parsed.ok) return { id, savedAt, ok: false, problems: parsed.problems, text };
      const version = versionOf(record) ?? '';
      // The notes and refused entries only help the clerk: unreadable ones are dropped, never a reason to refuse the draft.
      const imported = importedSchema.safeParse(record?.imported);
      const refused = refusedSchema.safeParse(record?.refused);
      return {
        id,
        savedAt,
        version,
        ok: true,
        report: parsed.report,
        ...(imported.success ? { imported: imported.data } : {}),
        ...(refused.success && Object.keys(refused.data).length > 0 ? { refused: refused.data } : {}),
      };
    })
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** The draft was saved elsewhere (another window or tab) since this page last read or saved it. */
export class DraftConflict extends Error {
  override readonly name = 'DraftConflict';
}

export interface SaveOptions {
  /** The time saved (shown in the drafts list); now unless given. */
  readonly now?: Date;
  /** Import notes to store; otherwise the notes already stored are kept. */
  readonly imported?: ImportedFrom | undefined;
  /** The cell entries the wizard refused; none: any stored before are dropped. */
  readonly refused?: RefusedEntries;
  /**
   * The version this page last read or saved: the save is refused with DraftConflict, and writes
   * nothing, when the stored draft is not that version any more (another window saved since).
   */
  readonly after?: string | undefined;
  /** The token to write (see DraftRecord.version); a new one unless given. */
  readonly token?: string;
}

/** Saves the report; resolves to the version written, which the page's next save must follow. */
export async function saveDraft(id: string, report: Report, options: SaveOptions = {}): Promise<string> {
  const { now = new Date(), imported, refused = {}, after, token = newDraftId() } = options;
  const text = serializeReport(report);
  const record = { savedAt: now.toISOString(), version: token, text };
  await update<DraftRecord>(
    id,
    (old) => {
      if (after !== undefined && versionOf(old) !== after) throw new DraftConflict(`stored ${String(versionOf(old))}, expected ${after}`);
      const kept: { -readonly [K in keyof DraftRecord]?: DraftRecord[K] } = { ...old };
      delete kept.refused;
      return {
        ...kept,
        ...record,
        ...(imported ? { imported } : {}),
        ...(Object.keys(refused).length > 0 ? { refused } : {}),
      };
    },
    drafts(),
  );
  return versionOf(record) as string;
}

/** Removes a draft's import notes (the clerk dismissed them); a draft not stored stays absent. */
export function dismissImported(id: string): Promise<void> {
  return drafts()('readwrite', (store) => {
    const request = store.get(id);
    request.onsuccess = () => {
      const old = request.result as DraftRecord | undefined;
      if (old?.imported === undefined) return;
      const kept: { -readonly [K in keyof DraftRecord]: DraftRecord[K] } = { ...old };
      delete kept.imported;
      store.put(kept, id);
    };
    return promisifyRequest(store.transaction);
  });
}

export async function deleteDraft(id: string): Promise<void> {
  await del(id, drafts());
}

/**
 * Where autosave writes a draft (IndexedDB unless given, e.g. in tests): `after` is the version the
 * page last read or saved; resolves to the version written (or nothing, when it keeps none).
 */
export type DraftSaver = (
  id: string,
  report: Report,
  options: { refused: RefusedEntries; after: string | undefined; now: Date; token: string },
) => Promise<string | void>;

export type SaveState =
  | { readonly kind: 'saved'; readonly at: Date }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Saves every change of `store` under `id` within `delay` ms (well under a second), and reports
 * the outcome, so a storage failure can be told to the clerk. `flush` saves what is pending now and
 * resolves to whether the store's report is saved (false when saving failed). `version`: the stored
 * version of the draft opened; a save then never overwrites a draft saved since by another window.
 */
export function autosave(
  id: string,
  store: ReportStore,
  onState: (state: SaveState) => void,
  delay = 300,
  save: DraftSaver = (id, report, options) => saveDraft(id, report, options),
  version?: string,
): {
  flush: () => Promise<boolean>;
  unsaved: () => Unsaved | undefined;
  stop: () => void;
} {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // What was last saved: the report and the refused entries (a refused entry changes no figure).
  let saved = { report: store.report, refused: store.refused };
  const unchanged = () => store.report === saved.report && store.refused === saved.refused;
  let after = version;
  /** The version the save under way writes, if it lands (see Unsaved.orAfter). */
  let writing: string | undefined;
  let conflict = false;
  const saveNow = async (): Promise<boolean> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (unchanged()) return true;
    const now = { report: store.report, refused: store.refused };
    try {
      const at = new Date();
      const token = newDraftId();
      writing = versionFor(token, at.toISOString());
      try {
        after = (await save(id, now.report, { refused: now.refused, after, now: at, token })) ?? after;
      } finally {
        writing = undefined;
      }
      saved = now;
      onState({ kind: 'saved', at: new Date() });
      return unchanged() || saveNow();
    } catch (error) {
      // Once another window's save is found, it stays found: nothing of this window is kept to overwrite it.
      conflict ||= error instanceof DraftConflict;
      // A connection the browser closed (site data cleared) is opened again for the next save.
      if ((error as { name?: unknown } | null)?.name === 'InvalidStateError') db = undefined;
      onState({
        kind: 'failed',
        message: conflict
          ? '这份草稿已在另一个窗口（或标签页）中修改并保存。为免互相覆盖，本窗口不再保存：请下载年报文件留存本窗口的内容，再从草稿列表重新打开。'
          : `草稿未能保存到本机浏览器：${describeFailure(error, '浏览器存储出错')}。请下载年报文件保存。`,
      });
      return false;
    }
  };
  // One save at a time: a save begun while another runs would carry the time of the save before it
  // (`after`), and be refused as if another window had saved in between.
  let running: Promise<boolean> = Promise.resolve(true);
  const flush = (): Promise<boolean> => (running = running.then(saveNow, saveNow));
  const unsubscribe = store.subscribe(() => {
    if (unchanged()) return;
    onState({ kind: 'pending' });
    // A pending save is never postponed: a clerk who types on without pause is still saved every `delay` ms.
    timer ??= setTimeout(() => void flush(), delay);
  });
  return {
    flush,
    // Nothing to keep once another window's save was found: keeping it would overwrite that save later.
    // A save under way may land after the page is gone: what is kept then follows it as well.
    unsaved: () => (unchanged() || conflict ? undefined : { report: store.report, refused: store.refused, after, orAfter: writing }),
    stop: () => {
      unsubscribe();
      void flush();
    },
  };
}
