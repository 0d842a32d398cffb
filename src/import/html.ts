import type { Handler } from 'htmlparser2';
import { Parser } from 'htmlparser2';
import { importLines, notTextReason, refusedImport } from './import-lines';
import type { ImportOptions, ImportResult, SourceLine } from './types';

/**
 * A published web page → lines. Data tables become one line per row with its cells
 * (spans need no special care: rows are read by their labels); layout tables (a table
 * holding other tables, or one cell per row) are read as running text. Navigation,
 * scripts and footers are skipped.
 */

const SKIP = new Set(['script', 'style', 'noscript', 'head', 'nav', 'iframe', 'select', 'button', 'svg', 'canvas', 'template', 'object']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol',
  'blockquote', 'pre', 'center', 'dd', 'dt', 'dl', 'form', 'fieldset', 'hr', 'address', 'figure', 'figcaption', 'caption',
  'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'body', 'html',
]);
const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);

/**
 * The page as far as it is read here: elements by name, and texts. It has the shape of the DOM
 * htmlparser2 builds from the same parser events (parseDocument), without what that DOM keeps
 * besides (attributes, links between nodes), which cost as much as walking it. A comment only
 * separates the texts on either side.
 */
interface PageElement {
  readonly name: string;
  /** A text node is its text, entities decoded. */
  readonly children: PageNode[];
  /** A <table> stands somewhere inside. */
  holdsTable: boolean;
}
type PageNode = string | PageElement;

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false } as const;
/** For a page whose tag names are all lower case already: the same events without lower-casing each name again. */
const LOWER_CASE_PAGE_OPTIONS = { ...PARSER_OPTIONS, lowerCaseTags: false } as const;

/** HTML whitespace (the tokenizer's): space, tab, line feed, form feed, carriage return. */
const isHtmlSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * Whether lower-casing could change a tag name of the page: one holds an ASCII capital or any
 * character past ASCII. The parser's lower-casing is worth skipping where it changes nothing: a
 * page's names are pieces of a two-byte string, which the engine lower-cases through ICU (on the
 * benchmark's pages, 45 µs of the parse's 240 µs; this look takes 18 µs). To be safe without
 * following the tokenizer, every "<" a name could follow counts, in comments, scripts and
 * attribute values too, and each name is taken to run to the next space or ">" (an opening tag's
 * ends at "/" too), so it covers any name that starts inside it; the look then goes on after it.
 */
export function mayHaveCapitalTagNames(html: string): boolean {
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at)) {
    let i = at + 1;
    if (html.charCodeAt(i) === 0x2f) {
      i++;
      while (isHtmlSpace(html.charCodeAt(i))) i++; // "</ td>" closes a td
    }
    const first = html.charCodeAt(i) | 0x20;
    if (first < 0x61 || first > 0x7a) {
      at += 1;
      continue;
    }
    for (; i < html.length; i++) {
      const c = html.charCodeAt(i);
      if (c === 0x3e || isHtmlSpace(c)) break;
      if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return true;
    }
    at = i;
  }
  return false;
}

/** Whether the tag at the start of `html` is closed by its `>` (the parser drops one cut off by the end). */
function openTagEnds(html: string): boolean {
  let ends = false;
  new Parser({ onopentag: () => (ends = true) }, PARSER_OPTIONS).end(html);
  return ends;
}

