import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Report } from '../model/report';
import type { ParseResult } from '../model/report-file';
import { newReport, parseReport, parseReportBytes, serializeReport } from '../model/report-file';
import type { ImportedFrom, SavedDraft } from './draft-store';
import { deleteDraft, dismissImported, listDrafts, newDraftId, saveDraft } from './draft-store';
import { describeFailure } from './failure';
import type { Notice } from './drafts-page';
import { DraftsPage } from './drafts-page';
import { Editor } from './editor';
import { download, exportBlob, exportName } from './exports';
import type { NewReportValues } from './new-report-form';
import { nextYearReport } from './next-year';
import type { PublishedDocument } from './published-import';
import { documentOf, importDocument, importedFrom, isReportFile } from './published-import';
import { ReportStore } from './report-store';
import type { Route } from './route';
import { currentRoute, showRoute } from './route';
import type { StepId } from './steps';

/** Drafts list or the wizard on one draft; the open draft and step live in the URL hash (./route). */

/** Address that opens the sample report as a new draft (see README). */
export const EXAMPLE_HASH = '#/example';

type View =
  | { kind: 'list' }
  | {
      kind: 'edit';
      id: string;
      store: ReportStore;
      step: StepId;
      imported?: ImportedFrom | undefined;
      /** The stored version of the draft opened (none if its first save failed): autosave never overwrites a later save. */
      version?: string | undefined;
    };

const problemsOf = (result: ParseResult): string[] =>
  result.ok ? [] : result.problems.map((p) => (p.path ? `${p.path}：${p.message}` : p.message));

const storageNotice = (error: unknown): Notice => ({
  kind: 'error',
  text: `无法读取本机保存的草稿：${describeFailure(error, '浏览器存储出错')}。可以继续填报，但请随时下载年报文件保存。`,
});

