import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitPipeLine } from '../../src/import/tokens';

describe('splitPipeLine', () => {
  it('splits at either bar and trims each piece as trim does, whatever the spaces', () => {
    const piece = fc.constantFrom('|', '｜', ' ', '\t', '\u3000', '\u00a0', '\ufeff', '\u2028', '\v', 'a', '12', '行政许可');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), (pieces) => {
        const line = pieces.join('');
        fc.pre(/[|｜]/.test(line));
        const expected = line.split(/[|｜]/).map((p) => p.trim());
        if (expected.length === 2 && expected[1] === '') expected.pop();
        const split = splitPipeLine(line);
        expect(split.cells?.map((c) => c.text)).toEqual(expected);
        expect(split.cells?.map((c) => c.weak === true)).toEqual(expected.map((p) => p === ''));
        expect(split.text).toBe(expected.filter(Boolean).join(' '));
        expect(split.row === true).toBe(expected.length >= 3 && expected.some(Boolean));
      }),
      { numRuns: 2000 },
    );
  });
});
