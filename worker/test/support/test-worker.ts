import { randomBytes } from 'node:crypto';
import { type TEnv, ZEnvSchema } from '@telemost/server/config/env';
import type { DatabaseHandle } from '@telemost/server/db/database';
import { createLogger } from '@telemost/server/lib/logger';
import { Redis } from 'ioredis';
import { startWorker, type TWorkerDeps } from '../../src/index.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix no other test shares. */
export const uniquePrefix = (name: string) => `test-${name}-${randomBytes(4).toString('hex')}`;

export function workerEnv(overrides: Partial<TEnv> = {}): TEnv {
  return {
    ...ZEnvSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://telemost.test' }),
    REDIS_URL: TEST_REDIS_URL,
    ...overrides,
  };
}

/** Starts the real worker in this process on its own queue prefix. */
export async function startTestWorker(
  database: DatabaseHandle,
  options: Partial<Omit<TWorkerDeps, 'database' | 'env'>> & { env?: Partial<TEnv> } = {},
) {
  const prefix = options.queuePrefix ?? uniquePrefix('worker');
  const worker = await startWorker({
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...options,
    env: workerEnv(options.env),
    database,
    queuePrefix: prefix,
  });
  // `prefix` is where the queues live (the given one plus the database's installation id), for
  // inspecting them; `basePrefix` is what to pass to start another worker on the same queues.
  return { ...worker, prefix: worker.ctx.prefix, basePrefix: prefix };
}

/** Deletes every key under a prefix (the test's queues and bookkeeping). */
export async function dropPrefix(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
