import { describe, expect, it } from 'vitest';
import { normaliseCellInput, toHalfWidth } from '../../src/forms/cell-input';

const count = { kind: 'count' } as const;
const signed = { kind: 'signedCount' } as const;
const wan = { kind: 'money', decimals: 4, unit: '万元' } as const;

describe('toHalfWidth', () => {
  it('turns full-width digits, point, comma and minus into ASCII and drops every space', () => {
    expect(toHalfWidth(' １２，３４５．６ ')).toBe('12,345.6');
    expect(toHalfWidth('－３')).toBe('-3');
    expect(toHalfWidth('1\u3000234')).toBe('1234');
  });
});

describe('normaliseCellInput', () => {
  it('accepts plain, full-width and spaced counts', () => {
    expect(normaliseCellInput('202', count)).toEqual({ ok: true, value: 202 });
    expect(normaliseCellInput('２０２', count)).toEqual({ ok: true, value: 202 });
    expect(normaliseCellInput(' 2 02 ', count)).toEqual({ ok: true, value: 202 });
    expect(normaliseCellInput('0', count)).toEqual({ ok: true, value: 0 });
  });

  it('accepts thousands separators in the right places only', () => {
    expect(normaliseCellInput('31,099', count)).toEqual({ ok: true, value: 31099 });
    expect(normaliseCellInput('1,234,567', count)).toEqual({ ok: true, value: 1234567 });
    expect(normaliseCellInput('３１，０９９', count)).toEqual({ ok: true, value: 31099 });
    const bad = normaliseCellInput('3,10,99', count);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('千位分隔符');
  });

  it('gives blank for an empty input (blank is not 0)', () => {
    expect(normaliseCellInput('', count)).toEqual({ ok: true, value: null });
    expect(normaliseCellInput('\u3000 ', count)).toEqual({ ok: true, value: null });
  });

  it('refuses letters, negative counts and decimals in a count with a clear message', () => {
    const letters = normaliseCellInput('12a', count);
    expect(letters).toEqual({ ok: false, message: expect.stringContaining('“12a”不是数字') });
    expect(normaliseCellInput('-3', count)).toEqual({ ok: false, message: expect.stringContaining('不能为负数') });
    expect(normaliseCellInput('1.5', count)).toEqual({ ok: false, message: expect.stringContaining('不能有小数') });
    expect(normaliseCellInput('3.0', count).ok).toBe(false);
    expect(normaliseCellInput('99999999999999999999', count)).toEqual({ ok: false, message: '数值过大：件数最多 12 位（999999999999）' });
    expect(normaliseCellInput('1000000000000', count)).toEqual({ ok: false, message: '数值过大：件数最多 12 位（999999999999）' });
    expect(normaliseCellInput('999999999999', count)).toEqual({ ok: true, value: 999_999_999_999 });
  });

  it('accepts a signed 本年增/减 (2019 format)', () => {
    expect(normaliseCellInput('－3', signed)).toEqual({ ok: true, value: -3 });
    expect(normaliseCellInput('+4', signed)).toEqual({ ok: true, value: 4 });
    expect(normaliseCellInput('-0', signed)).toEqual({ ok: true, value: 0 });
  });

  it('keeps money as an exact decimal string, with the unit allowed after it', () => {
    expect(normaliseCellInput('493.5', wan)).toEqual({ ok: true, value: '493.5' });
    expect(normaliseCellInput('1,234.0001', wan)).toEqual({ ok: true, value: '1234.0001' });
    expect(normaliseCellInput('493.5万元', wan)).toEqual({ ok: true, value: '493.5' });
    // As published reports write it.
    expect(normaliseCellInput('493.5万', wan)).toEqual({ ok: true, value: '493.5' });
    expect(normaliseCellInput('３００万', wan)).toEqual({ ok: true, value: '300' });
    expect(normaliseCellInput('.5', wan)).toEqual({ ok: true, value: '0.5' });
    expect(normaliseCellInput('007', wan)).toEqual({ ok: true, value: '7' });
  });

  it('refuses negative money, too many decimals and other units', () => {
    expect(normaliseCellInput('-1', wan)).toEqual({ ok: false, message: '金额不能为负数' });
    expect(normaliseCellInput('1234567890123', wan)).toEqual({ ok: false, message: '金额过大：整数部分最多 12 位' });
    expect(normaliseCellInput('0.00001', wan)).toEqual({
      ok: false,
      message: expect.stringContaining('最多 4 位小数'),
    });
    expect(normaliseCellInput('5元', wan).ok).toBe(false);
  });
});
