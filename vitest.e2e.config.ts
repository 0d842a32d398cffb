import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app in headless Chromium (test/e2e/global-setup.ts builds and serves it).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