/** Builds the page from the parser's events as htmlparser2's DomHandler builds its DOM from them. */
class PageBuilder implements Partial<Handler> {
  readonly root: PageElement = { name: '', children: [], holdsTable: false };
  private readonly open: PageElement[] = [this.root];
  private current = this.root;
  private parser: Parser | undefined;
  // The parser gives a text in pieces (an entity is one): as in the DOM, pieces in a row are one text.
  private inText = false;
  /** The parent of the last element opened while no comment has followed it, and where its tag starts. */
  private lastOpenedIn: PageElement | undefined;
  private lastOpenedAt = 0;
  /** Whether a text was open in that parent then (a text coming after would have joined it). */
  private lastOpenedAfterText = false;
  /** When that element is a table: the elements that hold a table since it opened. */
  private lastTableHolders: readonly PageElement[] = [];

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  // Elements are taken at their name, not at the end of their tag: the parser then does not collect attributes.
  onopentagname(name: string): void {
    const element: PageElement = { name, children: [], holdsTable: false };
    const parent = this.current;
    parent.children.push(element);
    this.lastTableHolders = name === 'table' ? this.markTableHolders() : [];
    this.open.push(element);
    this.current = element;
    this.lastOpenedAfterText = this.inText;
    this.inText = false;
    this.lastOpenedIn = parent;
    this.lastOpenedAt = this.parser?.startIndex ?? 0;
  }

  /** Marks every open element as holding a table; those that did not yet are returned. */
  private markTableHolders(): PageElement[] {
    const marked: PageElement[] = [];
    // An element marked before had its own ancestors marked with it.
    for (let i = this.open.length - 1; i >= 0; i--) {
      const element = this.open[i] as PageElement;
      if (element.holdsTable) break;
      element.holdsTable = true;
      marked.push(element);
    }
    return marked;
  }

  onclosetag(): void {
    // The root stays: the parser closes a tag cut off by the end, which the DOM never opened.
    if (this.open.length > 1) this.open.pop();
    this.current = this.open[this.open.length - 1] as PageElement;
    this.inText = false;
  }

  ontext(data: string): void {
    const { children } = this.current;
    if (this.inText) children[children.length - 1] += data;
    else children.push(data);
    this.inText = true;
  }

  oncommentend(): void {
    this.inText = false;
    this.lastOpenedIn = undefined;
  }

  onprocessinginstruction(): void {
    this.oncommentend();
  }

  /**
   * The DOM has no element for a tag cut off by the end of the page ("<td class="), which the
   * parser opens by its name all the same: that can only be the last element opened.
   */
  dropCutOffTag(html: string): void {
    const parent = this.lastOpenedIn;
    if (!parent || openTagEnds(html.slice(this.lastOpenedAt))) return;
    const dropped = parent.children.pop() as PageElement;
    for (const element of this.lastTableHolders) element.holdsTable = false;
    // What the parser gives as text after such a tag (the "/" of "<br /" cut off) is, in the DOM, text of the parent,
    // joined to the parent's text before the tag where one was open.
    let joins = this.lastOpenedAfterText;
    for (const child of dropped.children) {
      const last = parent.children.length - 1;
      if (joins && typeof child === 'string' && typeof parent.children[last] === 'string') parent.children[last] += child;
      else parent.children.push(child);
      joins = typeof child === 'string';
    }
  }
}

function parsePage(html: string): PageElement {
  const builder = new PageBuilder();
  new Parser(builder, mayHaveCapitalTagNames(html) ? PARSER_OPTIONS : LOWER_CASE_PAGE_OPTIONS).end(html);
  builder.dropCutOffTag(html);
  return builder.root;
}

const WHITESPACE_RUN = /[\t\n\r ]+/g;

/** Runs of spaces, tabs and line breaks as one space (line breaks in HTML source are spaces). */
function collapseSpace(text: string): string {
  // Most texts are a line break between two tags, or a short cell text with nothing to collapse.
  if (text === '\n') return ' ';
  if (text.length <= SHORT_TEXT && !hasSpaceToCollapse(text)) return text;
  return text.replace(WHITESPACE_RUN, ' ');
}

/** Shorter texts are looked at character by character first, which is quicker than replacing. */
const SHORT_TEXT = 24;

/** Whether collapseSpace changes a text: it has a tab or line break, or two spaces in a row. */
function hasSpaceToCollapse(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d || (c === 0x20 && text.charCodeAt(i + 1) === 0x20)) return true;
  }
  return false;
}

const nonEmptyLines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

