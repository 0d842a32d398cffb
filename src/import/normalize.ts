import * as OpenCC from 'opencc-js/t2cn';

/**
 * Normalisation of published text before anything is matched: traditional → simplified,
 * pinyin junk removed, punctuation made full-width next to Chinese, odd spaces unified.
 * Published reports are often traditional or half-width (spec: "Normalise them before matching").
 */

let converter: ((text: string) => string) | undefined;

/** Short texts converted lately: table labels, which every traditional report repeats. */
const convertedLabels = new Map<string, string>();
const LABEL_LENGTH = 40;
const LABELS_KEPT = 4096;

function toSimplified(text: string): string {
  // Many texts, even in a traditional report, hold no character the converter could change (figures).
  if (!mayConvert(text)) return text;
  const label = text.length <= LABEL_LENGTH;
  const known = label ? convertedLabels.get(text) : undefined;
  if (known !== undefined) return known;
  converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  const converted = converter(text);
  if (label) {
    if (convertedLabels.size >= LABELS_KEPT) convertedLabels.clear();
    convertedLabels.set(text, converted);
  }
  return converted;
}

const HAN = /\p{Script=Han}/u;
const SURROGATE = /[\uD800-\uDFFF]/;
const NOT_HAN_RUN = /[^\p{Script=Han}]+/gu;

/** Code points of a text, as `[...text]` gives them, one at a time. */
function* codePoints(text: string): Generator<number> {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    yield cp;
  }
}

/** Distinct values, up to a few: enough to tell whether there are that many. */
class FewDistinct {
  readonly values: number[] = [];
  constructor(private readonly enough: number) {}
  add(value: number): void {
    if (this.values.length < this.enough && !this.values.includes(value)) this.values.push(value);
  }
  get reached(): boolean {
    return this.values.length >= this.enough;
  }
}

/** traditionalShare is 0 unless this many distinct characters change. */
const DISTINCT_CHANGED = 3;

/**
 * Share of Han characters that t2cn would change. Simplified text scores 0 (a stray 著 is not
 * enough), traditional text well above 10 %; converting simplified text would damage 显著.
 */
export function traditionalShare(text: string): number {
  const han = text.replace(NOT_HAN_RUN, '');
  if (han === '') return 0;
  const converted = codePoints(toSimplified(han));
  let count = 0;
  let changed = 0;
  const distinct = new FewDistinct(DISTINCT_CHANGED);
  for (const cp of codePoints(han)) {
    count++;
    if (converted.next().value === cp) continue;
    changed++;
    distinct.add(cp);
  }
  // A few distinct characters such as 著 are also simplified; real traditional text has many.
  return distinct.reached ? changed / count : 0;
}

/** Share of changed characters above which a text is taken to be traditional. */
const TRADITIONAL_THRESHOLD = 0.03;

/**
 * The characters the tw → cn converter can change where they stand: each differs from its
 * replacement at the same place in an entry of the dictionaries the converter is built from.
 * Every entry keeps its length, so a character the converter changes is one of these, wherever
 * it stands. BMP code points as flags, astral ones in a set; null when the preset cannot be read
 * that way (then every text is converted to decide).
 *
 * `certain`: BMP characters the converter changes wherever they stand in a text of Han characters
 * (as traditionalShare converts: no ideographic description there makes it pass over one). The
 * converter runs its dictionary groups one after another, each replacing a character by what one
 * of its entries has at that place; a character is certainly changed when no sequence of such
 * replacements (one per group, or none where the group has no one-character entry for it) leads
 * back to it.
 */
interface Changeable {
  readonly bmp: Uint8Array;
  readonly astral: ReadonlySet<number>;
  readonly certain: Uint8Array;
}

/** What one dictionary group may make of a character: the characters its entries have in its place. */
interface GroupImages {
  readonly targets: Map<string, Set<string>>;
  /** Characters with an entry of their own, which every occurrence then matches at least. */
  readonly alone: Set<string>;
}

