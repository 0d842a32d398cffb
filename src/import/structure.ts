import type { SectionNo } from '../model/format';
import { HEADINGS } from '../model/format-common';
import { SECTION_NOS } from './labels';
import { labelKey, similarity, tidyText } from './normalize';
import type { ImportDiagnostic, SourceCell, SourceLine } from './types';

/**
 * The outline of a published report: what comes before 一 (title, dates, intro), the six
 * sections by their headings, and the closing signature (agency, date).
 */

export interface Section {
  readonly no: SectionNo;
  /** The heading as published. */
  readonly heading: string;
  readonly lines: SourceLine[];
}

export interface Outline {
  readonly preamble: readonly SourceLine[];
  readonly sections: Partial<Record<SectionNo, Section>>;
  readonly signature: { readonly agency?: string; readonly date?: string };
  readonly diagnostics: ImportDiagnostic[];
}

/** Website furniture that is not part of any report. */
const JUNK_PATTERNS = [
  /返回顶部|打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫在手机|字体[：:]?\s*[【[]?\s*[大中小]|\[\s*字体/,
  /版权所有|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|联系我们|网站地图|无障碍浏览|登录\s*注册/,
  /^(?:首页|当前位置|您的位置|您现在的位置).*(?:->|>|»|＞)/,
  /^[-—–]\s*\d+\s*[-—–]$/,
  /^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$/,
  // Copyright in any case, spelt out: the union below has no `i` flag (ICP备 is matched as written).
  /^(?:主办|承办|协办|地址|电话|邮编|传真)[：:]|^[Cc][Oo][Pp][Yy][Rr][Ii][Gg][Hh][Tt]|©/,
  /^\d+\s*\/\s*\d+$/,
];

/** All of JUNK_PATTERNS as one pattern: a line is scanned once, not once per pattern. */
const JUNK = new RegExp(JUNK_PATTERNS.map((re) => `(?:${re.source})`).join('|'));

const BARS_ONLY = /^[|\s]+$/;
const PUBLISHED_DATE = /(?:发布|成文)?(?:日期|时间)[：:]\s*\d{4}/;

export function isJunkLine(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  // Trimmed, a line of bars and spaces starts with a bar.
  if (t.charCodeAt(0) === 0x7c && BARS_ONLY.test(t)) return true;
  if (PUBLISHED_DATE.test(t)) return false;
  return JUNK.test(t);
}

/** A line's text: its filled cells joined by spaces, or its text. */
function lineText(line: SourceLine): string {
  if (!line.cells) return line.text;
  let text = '';
  for (const { text: cell } of line.cells) if (cell) text = text ? `${text} ${cell}` : cell;
  return text;
}

function filledCells(cells: readonly SourceCell[]): number {
  let count = 0;
  for (const cell of cells) if (cell.text) count++;
  return count;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where an official heading stands inside a text line after a space ("。 一、总体情况 2022年…"). */
const INLINE_HEADING = new RegExp(`\\s(?=(?:${SECTION_NOS.map((no) => escapeRe(HEADINGS[no])).join('|')})(?:\\s|$))`, 'u');

/**
 * The lines that are not website furniture, text lines split at inline headings, each with its
 * text (lineText, computed once here).
 */
function contentLines(input: readonly SourceLine[]): { lines: SourceLine[]; texts: string[] } {
  const lines: SourceLine[] = [];
  const texts: string[] = [];
  for (const line of input) {
    const text = lineText(line);
    if (isJunkLine(text)) continue;
    if (line.cells) {
      lines.push(line);
      texts.push(text);
      continue;
    }
    let rest = text;
    let m: RegExpExecArray | null;
    while ((m = INLINE_HEADING.exec(rest)) !== null) {
      const before = rest.slice(0, m.index);
      lines.push({ text: before });
      texts.push(before);
      rest = rest.slice(m.index + m[0].length);
    }
    // A line without an inline heading is kept as it is (lines are never changed in place).
    lines.push(rest === line.text ? line : { ...line, text: rest });
    texts.push(rest);
  }
  return { lines, texts };
}

const HEADING_KEYS = Object.fromEntries(SECTION_NOS.map((no) => [no, labelKey(HEADINGS[no])])) as Record<SectionNo, string>;

/** The first character a label key keeps (labelKey). */
const FIRST_KEY_CHARACTER = /[\p{Script=Han}A-Za-z0-9]/u;

/** Heading match: exact (after normalisation), or close enough to be a misspelt heading. */
function headingOf(text: string, expected: readonly SectionNo[]): { no: SectionNo; rest: string; exact: boolean } | undefined {
  const t = text.trim();
  // Every way of matching below needs the line's key to start with an expected ordinal (一 of 一总体情况):
  // most lines are ruled out here, without their key.
  const first = FIRST_KEY_CHARACTER.exec(t)?.[0];
  if (first === undefined || !expected.includes(first as SectionNo)) return undefined;
  let key: string | undefined;
  for (const no of expected) {
    const heading = HEADINGS[no];
    if (t.startsWith(heading) && (t.length === heading.length || ' ：。'.includes(t.charAt(heading.length)))) {
      return { no, rest: t.slice(heading.length).replace(/^[\s：。]+/, ''), exact: true };
    }
    key ??= labelKey(t);
    if (key === HEADING_KEYS[no]) return { no, rest: '', exact: true };
  }
  // A misspelt heading: short line, same ordinal, mostly the same words.
  const ordinal = /^([一二三四五六])[、.．]/.exec(t)?.[1];
  const no = expected.find((n) => n === ordinal);
  if (no && t.length <= 30 && !/[。，]/.test(t) && similarity(key ?? labelKey(t), HEADING_KEYS[no]) >= 0.6) {
    return { no, rest: '', exact: false };
  }
  return undefined;
}

const DATE_LINE = /^(?:(?:发布|成文|印发)?(?:日期|时间)[：:]?\s*)?(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?$/;

export function isoDate(y: string, m: string, d: string): string | undefined {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

export function outline(input: readonly SourceLine[]): Outline {
  const diagnostics: ImportDiagnostic[] = [];
  const { lines, texts } = contentLines(input);

  const sections: Partial<Record<SectionNo, Section>> = {};
  const preamble: SourceLine[] = [];
  let current: Section | undefined;
  /** The headings that may still come: those after the last one found. */
  let expected = SECTION_NOS;
  for (const [i, line] of lines.entries()) {
    const text = texts[i] ?? '';
    const simple = !line.cells || filledCells(line.cells) <= 1;
    const heading = simple ? headingOf(text, expected) : undefined;
    // In 三, table rows such as 四、结转下年度继续办理 are not headings.
    if (heading && !(heading.exact === false && current?.no === '三' && line.cells)) {
      const index = SECTION_NOS.indexOf(heading.no);
      current = { no: heading.no, heading: text.slice(0, text.length - heading.rest.length).trim(), lines: [] };
      sections[heading.no] = current;
      if (!heading.exact) {
        diagnostics.push({
          code: 'H7',
          severity: 'error',
          section: heading.no,
          message: `${heading.no}：标题“${current.heading}”应为“${HEADINGS[heading.no]}”`,
        });
      }
      expected = SECTION_NOS.slice(index + 1);
      if (heading.rest) current.lines.push({ text: heading.rest });
      continue;
    }
    if (current) current.lines.push(line);
    else preamble.push(line);
  }

  const signature = takeSignature(sections);
  for (const no of SECTION_NOS) {
    if (!sections[no]) {
      diagnostics.push({ code: 'H7', severity: 'error', section: no, message: `缺少第${no}部分“${HEADINGS[no]}”` });
    }
  }
  return { preamble, sections, signature, diagnostics };
}

/** The closing agency line and date line at the end of the last section. */
function takeSignature(sections: Partial<Record<SectionNo, Section>>): Outline['signature'] {
  const last = [...SECTION_NOS].reverse().find((no) => sections[no]);
  const lines = last ? sections[last]?.lines : undefined;
  if (!lines) return {};
  const signature: { agency?: string; date?: string } = {};
  const trimEnd = () => {
    while (lines.length && lineText(lines[lines.length - 1] as SourceLine).trim() === '') lines.pop();
  };
  trimEnd();
  // The date line may be followed by a few short lines of page furniture.
  for (let back = 1; back <= 4 && back <= lines.length; back++) {
    const line = lines[lines.length - back] as SourceLine;
    const text = tidyText(lineText(line));
    const date = line.cells ? null : DATE_LINE.exec(text);
    const iso = date ? isoDate(date[1] ?? '', date[2] ?? '', date[3] ?? '') : undefined;
    if (iso) {
      signature.date = iso;
      lines.splice(lines.length - back);
      trimEnd();
      break;
    }
    if (text.length > 30 || /[。；]/.test(text)) break;
  }
  const before = lines[lines.length - 1];
  const agency = before && !before.cells ? tidyText(before.text) : '';
  if (agency && agency.length <= 30 && !/[，。；：,;:！？、]/.test(agency) && /\p{Script=Han}{3,}/u.test(agency) && (signature.date || AGENCY_END.test(agency))) {
    signature.agency = agency;
    lines.pop();
  }
  return signature;
}

export const AGENCY_END = /(?:人民政府|政府|办公厅|办公室|委员会|局|厅|委|办|署|院|中心|管委会|街道办事处|办事处|省|市|县|区|旗|镇|乡)$/;

/** Text lines → paragraphs: lines broken inside a sentence are joined, spaces between Chinese removed. */
export function paragraphsOf(lines: readonly SourceLine[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    const text = tidyText(lineText(line));
    if (!text) {
      open = false;
      continue;
    }
    const previous = out[out.length - 1];
    const joins = open || (line.continued === true && previous !== undefined && !isStandaloneSubheading(previous));
    if (joins && previous !== undefined && !startsWithMarker(text)) {
      out[out.length - 1] = previous + text;
    } else {
      out.push(text);
    }
    const joined = out[out.length - 1] ?? '';
    open = !/[。！？；：:;!?”’）)》…]$/.test(joined) && !isStandaloneSubheading(joined) && /[\p{Script=Han}，、\d]$/u.test(joined);
  }
  return out;
}

const MARKER = /^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])/;

function startsWithMarker(text: string): boolean {
  return MARKER.test(text);
}

function isStandaloneSubheading(text: string): boolean {
  return MARKER.test(text) && text.length <= 40 && !/[。；]./.test(text);
}
