/**
 * Cells whose digits ran together when a table was flattened ("6000017" for 6,0,0,0,0,1,7).
 * All ways to cut the tokens into exactly `count` numbers without leading zeros; the caller
 * keeps only cuts that satisfy the row's identities and uses a cut only when it is unique.
 */

/** Stops enumerating beyond this many cuts: such a row is ambiguous anyway. */
const LIMIT = 20_000;

/** Ways to cut one digit string into `parts` numbers (no leading zeros). */
function cutOne(digits: string, parts: number): number[][] {
  const result: number[][] = [];
  const walk = (start: number, left: number, acc: number[]) => {
    // No number is longer than 15 digits (safe integers), so the rest must fit in `left` numbers.
    if (result.length > LIMIT || digits.length - start > 15 * left) return;
    if (left === 1) {
      const piece = digits.slice(start);
      if (piece.length > 0 && (piece.length === 1 || piece[0] !== '0') && piece.length <= 15) result.push([...acc, Number(piece)]);
      return;
    }
    for (let end = start + 1; end <= digits.length - (left - 1); end++) {
      const piece = digits.slice(start, end);
      if (piece.length > 1 && piece[0] === '0') break;
      if (piece.length > 15) break;
      walk(end, left - 1, [...acc, Number(piece)]);
    }
  };
  walk(0, parts, []);
  return result;
}

/**
 * Every way to read `tokens` (digit strings, in order) as `count` numbers, each token giving
 * one or more consecutive numbers. `undefined` when there are too many ways to list.
 */
export function splitRunTogether(tokens: readonly string[], count: number): number[][] | undefined {
  if (tokens.some((t) => !/^\d+$/.test(t))) return [];
  const results: number[][] = [];
  let overflow = false;
  const walk = (i: number, left: number, acc: number[]) => {
    if (overflow) return;
    if (i === tokens.length) {
      if (left === 0) results.push(acc);
      return;
    }
    const token = tokens[i] ?? '';
    const remainingTokens = tokens.length - i - 1;
    const maxParts = Math.min(token.length, left - remainingTokens);
    for (let parts = 1; parts <= maxParts; parts++) {
      for (const cut of cutOne(token, parts)) {
        walk(i + 1, left - parts, [...acc, ...cut]);
        if (results.length > LIMIT) {
          overflow = true;
          return;
        }
      }
    }
  };
  walk(0, count, []);
  return overflow ? undefined : results;
}
