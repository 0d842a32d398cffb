import type { OverviewBlock, OverviewTopic } from '../model/report';
import { scaleDecimal } from './cell-values';
import { labelKey, tidyText } from './normalize';
import { AGENCY_END, isoDate, paragraphsOf } from './structure';
import type { SourceLine } from './types';

/** The narrative fields of a report, cut out of the published paragraphs. */

// ───────────────────────────── before 一 ─────────────────────────────

export interface Preamble {
  /** Agency and year as the title line states them. */
  readonly titleAgency?: string;
  readonly titleYear?: number;
  /** A short line naming an agency (page header such as 定海区人民政府). */
  readonly headerAgency?: string;
  /** A date in the page's metadata (时间：2024年02月18日). */
  readonly date?: string;
  readonly intro: string;
}

const TITLE = /^(.*?)(\d{4})\s*年度?(.*?)政府信息公开(?:工作)?年度?报告$/;
const DATE_IN_LINE = /(?:(?:发布|成文)?(?:日期|时间)[：:]?\s*)?(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?/;

export function readPreamble(lines: readonly SourceLine[]): Preamble {
  let titleAgency: string | undefined;
  let titleYear: number | undefined;
  let headerAgency: string | undefined;
  let date: string | undefined;
  const intro: SourceLine[] = [];
  const texts = lines.filter((l) => !l.cells).map((l) => tidyText(l.text));
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    if (!text) continue;
    // A long title may wrap onto the next line.
    const next = texts[i + 1] ?? '';
    const wrapped = () => (text.length < 40 && !TITLE.test(next) ? TITLE.exec(`${text}${next}`) : null);
    const title = titleYear === undefined ? (TITLE.exec(text) ?? wrapped()) : null;
    if (title) {
      if (!TITLE.test(text)) i++;
      titleYear = Number(title[2]);
      const agency = `${title[1] ?? ''}${title[3] ?? ''}`.replace(/关于|的$/g, '').trim();
      if (agency) titleAgency = agency;
      continue;
    }
    const isSentence = /[。，；]/.test(text) && text.length >= 15;
    if (!isSentence) {
      const d = DATE_IN_LINE.exec(text);
      if (d && text.length <= 60) {
        date ??= isoDate(d[1] ?? '', d[2] ?? '', d[3] ?? '');
        continue;
      }
      if (text.length <= 30 && AGENCY_END.test(text) && /^\p{Script=Han}+$/u.test(text)) {
        headerAgency ??= text;
        continue;
      }
      // Short fragments without a sentence (page furniture) are not part of the intro.
      if (text.length < 15) continue;
    }
    intro.push({ text });
  }
  return {
    ...(titleAgency ? { titleAgency } : {}),
    ...(titleYear ? { titleYear } : {}),
    ...(headerAgency ? { headerAgency } : {}),
    ...(date ? { date } : {}),
    intro: paragraphsOf(intro).join('\n'),
  };
}

// ───────────────────────────── 一 ─────────────────────────────

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

const TOPICS: readonly [OverviewTopic, RegExp][] = [
  ['proactive', /主动公开/],
  ['onRequest', /依申请/],
  ['management', /信息管理/],
  ['platform', /平台/],
  ['oversight', /监督|保障|考核|责任追究/],
];

export function topicOf(title: string, text: string): OverviewTopic {
  for (const [topic, re] of TOPICS) if (re.test(title)) return topic;
  if (!title) for (const [topic, re] of TOPICS) if (re.test(text.slice(0, 30))) return topic;
  return 'other';
}

const INLINE_MARKER = /(?<=[。；！？])\s*(?=（[一二三四五六七八九十]+）)/u;
/** Whether INLINE_MARKER occurs, found forwards: much quicker than a look-behind tried at every place. */
const HAS_INLINE_MARKER = /[。；！？]\s*（[一二三四五六七八九十]+）/u;

/** Paragraphs with inline sub-heads ("… 。 （二）坚持…") split before each sub-head in sequence. */
function splitInlineMarkers(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (HAS_INLINE_MARKER.test(p)) out.push(...p.split(INLINE_MARKER));
    else out.push(p);
  }
  return out;
}

/** The marker of each block's sub-head in turn: （一）, （二）, … */
const BLOCK_MARKERS = CN_ORDINALS.map((ordinal) => new RegExp(`^[（(]${ordinal}[）)][、.]?\\s*`));

export function readOverview(lines: readonly SourceLine[]): { lead: string; blocks: OverviewBlock[] } {
  const paragraphs = splitInlineMarkers(paragraphsOf(lines));
  const lead: string[] = [];
  const blocks: { title: string; text: string[] }[] = [];
  for (const p of paragraphs) {
    const marker = BLOCK_MARKERS[blocks.length]?.exec(p) ?? null;
    if (marker) {
      const rest = p.slice(marker[0].length);
      const stop = /[。：:]/.exec(rest);
      if (!stop && rest.length <= 40) {
        blocks.push({ title: rest.trim(), text: [] });
      } else if (stop && stop.index <= 40) {
        const body = rest.slice(stop.index + 1).trim();
        blocks.push({ title: rest.slice(0, stop.index).trim(), text: body ? [body] : [] });
      } else {
        blocks.push({ title: '', text: [rest] });
      }
      continue;
    }
    const block = blocks[blocks.length - 1];
    if (block) block.text.push(p);
    else lead.push(p);
  }
  return {
    lead: lead.join('\n'),
    blocks: blocks.map((b) => {
      const text = b.text.join('\n');
      return { topic: topicOf(b.title, text), title: b.title, text };
    }),
  };
}