function readChangeable(): Changeable | null {
  // The preset the converter is built from; its type omits the normalisation chain the converter also runs.
  const config = OpenCC.Locale.configs?.tw2s as
    | ((typeof OpenCC.Locale.configs)[string] & { readonly normalizationChain?: readonly OpenCC.DictGroup[] })
    | undefined;
  if (!config) return null;
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  const groups: GroupImages[] = [];
  for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
    const images: GroupImages = { targets: new Map(), alone: new Set() };
    groups.push(images);
    for (const dict of group) {
      // The two forms of a dictionary opencc-js reads: "from to|from to" or [from, to] pairs.
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
      for (const [from = '', to = ''] of entries) {
        const a = [...from];
        const b = [...to];
        // An entry that changes the length would shift every later character: no shortcut then.
        if (a.length !== b.length) return null;
        if (a.length === 1) images.alone.add(a[0] as string);
        a.forEach((ch, i) => {
          const target = b[i] as string;
          let targets = images.targets.get(ch);
          if (!targets) images.targets.set(ch, (targets = new Set()));
          targets.add(target);
          if (ch === target) return;
          const cp = ch.codePointAt(0) as number;
          if (cp < 0x10000) bmp[cp] = 1;
          else astral.add(cp);
        });
      }
    }
  }
  const certain = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    if (!bmp[unit]) continue;
    const ch = String.fromCharCode(unit);
    let possible = new Set([ch]);
    for (const { targets, alone } of groups) {
      const next = new Set<string>();
      for (const c of possible) {
        for (const t of targets.get(c) ?? []) next.add(t);
        if (!alone.has(c)) next.add(c);
      }
      possible = next;
    }
    if (!possible.has(ch)) certain[unit] = 1;
  }
  return { bmp, astral, certain };
}

/** What the per-character tests below need to know of a BMP code unit, as flags. */
const CHAR_HAN = 1;
/** The converter may change it (see Changeable). */
const CHAR_CHANGEABLE = 2;
/** The converter changes it wherever it stands (see Changeable). */
const CHAR_CERTAIN = 4;
/** The first half of a surrogate pair: the character is astral, to be looked at whole. */
const CHAR_HIGH_SURROGATE = 8;
/** unifyCharacters replaces it. */
const CHAR_ODD = 16;
/** A toned vowel, which every piece of pinyin junk holds. */
const CHAR_TONED = 32;
/** A half-width mark fullWidthPunctuation may replace. */
const CHAR_MARK = 64;

interface CharTable {
  readonly flags: Uint8Array;
  /** Astral characters the converter may change; null when the converter's characters are not known. */
  readonly astralChangeable: ReadonlySet<number> | null;
}

let charTable: CharTable | undefined;
/** Built once (a few milliseconds), from the same expressions and dictionaries the steps use. */
function chars(): CharTable {
  if (charTable) return charTable;
  const changeable = readChangeable();
  const flags = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) {
      if (unit <= 0xdbff) flags[unit] = CHAR_HIGH_SURROGATE;
      continue;
    }
    const ch = String.fromCharCode(unit);
    flags[unit] =
      (HAN.test(ch) ? CHAR_HAN : 0) |
      (changeable?.bmp[unit] ? CHAR_CHANGEABLE : 0) |
      (changeable?.certain[unit] ? CHAR_CERTAIN : 0) |
      (ODD_CHARACTER.test(ch) ? CHAR_ODD : 0) |
      (TONED.includes(ch) ? CHAR_TONED : 0) |
      (MARKS.has(ch) ? CHAR_MARK : 0);
  }
  charTable = { flags, astralChangeable: changeable?.astral ?? null };
  return charTable;
}

/** Whether the converter could change anything in a text: false only when it certainly leaves it as it is. */
function mayConvert(text: string): boolean {
  const { flags, astralChangeable } = chars();
  if (!astralChangeable) return true;
  for (let i = 0; i < text.length; i++) {
    const flag = flags[text.charCodeAt(i)] as number;
    if (flag & CHAR_CHANGEABLE) return true;
    if (flag & CHAR_HIGH_SURROGATE) {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) {
        if (astralChangeable.has(cp)) return true;
        i++;
      }
    }
  }
  return false;
}

