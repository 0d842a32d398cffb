import { isUtf8, transcode } from 'node:buffer';
import { basename, extname } from 'node:path';
import type { FormatId } from '../model/format';
import { cellId } from '../model/format';
import { tableOf } from '../model/formats';
import { hasContent } from '../model/report-content';
import type { ImportDiagnostic, ImportResult } from '../import/types';
import type { CellRef, Violation } from '../rules/violation';

/** Published documents the importer reads, by file extension. */
export const PUBLISHED_EXTENSIONS = ['.txt', '.html', '.htm', '.docx', '.pdf'] as const;

export function isPublishedDocument(path: string): boolean {
  return (PUBLISHED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

const MB = 1024 * 1024;

/**
 * The largest published document `check` and `import` read. A published report as text or a web page
 * is tens to hundreds of KB (a few MB with pictures inlined), as Word or PDF a few MB with its
 * pictures. The importer needs 25 to 60 times a text's size in memory (a 20 MB page: 0.5 to 1.2 GB,
 * 4 to 15 seconds), so a larger file is refused before it is read.
 */
export function publishedSizeLimit(path: string): { readonly bytes: number; readonly usual: string } {
  return /\.(docx|pdf)$/i.test(path)
    ? { bytes: 50 * MB, usual: '已发布的年报 Word 或 PDF 文件通常只有几 MB' }
    : { bytes: 20 * MB, usual: '已发布的年报网页或文本通常只有几十到几百 KB' };
}

/**
 * UTF-8 through Node's own converters (simdutf): isUtf8 is as strict as TextDecoder's fatal mode (no
 * overlong forms, no surrogates, nothing past U+10FFFF), and transcode to UTF-16 makes the same text.
 * Some seven times quicker than TextDecoder, which V8 decodes a byte at a time: about 35 ms less per
 * thousand published reports, which take about a second. The byte order mark is dropped, as TextDecoder drops it.
 */
export function nodeUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return transcode(bytes.subarray(bom), 'utf8', 'utf16le').toString('utf16le');
}

let importer: Promise<typeof import('../import/index')> | undefined;

/** Imports a published report; the importer (and pdf.js) is loaded only when a document needs it, once. */
export async function importDocument(path: string, bytes: Uint8Array): Promise<ImportResult> {
  const { importPublished } = await (importer ??= import('../import/index'));
  const result = await importPublished({ name: basename(path), bytes }, {}, nodeUtf8);
  if (!hasContent(result.report)) {
    // Only why a reader gave up: the "暂按…年导入" notes of an import that read nothing say nothing here.
    const reasons = result.diagnostics.filter((d) => d.fatal).map((d) => d.message);
    throw new Error(reasons.join('；') || '没有读到任何年报内容：文件为空，或不是政府信息公开工作年度报告的正文');
  }
  return result;
}

/** The table, row and column an importer finding names, with their official labels (none for a whole section). */
function placeOf(format: FormatId, d: ImportDiagnostic): CellRef[] {
  const table = d.table === undefined ? undefined : tableOf(format, d.table);
  if (!table) return [];
  const row = table.rows.find((r) => r.id === d.row);
  const column = table.columns.find((c) => c.id === d.column);
  return [
    {
      id: row && column ? cellId(table.id, row.id, column.id) : table.id,
      section: table.section,
      table: table.id,
      row: row?.id ?? '',
      rowLabel: row?.label ?? '',
      column: column?.id ?? '',
      columnLabel: column?.label ?? '',
    },
  ];
}

/**
 * The importer's H7 findings (the published document deviates from the format) as violations,
 * leaving out what the checker already reports for the same section (a missing table or section).
 */
export function importViolations(
  diagnostics: readonly ImportDiagnostic[],
  checked: readonly Violation[],
  format: FormatId,
): Violation[] {
  const sectionsWithH7 = new Set(checked.filter((v) => v.code === 'H7' && v.severity === 'error').map((v) => v.section));
  return diagnostics
    .filter((d) => d.code === 'H7' && d.severity !== 'info')
    .filter((d) => d.row !== undefined || d.column !== undefined || !sectionsWithH7.has(d.section ?? ''))
    .map((d, i) => {
      const cells = placeOf(format, d);
      return {
        code: 'H7',
        severity: d.severity === 'error' ? 'error' : 'warning',
        key: `H7:import:${d.table ?? ''}.${d.row ?? ''}.${d.column ?? ''}:${i}`,
        section: d.section ?? cells[0]?.section ?? '',
        cells,
        expected: null,
        actual: null,
        message: d.message,
      };
    });
}
