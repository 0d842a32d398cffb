/**
 * How many runs each property gets: `FUZZ_RUNS` (set by `npm run test:fuzz`, default there
 * 10,000), else a small number so the normal test run stays fast. `share` scales it down for
 * properties whose single run is slow (DOCX packing).
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 50);

export function runs(share = 1): number {
  return Math.max(10, Math.round(FUZZ_RUNS * share));
}

/** The property timeout: generous, since the fuzz run's count is a hundred times the normal one. */
export const FUZZ_TIMEOUT = Math.max(60_000, FUZZ_RUNS * 100);
