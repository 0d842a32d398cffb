import { useDeferredValue, useMemo, useState } from 'react';
import { renderHtml } from '../render/html';
import { toViewModel, unfilledFigures, unfilledMessage } from '../render/view-model';
import type { ExportKind } from './exports';
import { download, exportBlob, exportName } from './exports';
import { describeFailure } from './failure';
import type { ReportStore } from './report-store';
import type { StepId } from './steps';
import { stepOf, targetOf } from './steps';
import { RULE_NAMES } from './targets';
import { useStoreValue } from './use-store';

/**
 * The HTML renderer's output in a sandboxed frame (the same bytes as the exported HTML; no
 * script can run), and the downloads, refused while errors remain, or figures that would print as
 * "（未填写）", unless marked 草稿.
 * Loaded with its renderer when the clerk first opens the step (editor.tsx), not in the first page.
 */

const KINDS: readonly { kind: Exclude<ExportKind, 'json'>; label: string }[] = [
  { kind: 'docx', label: 'DOCX' },
  { kind: 'html', label: 'HTML' },
  { kind: 'txt', label: 'TXT' },
];

export function PreviewStep(props: { store: ReportStore; onGo: (step: StepId, target?: string) => void }) {
  const report = useDeferredValue(useStoreValue(props.store, (s) => s.report));
  const violations = useStoreValue(props.store, (s) => s.violations);
  const errors = violations.filter((v) => v.severity === 'error');
  const unfilled = unfilledFigures(report);
  const draft = errors.length > 0 || unfilled.length > 0;
  const html = useMemo(() => renderHtml(toViewModel(report, { draft })), [report, draft]);
  const [refused, setRefused] = useState(false);
  const [status, setStatus] = useState('');

  const save = async (kind: ExportKind, asDraft: boolean) => {
    if (kind !== 'json' && !asDraft && (props.store.hasErrors || unfilledFigures(props.store.report).length > 0)) {
      setRefused(true);
      return;
    }
    setRefused(false);
    setStatus('正在生成…');
    try {
      const current = props.store.report;
      download(await exportBlob(current, kind, asDraft), exportName(current, kind, asDraft));
      setStatus(`已下载 ${exportName(current, kind, asDraft)}`);
    } catch (error) {
      setStatus(`生成失败：${describeFailure(error, '生成文件时出错')}`);
    }
  };

  return (
    <section className="step step--preview" aria-labelledby="step-preview">
      <h2 id="step-preview">预览与导出</h2>
      <div className="exports">
        <div className="export-row">
          <span>下载正式文本：</span>
          {KINDS.map((k) => (
            <button key={k.kind} type="button" onClick={() => void save(k.kind, false)}>
              下载 {k.label}
            </button>
          ))}
          <button type="button" onClick={() => void save('json', false)}>
            下载年报文件（JSON）
          </button>
        </div>
        {draft && (
          <div className="export-row export-row--draft">
            <span>导出草稿（标题注明“草稿”）：</span>
            {KINDS.map((k) => (
              <button key={k.kind} type="button" onClick={() => void save(k.kind, true)}>
                导出草稿 {k.label}
              </button>
            ))}
          </div>
        )}
        {status && (
          <p role="status" className="status">
            {status}
          </p>
        )}
        {refused && draft && (
          <div role="alert" className="refusal">
            {errors.length > 0 && (
              <>
                <p>还有 {errors.length} 个错误，改正后才能下载正式文本（也可以导出草稿）：</p>
                <ul>
                  {errors.map((v) => (
                    <li key={v.key}>
                      <button type="button" className="finding-link" onClick={() => props.onGo(stepOf(v), targetOf(v))}>
                        {v.code} {RULE_NAMES[v.code]}：{v.message}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {unfilled.length > 0 && (
              <p>
                {unfilledMessage(unfilled)}，然后才能下载正式文本（也可以导出草稿）。
                <button type="button" className="link-button" onClick={() => props.onGo('六', unfilled[0]?.id)}>
                  去填写
                </button>
              </p>
            )}
          </div>
        )}
      </div>
      {/* In the Tab order: the clerk reads the whole report by scrolling it with the keyboard. */}
      <iframe className="preview" title="年报预览" sandbox="" srcDoc={html} tabIndex={0} />
    </section>
  );
}
