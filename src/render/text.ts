import { templates } from './handlebars-env';
import type { ReportView } from './view-model';

/**
 * The report as plain text for a portal or an e-mail: one line per heading, paragraph and
 * table row; table rows are the row's own cells joined with " | ", as published reports read.
 */
export function renderText(vm: ReportView): string {
  return templates.text(vm);
}
