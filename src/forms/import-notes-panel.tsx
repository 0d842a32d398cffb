import { cellId } from '../model/format';
import { cellDef } from '../model/formats';
import type { ImportedFrom } from './draft-store';
import type { ReportStore } from './report-store';
import type { StepId } from './steps';
import { STEPS } from './steps';

/** What the importer found in the published report this draft came from, until dismissed. */

const SEVERITY: Readonly<Record<ImportedFrom['diagnostics'][number]['severity'], string>> = {
  error: '错误',
  warning: '提醒',
  info: '说明',
};
const CODE = { H7: 'H7 格式不符', IMPORT: '导入' } as const;

export function ImportNotesPanel(props: {
  imported: ImportedFrom;
  store: ReportStore;
  onGo: (step: StepId, target?: string) => void;
  onDismiss: () => void;
}) {
  const { imported } = props;
  const format = props.store.report.format;
  return (
    <aside className="import-notes" aria-labelledby="import-notes-title">
      <h2 id="import-notes-title">
        {imported.purpose === 'draft' ? '导入说明' : '上一年度年报导入说明'}：“{imported.name}”
      </h2>
      <p className="hint">
        {imported.purpose === 'draft'
          ? '这份草稿由已发布的年报导入。H7 是原文与官方格式不一致之处；读不准的单元格已留空。请逐项核对。'
          : '本草稿的上年结转、现行有效件数和五（一）取自这份已发布的上一年度年报，请核对。'}
      </p>
      {imported.diagnostics.length === 0 && <p className="ok">导入时没有发现问题。</p>}
      <ol>
        {imported.diagnostics.map((d, i) => {
          const id = d.table && d.row && d.column ? cellId(d.table, d.row, d.column) : undefined;
          const target = id && cellDef(format, id) ? id : undefined;
          const step = imported.purpose === 'draft' ? d.section : undefined;
          const label = (
            <>
              <span className="rule">
                {SEVERITY[d.severity]} {CODE[d.code]}
              </span>
              {step && <span className="where">{STEPS.find((s) => s.id === step)?.label}</span>}
              <span className="message">{d.message}</span>
            </>
          );
          return (
            <li key={i} className={`finding finding--${d.severity}`}>
              {step ? (
                <button type="button" className="finding-link" onClick={() => props.onGo(step, target)}>
                  {label}
                </button>
              ) : (
                <div className="finding-link">{label}</div>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={props.onDismiss}>
        关闭导入说明
      </button>
    </aside>
  );
}
