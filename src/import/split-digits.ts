/**
 * Cells whose digits ran together when a table was flattened ("6000017" for 6,0,0,0,0,1,7).
 * All ways to cut the tokens into exactly `count` numbers without leading zeros; the caller
 * keeps only cuts that satisfy the row's identities and uses a cut only when it is unique.
 *
 * Only cuts that can be completed are followed (a table of what can be cut, built first), so the
 * work is bounded by the cuts listed, at most LIMIT: a search that also tried every dead end took
 * minutes on a long run of digits with zeros in it.
 */

/** Stops enumerating beyond this many cuts: such a row is ambiguous anyway. */
const LIMIT = 20_000;
/** No number is longer than 15 digits (safe integers). */
const MAX_DIGITS = 15;

/** Whether `digits[start, end)` is one number: no leading zero, at most 15 digits. */
const isPiece = (digits: string, start: number, end: number) =>
  end - start <= MAX_DIGITS && (end - start === 1 || digits[start] !== '0');

/** can[start][left]: the digits from `start` on can be cut into exactly `left` numbers. */
function cuttable(digits: string, parts: number): boolean[][] {
  const n = digits.length;
  const can = Array.from({ length: n + 1 }, () => new Array<boolean>(parts + 1).fill(false));
  (can[n] as boolean[])[0] = true;
  for (let start = n - 1; start >= 0; start--) {
    for (let left = 1; left <= parts; left++) {
      for (let end = start + 1; end <= n && isPiece(digits, start, end); end++) {
        if ((can[end] as boolean[])[left - 1]) {
          (can[start] as boolean[])[left] = true;
          break;
        }
      }
    }
  }
  return can;
}

/** Ways to cut one digit string into `parts` numbers, shortest first piece first, as they are asked for. */
function* cutsOf(digits: string, parts: number, can: readonly (readonly boolean[])[]): Generator<number[]> {
  function* walk(start: number, left: number, acc: number[]): Generator<number[]> {
    if (left === 0) {
      yield acc;
      return;
    }
    for (let end = start + 1; end <= digits.length && isPiece(digits, start, end); end++) {
      if ((can[end] as boolean[])[left - 1]) yield* walk(end, left - 1, [...acc, Number(digits.slice(start, end))]);
    }
  }
  if ((can[0] as boolean[])[parts]) yield* walk(0, parts, []);
}

/**
 * Every way to read `tokens` (digit strings, in order) as `count` numbers, each token giving
 * one or more consecutive numbers. `undefined` when there are too many ways to list.
 */
export function splitRunTogether(tokens: readonly string[], count: number): number[][] | undefined {
  if (tokens.some((t) => !/^\d+$/.test(t))) return [];
  // A token too long for `count` numbers cannot be cut at all (and gets no table).
  const tables = tokens.map((t) => (t.length > MAX_DIGITS * count ? null : cuttable(t, count)));
  const canCut = (i: number, parts: number) => (tables[i]?.[0] as boolean[] | undefined)?.[parts] === true;
  // Whether the tokens from i on give exactly `left` numbers.
  const finishes = new Map<number, boolean>();
  const canFinish = (i: number, left: number): boolean => {
    if (i === tokens.length) return left === 0;
    const key = i * (count + 1) + left;
    let known = finishes.get(key);
    if (known === undefined) {
      known = false;
      const most = Math.min((tokens[i] as string).length, left - (tokens.length - i - 1));
      for (let parts = 1; parts <= most && !known; parts++) known = canCut(i, parts) && canFinish(i + 1, left - parts);
      finishes.set(key, known);
    }
    return known;
  };
  const results: number[][] = [];
  let overflow = false;
  const walk = (i: number, left: number, acc: number[]) => {
    if (overflow) return;
    if (i === tokens.length) {
      if (left === 0) results.push(acc);
      return;
    }
    const token = tokens[i] as string;
    const maxParts = Math.min(token.length, left - (tokens.length - i - 1));
    for (let parts = 1; parts <= maxParts; parts++) {
      // Every cut of this token into `parts` numbers leads to the same rest: all of them complete, or none.
      if (!canCut(i, parts) || !canFinish(i + 1, left - parts)) continue;
      for (const cut of cutsOf(token, parts, tables[i] as boolean[][])) {
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
