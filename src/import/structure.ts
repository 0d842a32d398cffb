import type { SectionNo } from '../model/format';
import { HEADINGS } from '../model/format-common';
import { SECTION_NOS } from './labels';
import { labelKey, similarity, tidyText } from './normalize';
import type { ImportDiagnostic, SourceLine } from './types';

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
const JUNK = [
  /返回顶部|打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫在手机|字体[：:]?\s*[【[]?\s*[大中小]|\[\s*字体/,
  /版权所有|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|联系我们|网站地图|无障碍浏览|登录\s*注册/,
  /^(?:首页|当前位置|您的位置|您现在的位置).*(?:->|>|»|＞)/,
  /^[-—–]\s*\d+\s*[-—–]$/,
  /^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$/,
  /^(?:主办|承办|协办|地址|电话|邮编|传真)[：:]|^Copyright|©/i,
  /^\d+\s*\/\s*\d+$/,
];

export function isJunkLine(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (/^[|\s]+$/.test(t)) return true;
  if (/(?:发布|成文)?(?:日期|时间)[：:]\s*\d{4}/.test(t)) return false;
  return JUNK.some((re) => re.test(t));
}

const lineText = (line: SourceLine): string =>
  line.cells ? line.cells.map((c) => c.text).filter(Boolean).join(' ') : line.text;

/** Splits text lines where an official heading stands inside them after a space ("。 一、总体情况 2022年…"). */
function splitInlineHeadings(lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  const pattern = new RegExp(`\\s(?=(?:${SECTION_NOS.map((no) => escapeRe(HEADINGS[no])).join('|')})(?:\\s|$))`, 'u');
  for (const line of lines) {
    if (line.cells) {
      out.push(line);
      continue;
    }
    let rest = line.text;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(rest)) !== null) {
      out.push({ text: rest.slice(0, m.index) });
      rest = rest.slice(m.index + m[0].length);
    }
    out.push({ ...line, text: rest });
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const HEADING_KEYS = Object.fromEntries(SECTION_NOS.map((no) => [no, labelKey(HEADINGS[no])])) as Record<SectionNo, string>;

/** Heading match: exact (after normalisation), or close enough to be a misspelt heading. */
function headingOf(text: string, expected: readonly SectionNo[]): { no: SectionNo; rest: string; exact: boolean } | undefined {
  const t = text.trim();
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
  const lines = splitInlineHeadings(input.filter((l) => !isJunkLine(lineText(l))));

  const sections: Partial<Record<SectionNo, Section>> = {};
  const preamble: SourceLine[] = [];
  let current: Section | undefined;
  let lastIndex = -1;
  for (const line of lines) {
    const text = lineText(line);
    const simple = !line.cells || line.cells.filter((c) => c.text).length <= 1;
    const expected = SECTION_NOS.slice(lastIndex + 1);
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
      lastIndex = index;
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
