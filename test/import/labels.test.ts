import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinedKey, matchRow, rowSpecs } from '../../src/import/labels';
import { labelKey } from '../../src/import/normalize';

describe('joinedKey', () => {
  it('is the key of the joined texts, also where a surrogate pair is split between two of them', () => {
    const piece = fc.constantFrom('一、', '本年', '新收', ' ', '（', '）', 'a', '1', '\uD840', '\uDC00', '\uD840\uDC00', '𠀀', '·', '');
    const texts = fc.array(fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { maxLength: 5 });
    fc.assert(fc.property(texts, (ts) => joinedKey(ts, ts.map(labelKey)) === labelKey(ts.join(''))));
    expect(joinedKey(['本年\uD840', '\uDC00'], ['本年', ''])).toBe('本年𠀀');
    // Found by the property: the halves of a pair with an empty text between them.
    expect(joinedKey(['\uD840', '', '\uDC00'], ['', '', ''])).toBe(labelKey('\uD840\uDC00'));
  });
});

describe('matchRow', () => {
  it('answers each run with its own text, when an earlier run had the same key', () => {
    const specs = rowSpecs('2021', 'applications');
    const first = matchRow('（一）予以公开', specs);
    const again = matchRow('(一) 予以公开', specs);
    expect(first).toMatchObject({ how: 'exact', text: '（一）予以公开' });
    expect(again).toMatchObject({ how: 'exact', text: '(一) 予以公开' });
    expect(again?.spec).toBe(first?.spec);
    expect(matchRow('与任何行都无关的文字', specs)).toBeUndefined();
    expect(matchRow('与任何行都无关的文字', specs)).toBeUndefined();
  });
});
