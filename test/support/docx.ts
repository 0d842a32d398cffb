import { createRequire } from 'node:module';
import type { Document as DocxDocument } from 'docx';
import { Packer } from 'docx';
import { DomUtils, parseDocument } from 'htmlparser2';
import JSZip from 'jszip';

/** An element of a WordprocessingML part, as htmlparser2 (xmlMode) gives it. */
export type XmlElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];
type XmlNode = XmlElement['children'][number];

export interface DocxParts {
  readonly bytes: Buffer;
  readonly zip: JSZip;
  /** word/document.xml, word/styles.xml and every word/footer*.xml, as text. */
  readonly document: string;
  readonly styles: string;
  readonly footers: readonly string[];
}

/** Packs a docx Document the way the CLI does and opens the zip again. */
export async function unpackDocx(doc: DocxDocument): Promise<DocxParts> {
  const bytes = await Packer.toBuffer(doc);
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} missing from the docx`);
    return file.async('string');
  };
  const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
  return {
    bytes,
    zip,
    document: await text('word/document.xml'),
    styles: await text('word/styles.xml'),
    footers: await Promise.all(footerNames.map(text)),
  };
}

// jsdom ships no type declarations; only its DOMParser is needed here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } };
};

/** Errors of a strict XML 1.0 parse (jsdom): a character XML forbids yields a parsererror. */
export function strictXmlErrors(xml: string): string[] {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
  return [...doc.getElementsByTagName('parsererror')].map((e) => e.textContent ?? '');
}

/** A lenient parse for walking the markup (htmlparser2 in xmlMode). */
export const parseXml = (xml: string) => parseDocument(xml, { xmlMode: true });

/** Descendants named `name` (e.g. `w:tc`), in document order. */
export const all = (node: XmlNode | XmlNode[], name: string): XmlElement[] =>
  DomUtils.getElementsByTagName(name, Array.isArray(node) ? node : [node], true);

/** Direct children named `name`. */
export const childrenNamed = (node: XmlElement, name: string): XmlElement[] =>
  node.children.filter((c): c is XmlElement => DomUtils.isTag(c) && c.name === name);

export const child = (node: XmlElement, name: string): XmlElement | undefined => childrenNamed(node, name)[0];

/** All character data under a node (e.g. a `w:instrText`). */
export const contentOf = (node: XmlElement): string => DomUtils.textContent(node);

/** The concatenated `w:t` text under a node. */
export const textOf = (node: XmlElement): string => all(node, 'w:t').map((t) => DomUtils.textContent(t)).join('');

export const attr = (node: XmlElement | undefined, name: string): string | undefined => node?.attribs[name];

/** One `w:tc` placed on the table grid. */
export interface PlacedCell {
  readonly row: number;
  readonly column: number;
  readonly colSpan: number;
  /** 1 for unmerged cells; for a `vMerge` restart, 1 + the continue cells below it. */
  readonly rowSpan: number;
  readonly vMerge: 'restart' | 'continue' | undefined;
  readonly text: string;
  readonly element: XmlElement;
}

/**
 * Places every `w:tc` of a `w:tbl` on the grid from its own markup (gridSpan, vMerge), independently of
 * the renderer, and counts how many continue cells each restart cell has.
 */
export function placeCells(table: XmlElement): PlacedCell[][] {
  const rows = childrenNamed(table, 'w:tr').map((tr, r) => {
    let column = 0;
    return childrenNamed(tr, 'w:tc').map((tc) => {
      const pr = child(tc, 'w:tcPr');
      const colSpan = Number(attr(pr && child(pr, 'w:gridSpan'), 'w:val') ?? 1);
      const merge = pr && child(pr, 'w:vMerge');
      const vMerge = merge ? (attr(merge, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined;
      const cell = { row: r, column, colSpan, rowSpan: 1, vMerge, text: textOf(tc), element: tc } as const;
      column += colSpan;
      return cell;
    });
  });
  return rows.map((cells) =>
    cells.map((cell) => {
      if (cell.vMerge !== 'restart') return cell;
      let below = cell.row + 1;
      while (rows[below]?.some((c) => c.column === cell.column && c.vMerge === 'continue')) below++;
      return { ...cell, rowSpan: below - cell.row };
    }),
  );
}

/** The cells a reader sees: restart and plain cells, not the continue cells under a vertical merge. */
export const visibleCells = (rows: PlacedCell[][]): PlacedCell[] => rows.flat().filter((c) => c.vMerge !== 'continue');

/** Run properties that apply to a paragraph's text: docDefaults, then the style chain (basedOn), base first. */
export function paragraphStyleChain(styles: XmlNode[], styleId: string | undefined): XmlElement[] {
  const byId = new Map(all(styles, 'w:style').map((s) => [attr(s, 'w:styleId'), s]));
  const chain: XmlElement[] = [];
  let id = styleId ?? 'Normal';
  for (let style = byId.get(id); style; style = byId.get(id)) {
    chain.unshift(style);
    const base = attr(child(style, 'w:basedOn'), 'w:val');
    if (!base) break;
    id = base;
  }
  return chain;
}

export interface EffectiveFormat {
  eastAsia?: string;
  ascii?: string;
  size?: string;
  alignment?: string;
  firstLine?: string;
  lineRule?: string;
  line?: string;
}

/** Resolves what Word applies to a `w:p`'s first run: docDefaults ← style chain ← paragraph ← run properties. */
export function effectiveFormat(stylesXml: string, paragraph: XmlElement): EffectiveFormat {
  const styles = parseXml(stylesXml).children;
  const pPr = child(paragraph, 'w:pPr');
  const styleId = attr(pPr && child(pPr, 'w:pStyle'), 'w:val');
  const defaults = all(styles, 'w:docDefaults')[0];
  const run = all(paragraph, 'w:r')[0];
  const layers: { pPr?: XmlElement; rPr?: XmlElement }[] = [
    { pPr: defaults && all(defaults, 'w:pPr')[0], rPr: defaults && all(defaults, 'w:rPr')[0] },
    ...paragraphStyleChain(styles, styleId).map((s) => ({ pPr: child(s, 'w:pPr'), rPr: child(s, 'w:rPr') })),
    { pPr },
    { rPr: run && child(run, 'w:rPr') },
  ];
  const format: EffectiveFormat = {};
  for (const { pPr: p, rPr: r } of layers) {
    const fonts = r && child(r, 'w:rFonts');
    if (attr(fonts, 'w:eastAsia')) format.eastAsia = attr(fonts, 'w:eastAsia');
    if (attr(fonts, 'w:ascii')) format.ascii = attr(fonts, 'w:ascii');
    const sz = attr(r && child(r, 'w:sz'), 'w:val');
    if (sz) format.size = sz;
    const jc = attr(p && child(p, 'w:jc'), 'w:val');
    if (jc) format.alignment = jc;
    const firstLine = attr(p && child(p, 'w:ind'), 'w:firstLine');
    if (firstLine) format.firstLine = firstLine;
    const spacing = p && child(p, 'w:spacing');
    if (attr(spacing, 'w:line')) {
      format.line = attr(spacing, 'w:line');
      format.lineRule = attr(spacing, 'w:lineRule') ?? 'auto';
    }
  }
  return format;
}
