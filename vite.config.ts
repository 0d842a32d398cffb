import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { handlebarsPrecompile } from './scripts/handlebars-plugin.ts';

// Node bundles (templates precompiled like the app's): the CLI, and the benchmark runner.
const NODE_BUILDS: Record<string, { entry: string; outDir: string; file: string }> = {
  cli: { entry: 'src/cli/main.ts', outDir: 'dist-cli', file: 'xxgk.mjs' },
  bench: { entry: 'bench/main.ts', outDir: 'dist-bench', file: 'bench.mjs' },
};

// One config: the browser app (default), `vite build --mode cli` and `vite build --mode bench`.
export default defineConfig(({ mode }) => {
  const node = NODE_BUILDS[mode];
  if (node) {
    return {
      plugins: [handlebarsPrecompile()],
      build: {
        ssr: node.entry,
        outDir: node.outDir,
        emptyOutDir: true,
        target: 'node20',
        sourcemap: false,
        rollupOptions: { output: { entryFileNames: node.file } },
      },
    };
  }
  return {
    plugins: [handlebarsPrecompile(), react()],
    build: { target: 'es2022', sourcemap: true },
    test: {
      include: ['test/**/*.test.{ts,tsx}'],
      // Browser end-to-end tests run apart: `npm run test:e2e` (vitest.e2e.config.ts).
      exclude: ['**/node_modules/**', 'test/e2e/**'],
      environment: 'node',
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
});
