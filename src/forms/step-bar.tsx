import type { ReportStore } from './report-store';
import type { StepId } from './steps';
import { STEPS, countByStep } from './steps';
import { useStoreValue } from './use-store';

/** The steps with their error and warning counts; any step can be opened at any time. */
export function StepBar(props: { store: ReportStore; current: StepId; onSelect: (step: StepId) => void }) {
  const violations = useStoreValue(props.store, (s) => s.violations);
  const counts = countByStep(violations);
  return (
    <nav className="step-bar" aria-label="填报步骤">
      <ol>
        {STEPS.map((step) => {
          const c = counts[step.id];
          const parts = [c.errors > 0 ? `${c.errors} 个错误` : '', c.warnings > 0 ? `${c.warnings} 个提醒` : ''].filter(
            Boolean,
          );
          return (
            <li key={step.id}>
              <button
                type="button"
                aria-current={props.current === step.id ? 'step' : undefined}
                aria-label={`${step.label}${parts.length ? `（${parts.join('，')}）` : ''}`}
                onClick={() => props.onSelect(step.id)}
              >
                <span className="step-label">{step.label}</span>
                {step.id !== 'preview' && (
                  <span className="badges" aria-hidden="true">
                    {c.errors > 0 && <span className="badge badge--error">✕{c.errors}</span>}
                    {c.warnings > 0 && <span className="badge badge--warning">!{c.warnings}</span>}
                    {c.errors === 0 && c.warnings === 0 && <span className="badge badge--ok">✓</span>}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
