import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Finds or starts PostgreSQL and Redis, builds LiveKit and the deploy-file validators when missing.
    globalSetup: ['infra/test/global-setup.ts'],
    // The JSON report lets CI print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'artifacts/test-results.json' }]],
    projects: [
      { test: { name: 'core', include: ['core/src/**/*.test.ts'] } },
      { test: { name: 'infra', include: ['infra/test/**/*.test.ts'] } },
      {
        test: {
          name: 'api',
          include: ['api/test/**/*.test.ts', 'api/src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'worker',
          include: ['worker/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      './web',
      // Contracts across packages: the .ics files and the clocks every renderer shows.
      './test',
    ],
  },
});
