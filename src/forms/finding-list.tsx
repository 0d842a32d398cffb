import type { Violation } from '../rules/violation';
import { RULE_NAMES } from './targets';

/** Findings as a list: rule code, the rule's short name, the message. Used beside a field and for the focused cell. */
export function FindingList({ findings, className }: { findings: readonly Violation[]; className?: string }) {
  return (
    <ul className={className}>
      {findings.map((v) => (
        <li key={v.key} className={`finding finding--${v.severity}`}>
          <span className="rule">
            {v.code} {RULE_NAMES[v.code]}
          </span>{' '}
          {v.message}
        </li>
      ))}
    </ul>
  );
}
