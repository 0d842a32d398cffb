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

/** Share of changed characters above which a text is taken to be traditional. */
const TRADITIONAL_THRESHOLD = 0.03;

/**
 * The characters the tw → cn converter can change where they stand: each differs from its
 * replacement at the same place in an entry of the dictionaries the converter is built from.
 * Every entry keeps its length, so a character the converter changes is one of these, wherever
 * it stands. BMP code points as flags, astral ones in a set; null when the preset cannot be read
 * that way (then every text is converted to decide).
 */
interface Changeable {
  readonly bmp: Uint8Array;
  readonly astral: ReadonlySet<number>;
}

let changeable: Changeable | null | undefined;
function readChangeable(): Changeable | null {
  // The preset the converter is built from; its type omits the normalisation chain the converter also runs.
  const config = OpenCC.Locale.configs?.tw2s as
    | ((typeof OpenCC.Locale.configs)[string] & { readonly normalizationChain?: readonly OpenCC.DictGroup[] })
    | undefined;
  if (!config) return null;
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const dict of [...(config.normalizationChain ?? []), ...config.conversionChain].flat()) {
    // The two forms of a dictionary opencc-js reads: "from to|from to" or [from, to] pairs.
    const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
    for (const [from = '', to = ''] of entries) {
      const a = [...from];
      const b = [...to];
      // An entry that changes the length would shift every later character: no shortcut then.
      if (a.length !== b.length) return null;
      a.forEach((ch, i) => {
        if (ch === b[i]) return;
        const cp = ch.codePointAt(0) as number;
        if (cp < 0x10000) bmp[cp] = 1;
        else astral.add(cp);
      });
    }
  }
  return { bmp, astral };
}

let hanBmp: Uint8Array | undefined;
/** Whether each BMP code unit is a Han character (built once, a few milliseconds). */
function hanTable(): Uint8Array {
  if (!hanBmp) {
    hanBmp = new Uint8Array(0x10000);
    for (let unit = 0; unit < 0x10000; unit++) if ((unit < 0xd800 || unit > 0xdfff) && HAN.test(String.fromCharCode(unit))) hanBmp[unit] = 1;
  }
  return hanBmp;
}

/**
 * Whether a text is traditional: traditionalShare ≥ 3 %. Decided without converting when the
 * Han characters the converter could change are too few for that (almost every simplified text):
 * the share counts changed Han characters, and only changeable ones can change. One pass counts
 * both, by code point as traditionalShare does.
 */
export function isTraditional(text: string): boolean {
  changeable ??= readChangeable();
  if (changeable) {
    const { bmp, astral } = changeable;
    const isHan = hanTable();
    const seen = new Set<number>();
    let han = 0;
    let changeableHan = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const low = unit >= 0xd800 && unit <= 0xdbff ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
        if (!HAN.test(String.fromCodePoint(cp))) continue;
        han++;
        if (astral.has(cp)) {
          changeableHan++;
          seen.add(cp);
        }
      } else if (isHan[unit]) {
        han++;
        if (bmp[unit]) {
          changeableHan++;
          seen.add(unit);
        }
      }
    }
    if (seen.size < 3 || changeableHan < TRADITIONAL_THRESHOLD * han) return false;
  }
  return traditionalShare(text) >= TRADITIONAL_THRESHOLD;
}

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** Pinyin inserted after a character by some publishing systems: 关(guān), 区（qū）. */
const PINYIN_JUNK = new RegExp(`(?<=\\p{Script=Han})\\s?[(（][a-zü]*[${TONED}][a-zü]*[)）]`, 'gu');

/** Every pinyin junk match holds a toned vowel: without one the text has none (a cheap test first). */
const TONED_VOWEL = new RegExp(`[${TONED}]`);

function hasPinyinJunk(text: string): boolean {
  return TONED_VOWEL.test(text);
}

export function stripPinyinJunk(text: string): string {
  return hasPinyinJunk(text) ? text.replace(PINYIN_JUNK, '') : text;
}

const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】…—';
const NEAR = `\\p{Script=Han}${CJK_PUNCT}`;
const NEAR_ONE = new RegExp(`[${NEAR}]`, 'u');
const HALF_WIDTH: readonly (readonly [string, RegExp, string])[] = [
  [',', new RegExp(`(?<=[${NEAR}])\\s*,|,(?=\\s*[${NEAR}])`, 'gu'), '，'],
  [';', new RegExp(`(?<=[${NEAR}])\\s*;|;(?=\\s*[${NEAR}])`, 'gu'), '；'],
  [':', new RegExp(`(?<=[${NEAR}])\\s*:|:(?=\\s*[${NEAR}])`, 'gu'), '：'],
  ['?', new RegExp(`(?<=[${NEAR}])\\?|\\?(?=[${NEAR}])`, 'gu'), '？'],
  ['!', new RegExp(`(?<=[${NEAR}])!|!(?=[${NEAR}])`, 'gu'), '！'],
];
const PAREN_PAIR = /\(([^()\n]*)\)/g;

/** The half-width marks fullWidthPunctuation replaces. */
const MARKS: ReadonlySet<string> = new Set([...HALF_WIDTH.map(([mark]) => mark), '(']);

