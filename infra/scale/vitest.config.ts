import { defineConfig } from 'vitest/config';

/**
 * `npm run test:scale`: two apis behind HAProxy, two workers, one PostgreSQL, one Redis and two
 * LiveKit nodes, as separate processes on loopback; processes are killed and restarted under load.
 */
export default defineConfig({
  test: {
    name: 'scale',
    root: new URL('../..', import.meta.url).pathname,
    include: ['infra/scale/**/*.scale.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
