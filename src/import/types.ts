import type { FormatId, SectionNo } from '../model/format';
import type { Report } from '../model/report';

/**
 * One import finding. `table`, `row` and `column` are ids from the format definition
 * (e.g. `apply`, `R3_1`, `p`) so a program can point at the cell; `message` names the same
 * place by its official labels, in Chinese.
 */
export interface ImportDiagnostic {
  /** H7: the published report deviates from the official format; IMPORT: what the importer could not read. */
  readonly code: 'H7' | 'IMPORT';
  readonly severity: 'error' | 'warning' | 'info';
  readonly section?: SectionNo;
  readonly table?: string;
  readonly row?: string;
  readonly column?: string;
  readonly message: string;
  /** The reader gave up on the file (not a DOCX, a damaged file, a PDF without text, a .doc, not a report): nothing was read. */
  readonly fatal?: true;
}

export interface ImportResult {
  /** Always a valid report (parseReport accepts it); unreadable cells are null. */
  readonly report: Report;
  readonly diagnostics: readonly ImportDiagnostic[];
  readonly format: FormatId;
  /** What the published text itself says; null where it says nothing. */
  readonly source: { readonly agency: string | null; readonly year: number | null };
}

export interface ImportOptions {
  /** Year used when the text names none (default: last calendar year). */
  readonly defaultYear?: number;
}

/**
 * A line of the published document. `cells` is set where the source marks table cells
 * (`|`-separated text, an HTML or DOCX table row, a PDF line with column gaps).
 */
export interface SourceLine {
  readonly text: string;
  readonly cells?: readonly SourceCell[];
  /** The cells are one complete table row (HTML, DOCX): blank cells are real cells. */
  readonly row?: boolean;
  /** The line continues the paragraph above (a PDF line that starts at the left margin). */
  readonly continued?: boolean;
}

/**
 * A cell's text. `weak`: a whitespace-only piece of `|`-separated text, which may be a blank
 * cell or only the space before a merged-cell marker.
 */
export interface SourceCell {
  readonly text: string;
  readonly weak?: boolean;
}

/** Name the report gets when the published text names no agency. */
export const UNKNOWN_AGENCY = '（未识别机关）';
