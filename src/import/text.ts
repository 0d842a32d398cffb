import { importLines, notTextReason, refusedImport } from './import-lines';
import { splitPipeLine, splitTabLine } from './tokens';
import type { ImportOptions, ImportResult, SourceLine } from './types';

/** Plain text as copied from a web page or extracted from a file; `|` marks table cells. */
export function textToLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .flatMap((line): SourceLine[] => {
      // A table copied from a browser or a spreadsheet: cells separated by tabs.
      if (line.includes('\t') && line.trim()) return [splitTabLine(line)];
      if (!/[|｜]/.test(line)) return [{ text: line }];
      const split = splitPipeLine(line);
      // A layout cell holding running text (a whole report in one cell) is text, not a table row.
      const prose = split.cells?.some((c) => c.text.length > 60 && /[。；]/.test(c.text));
      return prose ? (split.cells ?? []).filter((c) => c.text).map((c) => ({ text: c.text })) : [split];
    });
}

export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const notText = notTextReason(text);
  return notText ? refusedImport(notText, options) : importLines(textToLines(text), options);
}
