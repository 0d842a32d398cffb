import type { CellKind, ColumnDef, FormatId, RowDef, TableDef } from '../model/format';
import { FORMATS } from '../model/formats';

/** Reading one published cell text as a cell value, or saying why it cannot be read. */
export type CellReading =
  | { readonly ok: true; readonly value: number | string; readonly reason: undefined }
  | { readonly ok: false; readonly value: undefined; readonly reason: string };

// Both kinds of reading have the same properties in the same order: one shape for the row readers' optimised code.
const valueRead = (value: number | string): CellReading => ({ ok: true, value, reason: undefined });
const notRead = (reason: string): CellReading => ({ ok: false, value: undefined, reason });

const NOT_APPLICABLE = /^(?:[/／\\—–\-－]+|无)$/;

const DIGITS = /^\d+$/;

export function readCellText(text: string, column: ColumnDef): CellReading {
  // The usual count, plain digits: what readCount would make of it.
  if (column.kind !== 'money' && DIGITS.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? valueRead(value) : notRead(`“${text}”数值过大`);
  }
  const t = text.replace(/\s+/g, '').replace(/−/g, '-');
  if (t === '') return notRead('单元格为空');
  if (NOT_APPLICABLE.test(t)) return notRead(`写作“${t}”，未填数字`);
  return column.kind === 'money' ? readMoney(t, column) : readCount(t, column.kind);
}

/** The units a count is sometimes written with ("258件"): the column says what is counted. */
export const COUNT_UNITS = '件|条|个|项|次|人|部|份';
/** The units an amount is sometimes written with; readMoney converts 亿 to the column's 万元. */
export const MONEY_UNITS = '亿元|亿|万元|万|元';
const COUNT_UNIT = new RegExp(`(?:${COUNT_UNITS})$`);

function readCount(text: string, kind: CellKind): CellReading {
  const t = text.replace(COUNT_UNIT, '');
  const m = /^([+-]?)(\d{1,3}(?:[,，]\d{3})+|\d+)$/.exec(t);
  if (!m) return notRead(`“${text}”不是整数`);
  const [, sign = '', digits = ''] = m;
  const value = Number(digits.replace(/[,，]/g, ''));
  if (!Number.isSafeInteger(value)) return notRead(`“${text}”数值过大`);
  if (sign === '-' && kind !== 'signedCount') return notRead(`“${text}”为负数，本列应为不小于 0 的整数`);
  return valueRead(sign === '-' ? -value : value);
}

/**
 * A decimal's digits times 10^places, exactly, as a decimal string without leading or trailing
 * zeros ("1.06" × 10^4 → "10600", "0.12" × 10^4 → "1200").
 */
export function scaleDecimal(whole: string, fraction: string, places: number): string {
  const padded = fraction.padEnd(places, '0');
  const int = `${whole}${padded.slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(places).replace(/0+$/, '');
  return rest ? `${int}.${rest}` : int;
}

const MONEY = new RegExp(`^(\\d{1,3}(?:[,，]\\d{3})+|\\d+)(?:\\.(\\d+))?(${MONEY_UNITS})?$`);

function readMoney(t: string, column: ColumnDef): CellReading {
  const unit = column.unit ?? '万元';
  const m = MONEY.exec(t);
  if (!m) return notRead(`“${t}”不是金额`);
  const [, grouped = '', fraction = '', suffix] = m;
  if (suffix === '元' && unit === '万元') return notRead(`“${t}”以元计，本列以万元计，请换算后填写`);
  const whole = grouped.replace(/[,，]/g, '');
  if (whole.length > 12) return notRead(`“${t}”数值过大`);
  // 亿元 in a 万元 column: the same amount, the point moved four places.
  const amount = suffix?.startsWith('亿') && unit === '万元' ? scaleDecimal(whole, fraction, 4) : fraction ? `${whole}.${fraction}` : whole;
  const decimals = column.decimals ?? 4;
  if ((amount.split('.')[1] ?? '').length > decimals) return notRead(`“${t}”小数位超过 ${decimals} 位`);
  return valueRead(amount);
}

const SECTION_TITLE: Record<string, string> = {};
for (const f of ['2021', '2019'] as const) {
  for (const [no, heading] of Object.entries(FORMATS[f].headings)) SECTION_TITLE[no] = heading;
}

/** "三、收到和处理政府信息公开申请情况 · “一、本年新收…”行 · “自然人”列" */
export function describePlace(table: TableDef, row?: RowDef, column?: ColumnDef): string {
  const parts = [table.family === 'active' ? `二、${table.caption}` : (SECTION_TITLE[table.section] ?? table.caption)];
  if (row?.label) parts.push(`“${row.label}”行`);
  if (column) {
    const group = column.group && table.family === 'appeals' ? `${column.group}·` : '';
    parts.push(`“${group}${column.label}”列`);
  }
  return parts.join(' · ');
}

export function formatName(format: FormatId): string {
  return `${format} 年版格式`;
}
