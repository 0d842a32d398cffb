import type { Report } from '../model/report';
import { OVERVIEW_TOPIC_LABELS } from '../model/report';
import { cleanText } from '../model/text';

export { cleanText };

/**
 * Words the published report prints that the wizard shows too (sub-headings, their numbers), so the
 * clerk sees in the form exactly the numbering and headings the outputs will carry.
 */

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; from 100 on, Arabic digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  const head = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return head + (units === 0 ? '' : DIGITS[units]);
}

/** Every kind of line break: CR LF, CR, LF, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
export const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

const BREAKS_AROUND = new RegExp(`\\s*(?:${LINE_BREAK.source})[\\s\\u2028\\u2029\\u0085]*`, 'g');

/** A text that must stay on one line (title, sub-heading, signature, cell): every line break becomes one space. */
export function oneLine(text: string): string {
  return cleanText(text.replace(BREAKS_AROUND, ' ')).trim();
}

/** Splits a text area into paragraphs: one per non-empty line, surrounding spaces removed. */
export function paragraphs(text: string): string[] {
  return text
    .split(LINE_BREAK)
    .map((line) => cleanText(line).replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0);
}

/** The sub-heading a block of section 一 is printed under. */
export interface OverviewHeading {
  readonly text: string;
  /** False for a block with neither a title nor a text: it is left out of the outputs. */
  readonly printed: boolean;
}

/**
 * The sub-heading of each block of section 一. Blocks left out take no number, so the blocks after
 * them move up; a block left out is named without a number (several empty blocks in a row would
 * otherwise all show the number of the next printed one).
 */
export function overviewHeadings(blocks: Report['overview']['blocks']): OverviewHeading[] {
  let count = 0;
  return blocks.map((b) => {
    // As printed: a title or text of spaces and invisible characters alone prints nothing.
    const printed = oneLine(b.title).length > 0 || paragraphs(b.text).length > 0;
    const name = oneLine(b.title) || OVERVIEW_TOPIC_LABELS[b.topic];
    if (!printed) return { text: name, printed };
    count += 1;
    return { text: `（${chineseNumeral(count)}）${name}`, printed };
  });
}

/** The two parts of section 五 for report year `year` (2021 format; the 2019 format has no fixed parts). */
export function problemHeadings(year: number): { readonly lastYear: string; readonly thisYear: string } {
  return {
    lastYear: `（一）${year - 1}年度存在的问题及改进情况`,
    thisYear: `（二）${year}年度存在的问题及${year + 1}年度改进举措`,
  };
}
