import type { CellKind } from '../model/format';

/**
 * What a clerk types into a number cell, normalised once: full-width digits and signs,
 * thousands separators and spaces are accepted; anything else is refused with a message.
 */

export interface CellInputSpec {
  readonly kind: CellKind;
  /** Money only: allowed decimals. */
  readonly decimals?: number;
  /** Money only: the unit, which may also be typed after the number. */
  readonly unit?: string;
}

export type CellInputResult =
  { readonly ok: true; readonly value: number | string | null } | { readonly ok: false; readonly message: string };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0B\uFF0D]/g;

/** Full-width digits, ．，＋－ to ASCII; minus-like dashes to '-'; every kind of space removed. */
export function toHalfWidth(raw: string): string {
  return raw
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, '-')
    .replace(/[\s\u3000\u00A0\u2009\u202F]/g, '');
}

/** 12 digits, like money: any total of a few hundred such counts is still an exact integer (below 2^53). */
const COUNT_INPUT_MAX = 999_999_999_999;

const refuse = (message: string): CellInputResult => ({ ok: false, message });

/** Removes thousands separators, or says why they are misplaced. */
function stripSeparators(text: string): string | undefined {
  if (!text.includes(',')) return text;
  return /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text) ? text.replace(/,/g, '') : undefined;
}

export function normaliseCellInput(raw: string, spec: CellInputSpec): CellInputResult {
  let text = toHalfWidth(raw);
  if (text === '') return { ok: true, value: null };
  if (spec.kind === 'money' && spec.unit && text.endsWith(spec.unit)) text = text.slice(0, -spec.unit.length);
  // Published reports write 万元 amounts as "493.5万" too.
  else if (spec.kind === 'money' && spec.unit === '万元' && text.endsWith('万')) text = text.slice(0, -1);
  const plain = stripSeparators(text);
  if (plain === undefined) return refuse(`“${raw.trim()}”的千位分隔符位置不对，应如 1,234`);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(plain)) {
    const what = spec.kind === 'money' ? `金额（单位：${spec.unit ?? '万元'}）` : '件数';
    return refuse(`“${raw.trim()}”不是数字：这里只能填写${what}，可用全角数字和千位分隔符`);
  }
  const negative = plain.startsWith('-');
  const unsigned = plain.replace(/^[+-]/, '');
  if (spec.kind === 'money') {
    if (negative) return refuse('金额不能为负数');
    const [whole = '', fraction = ''] = unsigned.split('.');
    const decimals = spec.decimals ?? 4;
    if (fraction.length > decimals) return refuse(`金额最多 ${decimals} 位小数（单位：${spec.unit ?? '万元'}）`);
    const intPart = whole.replace(/^0+(?=\d)/, '') || '0';
    if (intPart.length > 12) return refuse('金额过大：整数部分最多 12 位');
    return { ok: true, value: fraction ? `${intPart}.${fraction}` : intPart };
  }
  if (unsigned.includes('.')) return refuse('件数不能有小数，应为整数');
  if (negative && spec.kind === 'count') return refuse('件数不能为负数，应为不小于 0 的整数');
  const value = Number(unsigned);
  if (!Number.isSafeInteger(value) || value > COUNT_INPUT_MAX) return refuse('数值过大：件数最多 12 位（999999999999）');
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** How a stored value is shown in its input. */
export function formatCellInput(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
