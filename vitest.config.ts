import { defineConfig } from 'vitest/config';

// Three speeds of test (architecture §3): unit (pure), medium (use cases on real databases), http.
// Playwright e2e runs separately (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['test/{unit,medium,http}/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
