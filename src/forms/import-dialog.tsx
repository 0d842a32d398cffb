import type { DragEvent } from 'react';
import { useRef, useState } from 'react';
import type { ImportedFrom } from './draft-store';
import type { Notice } from './drafts-page';
import type { PublishedDocument } from './published-import';
import { describeFailure } from './failure';
import { escapeCancels } from './fields';
import { PUBLISHED_ACCEPT, PASTED_NAME, documentOf, pastedDocument } from './published-import';

/** 导入已发布的年报: paste the text, or choose or drop a file; the result opens as a draft. */

export function ImportDialog(props: {
  /** Resolves to a notice when nothing was imported; the dialog then stays open. */
  onImport: (doc: PublishedDocument, purpose: ImportedFrom['purpose']) => Promise<Notice | null>;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [purpose, setPurpose] = useState<ImportedFrom['purpose']>('draft');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (name: string, read: () => Promise<PublishedDocument>) => {
    if (busy) return;
    setBusy(name);
    setNotice(null);
    try {
      setNotice(await props.onImport(await read(), purpose));
    } catch (error) {
      setNotice({ kind: 'error', text: `无法读取“${name}”，未做任何改动。`, details: [describeFailure(error, '读取文件时出错')] });
    } finally {
      setBusy(null);
    }
  };
  const importFile = (file: File | undefined) => {
    if (file) void run(file.name, () => documentOf(file));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    importFile(e.dataTransfer.files[0]);
  };

  return (
    <section
      className={`import-dialog${dragging ? ' import-dialog--drop' : ''}`}
      aria-labelledby="import-title"
      aria-busy={busy !== null}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        // Moving over the dialog's own children is not leaving it.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      onKeyDown={escapeCancels(props.onCancel)}
    >
      <h2 id="import-title">导入已发布的年报</h2>
      <p className="hint">
        把网站上已发布的年报全文粘贴到下面，或选择（也可拖入）.html、.txt、.docx、.pdf
        文件。导入只在本机进行，文件不会上传。读不准的单元格留空，导入说明会显示在草稿旁边。
      </p>
      <fieldset className="import-purpose">
        <legend>导入后</legend>
        <label>
          <input type="radio" name="import-purpose" checked={purpose === 'draft'} onChange={() => setPurpose('draft')} />
          作为草稿打开，核对后修改
        </label>
        <label>
          <input
            type="radio"
            name="import-purpose"
            checked={purpose === 'lastYear'}
            onChange={() => setPurpose('lastYear')}
          />
          作为上一年度年报，开始下一年度的草稿
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="import-text">粘贴年报全文</label>
        <textarea
          id="import-text"
          rows={8}
          autoFocus
          value={text}
          disabled={busy !== null}
          placeholder="××市××局2024年政府信息公开工作年度报告……"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy !== null || text.trim() === ''}
          onClick={() => void run(PASTED_NAME, async () => pastedDocument(text))}
        >
          导入粘贴的文本
        </button>
        <button type="button" disabled={busy !== null} onClick={() => fileInput.current?.click()}>
          选择文件…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={PUBLISHED_ACCEPT}
          hidden
          aria-label="选择已发布的年报文件"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            importFile(file);
          }}
        />
        <button type="button" onClick={props.onCancel}>
          取消
        </button>
      </div>
      {busy !== null && (
        <p role="status" className="import-busy">
          正在导入“{busy}”…
        </p>
      )}
      {notice && (
        <div role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice notice--${notice.kind}`}>
          <p>{notice.text}</p>
          {notice.details && (
            <ul>
              {notice.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