export function App() {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [drafts, setDraftsState] = useState<SavedDraft[] | null>(null);
  // The list as last read, for Back and Forward: a popstate can come between reading the list and the
  // render that shows it, when `drafts` of the render before is still null.
  const latest = useRef<SavedDraft[] | null>(null);
  const setDrafts = useCallback((list: SavedDraft[] | null) => {
    latest.current = list;
    setDraftsState(list);
  }, []);
  const [notice, setNotice] = useState<Notice | null>(null);
  // The draft last left for the list, where focus goes back to.
  const [returnedFrom, setReturnedFrom] = useState<string | null>(null);
  // Back or Forward while the list was being read after a draft was closed (see onClose).
  const movedWhileReading = useRef(false);

  // Each reading of the list takes a number; only the last one begun is shown: a list read before a
  // draft was closed or deleted, and answered after (slow storage), is stale. `stale()` makes the reads
  // under way so, for a change about to be made.
  const reads = useRef(0);
  const stale = () => ++reads.current;

  /** Reads the drafts again; `then` acts on the list in the same update (before the address is written for it). */
  const refresh = useCallback(async (then?: (list: SavedDraft[]) => void) => {
    const read = ++reads.current;
    try {
      const list = await listDrafts();
      if (read !== reads.current) return list;
      setDrafts(list);
      then?.(list);
      return list;
    } catch (error) {
      if (read !== reads.current) return [];
      setDrafts([]);
      setNotice(storageNotice(error));
      return [];
    }
  }, [setDrafts]);

  /**
   * The draft a route names, opened at its step, if it is in the list and readable; `overList`: only
   * if the list is still what is shown (not a draft the clerk opened meanwhile).
   */
  const openRoute = useCallback((list: readonly SavedDraft[], route: Route | undefined, overList = false): boolean => {
    const found = route && list.find((d) => d.id === route.id);
    if (!route || !found?.ok) return false;
    const opened: View = {
      kind: 'edit',
      id: found.id,
      store: new ReportStore(found.report, undefined, found.refused),
      step: route.step,
      imported: found.imported,
      version: found.version || undefined,
    };
    setView((shown) => (overList && shown.kind !== 'list' ? shown : opened));
    return true;
  }, []);

  useEffect(() => {
    let live = true;
    const read = ++reads.current;
    listDrafts().then(
      (list) => {
        if (!live || read !== reads.current) return;
        setDrafts(list);
        // A draft the clerk opened while the list was being read (打开年报文件, 新建年报) stays open.
        openRoute(list, currentRoute(), true);
      },
      (error: unknown) => {
        if (!live || read !== reads.current) return;
        setDrafts([]);
        setNotice(storageNotice(error));
      },
    );
    return () => {
      live = false;
    };
  }, [openRoute, setDrafts]);

  const [exampleWanted] = useState(() => window.location.hash === EXAMPLE_HASH);
  const exampleOpened = useRef(false);

  // The address follows the view, not before the drafts are read (the hash names the draft to reopen
  // after a reload). The first address written replaces the one the app was opened with (a draft no
  // longer there, or #/example once its draft is open); each later view is a history entry of its own,
  // except the example's draft, which takes the place of #/example (Back would make another example).
  const loaded = drafts !== null;
  const addressed = useRef(false);
  useEffect(() => {
    if (!loaded) return;
    if (view.kind === 'list' && exampleWanted && !exampleOpened.current) return;
    let mode: 'push' | 'replace' = addressed.current && window.location.hash !== EXAMPLE_HASH ? 'push' : 'replace';
    if (!addressed.current && view.kind === 'edit' && !exampleWanted && currentRoute()?.id !== view.id) {
      // A draft the clerk opened before the list was first read (新建年报 or 打开年报文件 while 正在读取…): the
      // entry the app was opened with is the list's, and Back goes to it, as when the list came first.
      showRoute(undefined, 'replace');
      mode = 'push';
    }
    showRoute(view.kind === 'edit' ? { id: view.id, step: view.step } : undefined, mode);
    addressed.current = true;
  }, [view, loaded, exampleWanted]);


  const start = async (report: Report, lastYear?: Report, imported?: ImportedFrom) => {
    const id = newDraftId();
    let version: string | undefined;
    try {
      version = await saveDraft(id, report, { imported });
    } catch {
      // The editor's autosave reports storage failures with a way to download the file.
    }
    setNotice(null);
    setView({
      kind: 'edit',
      id,
      store: new ReportStore(report, lastYear),
      step: 'basic',
      imported,
      version,
    });
  };

  /** A published report as a new draft, or as last year's report for next year's draft. */
  const importAndStart = async (doc: PublishedDocument, purpose: ImportedFrom['purpose']): Promise<Notice | null> => {
    if (purpose === 'draft' && isReportFile(doc)) {
      // A report file given here (chosen as "all files", or its text pasted) is opened as one, not read as a published text.
      const result = parseReportBytes(doc.bytes);
      if (!result.ok)
        return { kind: 'error', text: `“${doc.name}”是年报文件（JSON），但不是有效的年报文件，未做任何改动。问题如下：`, details: problemsOf(result) };
      await start(result.report);
      return null;
    }
    const outcome = await importDocument(doc);
    if (!outcome.ok) return outcome.notice;
    const { report } = outcome.result;
    const imported = importedFrom(doc.name, purpose, outcome.result);
    if (purpose === 'draft') await start(report, undefined, imported);
    else await start(nextYearReport(report), report, imported);
    return null;
  };

  const loadSample = async () => {
    const { default: sample } = await import('../../test/fixtures/sample-003.json');
    const result = parseReport(sample);
    if (!result.ok) {
      setNotice({
        kind: 'error',
        text: '示例文件无效：',
        details: problemsOf(result),
      });
      return;
    }
    // A draft of the example not yet changed is opened again, not copied: every visit to #/example (the
    // address `npm start` prints) and every 载入示例 would add one more identical draft to the list.
    // Asked for while the list is being read (正在读取…): the list is read for it, not taken as empty.
    const list = latest.current ?? (await listDrafts().catch(() => []));
    const text = serializeReport(result.report);
    const unchanged = list.find(
      (d) => d.ok && !d.imported && Object.keys(d.refused ?? {}).length === 0 && serializeReport(d.report) === text,
    );
    if (unchanged && openRoute(list, { id: unchanged.id, step: 'basic' })) return;
    void start(result.report);
  };

  // `#/example` (the README's start address) opens the sample report (a new draft, or its unchanged one), once.
  useEffect(() => {
    if (!loaded || !exampleWanted || exampleOpened.current) return;
    exampleOpened.current = true;
    void loadSample();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once, when the drafts have been read
  }, [loaded, exampleWanted]);

  // Back and Forward: another step of the open draft, or a draft from the list; #/example typed into
  // the address bar over the list opens the example. Leaving the open draft for the list is the
  // editor's to do (it saves first; see Editor). A layout effect: listening from the commit that shows the view.
  useLayoutEffect(() => {
    const onPop = () => {
      const route = currentRoute();
      if (view.kind === 'edit') {
        if (route?.id === view.id && route.step !== view.step) setView({ ...view, step: route.step });
      } else if (latest.current === null) {
        // The list is being read: what the address names is opened once it is (initial load, onClose).
        movedWhileReading.current = true;
      } else if (window.location.hash === EXAMPLE_HASH) {
        void loadSample();
      } else if (route && !openRoute(latest.current, route)) {
        // Not in the list (deleted, or unreadable): the address says the list again.
        showRoute(undefined, 'replace');
      }
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }); // every render: it reads the view, the list and loadSample of this one

  const readFile = async (file: File): Promise<ParseResult> => {
    // Strictly: a file saved in another encoding (GBK by Notepad) is refused, not opened as garbled text.
    const result = parseReportBytes(new Uint8Array(await file.arrayBuffer()));
    if (!result.ok)
      setNotice({
        kind: 'error',
        text: `“${file.name}”不是有效的年报文件，未做任何改动。问题如下：`,
        details: problemsOf(result),
      });
    return result;
  };

  if (view.kind === 'edit')
    return (
      <Editor
        key={view.id}
        draftId={view.id}
        version={view.version}
        store={view.store}
        step={view.step}
        onStep={(step) => setView({ ...view, step })}
        imported={view.imported}
        onDismissImported={() => {
          setView({ ...view, imported: undefined });
          void dismissImported(view.id).catch(() => undefined);
        }}
        onClose={(byHistory) => {
          // The list held before is stale (this draft's last saves, and when): none is shown until it is read again.
          const closed = view.id;
          setReturnedFrom(closed);
          setDrafts(null);
          setView({ kind: 'list' });
          movedWhileReading.current = false;
          void refresh((list) => {
            // Left by Back or Forward, or Back or Forward meanwhile (popstate waits for the list): the address
            // says what to show. Otherwise it is one not yet written for what the clerk did since (this
            // 返回草稿列表, or an earlier one whose list was never shown, or a reload's): the list it is.
            const route = currentRoute();
            if (!route || !(byHistory || movedWhileReading.current)) return;
            if (!openRoute(list, route)) showRoute(undefined, 'replace');
          });
        }}
      />
    );

  return (
    <DraftsPage
      drafts={drafts}
      notice={notice}
      onCreate={(v: NewReportValues) =>
        void start(
          newReport({
            agencyName: v.name.trim(),
            agencyKind: v.kind,
            year: v.year,
          }),
        )
      }
      onSample={loadSample}
      onOpenFile={async (file) => {
        // A published report chosen here would only meet the JSON parser's words: say what it is.
        if (!isReportFile({ name: file.name, bytes: new Uint8Array(await file.slice(0, 64).arrayBuffer()) })) {
          setNotice({
            kind: 'error',
            text: `“${file.name}”不是年报文件（.json），像是已发布的年报（文本、网页、Word 或 PDF），未做任何改动。请用“导入已发布的年报”导入它。`,
          });
          return;
        }
        const result = await readFile(file);
        if (result.ok) void start(result.report);
      }}
      onNextYear={async (file) => {
        const doc = await documentOf(file);
        if (isReportFile(doc)) {
          const result = await readFile(file);
          if (result.ok) void start(nextYearReport(result.report), result.report);
          return;
        }
        setNotice({ kind: 'info', text: `正在导入“${file.name}”…` });
        setNotice(await importAndStart(doc, 'lastYear'));
      }}
      onImport={importAndStart}
      onOpen={(id) => openRoute(drafts ?? [], { id, step: 'basic' })}
      onDownload={async (id) => {
        const found = drafts?.find((d) => d.id === id);
        if (found?.ok) download(await exportBlob(found.report, 'json'), exportName(found.report, 'json'));
        // An unreadable draft as stored, to repair or to send for help.
        else if (found) download(new Blob([found.text], { type: 'application/json' }), `无法读取的草稿-${found.savedAt.slice(0, 10) || found.id}.json`);
      }}
      returnedFrom={returnedFrom}
      onDelete={async (id) => {
        // A list read before this deletion, answered after it, would show the draft again (and take
        // the focus the list gives after a deletion).
        stale();
        try {
          await deleteDraft(id);
          setNotice(null);
          // Gone from the list at once: its row, left until the list is read again, could still be opened.
          if (latest.current) setDrafts(latest.current.filter((d) => d.id !== id));
        } catch (error) {
          setNotice({ kind: 'error', text: `未能删除这份草稿：${describeFailure(error, '浏览器存储出错')}。草稿仍保存在本机，可以稍后再试。` });
        }
        await refresh();
      }}
    />
  );
}
