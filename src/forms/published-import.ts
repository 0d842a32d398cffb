import type { ImportResult } from '../import/types';
import { hasContent } from '../model/report-content';
import type { ImportedFrom } from './draft-store';
import type { Notice } from './drafts-page';
import { describeFailure } from './failure';

/**
 * 导入已发布的年报 in the browser: the importer (with opencc, and pdf.js for PDFs) is loaded
 * on first use, never with the first page. A document of which nothing was read changes nothing.
 */

export interface PublishedDocument {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The published documents the importer reads. */
export const PUBLISHED_ACCEPT = '.html,.htm,.txt,.docx,.pdf';

export const PASTED_NAME = '粘贴的文本';

export function pastedDocument(text: string): PublishedDocument {
  return { name: PASTED_NAME, bytes: new TextEncoder().encode(text) };
}

export async function documentOf(file: File): Promise<PublishedDocument> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const extensionOf = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** The importer's own test: PDF magic bytes or a .pdf name. */
export function isPdf(doc: PublishedDocument): boolean {
  const { bytes } = doc;
  return (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) || extensionOf(doc.name) === 'pdf';
}

/** A report file (.json, or JSON text) rather than a published document. */
export function isReportFile(doc: PublishedDocument): boolean {
  if (extensionOf(doc.name) === 'json') return true;
  const start = new TextDecoder().decode(doc.bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{');
}

export type ImportOutcome =
  | { readonly ok: true; readonly result: ImportResult }
  | { readonly ok: false; readonly notice: Notice };

/** Accepts an import that read something; otherwise the importer's reasons, in Chinese. */
export function judgeImport(name: string, result: ImportResult): ImportOutcome {
  if (hasContent(result.report)) return { ok: true, result };
  // A reader that gave up (DOCX not a zip, PDF without text, .doc) says why, and says nothing else.
  const gaveUp = result.diagnostics.filter((d) => d.fatal);
  return {
    ok: false,
    notice: {
      kind: 'error',
      text: `没有从“${name}”中读到年报内容，未做任何改动。`,
      details: gaveUp.length
        ? gaveUp.map((d) => d.message)
        : ['没有找到年报的统计表格和“一、总体情况”等部分的正文。请确认粘贴或选择的是政府信息公开工作年度报告的全文。'],
    },
  };
}

export type Importer = (doc: PublishedDocument) => Promise<ImportResult>;

/** Loads the importer on first use, and for a PDF pdf.js's worker setting too. */
export const loadAndImport: Importer = async (doc) => {
  const [{ importPublished }] = await Promise.all([
    import('../import/index'),
    isPdf(doc) ? import('./pdf-worker') : Promise.resolve(),
  ]);
  return importPublished(doc);
};

export async function importDocument(doc: PublishedDocument, run: Importer = loadAndImport): Promise<ImportOutcome> {
  try {
    return judgeImport(doc.name, await run(doc));
  } catch (error) {
    return {
      ok: false,
      notice: {
        kind: 'error',
        text: `导入“${doc.name}”时出错，未做任何改动。`,
        details: [describeFailure(error, '读取时出错')],
      },
    };
  }
}

export function importedFrom(name: string, purpose: ImportedFrom['purpose'], result: ImportResult): ImportedFrom {
  return { name, purpose, diagnostics: result.diagnostics.map((d) => ({ ...d })) };
}
