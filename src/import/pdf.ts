import { importLines } from './import-lines';
import { isValueText } from './tokens';
import type { ImportDiagnostic, ImportOptions, ImportResult, SourceCell, SourceLine } from './types';

/**
 * A PDF with a text layer → lines. Text items are grouped into lines by their baseline and
 * cut into cells where a gap wider than about one character separates them, so a table row
 * reads as label cells and number cells, and the fragments of a vertically printed group
 * label stay separate cells. A PDF without text (a scan) cannot be read.
 *
 * pdfjs-dist (legacy build) is loaded on first use. In Node it runs its worker in-process;
 * a browser shell must set `GlobalWorkerOptions.workerSrc` before calling importPdf.
 */

interface TextItem {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

interface PdfTextContent {
  readonly items: readonly unknown[];
}

function toItem(raw: unknown): TextItem | undefined {
  if (!raw || typeof raw !== 'object' || !('str' in raw) || !('transform' in raw)) return undefined;
  const { str, transform, width, height } = raw as { str: unknown; transform: unknown; width?: unknown; height?: unknown };
  if (typeof str !== 'string' || !Array.isArray(transform) || transform.length < 6) return undefined;
  const [a, b, , d, e, f] = transform.map(Number) as [number, number, number, number, number, number];
  const size = Math.abs(typeof height === 'number' && height > 0 ? height : Math.hypot(a, b) || Math.abs(d) || 10);
  return { str, x: e, y: f, width: typeof width === 'number' ? width : str.length * size, size };
}

/** Items on (nearly) one baseline, left to right; pages top to bottom. */
function pageLines(items: readonly TextItem[]): TextItem[][] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: TextItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(first.y - item.y) <= Math.max(first.size, item.size) * 0.4) line.push(item);
    else lines.push([item]);
  }
  return lines.map((l) => l.sort((p, q) => p.x - q.x));
}

/** Cells of a line: items closer than ~0.8 of a character belong to the same cell. */
function lineCells(items: readonly TextItem[]): SourceCell[] {
  const cells: string[] = [];
  let current = '';
  let end = -Infinity;
  for (const item of items) {
    const gap = item.x - end;
    if (current && gap > item.size * 0.8) {
      cells.push(current);
      current = '';
    } else if (current && gap > item.size * 0.2 && /[\dA-Za-z]$/.test(current) && /^[\dA-Za-z]/.test(item.str)) {
      current += ' ';
    }
    current += item.str;
    end = item.x + item.width;
  }
  if (current) cells.push(current);
  // Numbers set in one text item ("34 0 0") are separate cells too.
  return cells.flatMap((cell) => {
    const pieces = cell.trim().split(/\s+/);
    return pieces.length > 1 && pieces.some(isValueText) ? pieces.map((text) => ({ text })) : [{ text: cell.trim() }];
  });
}

type PdfModule = {
  getDocument: (src: { data: Uint8Array; isEvalSupported?: boolean; verbosity?: number; disableFontFace?: boolean; useSystemFonts?: boolean }) => {
    promise: Promise<{ numPages: number; getPage: (n: number) => Promise<{ getTextContent: () => Promise<PdfTextContent> }>; destroy: () => Promise<void> }>;
  };
};

export async function pdfToLines(bytes: Uint8Array): Promise<{ lines: SourceLine[]; diagnostics: ImportDiagnostic[] }> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfModule;
  let doc;
  try {
    // pdfjs transfers the buffer to its worker: give it a copy (a Buffer's slice would share memory).
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
  } catch (error) {
    // pdf.js says why in English ("Invalid PDF structure.", "No password given"): the clerk is told in Chinese.
    const message =
      error instanceof Error && error.name === 'PasswordException'
        ? 'PDF 文件设有打开密码，无法读取；请去除密码后再导入'
        : '文件不是有效的 PDF（无法解析，文件可能已损坏或不完整）';
    return { lines: [], diagnostics: [{ code: 'IMPORT', severity: 'error', message, fatal: true }] };
  }
  const lines: SourceLine[] = [];
  let characters = 0;
  let n = 1;
  try {
    for (; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.map(toItem).filter((i): i is TextItem => i !== undefined);
      const pageRows = pageLines(items);
      // Paragraphs are indented; a line starting at the left margin continues the one above.
      const margin = Math.min(...pageRows.map((l) => l[0]?.x ?? Infinity));
      for (const line of pageRows) {
        const cells = lineCells(line);
        characters += cells.reduce((k, c) => k + c.text.length, 0);
        const first = line[0];
        const continued = first !== undefined && first.x <= margin + first.size * 0.5;
        lines.push(
          cells.length > 1
            ? { text: cells.map((c) => c.text).join(' '), cells }
            : { text: cells[0]?.text ?? '', ...(continued ? { continued } : {}) },
        );
      }
    }
  } catch (error) {
    // A page pdf.js cannot read ("Bad (uncompressed) XRef entry", "Page dictionary kid reference …"): the file is damaged.
    const said = error instanceof Error ? error.message.trim().slice(0, 100) : '';
    const detail = said ? `（${said}）` : '';
    const message = `PDF 文件已损坏，第 ${n} 页无法读取${detail}；请重新下载或从原文件另存为 PDF 后再导入`;
    return { lines: [], diagnostics: [{ code: 'IMPORT', severity: 'error', message, fatal: true }] };
  } finally {
    await doc.destroy();
  }
  if (characters === 0) {
    return {
      lines: [],
      diagnostics: [
        {
          code: 'IMPORT',
          severity: 'error',
          message: '无文字层：这个 PDF 只有图像（可能是扫描件），无法读取文字和表格。请使用原始的 Word/网页文件，或先做文字识别（OCR）后再导入',
          fatal: true,
        },
      ],
    };
  }
  return { lines, diagnostics: [] };
}

export async function importPdf(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const { lines, diagnostics } = await pdfToLines(bytes);
  const result = importLines(lines, options, diagnostics);
  // Nothing could be read: the reason above is the whole story, not six missing sections.
  return lines.length === 0 ? { ...result, diagnostics } : result;
}
