import type { SectionNo } from '../model/format';
import type { Report } from '../model/report';

/**
 * Figures that a report's texts state (spec §2 S6): "收到申请 N 件", "办理/办结 N 件",
 * "行政复议 N 件", "行政诉讼 N 件", "规范性文件 N 件", "未收到…复议…诉讼" and "其中 a…b…" breakdowns.
 * Deliberately conservative: a sentence that does not match a known pattern states nothing.
 */
export type FigureKind =
  | 'received'
  | 'handled'
  | 'carriedIn'
  | 'carriedOver'
  | 'reviews'
  | 'lawsuits'
  | 'normativeIssued'
  | 'noReviews'
  | 'noLawsuits'
  | 'breakdown';

export interface NarrativeFigure {
  readonly kind: FigureKind;
  readonly value: number;
  /** breakdown only: the parts that should add up to `value`. */
  readonly parts?: readonly number[];
  readonly sentence: string;
  /** Report field the sentence is in, e.g. overview.blocks[1].text. */
  readonly field: string;
  readonly section: SectionNo | '';
}

const N = '(\\d+)';
const UNIT = '(?:件|条|个|宗|起|部|份)';
const GAP = '[^。；;\\d]{0,24}?';

const PATTERNS: readonly { kind: Exclude<FigureKind, 'breakdown' | 'noReviews' | 'noLawsuits'>; re: RegExp }[] = [
  { kind: 'received', re: new RegExp(`(?:收到|受理|新收|接收)${GAP}申请${GAP}${N}\\s*${UNIT}`) },
  { kind: 'carriedIn', re: new RegExp(`上年(?:度)?结转${GAP}${N}\\s*件`) },
  { kind: 'carriedOver', re: new RegExp(`结转(?:至|到)?下(?:一)?年(?:度)?${GAP}${N}\\s*件`) },
  { kind: 'handled', re: new RegExp(`(?:办理|办结)${GAP}申请${GAP}${N}\\s*件`) },
  { kind: 'reviews', re: new RegExp(`行政复议(?:案件|申请)?${N}\\s*件|${N}\\s*件行政复议`) },
  { kind: 'lawsuits', re: new RegExp(`行政诉讼(?:案件)?${N}\\s*件|[，、,和及]诉讼(?:案件)?${N}\\s*件|${N}\\s*件行政诉讼`) },
  { kind: 'normativeIssued', re: new RegExp(`(?<!行政)规范性文件\\s*${N}\\s*(?:件|条|份)|行政规范性文件\\s*${N}\\s*(?:件|条|份)`) },
];

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！!？?])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function firstNumber(match: RegExpExecArray): number | undefined {
  const group = match.slice(1).find((g) => g !== undefined);
  return group === undefined ? undefined : Number(group);
}

/** The narrative fields of a report with the section each belongs to. */
export function narrativeFields(report: Report): { field: string; section: SectionNo | ''; text: string }[] {
  return [
    { field: 'intro', section: '', text: report.intro },
    { field: 'overview.lead', section: '一', text: report.overview.lead },
    ...report.overview.blocks.map((b, i) => ({ field: `overview.blocks[${i}].text`, section: '一' as const, text: b.text })),
    { field: 'tableNotes.active', section: '二', text: report.tableNotes.active },
    { field: 'tableNotes.applications', section: '三', text: report.tableNotes.applications },
    { field: 'tableNotes.appeals', section: '四', text: report.tableNotes.appeals },
  ];
}

export function extractNarrativeFigures(report: Report): NarrativeFigure[] {
  const figures: NarrativeFigure[] = [];
  for (const { field, section, text } of narrativeFields(report)) {
    for (const sentence of sentences(text)) {
      const at = { sentence, field, section };
      for (const { kind, re } of PATTERNS) {
        const m = re.exec(sentence);
        const value = m ? firstNumber(m) : undefined;
        if (value !== undefined) figures.push({ kind, value, ...at });
      }
      if (/(?:未收到|没有收到|未发生|无)[^。；\d]{0,20}行政复议/.test(sentence)) figures.push({ kind: 'noReviews', value: 0, ...at });
      if (/(?:未收到|没有收到|未发生|无)[^。；\d]{0,24}(?:行政)?诉讼/.test(sentence)) figures.push({ kind: 'noLawsuits', value: 0, ...at });
      const breakdown = new RegExp(`${N}\\s*${UNIT}[（(，,]?其中[：:，,]?([^）)。]*)`).exec(sentence);
      if (breakdown?.[1] && breakdown[2]) {
        const parts = [...breakdown[2].matchAll(new RegExp(`${N}\\s*${UNIT}`, 'g'))].map((p) => Number(p[1]));
        if (parts.length >= 2) figures.push({ kind: 'breakdown', value: Number(breakdown[1]), parts, ...at });
      }
    }
  }
  return figures;
}