/** Half-width punctuation next to Chinese becomes full-width; "1,234", "12:30" and URLs stay. */
export function fullWidthPunctuation(text: string, marks: ReadonlySet<string> = MARKS): string {
  let out = text;
  // Each rule replaces one character: a text without it is left as it is (most lines).
  for (const [mark, re, full] of HALF_WIDTH) if (marks.has(mark) && out.includes(mark)) out = out.replace(re, full);
  if (!marks.has('(') || !out.includes('(')) return out;
  // Parentheses as a pair: Chinese inside, or Chinese right outside.
  const source = out;
  return source.replace(PAREN_PAIR, (whole, inner: string, offset: number) => {
    const before = source[offset - 1] ?? '';
    const after = source[offset + whole.length] ?? '';
    return HAN.test(inner) || NEAR_ONE.test(before) || NEAR_ONE.test(after) ? `（${inner}）` : whole;
  });
}

/** The characters unifyCharacters replaces; most texts have none. */
const ODD_CHARACTER = /[\r\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u00A0\u2002-\u200A\u3000\u202F\u205F\u200B-\u200D\uFEFF\uFF0B\uFF0D\uFF0E\t]/;

/** Each odd character (or CRLF) once; no replacement is itself odd, so one pass does every step. */
const ODD_CHARACTER_G = new RegExp(`\\r\\n?|${ODD_CHARACTER.source}`, 'g');

function unifyOne(c: string): string {
  const unit = c.charCodeAt(0);
  if (unit === 0x0d) return '\n';
  // Full-width digits and letters.
  if (unit >= 0xff10 && unit <= 0xff5a) return String.fromCharCode(unit - 0xfee0);
  if (unit === 0xff0e) return '.';
  // Full-width plus and minus, as in 2019's 本年增/减 ("＋2", "－3").
  if (unit === 0xff0b) return '+';
  if (unit === 0xff0d) return '-';
  // Zero-width spaces and joiners, byte order marks.
  if ((unit >= 0x200b && unit <= 0x200d) || unit === 0xfeff) return '';
  // No-break, ideographic and other odd spaces, tabs.
  return ' ';
}

/** Full-width digits, letters, ．＋－, ideographic and no-break spaces, odd dashes and line ends. */
function unifyCharacters(text: string): string {
  return ODD_CHARACTER.test(text) ? text.replace(ODD_CHARACTER_G, unifyOne) : text;
}

export interface NormalizeInfo {
  /** The text was traditional and has been converted. */
  readonly converted: boolean;
  /** Pinyin junk such as 关(guān) was removed. */
  readonly pinyinRemoved: number;
}

/**
 * The normalisation steps some texts can need at all, found in one look at all of them: each line
 * of a document then skips the steps its document never needs (most documents have no full-width
 * digits, no pinyin junk, and not every kind of half-width punctuation). No step brings in what a
 * later one looks for; conversion to simplified, to be safe, is taken to need every mark.
 */
export interface NormalizeNeeds {
  /** Characters unifyCharacters replaces. */
  readonly odd: boolean;
  /** Toned vowels, which every piece of pinyin junk holds. */
  readonly pinyin: boolean;
  /** The half-width marks that occur. */
  readonly marks: ReadonlySet<string>;
}

const EVERY_NEED: NormalizeNeeds = { odd: true, pinyin: true, marks: MARKS };

export function normalizeNeeds(texts: readonly string[]): NormalizeNeeds {
  return {
    odd: texts.some((t) => ODD_CHARACTER.test(t)),
    pinyin: texts.some(hasPinyinJunk),
    marks: new Set([...MARKS].filter((mark) => texts.some((t) => t.includes(mark)))),
  };
}

/** Up to the traditional decision: characters unified, pinyin junk removed (and counted). */
function unifiedText(text: string, needs: NormalizeNeeds): { text: string; pinyinRemoved: number } {
  const out = needs.odd ? unifyCharacters(text) : text;
  if (!needs.pinyin || !hasPinyinJunk(out)) return { text: out, pinyinRemoved: 0 };
  return { text: out.replace(PINYIN_JUNK, ''), pinyinRemoved: out.match(PINYIN_JUNK)?.length ?? 0 };
}

/**
 * What normalising a whole document finds, without producing its text: whether it is
 * traditional, and how much pinyin junk it holds (normalizeText's `info`, at less cost).
 */
export function normalizeInfo(text: string, needs: NormalizeNeeds = EVERY_NEED): NormalizeInfo {
  const { text: out, pinyinRemoved } = unifiedText(text, needs);
  return { converted: isTraditional(out), pinyinRemoved };
}

/** Normalises a whole published text (line breaks kept); `needs` (normalizeNeeds) may rule steps out. */
export function normalizeText(text: string, traditional?: boolean, needs: NormalizeNeeds = EVERY_NEED): { text: string; info: NormalizeInfo } {
  const unified = unifiedText(text, needs);
  let out = unified.text;
  const converted = traditional ?? isTraditional(out);
  if (converted) out = toSimplified(out);
  out = fullWidthPunctuation(out, converted ? MARKS : needs.marks);
  return { text: out, info: { converted, pinyinRemoved: unified.pinyinRemoved } };
}

const SPACE_NEAR_CHINESE = new RegExp(`(?<=[${NEAR}])[ ]+|[ ]+(?=[${NEAR}])`, 'gu');

/** Removes spaces between Chinese characters or punctuation ("商业 企业", "。 一是"), trims. */
export function tidyText(text: string): string {
  if (!text.includes(' ')) return text.trim();
  return text.replace(SPACE_NEAR_CHINESE, '').replace(/ {2,}/g, ' ').trim();
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
