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
/** Words that make an 申请 some other kind of request than a disclosure application. */
const NOT_DISCLOSURE = '复议|诉讼|投诉|举报|信访|咨询|仲裁|赔偿';
/** Like GAP, but never across one of NOT_DISCLOSURE: "收到行政复议申请3件" is no disclosure application. */
const APPLY_GAP = `(?:(?!${NOT_DISCLOSURE})[^。；;\\d]){0,24}?`;
/** A gap inside one clause: no comma, no figure. */
const CLAUSE_GAP = (n: number) => `[^，,。；;！!？?\\d]{0,${n}}`;
/** Issuing verbs for 规范性文件; stock figures (现行有效) and repeals (废止, 清理) are not issues. */
const ISSUED = `(?:制发|制定|印发|出台|发布|新制定|新出台)(?:(?!废止|清理|有效|修改|修订)[^，,。；;\\d]){0,10}?`;

/**
 * An expression and a word that every match of it contains: most sentences lack the word, and a
 * substring search rules them out far sooner than the expression would.
 */
export interface Pattern {
  readonly needs: string;
  readonly re: RegExp;
}

const PATTERNS: readonly (Pattern & { kind: Exclude<FigureKind, 'breakdown' | 'noReviews' | 'noLawsuits'> })[] = [
  { kind: 'received', needs: '申请', re: new RegExp(`(?:收到|受理|新收|接收)${APPLY_GAP}申请${APPLY_GAP}${N}\\s*${UNIT}`) },
  { kind: 'carriedIn', needs: '结转', re: new RegExp(`上年(?:度)?结转${GAP}${N}\\s*件`) },
  { kind: 'carriedOver', needs: '结转', re: new RegExp(`结转(?:至|到)?下(?:一)?年(?:度)?${GAP}${N}\\s*件`) },
  { kind: 'handled', needs: '申请', re: new RegExp(`(?:办理|办结)${APPLY_GAP}申请${APPLY_GAP}${N}\\s*件`) },
  { kind: 'reviews', needs: '行政复议', re: new RegExp(`行政复议(?:案件|申请)?${N}\\s*件|${N}\\s*件行政复议`) },
  { kind: 'lawsuits', needs: '诉讼', re: new RegExp(`行政诉讼(?:案件)?${N}\\s*件|[，、,和及]诉讼(?:案件)?${N}\\s*件|${N}\\s*件行政诉讼`) },
  { kind: 'normativeIssued', needs: '规范性文件', re: new RegExp(`${ISSUED}规范性文件\\s*${N}\\s*(?:件|条|份)`) },
];

/** "None" statements, one clause long: "未收到…行政复议", "无…行政诉讼" (but not 无法, 无论, 无须). */
const NONE = `(?:未收到|没有收到|未发生|未出现|没有发生|未有|无(?!法|论|须|需|偿))`;
const NO_REVIEWS: Pattern = { needs: '行政复议', re: new RegExp(`${NONE}${CLAUSE_GAP(20)}行政复议`) };
const NO_LAWSUITS: Pattern = { needs: '诉讼', re: new RegExp(`${NONE}${CLAUSE_GAP(24)}(?:行政)?诉讼`) };
const BREAKDOWN: Pattern = { needs: '其中', re: new RegExp(`${N}\\s*${UNIT}[（(，,]?其中[：:，,]?([^）)。]*)`) };
const PART = new RegExp(`${N}\\s*${UNIT}`, 'g');

/** Every expression the figures are read with (a test holds each to its `needs`). */
export const NARRATIVE_PATTERNS: readonly Pattern[] = [...PATTERNS, NO_REVIEWS, NO_LAWSUITS, BREAKDOWN];

/** Every word some pattern needs: most texts hold none of them, and are not even split into sentences. */
const NEEDED_WORDS = [...new Set(NARRATIVE_PATTERNS.map((p) => p.needs))];

/** The match of a pattern in a sentence, looked for only when the sentence has the word it needs. */
function matchIn(sentence: string, { needs, re }: Pattern): RegExpExecArray | null {
  return sentence.includes(needs) ? re.exec(sentence) : null;
}

/** Where a sentence ends: after 。；;！!？? (kept with it) or at a line break (dropped). */
const SENTENCE_END = /[。；;！!？?\n]/g;
const LINE_FEED = 0x0a;

function addTrimmed(sentences: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed) sentences.push(trimmed);
}

/** A text's sentences, trimmed, empty ones left out. */
export function sentences(text: string): string[] {
  const found: string[] = [];
  let start = 0;
  let end: RegExpExecArray | null;
  SENTENCE_END.lastIndex = 0;
  while ((end = SENTENCE_END.exec(text))) {
    const at = end.index;
    addTrimmed(found, text.slice(start, text.charCodeAt(at) === LINE_FEED ? at : at + 1));
    start = at + 1;
  }
  addTrimmed(found, text.slice(start));
  return found;
}

function firstNumber(match: RegExpExecArray): number | undefined {
  const group = match.slice(1).find((g) => g !== undefined);
  return group === undefined ? undefined : Number(group);
}

/** The narrative fields of a report with the section each belongs to. */
export function narrativeFields(report: Report): { field: string; section: SectionNo | ''; text: string }[] {
  const fields: { field: string; section: SectionNo | ''; text: string }[] = [
    { field: 'intro', section: '', text: report.intro },
    { field: 'overview.lead', section: '一', text: report.overview.lead },
  ];
  // Pushed, not spread: an empty list of blocks is an array of another kind, which met late costs a recompile (see figure).
  report.overview.blocks.forEach((b, i) => fields.push({ field: `overview.blocks[${i}].text`, section: '一', text: b.text }));
  fields.push(
    { field: 'tableNotes.active', section: '二', text: report.tableNotes.active },
    { field: 'tableNotes.applications', section: '三', text: report.tableNotes.applications },
    { field: 'tableNotes.appeals', section: '四', text: report.tableNotes.appeals },
  );
  return fields;
}

/**
 * Every figure has every property, in one order: objects of one shape, which the checker's
 * optimised code keeps to (an object of a shape it has not met makes the engine compile it again).
 */
const figure = (kind: FigureKind, value: number, at: Omit<NarrativeFigure, 'kind' | 'value' | 'parts'>, parts?: readonly number[]): NarrativeFigure => ({
  kind,
  value,
  parts,
  sentence: at.sentence,
  field: at.field,
  section: at.section,
});

export function extractNarrativeFigures(report: Report): NarrativeFigure[] {
  const figures: NarrativeFigure[] = [];
  for (const { field, section, text } of narrativeFields(report)) {
    if (!NEEDED_WORDS.some((word) => text.includes(word))) continue;
    for (const sentence of sentences(text)) {
      const at = { sentence, field, section };
      for (const pattern of PATTERNS) {
        const m = matchIn(sentence, pattern);
        const value = m ? firstNumber(m) : undefined;
        if (value !== undefined) figures.push(figure(pattern.kind, value, at));
      }
      if (matchIn(sentence, NO_REVIEWS)) figures.push(figure('noReviews', 0, at));
      if (matchIn(sentence, NO_LAWSUITS)) figures.push(figure('noLawsuits', 0, at));
      const breakdown = matchIn(sentence, BREAKDOWN);
      if (breakdown?.[1] && breakdown[2]) {
        const parts = [...breakdown[2].matchAll(PART)].map((p) => Number(p[1]));
        if (parts.length >= 2) figures.push(figure('breakdown', Number(breakdown[1]), at, parts));
      }
    }
  }
  return figures;
}
