import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AGENCY_KIND_LABELS } from '../model/report';
import { chineseDate, deadlineOf } from '../rules/deadline';
import { reportTitle } from '../render/view-model';
import type { DraftSaver, ImportedFrom, SaveState } from './draft-store';
import { autosave, keepUnsaved } from './draft-store';
import { describeFailure } from './failure';
import { download, exportBlob, exportName } from './exports';
import { FindingsPanel } from './findings-panel';
import { ImportNotesPanel } from './import-notes-panel';
import type { ReportStore } from './report-store';
import { currentRoute, showRoute } from './route';
import { StepBar } from './step-bar';
import type { StepId } from './steps';
import { domIdOf, inputOf } from './targets';
import { BasicStep, OtherStep, OverviewStep, ProblemsStep, TableStep } from './text-steps';
import { Signal, useSignal, useStoreValue } from './use-store';

function Header({
  store,
  saveState,
  refusedAt,
  onClose,
  onLeave,
}: {
  store: ReportStore;
  saveState: Signal<SaveState>;
  /** The failed save that kept the clerk from leaving, if any. */
  refusedAt: SaveState | null;
  /** Saves what is pending, then leaves; stays when saving failed. */
  onClose: () => void;
  /** Leaves without saving. */
  onLeave: () => void;
}) {
  const report = useStoreValue(store, (s) => s.report);
  const save = useSignal(saveState);
  // Leaving after a failed save would drop the unsaved changes: the clerk is asked first, about that
  // failure only (a later save, then a later failure, does not offer to leave: the clerk has not asked to).
  const closeRefused = refusedAt !== null && refusedAt === save;
  const late = report.publicationDate !== null && report.publicationDate > deadlineOf(report);
  const saveReport = async () => download(await exportBlob(store.report, 'json'), exportName(store.report, 'json'));
  return (
    <header className="editor-header">
      <div>
        <h1>{reportTitle(report)}</h1>
        <p className="meta">
          {AGENCY_KIND_LABELS[report.agency.kind]} · {report.format}年版格式 ·{' '}
          <span className={late ? 'deadline deadline--late' : 'deadline'}>
            {report.deadline ? '本地规定的公布期限' : '法定公布期限'} {chineseDate(deadlineOf(report))}
            {late && `（发布日期 ${chineseDate(report.publicationDate as string)} 已超期）`}
          </span>
        </p>
      </div>
      <div className="header-actions">
        {/* A box of one size: the state changes while the clerk types, and only this box is laid out again. */}
        <span className="save-state-box">
          <span className={`save-state save-state--${save.kind}`} role="status">
            {save.kind === 'saved' ? '已保存到本机' : save.kind === 'pending' ? '正在保存…' : '未能保存'}
          </span>
        </span>
        <button type="button" onClick={() => void saveReport()}>
          下载年报文件
        </button>
        <button type="button" onClick={onClose}>
          返回草稿列表
        </button>
      </div>
      {save.kind === 'failed' && (
        <div role="alert" className="save-failed">
          {save.message}
          <button type="button" onClick={() => void saveReport()}>
            下载年报文件（JSON）
          </button>
          {closeRefused && (
            <>
              <span>未保存的修改在返回草稿列表后会丢失。</span>
              <button type="button" onClick={onLeave}>
                不保存，返回草稿列表
              </button>
            </>
          )}
        </div>
      )}
    </header>
  );
}

type PreviewModule = typeof import('./preview-step');
type PreviewProps = Parameters<PreviewModule['PreviewStep']>[0];

