import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: browser tests against the real product — the api with its embedded database
 * and worker, serving the built web client — driven in Debian's Chromium by playwright-core.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['web/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['web/e2e/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'artifacts/e2e-results.json' }]],
  },
});
