import { Parser, parseDocument } from 'htmlparser2';
import type JSZip from 'jszip';
import { importLines } from './import-lines';
import type { ImportDiagnostic, ImportOptions, ImportResult, SourceLine } from './types';

/**
 * A DOCX file → lines, read from the document's own structure (word/document.xml): paragraphs
 * are lines, and each `w:tbl` row is a line of cells. A cell continued by a vertical merge
 * (`w:vMerge` without `restart`) is the merged cell above, not a blank cell, so it is skipped.
 */

type XmlDocument = ReturnType<typeof parseDocument>;
type XmlNode = XmlDocument['children'][number];
type XmlElement = Extract<XmlNode, { name: string; children: unknown }>;

function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node && Array.isArray((node as { children?: unknown }).children);
}

const childrenNamed = (node: XmlElement, name: string): XmlElement[] =>
  node.children.filter((c): c is XmlElement => isElement(c) && c.name === name);

function descendants(node: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const c of node.children) {
    if (!isElement(c)) continue;
    if (c.name === name) found.push(c);
    else found.push(...descendants(c, name));
  }
  return found;
}

/** Parts of a run that never show as text: deleted revisions, field codes, the fallback copy of drawings. */
const HIDDEN = new Set(['w:del', 'w:instrText', 'w:delText', 'mc:Fallback', 'w:rPr', 'w:pPr', 'w:tcPr', 'w:trPr', 'w:tblPr', 'w:tblGrid']);

/** Text of a paragraph; w:br and w:cr break the line, w:tab is a space. */
function paragraphText(node: XmlElement): string {
  let text = '';
  const walk = (n: XmlNode) => {
    if (!isElement(n) || HIDDEN.has(n.name)) return;
    if (n.name === 'w:t') {
      text += n.children.map((c) => ('data' in c && typeof c.data === 'string' ? c.data : '')).join('');
      return;
    }
    if (n.name === 'w:tab') text += ' ';
    else if (n.name === 'w:br' || n.name === 'w:cr') text += '\n';
    n.children.forEach(walk);
  };
  node.children.forEach(walk);
  return text;
}

function cellText(cell: XmlElement): string {
  return descendants(cell, 'w:p')
    .map(paragraphText)
    .join('\n')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

function isContinuedMerge(cell: XmlElement): boolean {
  const props = childrenNamed(cell, 'w:tcPr')[0];
  const merge = props ? childrenNamed(props, 'w:vMerge')[0] : undefined;
  return merge !== undefined && merge.attribs['w:val'] !== 'restart';
}

function isDataTable(table: XmlElement): boolean {
  if (descendants(table, 'w:tbl').length > 0) return false;
  return childrenNamed(table, 'w:tr').filter((r) => childrenNamed(r, 'w:tc').length >= 2).length >= 2;
}

function blockLines(body: XmlElement, lines: SourceLine[]): void {
  for (const node of body.children) {
    if (!isElement(node)) continue;
    if (node.name === 'w:p') {
      for (const part of paragraphText(node).split('\n')) lines.push({ text: part });
    } else if (node.name === 'w:tbl') {
      if (isDataTable(node)) {
        for (const row of childrenNamed(node, 'w:tr')) {
          const cells = childrenNamed(row, 'w:tc')
            .filter((c) => !isContinuedMerge(c))
            .map((c) => ({ text: cellText(c) }));
          if (cells.length) lines.push({ text: cells.map((c) => c.text).join(' '), cells, row: true });
        }
      } else {
        // A layout table: its cells hold running text (and maybe the real tables).
        for (const row of childrenNamed(node, 'w:tr')) for (const cell of childrenNamed(row, 'w:tc')) blockLines(cell, lines);
      }
    } else if (node.name === 'w:sdt' || node.name === 'w:sdtContent' || node.name === 'w:customXml' || node.name === 'w:ins') {
      blockLines(node, lines);
    }
  }
}

/** Whether every element of an XML text is closed by its own end tag: false for a document cut off or tags mismatched. */
function tagsBalanced(xml: string): boolean {
  let balanced = true;
  let ended = false;
  let openEnd = -1;
  const parser: Parser = new Parser(
    {
      onopentag() {
        openEnd = parser.endIndex;
      },
      onclosetag(_name, implied) {
        // An implied end is fine only for a self-closing tag (<w:br/>): it ends where its opening ends.
        if (ended || (implied && parser.endIndex !== openEnd)) balanced = false;
      },
    },
    { xmlMode: true },
  );
  parser.write(xml);
  // Elements closed only by the end of the input were cut off.
  ended = true;
  parser.end();
  return balanced;
}

const gaveUp = (message: string) => ({ lines: [], diagnostics: [{ code: 'IMPORT', severity: 'error', message, fatal: true } as const] });

const DAMAGED = '请重新下载，或用 Word/WPS 打开后另存为 .docx 再导入';

/** jszip, loaded with the first DOCX: checking a folder of web pages and texts never needs it. */
let jszip: Promise<typeof JSZip> | undefined;

export async function docxToLines(bytes: Uint8Array): Promise<{ lines: SourceLine[]; diagnostics: ImportDiagnostic[] }> {
  const JSZip = await (jszip ??= import('jszip').then((m) => m.default));
  let zip: JSZip;
  try {
    // A damaged entry may still inflate, to other text: its CRC tells.
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    // jszip says why in English ("uncompressed data size mismatch"): the clerk is told in Chinese.
    const opens = await JSZip.loadAsync(bytes).then(
      () => true,
      () => false,
    );
    return gaveUp(opens ? `DOCX 文件已损坏，无法解压；${DAMAGED}` : '文件不是有效的 DOCX（无法解压）');
  }
  const part = zip.file('word/document.xml');
  if (!part) return gaveUp('DOCX 文件中没有 word/document.xml');
  let text: string;
  try {
    text = await part.async('string');
  } catch {
    return gaveUp(`DOCX 文件已损坏，无法解压；${DAMAGED}`);
  }
  // htmlparser2 closes what a cut-off document leaves open: the text up to the cut would pass for the whole.
  if (!tagsBalanced(text)) return gaveUp(`DOCX 文件已损坏：正文（word/document.xml）不完整或格式有误，无法读取；${DAMAGED}`);
  const xml = parseDocument(text, { xmlMode: true, decodeEntities: true });
  const body = xml.children.filter(isElement).flatMap((d) => descendants(d, 'w:body'))[0];
  const lines: SourceLine[] = [];
  if (body) blockLines(body, lines);
  return { lines, diagnostics: [] };
}

export async function importDocx(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const { lines, diagnostics } = await docxToLines(bytes);
  const result = importLines(lines, options, diagnostics);
  // Nothing could be read: the reason above is the whole story, not six missing sections.
  return lines.length === 0 ? { ...result, diagnostics } : result;
}