/** Focus on the open step's heading, so the next Tab goes into the step and a screen reader says where the clerk is. */
function focusStepHeading(): void {
  const heading = document.querySelector<HTMLElement>('.step-content h2');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

/** The preview and its renderer (handlebars, templates) load when the step is first opened. */
let previewModule: Promise<PreviewModule> | undefined;

function LazyPreviewStep(props: PreviewProps) {
  const [loaded, setLoaded] = useState<{ module?: PreviewModule; error?: string }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    previewModule ??= import('./preview-step');
    previewModule.then(
      (module) => live && setLoaded({ module }),
      (error: unknown) => {
        previewModule = undefined;
        if (live) setLoaded({ error: describeFailure(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  // The step opened before its module came: its heading takes focus now, as other steps' do on opening.
  const { module } = loaded;
  useEffect(() => {
    if (module) focusStepHeading();
  }, [module]);
  if (module) return <module.PreviewStep {...props} />;
  if (loaded.error)
    return (
      <div role="alert" className="refusal">
        <p>预览与导出页面没有载入：{loaded.error}。填写的内容已保存在本机，不受影响。</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          重新载入预览
        </button>
      </div>
    );
  return <p className="status">正在载入预览…</p>;
}

export function Editor(props: {
  draftId: string;
  store: ReportStore;
  step: StepId;
  onStep: (step: StepId) => void;
  /** Leaves for the drafts list; `byHistory`: by the browser's Back or Forward (the address already moved). */
  onClose: (byHistory?: boolean) => void;
  /** Where drafts are saved; IndexedDB unless given. */
  save?: DraftSaver;
  /** The stored version of the draft opened: a save never overwrites one made since in another window. */
  version?: string | undefined;
  /** The import notes of a draft made from a published report. */
  imported?: ImportedFrom;
  onDismissImported?: () => void;
}) {
  const { store, step, save, version } = props;
  // A signal, not state: a keystroke's "saving…" must re-render the header only.
  const [saveState] = useState(() => new Signal<SaveState>({ kind: 'saved', at: new Date() }));
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);

  const saverRef = useRef<ReturnType<typeof autosave>>(undefined);
  useEffect(() => {
    const saver = autosave(props.draftId, store, (state) => saveState.set(state), 300, save, version);
    saverRef.current = saver;
    const flush = () => void saver.flush();
    // Leaving the page: what is not saved yet is also kept synchronously (keepUnsaved), since the
    // browser may drop the IndexedDB write begun here.
    const leave = () => {
      const unsaved = saver.unsaved();
      if (unsaved) keepUnsaved(props.draftId, unsaved);
      flush();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', flush);
      saver.stop();
    };
  }, [props.draftId, store, saveState, save, version]);

  // A draft opened, or a step (from the step bar, Back or Forward): focus goes to the step's heading, so
  // the next Tab goes into the step and a screen reader says where the clerk is. A finding link then
  // moves it on to its cell (the effect below runs after this one).
  useEffect(focusStepHeading, [step]);

  useEffect(() => {
    if (!focusTarget) return;
    const el = document.getElementById(domIdOf(inputOf(store.report, focusTarget.id)));
    if (el) {
      el.scrollIntoView?.({ block: 'center' });
      el.focus();
    }
  }, [focusTarget, store]);

  // Leaving saves what is pending first, or the list would show (and later save over) the draft
  // without it; when that save fails the clerk stays, and is offered the download and leaving unsaved.
  const [refusedAt, setRefusedAt] = useState<SaveState | null>(null);
  const { draftId, onClose } = props;
  // One leaving at a time: a second Back or Forward during the save changes only the address, which
  // the list then follows (App's onClose).
  const closing = useRef(false);
  const close = useCallback(
    async (byHistory: boolean) => {
      if (closing.current) return;
      closing.current = true;
      try {
        const saved = (await saverRef.current?.flush()) ?? true;
        if (saved) return onClose(byHistory);
        // Back cannot be undone: the draft's address is shown again, as a new entry.
        if (byHistory) showRoute({ id: draftId, step }, 'push');
        setRefusedAt(saveState.get());
      } finally {
        closing.current = false;
      }
    },
    [draftId, onClose, saveState, step],
  );

  // Back or Forward to an address that is not this draft (the list): leave as 返回草稿列表 does. Listened
  // to from the commit that shows the draft (a layout effect): a move made as soon as it shows is not missed.
  useLayoutEffect(() => {
    const onPop = () => {
      if (currentRoute()?.id !== draftId) void close(true);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [draftId, close]);

  const tableStep = step === '二' || step === '三' || step === '四';

  const go = (target: StepId, id?: string) => {
    props.onStep(target);
    if (id) setFocusTarget({ id });
  };

  return (
    <div className="editor">
      <Header
        store={store}
        saveState={saveState}
        refusedAt={refusedAt}
        onClose={() => void close(false)}
        onLeave={() => props.onClose(false)}
      />
      <StepBar store={store} current={step} onSelect={(s) => go(s)} />
      <div className={tableStep ? 'editor-body editor-body--table' : 'editor-body'}>
        <main className="step-content">
          {step === 'basic' && <BasicStep store={store} />}
          {step === '一' && <OverviewStep store={store} />}
          {tableStep && <TableStep key={step} store={store} section={step} />}
          {step === '五' && <ProblemsStep store={store} />}
          {step === '六' && <OtherStep store={store} />}
          {step === 'preview' && <LazyPreviewStep store={store} onGo={go} />}
        </main>
        <div className="side">
          <div className="side-panels">
            {props.imported && (
              <ImportNotesPanel
                imported={props.imported}
                store={store}
                onGo={go}
                onDismiss={() => {
                  // The panel and its button go: focus moves on to the findings below them.
                  document.getElementById('findings-title')?.focus();
                  props.onDismissImported?.();
                }}
              />
            )}
            <FindingsPanel store={store} onGo={go} />
          </div>
        </div>
      </div>
    </div>
  );
}
