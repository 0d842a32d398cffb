import type { SectionNo } from '../model/format';

/** Rule ids of spec §2: identities H1–H7 (errors) and soft checks S1–S9 (warnings). */
export const RULE_CODES = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'] as const;
export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = 'error' | 'warning';

/** A cell a violation involves, with its official labels. */
export interface CellRef {
  /** Data cell id (`apply.N.p`) or a report field path (`other.feeNotices`, `publicationDate`). */
  readonly id: string;
  readonly section: SectionNo | '';
  readonly table: string;
  readonly row: string;
  readonly rowLabel: string;
  readonly column: string;
  readonly columnLabel: string;
}

export interface Violation {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** Stable key of this finding, e.g. `H3:apply.R7.p`; explanation notes are saved under it. */
  readonly key: string;
  readonly section: SectionNo | '';
  /** The cells involved; the first is the one the value is expected in. */
  readonly cells: readonly CellRef[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  /** Chinese sentence using the official labels. */
  readonly message: string;
}
