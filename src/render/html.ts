import { templates } from './handlebars-env';
import type { ReportView } from './view-model';

/**
 * The report as one self-contained HTML page: no script, no external resource, a strict CSP,
 * inline CSS for screen and A4 print. Pure, so the browser preview and the CLI export share it.
 */
export function renderHtml(vm: ReportView): string {
  return templates.html(vm);
}
