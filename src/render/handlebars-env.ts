import Handlebars from 'handlebars/runtime';
import htmlCell from '../templates/cell.html.hbs';
import htmlCellSpans from '../templates/cell-spans.html.hbs';
import htmlReport from '../templates/report.html.hbs';
import htmlStyle from '../templates/style.html.hbs';
import htmlTable from '../templates/table.html.hbs';
import textReport from '../templates/report.txt.hbs';
import type { ReportView, RowView } from './view-model';
import { oneLine } from './wording';

/**
 * The one isolated handlebars environment of the renderers (STYLE.md point 10): every helper
 * and partial is registered here, and templates come precompiled (scripts/handlebars-plugin.ts),
 * so only `handlebars/runtime` ships and no template is compiled at run time.
 */
const env = Handlebars.create();

/** A table row as plain text: its own cells (not those covered by spans) joined with " | ". */
export function rowText(row: RowView): string {
  return row.cells
    .map((c) => oneLine(c.text))
    .join(' | ')
    .trimEnd();
}

env.registerHelper({
  eq: (a: unknown, b: unknown) => a === b,
  /** Span attributes are printed only when they merge cells. */
  spans: (n: number) => n > 1,
  /** Column widths in %, rounded so the output does not depend on float noise. */
  percent: (n: number) => String(Math.round(n * 1000) / 1000),
  line: (text: string) => oneLine(text),
  row: (row: RowView) => rowText(row),
});

env.registerPartial('html-cell', env.template(htmlCell));
env.registerPartial('html-cell-spans', env.template(htmlCellSpans));
env.registerPartial('html-style', env.template(htmlStyle));
env.registerPartial('html-table', env.template(htmlTable));

export const templates = {
  html: env.template<ReportView>(htmlReport),
  text: env.template<ReportView>(textReport),
} as const;
