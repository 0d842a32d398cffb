import type { ChangeEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { AGENCY_KIND_LABELS } from '../model/report';
import type { ImportedFrom, SavedDraft } from './draft-store';
import { ImportDialog } from './import-dialog';
import type { NewReportValues } from './new-report-form';
import { NewReportForm } from './new-report-form';
import type { PublishedDocument } from './published-import';
import { PUBLISHED_ACCEPT } from './published-import';

/** The clerk's drafts, and the ways to start one. */

export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
  readonly details?: readonly string[];
}

/** Deletes only once the clerk has said yes: a deleted draft cannot be brought back. */
function DeleteButton(props: { question: string; name: string; onDelete: () => void }) {
  return (
    <button
      type="button"
      aria-label={`删除 ${props.name}`}
      onClick={() => {
        if (window.confirm(props.question)) props.onDelete();
      }}
    >
      删除
    </button>
  );
}

function FileButton(props: { label: string; accept?: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) props.onFile(file);
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept ?? '.json,application/json'}
        hidden
        aria-label={props.label}
        onChange={onChange}
      />
    </>
  );
}

const savedAt = (iso: string) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

export function DraftsPage(props: {
  drafts: readonly SavedDraft[] | null;
  notice: Notice | null;
  onCreate: (values: NewReportValues) => void;
  onSample: () => void;
  onOpenFile: (file: File) => void;
  /** Last year's report: a report file or a published document. */
  onNextYear: (file: File) => void;
  onImport: (doc: PublishedDocument, purpose: ImportedFrom['purpose']) => Promise<Notice | null>;
  onOpen: (id: string) => void;
  onDownload: (id: string) => void;
  onDelete: (id: string) => void;
  /** The draft the clerk just left with 返回草稿列表 or Back: focus goes to it once the list is read. */
  returnedFrom?: string | null;
}) {
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  // Keyboard: a form closed without a result gives focus back to the button that opened it, and
  // after a deletion focus goes to the draft now in its place (or the one before, or 新建年报).
  const createButton = useRef<HTMLButtonElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const deletedAt = useRef<number | null>(null);
  const { drafts } = props;
  /** Focus on the first button of the list's item `at`, or on `fallback` when there is no such item. */
  const focusItem = (at: number, fallback: HTMLElement | null) => {
    const item = at >= 0 ? list.current?.querySelectorAll<HTMLElement>(':scope > li')[at] : undefined;
    (item?.querySelector<HTMLElement>('button') ?? fallback)?.focus();
  };
  // Back from a draft: focus goes to that draft in the list (or the list's heading), not to the page.
  const returned = useRef(props.returnedFrom ?? null);
  useEffect(() => {
    if (drafts === null) return;
    const at = deletedAt.current;
    const id = returned.current;
    deletedAt.current = null;
    returned.current = null;
    if (at !== null) focusItem(Math.min(at, drafts.length - 1), createButton.current);
    else if (id !== null) {
      const heading = document.getElementById('drafts-title');
      if (heading) heading.tabIndex = -1;
      focusItem(
        drafts.findIndex((d) => d.id === id),
        heading,
      );
    }
  }, [drafts]);
  const remove = (index: number, id: string) => {
    deletedAt.current = index;
    props.onDelete(id);
  };
  return (
    <div className="drafts-page">
      <header className="app-header">
        <h1>政府信息公开工作年度报告 · 填报</h1>
        <p className="meta">数据只保存在本机浏览器中，不会上传。</p>
      </header>
      <div className="start-actions">
        <button ref={createButton} type="button" className="primary" onClick={() => setCreating(true)}>
          新建年报
        </button>
        <button type="button" onClick={props.onSample}>
          载入示例
        </button>
        <FileButton label="打开年报文件" onFile={props.onOpenFile} />
        <FileButton
          label="从上一年度年报开始"
          accept={`.json,application/json,${PUBLISHED_ACCEPT}`}
          onFile={props.onNextYear}
        />
        <button ref={importButton} type="button" onClick={() => setImporting(true)}>
          导入已发布的年报
        </button>
      </div>
      {props.notice && (
        <div
          role={props.notice.kind === 'error' ? 'alert' : 'status'}
          className={`notice notice--${props.notice.kind}`}
        >
          <p>{props.notice.text}</p>
          {props.notice.details && (
            <ul>
              {props.notice.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {importing && (
        <ImportDialog
          onImport={props.onImport}
          onCancel={() => {
            setImporting(false);
            importButton.current?.focus();
          }}
        />
      )}
      {creating && (
        <NewReportForm
          onCreate={(v) => {
            setCreating(false);
            props.onCreate(v);
          }}
          onCancel={() => {
            setCreating(false);
            createButton.current?.focus();
          }}
        />
      )}
      <section aria-labelledby="drafts-title">
        <h2 id="drafts-title">我的草稿</h2>
        {props.drafts === null && <p>正在读取…</p>}
        {props.drafts?.length === 0 && <p>还没有草稿。</p>}
        <ul className="drafts" ref={list}>
          {props.drafts?.map((d, index) =>
            d.ok ? (
              <li key={d.id}>
                <button type="button" className="draft-open" onClick={() => props.onOpen(d.id)}>
                  <strong>
                    {d.report.agency.name} {d.report.year}年度
                  </strong>
                  <span className="meta">
                    {AGENCY_KIND_LABELS[d.report.agency.kind]} · {d.report.format}年版格式 · 保存于 {savedAt(d.savedAt)}
                  </span>
                </button>
                <button
                  type="button"
                  aria-label={`下载年报文件 ${d.report.agency.name} ${d.report.year}年度`}
                  onClick={() => props.onDownload(d.id)}
                >
                  下载年报文件
                </button>
                <DeleteButton
                  question={`删除“${d.report.agency.name} ${d.report.year}年度”草稿？此操作不能撤销。`}
                  name={`${d.report.agency.name} ${d.report.year}年度`}
                  onDelete={() => remove(index, d.id)}
                />
              </li>
            ) : (
              <li key={d.id} className="draft-broken">
                <span>
                  无法读取的草稿（保存于 {savedAt(d.savedAt)}）：
                  {d.problems[0]?.message}
                </span>
                <button
                  type="button"
                  aria-label={`下载原始内容 无法读取的草稿（保存于 ${savedAt(d.savedAt)}）`}
                  onClick={() => props.onDownload(d.id)}
                >
                  下载原始内容
                </button>
                <DeleteButton
                  question="删除这份无法读取的草稿？此操作不能撤销；删除前可先下载原始内容。"
                  name={`无法读取的草稿（保存于 ${savedAt(d.savedAt)}）`}
                  onDelete={() => remove(index, d.id)}
                />
              </li>
            ),
          )}
        </ul>
      </section>
    </div>
  );
}
