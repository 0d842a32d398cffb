import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../../src/import/import-lines';
import {
  fullWidthPunctuation,
  isTraditional,
  labelKey,
  normalizeNeeds,
  normalizeText,
  stripPinyinJunk,
  textNormalizer,
  tidyText,
  traditionalShare,
} from '../../src/import/normalize';
import type { SourceLine } from '../../src/import/types';
import { splitRunTogether } from '../../src/import/split-digits';

describe('normalizeText', () => {
  it('converts traditional text to simplified and says so', () => {
    const { text, info } = normalizeText('三、收到和處理政府信息公開申請情況\n(本列數據的勾稽關係為:第一項加第二項之和,等於第三項加第四項之和)');
    expect(text).toBe('三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(info.converted).toBe(true);
  });

  it('leaves simplified text alone, so 显著 does not become 显着', () => {
    const { text, info } = normalizeText('政务公开工作取得显著成效，编写著作一部。');
    expect(text).toBe('政务公开工作取得显著成效，编写著作一部。');
    expect(info.converted).toBe(false);
  });

  it('removes pinyin inserted after characters, half- or full-width brackets', () => {
    expect(stripPinyinJunk('定海區(qū)人民政府，相關（guān）規(guī)定')).toBe('定海區人民政府，相關規定');
    expect(stripPinyinJunk('附件(a)与公式(x)')).toBe('附件(a)与公式(x)');
    expect(normalizeText('項(xiàng)目').info.pinyinRemoved).toBe(1);
  });

  it('makes punctuation next to Chinese full-width and keeps numbers, times and URLs', () => {
    expect(fullWidthPunctuation('收到7条,其中网络5条;时间:12:30,共1,234件(见网站m.gov.cn)')).toBe(
      '收到7条，其中网络5条；时间：12:30，共1,234件（见网站m.gov.cn）',
    );
  });

  it('unifies full-width digits and odd spaces', () => {
    expect(normalizeText('２０２２年\u3000共\u00a0７件').text).toBe('2022年 共 7件');
  });

  it('unifies full-width plus and minus, so 2019 本年增/减 figures read as numbers', () => {
    expect(normalizeText('行政许可 | 10 | －3 | 2 |\n行政处罚 | 4 | ＋1 | 0 |').text).toBe('行政许可 | 10 | -3 | 2 |\n行政处罚 | 4 | +1 | 0 |');
  });

  it('unifies every odd character the same way, each in one pass: letters, points, zero widths, tabs, line ends', () => {
    // ９ and ｚ end their ranges; ： (U+FF1A) and ［ (U+FF3B) lie between them and are not letters.
    expect(normalizeText('０９ＡＺａｚ：［．\u2002\u200a\u202f\u205f\t|\u200b\u200c\u200d\ufeff|a\r\nb\rc\n').text).toBe(
      '09AZaz：［.     ||a\nb\nc\n',
    );
  });
});

describe('normalizeNeeds', () => {
  it('rules out only steps a document never needs: each line normalises as it would alone', () => {
    const char = fc.constantFrom(...'关區a1 ,;:?!()（）。，\t\r２Ａｚ\u3000\u00a0\u200b\ufeff．＋－āǘ'.split(''), 'guān', '(qū)', '1,234', '12:30');
    const doc = fc.array(fc.array(char, { maxLength: 30 }).map((cs) => cs.join('')), { maxLength: 8 });
    fc.assert(
      fc.property(doc, fc.boolean(), (lines, traditional) => {
        const needs = normalizeNeeds([lines.join('\n')]);
        for (const line of lines) expect(normalizeText(line, traditional, needs)).toEqual(normalizeText(line, traditional));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('textNormalizer and normalizeLines', () => {
  // Traditional and simplified characters, odd ones, pinyin, marks, astral and lone surrogates, an ideographic description.
  const char = fc.constantFrom(
    ...'关區處開據這會當與機國說著乾瞭覆梁a1 ,;:?!()（）。，\t\r２Ａｚ\u3000\u00a0\u200b\ufeff．＋－āǘ'.split(''),
    ...['guān', '(qū)', '1,234', '12:30', '一目瞭然', '傢俱', '𠀀', '\ud840', '\udc00', '⿰'],
  );
  const text = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(''));

  it('leaves as it is a text in which nothing may change, and normalises the others as normalizeText does', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), fc.boolean(), (texts, converted) => {
        const needs = normalizeNeeds([texts.join('\n')]);
        const { mayChange, normalize } = textNormalizer(converted, needs);
        expect(mayChange(' ')).toBe(false);
        for (const t of texts) {
          const expected = normalizeText(t, converted, needs).text;
          expect(normalize(t)).toBe(expected);
          if (!mayChange(t)) expect(expected).toBe(t);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('normalises every line and cell as normalizeText does, with one decision for the document', () => {
    const cell = fc.record({ text, weak: fc.boolean() }).map(({ text: t, weak }) => (weak ? { text: t, weak } : { text: t }));
    const line = fc.oneof(
      text.map((t): SourceLine => ({ text: t })),
      fc.tuple(fc.array(cell, { maxLength: 5 }), fc.constantFrom('joined', 'filled', 'other'), text).map(([cells, how, other]): SourceLine => {
        const joined = how === 'joined' ? cells.map((c) => c.text).join(' ') : cells.map((c) => c.text).filter(Boolean).join(' ');
        return { text: how === 'other' ? other : joined, cells, row: true };
      }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const all = lines.map((l) => (l.cells ? l.cells.map((c) => c.text).join(' ') : l.text)).join('\n');
        const { converted } = normalizeText(all).info;
        const result = normalizeLines(lines);
        result.lines.forEach((l, i) => {
          const source = lines[i] as SourceLine;
          expect(l.text).toBe(normalizeText(source.text, converted).text);
          expect(l.cells?.map((c) => c.text)).toEqual(source.cells?.map((c) => normalizeText(c.text, converted).text));
          // What normalisation leaves as it is stays the same object.
          if (l.text === source.text && (l.cells ?? []).every((c, j) => c.text === source.cells?.[j]?.text)) expect(l).toBe(source);
        });
        expect(result.diagnostics.some((d) => d.message.includes('繁体'))).toBe(converted);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isTraditional', () => {
  const decides = (text: string) => {
    expect(isTraditional(text)).toBe(traditionalShare(text) >= 0.03);
  };
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const published = [
    ...readdirSync(join(import.meta.dirname, '../../../shared/samples')).map((f) => join(import.meta.dirname, '../../../shared/samples', f)),
    ...readdirSync(join(import.meta.dirname, '../fixtures/variants')).map((f) => join(import.meta.dirname, '../fixtures/variants', f)),
  ].filter((f) => /\.(txt|html)$/.test(f));

  it('decides as the converted share does, for published reports in either script', () => {
    expect(published.length).toBeGreaterThan(5);
    for (const file of published) {
      const text = readFileSync(file, 'utf8');
      decides(text);
      decides(toTraditional(text));
    }
    expect(isTraditional(readFileSync(published[0] as string, 'utf8'))).toBe(true);
    expect(isTraditional('政务公开工作取得显著成效，编写著作一部。国家秘密。')).toBe(false);
  });

  it('counts characters that change only inside a phrase (俱 in 傢俱, 哩 in 海哩)', () => {
    expect(isTraditional('傢俱海哩')).toBe(true);
    decides('傢俱海哩');
  });

  it('decides as the converted share does for any mix of traditional, simplified and other characters', () => {
    // Characters t2cn changes (or changes in some phrases), characters it leaves, and others.
    const traditional = [...'處開據這會當與機國說關資訊經濟發標準眾於著乾祕秘瞭覆藉梁沈裏麼', '一目瞭然', '反覆', '函覆', '不瞭解', '凌藉', '傢俱', '海哩'];
    const simplified = [...'处开据这会当与机国说关资讯经济发标准众于着干秘了复借里么的是在政府信息公开'];
    const other = [...'ab1 ，。（）\n', '𠀀', '😀', '豈', '\uFA11'];
    // Mixes from all simplified to some 15 % traditional, many near the 3 % that decides.
    // Each text draws on part of the traditional pool: some hold only phrases such as 一目瞭然.
    const text = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.subarray(traditional, { minLength: 1 })).chain(([weight, pool]) =>
      fc
        .array(
          fc.oneof(
            { weight, arbitrary: fc.constantFrom(...pool) },
            { weight: 300, arbitrary: fc.constantFrom(...simplified) },
            { weight: 100, arbitrary: fc.constantFrom(...other) },
          ),
          { minLength: 50, maxLength: 400, size: 'max' },
        )
        .map((cs) => cs.join('')),
    );
    fc.assert(fc.property(text, decides), { numRuns: 2000 });
  });
});

describe('tidyText and labelKey', () => {
  it('removes stray spaces inside Chinese words', () => {
    expect(tidyText(' 商业 企业 。 一是 ')).toBe('商业企业。一是');
  });

  it('keys labels by characters only, keeping ordinals', () => {
    expect(labelKey('（二）部分公开（区分处理的，只计这一情形）')).toBe('二部分公开区分处理的只计这一情形');
    expect(labelKey('1.属于国家秘密')).toBe('1属于国家秘密');
  });

  it('keys any text, short or long, the same the first time and when it is keyed again', () => {
    // Long texts are keyed through the character table (longTextKey), short ones by the pattern: both must agree with it.
    const piece = fc.constantFrom(...'（一）予以公开1.aZ ，。𠀀\ud840\udc00_-@[`{09z/:'.split(''), '属于国家秘密', '😀', '𠀀', 'Ⅻ', 'x'.repeat(300), '，'.repeat(300));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const t = pieces.join('');
        const expected = t.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
        expect(labelKey(t)).toBe(expected);
        expect(labelKey(t)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('splitRunTogether', () => {
  it('lists every cut without leading zeros', () => {
    expect(splitRunTogether(['100'], 2)).toEqual([[10, 0]]);
    expect(splitRunTogether(['110000011'], 7)?.filter((v) => v[6] === v.slice(0, 6).reduce((a, b) => a + b, 0))).toEqual([
      [1, 10, 0, 0, 0, 0, 11],
      [11, 0, 0, 0, 0, 0, 11],
    ]);
  });

  it('keeps tokens that were already separate', () => {
    expect(splitRunTogether(['12', '34'], 3)?.map(String).sort()).toEqual(['1,2,34', '12,3,4']);
    expect(splitRunTogether(['1', '2'], 3)).toEqual([]);
  });

  it('gives up on rows with too many cuts instead of running forever', () => {
    expect(splitRunTogether(['1'.repeat(40)], 15)).toBeUndefined();
    expect(splitRunTogether(['1'.repeat(200)], 7)).toEqual([]);
  });

  it('never walks into a dead end: runs that cannot all be cut give [] at once', () => {
    // The last run cannot be cut into the numbers left: every cut of the first two (thousands) ends
    // there. Trying them all took minutes (one such row made a fuzz run take 12 minutes).
    expect(splitRunTogether(['1'.repeat(30), '1'.repeat(30), '1'.repeat(200)], 15)).toEqual([]);
    expect(splitRunTogether(['1'.repeat(30), '0'.repeat(30), '1'.repeat(30)], 15)).toEqual([]);
  });

  it('lists exactly the cuts a brute force over every cut position finds', () => {
    /** Every way to cut each token at any of its inner positions, kept when each piece is a number and there are `count`. */
    const bruteForce = (tokens: readonly string[], count: number): string[] => {
      let ways: number[][] = [[]];
      for (const token of tokens) {
        const next: number[][] = [];
        for (let mask = 0; mask < 2 ** (token.length - 1); mask++) {
          const pieces: string[] = [];
          let start = 0;
          for (let i = 1; i <= token.length; i++) {
            if (i === token.length || mask & (1 << (i - 1))) {
              pieces.push(token.slice(start, i));
              start = i;
            }
          }
          if (pieces.every((p) => p.length <= 15 && (p.length === 1 || p[0] !== '0')))
            for (const way of ways) next.push([...way, ...pieces.map(Number)]);
        }
        ways = next;
      }
      return ways.filter((w) => w.length === count).map(String).sort();
    };
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9]{1,5}$/), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 12 }), (tokens, count) => {
        expect(splitRunTogether(tokens, count)?.map(String).sort()).toEqual(bruteForce(tokens, count));
      }),
      { numRuns: 300 },
    );
  });
});