/**
 * Whether a text is traditional: traditionalShare ≥ 3 %. Decided without converting when the
 * Han characters the converter could change are too few for that (almost every simplified text):
 * the share counts changed Han characters, and only changeable ones can change. Also when the
 * characters it changes wherever they stand are enough on their own (most traditional texts).
 * One pass counts them all, by code point as traditionalShare does.
 */
export function isTraditional(text: string): boolean {
  const { flags, astralChangeable } = chars();
  if (astralChangeable) {
    let han = 0;
    let changeableHan = 0;
    let certainHan = 0;
    const changeable = new FewDistinct(DISTINCT_CHANGED);
    const certain = new FewDistinct(DISTINCT_CHANGED);
    for (let i = 0; i < text.length; i++) {
      let flag = flags[text.charCodeAt(i)] as number;
      if (!(flag & (CHAR_HAN | CHAR_HIGH_SURROGATE))) continue;
      let cp = text.charCodeAt(i);
      if (flag & CHAR_HIGH_SURROGATE) {
        cp = text.codePointAt(i) as number;
        if (cp <= 0xffff) continue;
        i++;
        if (!HAN.test(String.fromCodePoint(cp))) continue;
        flag = astralChangeable.has(cp) ? CHAR_CHANGEABLE : 0;
      }
      han++;
      if (!(flag & CHAR_CHANGEABLE)) continue;
      changeableHan++;
      changeable.add(cp);
      if (!(flag & CHAR_CERTAIN)) continue;
      certainHan++;
      certain.add(cp);
    }
    if (!changeable.reached || changeableHan < TRADITIONAL_THRESHOLD * han) return false;
    if (certain.reached && certainHan >= TRADITIONAL_THRESHOLD * han) return true;
  }
  return traditionalShare(text) >= TRADITIONAL_THRESHOLD;
}

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** Pinyin inserted after a character by some publishing systems: 关(guān), 区（qū）. */
const PINYIN_JUNK = new RegExp(`(?<=\\p{Script=Han})\\s?[(（][a-zü]*[${TONED}][a-zü]*[)）]`, 'gu');

/** Every pinyin junk match holds a toned vowel: without one the text has none (a cheap test first). */
const TONED_VOWEL = new RegExp(`[${TONED}]`);
/** The range of Latin letters the toned vowels lie in: one range is much quicker to look for than a set. */
const TONED_RANGE = (() => {
  const codes = [...TONED].map((c) => c.charCodeAt(0));
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  return new RegExp(`[${hex(Math.min(...codes))}-${hex(Math.max(...codes))}]`);
})();