// ───────────────────────────── 五 ─────────────────────────────

/**
 * Last year's part only where the text has one: a sub-head naming last year (or 上年度) and
 * problems, followed by a second sub-head for this year, as in sample 002.
 */
export function readProblems(lines: readonly SourceLine[], year: number): { lastYear: string; thisYear: string } {
  const paragraphs = paragraphsOf(lines);
  const lastYearHead = new RegExp(`^[（(]一[）)].{0,6}(?:${year - 1}年|上一?年度?|去年).{0,12}(?:问题|整改|改进)`);
  const lastHead = paragraphs.findIndex((p) => p.length <= 40 && lastYearHead.test(p));
  const thisHead = paragraphs.findIndex((p, i) => i > lastHead && /^[（(]二[）)]/.test(p) && p.length <= 40);
  if (lastHead < 0 || thisHead < 0) return { lastYear: '', thisYear: paragraphs.join('\n') };
  const before = paragraphs.slice(0, lastHead);
  return {
    lastYear: [...before, ...paragraphs.slice(lastHead + 1, thisHead)].join('\n'),
    thisYear: paragraphs.slice(thisHead + 1).join('\n'),
  };
}

// ───────────────────────────── 六 ─────────────────────────────

export interface OtherMatters {
  readonly feeNotices: number | null;
  readonly feeNoticeAmount: string | null;
  readonly feeCollected: string | null;
  readonly items: string;
  /** Fee sentences kept in `items` because a figure in them could not be read: the clerk is told. */
  readonly unreadFees: string[];
  /** The sentence that said no fee was collected, when it alone gave the three fee figures as 0. */
  readonly noFees?: string;
}

/** An amount: digits with optional thousands separators and up to two decimals, in 元 or 万元. */
const AMOUNT = '(\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d{1,6})?|\\d{1,12}(?:\\.\\d{1,6})?)(?!\\d)\\s*(万?元)';
const NONE = '(?:未|无|没有|不曾|均未)';

/** An amount in 元 as an exact decimal string ("1,200" 元 → "1200", "0.12" 万元 → "1200"), or undefined past two decimals. */
export function yuan(digits: string, unit: string): string | undefined {
  const [whole = '', fraction = ''] = digits.replace(/[,，]/g, '').split('.');
  const amount = scaleDecimal(whole, fraction, unit === '万元' ? 4 : 0);
  return (amount.split('.')[1] ?? '').length > 2 ? undefined : amount;
}

interface FeeFigures {
  feeNotices?: number;
  feeNoticeAmount?: string;
  feeCollected?: string;
  /** How many of them were read from a written figure (not a 0 from "未收取…"). */
  written: number;
}

const NOTICES_NONE = new RegExp(`${NONE}[^。；]{0,12}(?:发出|开具|发放|送达)[^。；]{0,12}收费通知`);
const NOTICE_AMOUNT = new RegExp(`收费通知(?:的)?总?金额(?:为|共计?)?\\s*${AMOUNT}`);
const COLLECTED_AMOUNT = new RegExp(`实际收取(?:的)?(?:信息处理费)?总?金额(?:为|共计?)?\\s*${AMOUNT}`);
const COLLECTED_FEE = new RegExp(`(?:共|累计)?收取[^。；，0-9]{0,20}信息处理费(?:共计?|合计)?\\s*${AMOUNT}`);
/** "未收取信息处理费", "无信息处理费的收取", "信息处理费为 0 元". */
const NONE_COLLECTED = [
  new RegExp(`${NONE}[^。；]{0,12}收取[^。；]{0,20}信息处理费`),
  new RegExp(`${NONE}[^。；]{0,20}信息处理费(?:的)?收取`),
  new RegExp(`信息处理费[^。；]{0,12}(?:为|共计?)?\\s*0\\s*元`),
];

function feeFigures(sentence: string): FeeFigures {
  const figures: FeeFigures = { written: 0 };
  if (!/信息处理费|收费通知/.test(sentence)) return figures;
  const notices = /收费通知(?:书)?\s*(\d{1,15})\s*(?:件|份|次|个)/.exec(sentence) ?? /(?<!\d)(\d{1,15})\s*(?:件|份)(?:信息处理费)?收费通知/.exec(sentence);
  if (notices) {
    figures.feeNotices = Number(notices[1]);
    figures.written++;
  }
  else if (NOTICES_NONE.test(sentence)) figures.feeNotices = 0;
  const noticeAmount = NOTICE_AMOUNT.exec(sentence);
  const noticeYuan = noticeAmount && yuan(noticeAmount[1] ?? '', noticeAmount[2] ?? '');
  if (noticeYuan) {
    figures.feeNoticeAmount = noticeYuan;
    figures.written++;
  }
  const collected = COLLECTED_AMOUNT.exec(sentence) ?? COLLECTED_FEE.exec(sentence);
  const collectedYuan = collected && yuan(collected[1] ?? '', collected[2] ?? '');
  if (collectedYuan) {
    figures.feeCollected = collectedYuan;
    figures.written++;
  } else if (!collected && NONE_COLLECTED.some((re) => re.test(sentence))) {
    figures.feeCollected = '0';
  }
  return figures;
}

