import { memo, useState } from 'react';
import type { Violation } from '../rules/violation';
import type { ReportStore } from './report-store';
import type { StepId } from './steps';
import { STEPS, stepOf, targetOf } from './steps';
import { RULE_NAMES } from './targets';
import { useStoreValue } from './use-store';

/** Every error and warning of the draft, each a link to the cell or field it concerns. */

function WarningNote({ store, violation }: { store: ReportStore; violation: Violation }) {
  const note = useStoreValue(store, (s) => s.report.notes[violation.key] ?? '');
  // 'clicked': opened by 添加说明, whose button is gone: the clerk types the note next.
  const [open, setOpen] = useState<boolean | 'clicked'>(note !== '');
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen('clicked')}>
        添加说明
      </button>
    );
  return (
    <label className="note">
      说明（随年报文件保存）
      <textarea
        rows={2}
        value={note}
        autoFocus={open === 'clicked'}
        onChange={(e) => store.setNote(violation.key, e.target.value)}
      />
    </label>
  );
}

type OnGo = (step: StepId, target?: string) => void;

/** One finding; the store keeps an unchanged finding's object, so a keystroke re-renders only changed ones. */
const Finding = memo(function Finding(props: { store: ReportStore; violation: Violation; onGo: OnGo }) {
  const { store, violation: v, onGo } = props;
  const step = stepOf(v);
  const where = STEPS.find((s) => s.id === step)?.label ?? '';
  return (
    <li className={`finding finding--${v.severity}`}>
      <button type="button" className="finding-link" onClick={() => onGo(step, targetOf(v))}>
        <span className="rule">
          {v.severity === 'error' ? '错误' : '提醒'} {v.code} {RULE_NAMES[v.code]}
        </span>
        <span className="where">{where}</span>
        <span className="message">{v.message}</span>
      </button>
      {v.severity === 'warning' && <WarningNote store={store} violation={v} />}
    </li>
  );
});

export function FindingsPanel(props: { store: ReportStore; onGo: OnGo }) {
  const violations = useStoreValue(props.store, (s) => s.violations);
  const errors = violations.filter((v) => v.severity === 'error').length;
  const warnings = violations.length - errors;
  return (
    <aside className="findings" aria-labelledby="findings-title">
      {/* Focusable: where focus goes when the import notes above it are closed. */}
      <h2 id="findings-title" tabIndex={-1}>
        检查结果：<span className="count count--error">{errors} 个错误</span>，
        <span className="count count--warning">{warnings} 个提醒</span>
      </h2>
      {violations.length === 0 && <p className="ok">没有发现问题。</p>}
      <ol>
        {violations.map((v) => (
          <Finding key={v.key} store={props.store} violation={v} onGo={props.onGo} />
        ))}
      </ol>
    </aside>
  );
}
