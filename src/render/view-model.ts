import type { SectionNo } from '../model/format';
import { FORMATS, cellDef } from '../model/formats';
import type { Grid, GridRow } from '../model/layout';
import { gridsOf } from '../model/layout';
import type { CellValue, Report } from '../model/report';
import { FEE_LABELS, cellValue } from '../model/report';
import { hasVisibleText } from '../model/text';
import { oneLine, overviewHeadings, paragraphs, problemHeadings } from './wording';
import { chineseDate } from '../rules/deadline';

export { cleanText, oneLine, paragraphs } from './wording';

/**
 * The one view model the three renderers print (STYLE.md point 8): every text is final,
 * every table is a grid with its merges, so text, HTML and DOCX cannot disagree.
 */

export interface CellView {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly header: boolean;
  readonly numeric: boolean;
  readonly cellId?: string;
}

export interface RowView {
  readonly cells: readonly CellView[];
}

export interface TableView {
  readonly id: Grid['id'];
  readonly columns: number;
  readonly widths: readonly number[];
  readonly head: readonly RowView[];
  readonly body: readonly RowView[];
}

export type BlockView =
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly table: TableView };

export interface SectionView {
  readonly no: SectionNo;
  readonly heading: string;
  readonly blocks: readonly BlockView[];
}

export interface ReportView {
  readonly title: string;
  /** The agency on one line: the DOCX's author. */
  readonly agency: string;
  readonly draft: boolean;
  readonly intro: readonly string[];
  readonly sections: readonly SectionView[];
  /** Closing lines: agency, then the publication date if known. */
  readonly signature: readonly string[];
}

export interface ViewOptions {
  /** Marks the title 草稿 (exports made while errors remain). */
  readonly draft?: boolean;
}

export function reportTitle(report: Report): string {
  return `${oneLine(report.agency.name)}${report.year}年政府信息公开工作年度报告`;
}

/** 2023-01-16 → 2023年1月16日 */
export function formatCellValue(report: Report, id: string, value: CellValue = cellValue(report, id)): string {
  if (value === null) return '';
  const suffix = cellDef(report.format, id)?.column.cellSuffix ?? '';
  return `${value}${suffix}`;
}

function tableView(report: Report, grid: Grid): TableView {
  const row = (r: GridRow, header: boolean): RowView => ({
    cells: r.cells.map((c) => ({
      text: c.role === 'value' && c.cellId ? formatCellValue(report, c.cellId) : c.text,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      header: header || c.role === 'caption' || c.role === 'header',
      numeric: c.role === 'value',
      ...(c.cellId ? { cellId: c.cellId } : {}),
    })),
  });
  return {
    id: grid.id,
    columns: grid.columns,
    widths: grid.widths,
    head: grid.head.map((r) => row(r, true)),
    body: grid.body.map((r) => row(r, false)),
  };
}

const para = (text: string): BlockView[] => paragraphs(text).map((t) => ({ kind: 'paragraph', text: t }));

function blank(value: CellValue): string {
  return value === null ? '（未填写）' : String(value);
}

/** Whether 六 prints the fee sentence: always in the 2021 format; in the 2019 format when a fee figure is given. */
const printsFees = (report: Report) =>
  report.format === '2021' || report.other.feeNotices !== null || report.other.feeNoticeAmount !== null || report.other.feeCollected !== null;

/**
 * The figures the report would print as "（未填写）" (those of the fee sentence of 六), by field id
 * and label: a draft may show them, a final text must not (the preview and `xxgk render` refuse it).
 */
export function unfilledFigures(report: Report): readonly { readonly id: `other.${keyof typeof FEE_LABELS}`; readonly label: string }[] {
  if (!printsFees(report)) return [];
  return (Object.keys(FEE_LABELS) as (keyof typeof FEE_LABELS)[])
    .filter((field) => report.other[field] === null)
    .map((field) => ({ id: `other.${field}` as const, label: FEE_LABELS[field] }));
}

/** What a refused final text says about unfilledFigures. */
export function unfilledMessage(unfilled: ReturnType<typeof unfilledFigures>): string {
  return `六、其他需要报告的事项：${unfilled.map((u) => `“${u.label}”`).join('、')}未填写，正式文本会印出“（未填写）”；请填写（没有的填 0）`;
}

export function toViewModel(report: Report, options: ViewOptions = {}): ReportView {
  const def = FORMATS[report.format];
  const grids = gridsOf(report.format);
  const h = def.headings;

  const headings = overviewHeadings(report.overview.blocks);
  const overview: BlockView[] = [
    ...para(report.overview.lead),
    ...report.overview.blocks.flatMap((b, i): BlockView[] => {
      const heading = headings[i];
      return heading?.printed ? [{ kind: 'subheading', text: heading.text }, ...para(b.text)] : [];
    }),
  ];

  const y = report.year;
  // A part of spaces and invisible characters alone prints nothing, its sub-heading neither.
  const lastYear = hasVisibleText(report.problems.lastYear) ? report.problems.lastYear : '';
  const thisYear = report.problems.thisYear;
  const parts = problemHeadings(y);
  const problems: BlockView[] = lastYear
    ? [
        { kind: 'subheading', text: parts.lastYear },
        ...para(lastYear),
        ...(hasVisibleText(thisYear) ? [{ kind: 'subheading' as const, text: parts.thisYear }, ...para(thisYear)] : []),
      ]
    : para(thisYear);

  const o = report.other;
  const other: BlockView[] = [
    ...(printsFees(report)
      ? para(
          `本年度发出政府信息公开信息处理费收费通知${blank(o.feeNotices)}件，收费通知总金额${blank(o.feeNoticeAmount)}元，实际收取总金额${blank(o.feeCollected)}元。`,
        )
      : []),
    ...para(o.items),
  ];

  const sections: SectionView[] = [
    { no: '一', heading: h.一, blocks: overview },
    {
      no: '二',
      heading: h.二,
      blocks: [...para(report.tableNotes.active), { kind: 'table', table: tableView(report, grids.active) }],
    },
    {
      no: '三',
      heading: h.三,
      blocks: [
        ...para(report.tableNotes.applications),
        { kind: 'table', table: tableView(report, grids.applications) },
      ],
    },
    {
      no: '四',
      heading: h.四,
      blocks: [...para(report.tableNotes.appeals), { kind: 'table', table: tableView(report, grids.appeals) }],
    },
    { no: '五', heading: h.五, blocks: problems },
    { no: '六', heading: h.六, blocks: other },
  ];

  const draft = options.draft ?? false;
  return {
    title: `${reportTitle(report)}${draft ? '（草稿）' : ''}`,
    agency: oneLine(report.agency.name),
    draft,
    intro: paragraphs(report.intro),
    sections,
    signature: [oneLine(report.agency.name), ...(report.publicationDate ? [chineseDate(report.publicationDate)] : [])],
  };
}
