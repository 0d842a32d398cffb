import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, hasVisibleText } from '../../src/model/text';

/** Characters on either side of every line hasVisibleText's shortcut draws. */
const TRICKY = [
  ' ', '\t', '\n', '\r', '\u000B', '\u000C', '\u0000', '\u001F', '\u007F', '\u0085', '\u009F', '\u00A0', '\u1680', '\u2000',
  '\u200A', '\u200B', '\u200C', '\u200D', '\u200E', '\u2028', '\u2029', '\u202A', '\u202E', '\u202F', '\u205F', '\u2060',
  '\u2066', '\u2069', '\u3000', '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', 'a', '年',
];

describe('hasVisibleText', () => {
  it('is true for a text with anything printable, false for spaces and dropped characters only', () => {
    expect(hasVisibleText('本年度')).toBe(true);
    expect(hasVisibleText(' \u3000\n')).toBe(false);
    expect(hasVisibleText('\u200B\uFEFF\u202E')).toBe(false);
    expect(hasVisibleText('\uD800\u0001\uDC00')).toBe(false);
    expect(hasVisibleText(' \uD83D\uDE00 ')).toBe(true);
  });

  it('agrees with cleaning and trimming the text, whatever it holds', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (t) => hasVisibleText(t) === cleanText(t).trim().length > 0), { numRuns: 5000 });
  });
});
