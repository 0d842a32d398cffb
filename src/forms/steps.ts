import type { SectionNo } from '../model/format';
import type { Violation } from '../rules/violation';

/** The wizard's steps, in order; every step can be visited at any time. */
export const STEPS = [
  { id: 'basic', label: '基本信息' },
  { id: '一', label: '一、总体情况' },
  { id: '二', label: '二、主动公开' },
  { id: '三', label: '三、依申请公开' },
  { id: '四', label: '四、复议诉讼' },
  { id: '五', label: '五、问题及改进' },
  { id: '六', label: '六、其他事项' },
  { id: 'preview', label: '预览与导出' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

/** The step where a finding is fixed: its section, or 基本信息 for the intro and dates. */
export function stepOf(violation: Pick<Violation, 'section'>): StepId {
  return violation.section === '' ? 'basic' : (violation.section satisfies SectionNo);
}

/**
 * The cell or field a finding's link focuses: its first one on the finding's own step (an S6
 * finding of 一 names the 三 table total first, and the sentence of 一 last).
 */
export function targetOf(violation: Pick<Violation, 'section' | 'cells'>): string | undefined {
  const step = stepOf(violation);
  return (violation.cells.find((c) => stepOf(c) === step) ?? violation.cells[0])?.id;
}

export interface StepCount {
  readonly errors: number;
  readonly warnings: number;
}

export function countByStep(violations: readonly Violation[]): Record<StepId, StepCount> {
  const counts = Object.fromEntries(STEPS.map((s) => [s.id, { errors: 0, warnings: 0 }])) as Record<
    StepId,
    { errors: number; warnings: number }
  >;
  for (const v of violations) {
    const c = counts[stepOf(v)];
    if (v.severity === 'error') c.errors++;
    else c.warnings++;
  }
  return counts;
}
