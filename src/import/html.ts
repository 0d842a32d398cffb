import { parseDocument } from 'htmlparser2';
import { importLines, notTextReason, refusedImport } from './import-lines';
import type { ImportOptions, ImportResult, SourceLine } from './types';

/**
 * A published web page → lines. Data tables become one line per row with its cells
 * (spans need no special care: rows are read by their labels); layout tables (a table
 * holding other tables, or one cell per row) are read as running text. Navigation,
 * scripts and footers are skipped.
 */

type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomElement = Extract<DomNode, { name: string; children: unknown }>;

const SKIP = new Set(['script', 'style', 'noscript', 'head', 'nav', 'iframe', 'select', 'button', 'svg', 'canvas', 'template', 'object']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol',
  'blockquote', 'pre', 'center', 'dd', 'dt', 'dl', 'form', 'fieldset', 'hr', 'address', 'figure', 'figcaption', 'caption',
  'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'body', 'html',
]);

function isElement(node: DomNode): node is DomElement {
  return 'name' in node && Array.isArray((node as { children?: unknown }).children);
}

type DomText = Extract<DomNode, { data: string }>;

function isText(node: DomNode): node is DomText {
  return node.type === 'text';
}

function elements(node: DomElement, name: string | readonly string[]): DomElement[] {
  const names = typeof name === 'string' ? [name] : name;
  return node.children.filter((c): c is DomElement => isElement(c) && names.includes(c.name));
}

const ROW_GROUPS: readonly string[] = ['thead', 'tbody', 'tfoot'];

/** Rows of this table only (not of nested tables), in document order: a <thead> row stays first. */
function rowsOf(table: DomElement): DomElement[] {
  return elements(table, ['tr', ...ROW_GROUPS]).flatMap((c) => (c.name === 'tr' ? [c] : elements(c, 'tr')));
}

function contains(node: DomElement, name: string): boolean {
  return node.children.some((c) => isElement(c) && (c.name === name || contains(c, name)));
}

/** Plain text of a cell; <br> and block ends are line breaks. */
function textOf(node: DomNode): string {
  if (isText(node)) return node.data.replace(/[\t\n\r ]+/g, ' ');
  if (!isElement(node) || SKIP.has(node.name)) return '';
  if (node.name === 'br') return '\n';
  const inner = node.children.map(textOf).join('');
  return BLOCK.has(node.name) ? `\n${inner}\n` : inner;
}

function isDataTable(table: DomElement): boolean {
  if (contains(table, 'table')) return false;
  const rows = rowsOf(table);
  return rows.filter((r) => elements(r, ['td', 'th']).length >= 2).length >= 2;
}

function cellText(cell: DomElement): string {
  // The usual cell, one piece of text: what the general way below makes of it.
  if (cell.children.length === 0) return '';
  const [only] = cell.children;
  if (cell.children.length === 1 && only && isText(only)) return only.data.replace(/[\t\n\r ]+/g, ' ').trim();
  return textOf(cell)
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/** A page footer is site furniture, unless it is the report's own closing (agency and date). */
function isSignature(footer: DomElement): boolean {
  const lines = textOf(footer)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length <= 4 && lines.some((l) => /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(l));
}

export function htmlToLines(html: string): SourceLine[] {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const lines: SourceLine[] = [];
  let buffer = '';
  const flush = () => {
    for (const part of buffer.split('\n')) if (part.trim()) lines.push({ text: part.trim() });
    buffer = '';
  };
  const walk = (node: DomNode) => {
    if (isText(node)) {
      buffer += node.data.replace(/[\t\n\r ]+/g, ' ');
      return;
    }
    if (!isElement(node) || SKIP.has(node.name)) return;
    if (node.name === 'br') {
      buffer += '\n';
      return;
    }
    if (node.name === 'footer' && !isSignature(node)) return;
    if (node.name === 'table' && isDataTable(node)) {
      flush();
      for (const row of rowsOf(node)) {
        const cells = elements(row, ['td', 'th']).map((c) => ({ text: cellText(c) }));
        if (cells.length) lines.push({ text: cells.map((c) => c.text).join(' '), cells, row: true });
      }
      return;
    }
    const block = BLOCK.has(node.name) || node.name === 'table';
    if (block) flush();
    node.children.forEach(walk);
    if (block) flush();
  };
  document.children.forEach(walk);
  flush();
  return lines;
}

export function importHtml(html: string, options: ImportOptions = {}): ImportResult {
  const notText = notTextReason(html);
  return notText ? refusedImport(notText, options) : importLines(htmlToLines(html), options);
}
