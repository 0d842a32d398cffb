import type { ITableBordersOptions } from 'docx';
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { CellView, RowView, TableView } from './view-model';
import { cleanText } from './view-model';
import { STYLE_ID, TEXT_WIDTH, mm } from './docx-style';

/** Table text: 五号 for the 4-column section 二, 小五 for the 10- and 15-column sections 三 and 四. */
const TEXT_STYLE: Readonly<Record<TableView['id'], string>> = {
  active: STYLE_ID.tableText,
  applications: STYLE_ID.tableTextSmall,
  appeals: STYLE_ID.tableTextSmall,
};

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS: ITableBordersOptions = {
  top: line,
  bottom: line,
  left: line,
  right: line,
  insideHorizontal: line,
  insideVertical: line,
};

/** Narrow cell padding (1 mm a side) so that 15 columns fit the 156 mm text width. */
const CELL_MARGINS = { top: 0, bottom: 0, left: mm(1), right: mm(1) } as const;

/** Splits `total` twips by percentages, largest remainder first, so the columns add up exactly. */
export function columnTwips(percentages: readonly number[], total: number): number[] {
  const sum = percentages.reduce((a, b) => a + b, 0);
  const exact = percentages.map((p) => (p / sum) * total);
  const twips = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  let left = total - twips.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    twips[i] = (twips[i] ?? 0) + 1;
  }
  return twips;
}

/** The first grid column of every cell, skipping columns still covered by a rowSpan from above. */
export function startColumns(rows: readonly RowView[], columns: number): number[][] {
  const coveredUntil = new Array<number>(columns).fill(0);
  return rows.map((row, r) => {
    let column = 0;
    return row.cells.map((cell) => {
      while (column < columns && (coveredUntil[column] ?? 0) > r) column++;
      const start = column;
      for (let k = 0; k < cell.colSpan; k++) coveredUntil[start + k] = r + cell.rowSpan;
      column += cell.colSpan;
      return start;
    });
  });
}

function cellAlignment(cell: CellView) {
  // Row labels read left to right; captions, headers, numbers and the tall group labels are centred.
  return cell.header || cell.numeric || cell.rowSpan > 1 ? AlignmentType.CENTER : AlignmentType.LEFT;
}

function buildCell(cell: CellView, width: number, style: string): TableCell {
  const text = cleanText(cell.text);
  return new TableCell({
    rowSpan: cell.rowSpan,
    columnSpan: cell.colSpan,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({ style, alignment: cellAlignment(cell), children: text ? [new TextRun(text)] : [] }),
    ],
  });
}

/** One official table from its view grid: merged headers, fixed column widths, full text width. */
export function buildTable(table: TableView): Table {
  const widths = columnTwips(table.widths, TEXT_WIDTH);
  const rows = [...table.head, ...table.body];
  const starts = startColumns(rows, table.columns);
  const style = TEXT_STYLE[table.id];
  const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((a, b) => a + b, 0);

  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: BORDERS,
    margins: CELL_MARGINS,
    rows: rows.map((row, r) => {
      const isHead = r < table.head.length;
      return new TableRow({
        // The head rows repeat on each page; a caption or header row (no figures) stays with the rows under it.
        tableHeader: isHead || undefined,
        cantSplit: true,
        keepNext: !row.cells.some((c) => c.numeric) || undefined,
        children: row.cells.map((cell, i) => buildCell(cell, spanWidth(starts[r]?.[i] ?? 0, cell.colSpan), style)),
      });
    }),
  });
}