/** Ends a clause: a comma, except a thousands separator ("1,200"), or a stop. */
const CLAUSE_END = /[；;。！？]|(?<!\d)[,，]|[,，](?!\d{3}(?!\d))/u;
/** A clause about fees alone: what the three fee figures restate. */
const FEE_CLAUSE = /信息处理费|收费通知|收取|收费|总金额/;
/** A counted or money figure ("3件", "1,200元", "0.12万元"); a thousands comma is one figure, a clause comma ends it. */
const FIGURE = /\d(?:[\d.]*\d)?\s*(?:件|份|次|个|万?元)/g;

/**
 * Reads 六: the fee figures into their fields; the rest into `items`. A sentence is left out of
 * `items` only when the fee fields restate all of it: every clause about fees and every figure read.
 * Otherwise it is kept whole (nothing the report says is dropped), and one with a fee figure that
 * could not be read is listed in `unreadFees`.
 */
export function readOther(lines: readonly SourceLine[]): OtherMatters {
  let feeNotices: number | null = null;
  let feeNoticeAmount: string | null = null;
  let feeCollected: string | null = null;
  const unreadFees: string[] = [];
  let noneCollected: string | undefined;
  const items: string[] = [];
  const paragraphs = paragraphsOf(lines);
  for (const p of paragraphs) {
    const kept: string[] = [];
    for (const sentence of p.split(/(?<=[。；！？])/u)) {
      const figures = feeFigures(sentence);
      const { written, ...read } = figures;
      if (Object.keys(read).length === 0) {
        kept.push(sentence);
        continue;
      }
      feeNotices ??= figures.feeNotices ?? null;
      feeNoticeAmount ??= figures.feeNoticeAmount ?? null;
      feeCollected ??= figures.feeCollected ?? null;
      if (figures.feeCollected === '0' && written === 0 && Object.keys(read).length === 1) noneCollected ??= sentence.trim();
      const clauses = sentence.split(CLAUSE_END).filter((clause) => clause.trim() !== '');
      const feeClauses = clauses.filter((clause) => FEE_CLAUSE.test(clause));
      // Every written figure of a fee clause must be one read; a 0 from "未收取…" stands for none of them.
      const unread = feeClauses.reduce((n, clause) => n + (clause.match(FIGURE) ?? []).length, 0) > written;
      const onlyFees = feeClauses.length === clauses.length;
      if (unread) unreadFees.push(sentence.trim());
      if (unread || !onlyFees) kept.push(sentence);
    }
    const rest = kept.join('').trim();
    if (rest) items.push(rest);
  }
  // "未收取信息处理费" and nothing at all on notices: no fee, read as the samples' fixtures read it
  // (0 notices, 0 元), and the clerk is told.
  const notices = paragraphs.some((p) => p.includes('收费通知'));
  if (noneCollected && !notices && feeCollected === '0' && feeNotices === null && feeNoticeAmount === null) {
    return { feeNotices: 0, feeNoticeAmount: '0', feeCollected, items: items.join('\n'), unreadFees, noFees: noneCollected };
  }
  return { feeNotices, feeNoticeAmount, feeCollected, items: items.join('\n'), unreadFees };
}

// ───────────────────────────── agency and year in the body ─────────────────────────────

const PLACE = '(?:省|市|县|区|州|旗|盟|乡|镇)';

/** "2022年新晃县政府门户网站…" → 新晃县: the place whose 政府/人民政府 the text names most often. */
export function agencyInBody(text: string): string | undefined {
  const re = new RegExp(`(?:^|[^\\p{Script=Han}]|\\d{4}年|[，。；、])(\\p{Script=Han}{1,10}?${PLACE})(?:人民)?政府`, 'gu');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    const name = m[1] ?? '';
    if (name.length < 2 || /^(?:本|我|全|各|该|省|市|县|区)/.test(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The statistics period or the first "YYYY年" of the report's own text. */
export function yearInBody(intro: string, overview: string): { year: number; from: string } | undefined {
  const period = /统计期限[^。]{0,6}?(\d{4})年/.exec(intro);
  if (period?.[1]) return { year: Number(period[1]), from: period[0] };
  const first = /(?:^|[^\d])((?:19|20)\d{2})年/.exec(overview.slice(0, 200));
  if (first?.[1]) return { year: Number(first[1]), from: overview.slice(Math.max(0, (first.index ?? 0)), (first.index ?? 0) + 20) };
  return undefined;
}

export function sameKey(a: string, b: string): boolean {
  return labelKey(a) === labelKey(b);
}
