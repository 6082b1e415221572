// One runner for every suite (unit, interop, integration, fuzz, e2e); the summary reporter prints the
// closing `N passed, N failed, N skipped` line CI reads.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./test/support/globalSetup.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
