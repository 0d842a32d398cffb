import type { IStylesOptions } from 'docx';
import { AlignmentType, LineRuleType } from 'docx';

/**
 * Page geometry, fonts and paragraph styles of the DOCX report, after GB/T 9704—2012
 * (党政机关公文格式): A4, fixed margins, 22 lines of 三号仿宋 per page. What does not follow it
 * (no character grid: 27 characters a line, not 28) is listed in the README's decisions.
 */

/** 1 mm in twips (1 inch = 25.4 mm = 1440 twips). */
const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);

/** A4 and the GB/T 9704 margins (上 37, 下 35, 左 28, 右 26 mm), in twips. */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: mm(37), // 2098
  bottom: mm(35), // 1984
  left: mm(28), // 1587
  right: mm(26), // 1474
  header: mm(15),
  // The page number's dash sits 7 mm below the text area (GB/T 9704 §7.5); a 四号 line is about 5 mm tall.
  footer: mm(35 - 7 - 5),
} as const;

/** The text area: 156 mm wide, 225 mm tall. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;

/** Exact line pitch that fits 22 lines in the text area: 12756 / 22 → 579 twips (28.95 pt). */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / 22);

/** Font sizes in half-points (the unit of `w:sz`). */
export const SIZE = {
  erhao: 44, // 二号 22 pt
  sanhao: 32, // 三号 16 pt
  sihao: 28, // 四号 14 pt
  wuhao: 21, // 五号 10.5 pt
  xiaowu: 18, // 小五 9 pt
} as const;

/** One 三号 character is 16 pt = 320 twips wide. */
const CHAR = 320;

const LATIN = 'Times New Roman';

/** Latin text in Times New Roman, Chinese in the given font; the hint sends shared punctuation (“”—) to it too. */
export const fontOf = (eastAsia: string) =>
  ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia, hint: 'eastAsia' }) as const;

export const FONT = {
  title: fontOf('方正小标宋简体'),
  heading1: fontOf('黑体'),
  heading2: fontOf('楷体_GB2312'),
  body: fontOf('仿宋_GB2312'),
  // Half-width 宋体 digits (GB/T 9704 §7.5), not the Latin font of the other styles.
  pageNumber: { ascii: '宋体', hAnsi: '宋体', cs: '宋体', eastAsia: '宋体', hint: 'eastAsia' },
} as const;

/** Paragraph style ids of our own (the title and the headings use Word's built-in Title / Heading 1 / Heading 2). */
export const STYLE_ID = {
  body: 'ReportBody',
  signature: 'ReportSignature',
  tableText: 'ReportTableText',
  tableTextSmall: 'ReportTableTextSmall',
} as const;

const exactLines = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
const twoCharIndent = { firstLine: 2 * CHAR, firstLineChars: 200 } as const;
const black = '000000';

const tableText = (size: number) =>
  ({
    basedOn: 'Normal',
    run: { font: FONT.body, size },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      indent: { firstLine: 0 },
    },
  }) as const;

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT.body, size: SIZE.sanhao, language: { value: 'en-US', eastAsia: 'zh-CN' } },
      paragraph: { spacing: exactLines },
    },
    title: {
      run: { font: FONT.title, size: SIZE.erhao, color: black, bold: false },
      // A blank 三号 line between the title and the text.
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE_PITCH },
      },
    },
    heading1: {
      run: { font: FONT.heading1, size: SIZE.sanhao, color: black, bold: false },
      paragraph: { spacing: exactLines, indent: twoCharIndent, keepNext: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: FONT.heading2, size: SIZE.sanhao, color: black, bold: false },
      paragraph: { spacing: exactLines, indent: twoCharIndent, keepNext: true, outlineLevel: 1 },
    },
  },
  paragraphStyles: [
    {
      id: STYLE_ID.body,
      name: 'Report Body',
      basedOn: 'Normal',
      quickFormat: true,
      run: { font: FONT.body, size: SIZE.sanhao },
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: exactLines, indent: twoCharIndent },
    },
    {
      id: STYLE_ID.signature,
      name: 'Report Signature',
      basedOn: STYLE_ID.body,
      // GB/T 9704 §7.3.5: the date ends four characters before the right margin.
      paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: 4 * CHAR } },
    },
    { id: STYLE_ID.tableText, name: 'Report Table Text', ...tableText(SIZE.wuhao) },
    { id: STYLE_ID.tableTextSmall, name: 'Report Table Text Small', ...tableText(SIZE.xiaowu) },
  ],
};
