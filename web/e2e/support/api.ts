import { createServer } from 'node:net';
import { type RunningApi, startApi } from '../../../infra/e2e/api-process.ts';

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real product for one test file: `node api/src/main.ts` on a free port with a fresh data
 * directory (embedded PGlite, demo data seeded) and its own BullMQ queue prefix in the shared Redis.
 */
export async function startProduct(name: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const port = await freePort();
  return startApi({ QUEUE_PREFIX: `e2e-${name}-${process.pid}-${port}`, ...env }, port);
}