function hasPinyinJunk(text: string): boolean {
  return TONED_RANGE.test(text) && TONED_VOWEL.test(text);
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
  // Whether a text is traditional depends on its Han characters alone, which unifying leaves as
  // they are: it only replaces other characters, and could join a pair's halves only around a
  // zero-width space. So the text is unified first only for pinyin to count, or with surrogates in it.
  if (!needs.pinyin && !SURROGATE.test(text)) return { converted: isTraditional(text), pinyinRemoved: 0 };
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

/** A character class matching any of `chars`. */
const classOf = (chars: string) => `[${chars.replace(/[\\\]^-]/g, '\\$&')}]`;

/** Per set of needs (at most 2 · 2 · 2⁶): a character any of the steps needed could change. */
const attentionCache = new Map<string, RegExp | null>();
function attentionOf(needs: NormalizeNeeds): RegExp | null {
  const marks = [...MARKS].filter((m) => needs.marks.has(m)).join('');
  const key = `${needs.odd ? 'o' : ''}${needs.pinyin ? 'p' : ''}${marks}`;
  let attention = attentionCache.get(key);
  if (attention === undefined) {
    const classes = [needs.odd ? ODD_CHARACTER.source : '', needs.pinyin ? classOf(TONED) : '', marks ? classOf(marks) : ''].filter(Boolean);
    attention = classes.length ? new RegExp(classes.join('|')) : null;
    attentionCache.set(key, attention);
  }
  return attention;
}

/** normalizeText for the texts of one document, with its needs and its traditional decision. */
export interface TextNormalizer {
  /**
   * Whether the text holds a character that a step the document needs could change; a text that
   * does not (most table cells, most lines) is its own normal form. Texts joined (with spaces,
   * which no step changes) hold one only if one of them does.
   */
  readonly mayChange: (text: string) => boolean;
  /** normalizeText(text, converted, needs).text, without running the steps where none may change it. */
  readonly normalize: (text: string) => string;
}

export function textNormalizer(converted: boolean, needs: NormalizeNeeds): TextNormalizer {
  const mayChange = changeTest(converted, needs);
  return { mayChange, normalize: (text) => (mayChange(text) ? normalizeText(text, converted, needs).text : text) };
}

function changeTest(converted: boolean, needs: NormalizeNeeds): (text: string) => boolean {
  if (!converted) {
    const attention = attentionOf(needs);
    return attention ? (text) => attention.test(text) : () => false;
  }
  // Conversion needs every mark, and a look at each character whether the converter could change it.
  const { flags, astralChangeable } = chars();
  if (!astralChangeable) return () => true;
  const attention = (needs.odd ? CHAR_ODD : 0) | (needs.pinyin ? CHAR_TONED : 0) | CHAR_MARK | CHAR_CHANGEABLE | CHAR_HIGH_SURROGATE;
  return (text) => {
    for (let i = 0; i < text.length; i++) if ((flags[text.charCodeAt(i)] as number) & attention) return true;
    return false;
  };
}

const SPACE_NEAR_CHINESE = new RegExp(`(?<=[${NEAR}])[ ]+|[ ]+(?=[${NEAR}])`, 'gu');

/** Removes spaces between Chinese characters or punctuation ("商业 企业", "。 一是"), trims. */
export function tidyText(text: string): string {
  if (!text.includes(' ')) return text.trim();
  return text.replace(SPACE_NEAR_CHINESE, '').replace(/ {2,}/g, ' ').trim();
}

const NOT_KEY_RUN = /[^\p{Script=Han}A-Za-z0-9]+/gu;
/**
 * Keys of labels met lately. The same labels are keyed again and again (the official ones, and
 * each table's as the readers try them); a long text seldom is. At most some 4 MB.
 */
const labelKeys = new Map<string, string>();
const KEYED_LENGTH = 256;
const KEYS_KEPT = 4096;

/**
 * Matching key of a label: only Han characters, ASCII letters and digits, with Chinese
 * ordinals kept ("（一）予以公开" → "一予以公开", "1.属于国家秘密" → "1属于国家秘密").
 */
export function labelKey(text: string): string {
  if (text.length > KEYED_LENGTH) return longTextKey(text);
  let key = labelKeys.get(text);
  if (key === undefined) {
    key = text.replace(NOT_KEY_RUN, '');
    if (labelKeys.size >= KEYS_KEPT) labelKeys.clear();
    labelKeys.set(text, key);
  }
  return key;
}

/**
 * labelKey of a long text (all of a report's table text, once per report), by the character table:
 * the pattern's class of Han characters costs the engine a call per character it tests.
 */
function longTextKey(text: string): string {
  const { flags } = chars();
  let key = '';
  let kept = 0; // where the run of key characters being passed over starts
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const flag = flags[unit] as number;
    if (unit < 0x80 ? isAsciiKeyUnit(unit) : flag & CHAR_HAN) continue;
    // An astral Han character stays whole; any other unit goes (the low half of a pair with it).
    if (flag & CHAR_HIGH_SURROGATE) {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff && HAN.test(String.fromCodePoint(cp))) {
        i++;
        continue;
      }
    }
    if (i > kept) key += text.slice(kept, i);
    kept = i + 1;
  }
  return kept === 0 ? text : key + text.slice(kept);
}

/** An ASCII letter or digit. */
const isAsciiKeyUnit = (unit: number) => (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);

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
