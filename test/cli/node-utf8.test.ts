import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeUtf8 } from '../../src/cli/published';
import { decodeText } from '../../src/import/index';

/** What TextDecoder makes of the bytes in its fatal mode (BOM dropped), or undefined where it refuses them. */
function standard(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const BOM = [0xef, 0xbb, 0xbf];
const encode = (text: string) => new TextEncoder().encode(text);
const join = (...parts: (readonly number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('the CLI’s UTF-8 decoder (nodeUtf8)', () => {
  it('decodes as TextDecoder does: Chinese, rare CJK, emoji, a byte order mark dropped once', () => {
    const text = '政府信息公开工作年度报告 𠀀𪚥 😀 第1页\n';
    expect(nodeUtf8(encode(text))).toBe(text);
    expect(nodeUtf8(join(BOM, encode(text)))).toBe(text);
    expect(nodeUtf8(join(BOM, BOM, encode('年报')))).toBe('\uFEFF年报');
    expect(nodeUtf8(Uint8Array.from(BOM))).toBe('');
    expect(nodeUtf8(new Uint8Array())).toBe('');
  });

  it('refuses what TextDecoder refuses: GBK bytes, overlong forms, encoded surrogates, a cut-off character', () => {
    const gbk = [0xc4, 0xea, 0xb1, 0xa8]; // 年报 in GBK
    for (const bytes of [gbk, [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe5, 0xb9]]) {
      expect(standard(Uint8Array.from(bytes))).toBeUndefined();
      expect(nodeUtf8(Uint8Array.from(bytes))).toBeUndefined();
    }
    // …and decodeText then reads GB18030 with either decoder.
    expect(decodeText(Uint8Array.from(gbk), nodeUtf8)).toBe('年报');
    expect(decodeText(Uint8Array.from(gbk))).toBe('年报');
  });

  it('agrees with TextDecoder on any text, with or without a byte order mark, and on any bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, bom) => {
        const bytes = bom ? join(BOM, encode(text)) : encode(text);
        expect(nodeUtf8(bytes)).toBe(standard(bytes));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(nodeUtf8(bytes)).toBe(standard(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
