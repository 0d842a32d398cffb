import { importDocx } from './docx';
import { importHtml } from './html';
import { importPdf } from './pdf';
import { importText } from './text';
import type { ImportOptions, ImportResult } from './types';
import { bomEncoding } from '../model/text';

/**
 * The importer: a published report (text, HTML, DOCX, PDF) → a report file plus diagnostics.
 *
 * - Never guesses: a cell that cannot be read with certainty stays blank (null) and a
 *   diagnostic names its table, row and column. A number is written only if it is in the input.
 * - Digits run together ("7000007") are split only where the identities (三 总计 = the six
 *   columns, 一+二 = （七）+四, （七） = the leaves; 四 group totals) leave exactly one cut.
 * - Deviations from the official format (labels, headings, missing sections or tables, the 2019
 *   single （六） row in a 2021 report) are diagnostics with code H7.
 * - A row with more or fewer numbers than its table's columns is left blank (unless a cut of
 *   run-together digits is unique, as above), with a diagnostic naming the table and row.
 * - Input that is not a report is refused, as a file that cannot be read is: a blank report and one
 *   `fatal` diagnostic. That is bytes that are not text, and text with no heading of the format and
 *   no table; a damaged DOCX (zip or XML) or PDF says the file is damaged.
 * - When the text names no agency the report gets `（未识别机关）` (agency kind `other`); when it
 *   names no year, `options.defaultYear` or last calendar year; both with an error diagnostic,
 *   and `source` says null for what was not found.
 */
export type { ImportDiagnostic, ImportOptions, ImportResult } from './types';
export { UNKNOWN_AGENCY } from './types';
export { importDocx, importHtml, importPdf, importText };

export interface PublishedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Decodes UTF-8 bytes: the text (a byte order mark dropped), or undefined when the bytes are not UTF-8. */
export type Utf8Decoder = (bytes: Uint8Array) => string | undefined;

const standardUtf8: Utf8Decoder = (bytes) => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/**
 * Text bytes: UTF-8 (with or without BOM), else GB18030 as many Chinese sites still publish.
 * `utf8` may be a quicker decoder the platform has (the CLI's, on Node), decoding as TextDecoder does.
 */
export function decodeText(bytes: Uint8Array, utf8: Utf8Decoder = standardUtf8): string {
  const encoding = bomEncoding(bytes);
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes);
  return utf8(bytes) ?? new TextDecoder('gb18030').decode(bytes);
}

/** Dispatches on the file's content (magic bytes), then on its extension. */
export async function importPublished(file: PublishedFile, options: ImportOptions = {}, utf8?: Utf8Decoder): Promise<ImportResult> {
  const { name, bytes } = file;
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (startsWith(bytes, PDF) || ext === 'pdf') return importPdf(bytes, options);
  if (startsWith(bytes, ZIP) || ext === 'docx') return importDocx(bytes, options);
  if (ext === 'doc' || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    const result = importText('', options);
    return {
      ...result,
      diagnostics: [{ code: 'IMPORT', severity: 'error', message: '不支持旧版 Word（.doc）文件，请另存为 .docx 后再导入', fatal: true }],
    };
  }
  const text = decodeText(bytes, utf8);
  const html = ext === 'html' || ext === 'htm' || ext === 'xhtml' || /^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)/i.test(text) || /<(?:table|p|div|body)\b/i.test(text.slice(0, 5000));
  return html ? importHtml(text, options) : importText(text, options);
}
