import type { FileChild } from 'docx';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';
import { FONT, PAGE, SIZE, STYLES, STYLE_ID } from './docx-style';
import { buildTable } from './docx-table';
import type { BlockView, ReportView, SectionView } from './view-model';
import { cleanText } from './view-model';

/**
 * The report as a docx `Document` (STYLE.md point 7): pure, no packing. The CLI packs it with
 * `Packer.toBuffer`, the browser with `Packer.toBlob`.
 */

// toViewModel already cleans its texts; a view built elsewhere must not break the XML either.
const run = (text: string) => new TextRun(cleanText(text));

const titleOf = (text: string) => new Paragraph({ heading: HeadingLevel.TITLE, children: [run(text)] });
const heading1 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(text)] });
const heading2 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(text)] });
const bodyText = (text: string) => new Paragraph({ style: STYLE_ID.body, children: [run(text)] });
const signatureLine = (text: string) => new Paragraph({ style: STYLE_ID.signature, children: [run(text)] });
const blankLine = () => new Paragraph({ style: STYLE_ID.body, children: [] });

function blockOf(block: BlockView): FileChild {
  switch (block.kind) {
    case 'subheading':
      return heading2(block.text);
    case 'paragraph':
      return bodyText(block.text);
    case 'table':
      return buildTable(block.table);
  }
}

const sectionOf = (section: SectionView): FileChild[] => [heading1(section.heading), ...section.blocks.map(blockOf)];

/** One 四号 character (14 pt), in twips. */
const SIHAO_CHARACTER = SIZE.sihao * 10;

/**
 * 「— N —」 at the foot, as GB/T 9704 §7.5 places page numbers: 四号 half-width 宋体 digits, odd
 * pages at the right and even pages at the left, one character in from the edge of the text.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: SIHAO_CHARACTER } : { left: SIHAO_CHARACTER },
        spacing: { line: 240, before: 0, after: 0 },
        children: [
          new TextRun({ font: FONT.pageNumber, size: SIZE.sihao, children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'] }),
        ],
      }),
    ],
  });
}

export function buildDocx(vm: ReportView): Document {
  // The file's properties name the agency as author (the docx default is "Un-named"): portals often
  // publish the .docx itself, and its properties are shown.
  const author = cleanText(vm.agency) || cleanText(vm.title);
  return new Document({
    title: cleanText(vm.title),
    creator: author,
    lastModifiedBy: author,
    styles: STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.footer,
              gutter: 0,
            },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          titleOf(vm.title),
          ...vm.intro.map(bodyText),
          ...vm.sections.flatMap(sectionOf),
          blankLine(),
          ...vm.signature.map(signatureLine),
        ],
      },
    ],
  });
}
