import * as OpenCC from 'opencc-js/t2cn';

/**
 * Normalisation of published text before anything is matched: traditional → simplified,
 * pinyin junk removed, punctuation made full-width next to Chinese, odd spaces unified.
 * Published reports are often traditional or half-width (spec: "Normalise them before matching").
 */

let converter: ((text: string) => string) | undefined;
function toSimplified(text: string): string {
  converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return converter(text);
}

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;

/**
 * Share of Han characters that t2cn would change. Simplified text scores 0 (a stray 著 is not
 * enough), traditional text well above 10 %; converting simplified text would damage 显著.
 */
export function traditionalShare(text: string): number {
  const han = text.match(HAN_G) ?? [];
  if (han.length === 0) return 0;
  const converted = [...toSimplified(han.join(''))];
  const changed = han.filter((ch, i) => converted[i] !== ch);
  // A few distinct characters such as 著 are also simplified; real traditional text has many.
  return new Set(changed).size < 3 ? 0 : changed.length / han.length;
}

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** Pinyin inserted after a character by some publishing systems: 关(guān), 区（qū）. */
const PINYIN_JUNK = new RegExp(`(?<=\\p{Script=Han})\\s?[(（][a-zü]*[${TONED}][a-zü]*[)）]`, 'gu');

export function stripPinyinJunk(text: string): string {
  return text.replace(PINYIN_JUNK, '');
}

const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】…—';
const NEAR = `\\p{Script=Han}${CJK_PUNCT}`;

/** Half-width punctuation next to Chinese becomes full-width; "1,234", "12:30" and URLs stay. */
export function fullWidthPunctuation(text: string): string {
  let out = text
    .replace(new RegExp(`(?<=[${NEAR}])\\s*,|,(?=\\s*[${NEAR}])`, 'gu'), '，')
    .replace(new RegExp(`(?<=[${NEAR}])\\s*;|;(?=\\s*[${NEAR}])`, 'gu'), '；')
    .replace(new RegExp(`(?<=[${NEAR}])\\s*:|:(?=\\s*[${NEAR}])`, 'gu'), '：')
    .replace(new RegExp(`(?<=[${NEAR}])\\?|\\?(?=[${NEAR}])`, 'gu'), '？')
    .replace(new RegExp(`(?<=[${NEAR}])!|!(?=[${NEAR}])`, 'gu'), '！');
  // Parentheses as a pair: Chinese inside, or Chinese right outside.
  out = out.replace(/\(([^()\n]*)\)/g, (whole, inner: string, offset: number) => {
    const before = out[offset - 1] ?? '';
    const after = out[offset + whole.length] ?? '';
    const near = new RegExp(`[${NEAR}]`, 'u');
    return HAN.test(inner) || near.test(before) || near.test(after) ? `（${inner}）` : whole;
  });
  return out;
}

/** Full-width digits and letters, ideographic and no-break spaces, odd dashes and line ends. */
function unifyCharacters(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u00A0\u2002-\u200A\u3000\u202F\u205F]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\uFF0E/g, '.')
    .replace(/\t/g, ' ');
}

export interface NormalizeInfo {
  /** The text was traditional and has been converted. */
  readonly converted: boolean;
  /** Pinyin junk such as 关(guān) was removed. */
  readonly pinyinRemoved: number;
}

/** Share of changed characters above which a text is taken to be traditional. */
const TRADITIONAL_THRESHOLD = 0.03;

/** Normalises a whole published text (line breaks kept). */
export function normalizeText(text: string, traditional?: boolean): { text: string; info: NormalizeInfo } {
  let out = unifyCharacters(text);
  const pinyinRemoved = out.match(PINYIN_JUNK)?.length ?? 0;
  out = stripPinyinJunk(out);
  const converted = traditional ?? traditionalShare(out) >= TRADITIONAL_THRESHOLD;
  if (converted) out = toSimplified(out);
  out = fullWidthPunctuation(out);
  return { text: out, info: { converted, pinyinRemoved } };
}

/** Removes spaces between Chinese characters or punctuation ("商业 企业", "。 一是"), trims. */
export function tidyText(text: string): string {
  return text
    .replace(new RegExp(`(?<=[${NEAR}])[ ]+|[ ]+(?=[${NEAR}])`, 'gu'), '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Matching key of a label: only Han characters, ASCII letters and digits, with Chinese
 * ordinals kept ("（一）予以公开" → "一予以公开", "1.属于国家秘密" → "1属于国家秘密").
 */
export function labelKey(text: string): string {
  return text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
}

/** Levenshtein distance, for mapping misspelt labels to official ones. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Similarity 0…1 between two label keys. */
export function similarity(a: string, b: string): number {
  const n = Math.max([...a].length, [...b].length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}