const isElement = (node: PageNode): node is PageElement => typeof node !== 'string';

/** Plain text of a node; <br> and block ends are line breaks. */
function textOf(node: PageNode): string {
  if (typeof node === 'string') return collapseSpace(node);
  if (SKIP.has(node.name)) return '';
  if (node.name === 'br') return '\n';
  let inner = '';
  for (const child of node.children) inner += textOf(child);
  return BLOCK.has(node.name) ? `\n${inner}\n` : inner;
}

/** Rows of this table only (not of nested tables), in document order: a <thead> row stays first. */
function rowsOf(table: PageElement): PageElement[] {
  const rows: PageElement[] = [];
  for (const child of table.children) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (ROW_GROUPS.has(child.name)) for (const row of child.children) if (isElement(row) && row.name === 'tr') rows.push(row);
  }
  return rows;
}

function cellsOf(row: PageElement): PageElement[] {
  const cells: PageElement[] = [];
  for (const child of row.children) if (isElement(child) && (child.name === 'td' || child.name === 'th')) cells.push(child);
  return cells;
}

/**
 * The cells of each row of a table of data: no table inside it, and at least two rows of two
 * cells or more. Undefined for a layout table.
 */
function dataRows(table: PageElement): PageElement[][] | undefined {
  if (table.holdsTable) return undefined;
  const rows = rowsOf(table).map(cellsOf);
  return rows.filter((cells) => cells.length >= 2).length >= 2 ? rows : undefined;
}

function cellText(cell: PageElement): string {
  const { children } = cell;
  // The usual cell, one piece of text: what the general way below makes of it.
  if (children.length === 0) return '';
  const [only] = children;
  if (children.length === 1 && typeof only === 'string') return collapseSpace(only).trim();
  return nonEmptyLines(textOf(cell)).join(' ');
}

/** A row of a data table: one line with its cells. */
function rowLine(row: readonly PageElement[]): SourceLine {
  const texts = row.map(cellText);
  return { text: texts.join(' '), cells: texts.map((text) => ({ text })), row: true };
}

/** A page footer is site furniture, unless it is the report's own closing (agency and date). */
function isSignature(footer: PageElement): boolean {
  const lines = nonEmptyLines(textOf(footer));
  return lines.length <= 4 && lines.some((l) => /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(l));
}

/** The lines of a page: running text broken at blocks and <br>, and each row of a data table. */
class PageReader {
  readonly lines: SourceLine[] = [];
  /** Running text since the last block boundary. */
  private buffer = '';

  read(node: PageNode): void {
    if (typeof node === 'string') {
      this.buffer += collapseSpace(node);
      return;
    }
    const { name } = node;
    if (SKIP.has(name)) return;
    if (name === 'br') {
      this.buffer += '\n';
      return;
    }
    if (name === 'footer' && !isSignature(node)) return;
    const rows = name === 'table' ? dataRows(node) : undefined;
    if (rows) {
      this.flush();
      for (const row of rows) if (row.length) this.lines.push(rowLine(row));
      return;
    }
    const block = BLOCK.has(name) || name === 'table';
    if (block) this.flush();
    for (const child of node.children) this.read(child);
    if (block) this.flush();
  }

  flush(): void {
    // Most often the running text is one line, or only the space between two blocks.
    const parts = this.buffer.includes('\n') ? this.buffer.split('\n') : [this.buffer];
    for (const part of parts) {
      const text = part.trim();
      if (text) this.lines.push({ text });
    }
    this.buffer = '';
  }
}

export function htmlToLines(html: string): SourceLine[] {
  const reader = new PageReader();
  for (const node of parsePage(html).children) reader.read(node);
  reader.flush();
  return reader.lines;
}

export function importHtml(html: string, options: ImportOptions = {}): ImportResult {
  const notText = notTextReason(html);
  return notText ? refusedImport(notText, options) : importLines(htmlToLines(html), options);
}
