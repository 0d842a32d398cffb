import { COUNT_UNITS, MONEY_UNITS } from './cell-values';
import type { SourceCell, SourceLine } from './types';

/**
 * Table text as a stream of tokens: label text, values, blank cells and (where the source
 * knows them) row ends. The row reader anchors on labels, so cells may be spread over lines
 * in any way (one per line, `|`-separated, a PDF line per row).
 */
export type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly text: string }
  /** strong: certainly a cell (HTML/DOCX); weak: maybe only spacing in `|` text. */
  | { readonly kind: 'blank'; readonly strong: boolean }
  | { readonly kind: 'rowEnd' };

/** A number as published (1,234 · 493.5万 · -3), or a not-applicable mark (/ — 无). */
const VALUE = /^(?:[-+−]?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?|[/／\\—–\-－]+|无)$/;

export function isValueText(text: string): boolean {
  return VALUE.test(text.trim());
}

/**
 * A table cell's whole text that is a figure, as cells are written besides: with a unit
 * ("258件", "202 件", "1.06亿元") or thousands separated by a full-width comma or a space
 * ("31，909", "31 909"). The cell reader then reads it, or names the cell it cannot read.
 */
const UNIT = `(?:${COUNT_UNITS}|${MONEY_UNITS})`;
const CELL_VALUE = new RegExp(`^[-+−]?\\d{1,3}(?:[,，\\s]\\d{3})*(?:\\.\\d+)?\\s*${UNIT}?$|^[-+−]?\\d+(?:\\.\\d+)?\\s*${UNIT}$`);

function classify(text: string): Token | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return isValueText(t) || CELL_VALUE.test(t) ? { kind: 'value', text: t } : { kind: 'text', text: t };
}

/** Splits a plain line into label text and the numbers after it ("行政许可 53153", "7 0 0 0"). */
function splitPlainLine(text: string): Token[] {
  const tokens: Token[] = [];
  let label: string[] = [];
  const flush = () => {
    if (label.length) tokens.push({ kind: 'text', text: label.join('') });
    label = [];
  };
  for (const piece of text.trim().split(/\s+/)) {
    if (!piece) continue;
    if (isValueText(piece)) {
      flush();
      tokens.push({ kind: 'value', text: piece });
    } else {
      label.push(piece);
    }
  }
  flush();
  return tokens;
}

/** A `|` row whose last piece holds text: its bars only separate cells ("a | b | c"), they do not end each one. */
const endsOpen = (line: SourceLine) => line.row === true && (line.cells?.at(-1)?.text ?? '') !== '';

/**
 * For each line, the most cells of a line in its run of consecutive table rows (0 outside one).
 * Also 0 when a row of the run ends without a bar: there every piece is a cell, and a line ending
 * in a bar ends with a blank cell ("… | 0 |" is six numbers and a blank).
 */
function rowRunWidths(lines: readonly SourceLine[]): number[] {
  const widths = lines.map(() => 0);
  for (let start = 0; start < lines.length; ) {
    let end = start;
    while (end < lines.length && lines[end]?.row) end++;
    const run = lines.slice(start, end);
    const width = run.some(endsOpen) ? 0 : Math.max(0, ...run.map((l) => l.cells?.length ?? 0));
    for (let i = start; i < end; i++) widths[i] = width;
    start = Math.max(end, start + 1);
  }
  return widths;
}

export function tokenize(lines: readonly SourceLine[]): Token[] {
  const tokens: Token[] = [];
  const widths = rowRunWidths(lines);
  lines.forEach((line, index) => {
    const { cells } = line;
    if (!cells) {
      for (const token of splitPlainLine(line.text)) tokens.push(token);
      return;
    }
    // In a `|` row the blanks between cells are cells. So are those after the last one when the line
    // is as wide as the table's other rows (published tables pad every line to one width:
    // "… | 1 | 0 |  | ||"), or when the table's bars only separate cells (width 0). In a
    // shorter line of a table whose every cell ends with a bar ("规章 | 11 | 166 |") a piece is
    // missing, and the blanks after its last cell may be padding or the closing bar: weak, not cells.
    const lastFilled = cells.findLastIndex((c) => c.text.trim() !== '');
    const complete = line.row === true && cells.length >= (widths[index] ?? 0);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as SourceCell;
      const token = classify(cell.text);
      tokens.push(token ?? { kind: 'blank', strong: !cell.weak || (line.row === true && (complete || i < lastFilled)) });
    }
    if (line.row) tokens.push({ kind: 'rowEnd' });
  });
  return tokens;
}

/**
 * `|`-separated text as published: a cell is "text |". An empty piece is a blank cell or a
 * merged-over cell, which the text cannot tell apart: both become weak blanks.
 */
export function splitPipeLine(text: string): SourceLine {
  // The pieces trimmed: `\s` is what trim removes.
  const pieces = text.trim().split(text.includes('｜') ? /\s*[|｜]\s*/ : /\s*\|\s*/);
  // "7 |": one cell and its bar. In longer lines a last empty piece may be a blank cell
  // (rows joined with " | " and trimmed); the row reader decides by counting.
  if (pieces.length === 2 && pieces[1] === '') pieces.pop();
  const cells: SourceCell[] = [];
  const filled: string[] = [];
  for (const cell of pieces) {
    if (cell) filled.push(cell);
    cells.push(cell ? { text: cell } : { text: '', weak: true });
  }
  const joined = filled.join(' ');
  // Several cells on one line are a whole table row: its blanks are cells, read by position.
  const row = pieces.length >= 3 && filled.length > 0;
  return row ? { text: joined, cells, row: true } : { text: joined, cells };
}

/** Tab-separated text (a table copied from a browser): every piece is a cell, empty ones blank. */
export function splitTabLine(text: string): SourceLine {
  const cells = text.split('\t').map((p) => ({ text: p.trim() }));
  const joined = cells.map((c) => c.text).filter(Boolean).join(' ');
  // An indented paragraph ("\t一、总体情况") is text, not a row.
  return cells.filter((c) => c.text).length >= 2 ? { text: joined, cells, row: true } : { text: joined };
}
