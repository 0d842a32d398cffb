/**
 * Exact money. Amounts are kept as the decimal string the clerk entered ("493.5")
 * so they render exactly as entered, and are compared as integers of the smallest
 * unit (0.0001 万元 = 1 元, 0.01 元 = 1 分). Never a float.
 */

// One pattern per number of decimals (the formats use 2 and 4), built once: the checker tests money
// on every report. Shared safely: without the g or y flag a pattern keeps no state between tests.
const patterns = new Map<number, RegExp>();

export function moneyPattern(decimals: number): RegExp {
  let pattern = patterns.get(decimals);
  if (!pattern) {
    pattern = decimals > 0 ? new RegExp(`^\\d{1,12}(\\.\\d{1,${decimals}})?$`) : /^\d{1,12}$/;
    if (patterns.size < 16) patterns.set(decimals, pattern);
  }
  return pattern;
}

/** Integer count of 10^-decimals units, or undefined when `text` is not a plain decimal. */
export function moneyToUnits(text: string, decimals: number): number | undefined {
  if (!moneyPattern(decimals).test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  const units = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  return Number.isSafeInteger(units) ? units : undefined;
}

/** 万元 (≤ 4 decimals) to whole 元 units ×1 (0.0001 万元 = 1 元). */
export function wanYuanToYuan(text: string): number | undefined {
  return moneyToUnits(text, 4);
}

/** 元 (≤ 2 decimals) to 分. */
export function yuanToFen(text: string): number | undefined {
  return moneyToUnits(text, 2);
}
