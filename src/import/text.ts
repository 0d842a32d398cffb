import { importLines, notTextReason, refusedImport } from './import-lines';
import { splitPipeLine, splitTabLine } from './tokens';
import type { ImportOptions, ImportResult, SourceLine } from './types';

const LINE_BREAK = /\r\n|\r|\n/;
const PROSE_END = /[。；]/;

/** A layout cell holding running text (a whole report in one cell) is text, not a table row. */
const isProseCell = (text: string) => text.length > 60 && PROSE_END.test(text);

/** Plain text as copied from a web page or extracted from a file; `|` marks table cells. */
export function textToLines(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: SourceLine[] = [];
  for (const line of body.includes('\r') ? body.split(LINE_BREAK) : body.split('\n')) {
    // A table copied from a browser or a spreadsheet: cells separated by tabs.
    if (line.includes('\t') && line.trim()) {
      lines.push(splitTabLine(line));
      continue;
    }
    if (!line.includes('|') && !line.includes('｜')) {
      lines.push({ text: line });
      continue;
    }
    const split = splitPipeLine(line);
    const cells = split.cells ?? [];
    if (!cells.some((c) => isProseCell(c.text))) lines.push(split);
    else for (const c of cells) if (c.text) lines.push({ text: c.text });
  }
  return lines;
}

export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const notText = notTextReason(text);
  return notText ? refusedImport(notText, options) : importLines(textToLines(text), options);
}
