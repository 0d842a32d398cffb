import { defineConfig } from 'vitest/config';
import { handlebarsPrecompile } from './scripts/handlebars-plugin.ts';

// `npm run test:fuzz`: only the property tests of test/fuzz, with FUZZ_RUNS (default 10,000) runs each.
// The normal `vitest run` also runs them, with a small count (test/fuzz/runs.ts).
export default defineConfig({
  plugins: [handlebarsPrecompile()],
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    environment: 'node',
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' },
    testTimeout: 30 * 60_000,
  },
});
