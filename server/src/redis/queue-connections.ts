import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.ts';

/**
 * The connection BullMQ workers block on. `maxRetriesPerRequest: null` is what BullMQ requires:
 * a worker waits out a Redis restart instead of failing its commands.
 */
export function createWorkerConnection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: 'telemost-worker' });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'worker redis connection error'));
  return redis;
}

/**
 * The connection producers (queue.add, the outbox relay, locks, socket.io emits) use: commands give
 * up after a few reconnection attempts, so the caller sees the failure and retries later instead of
 * holding a database transaction while Redis is away.
 */
export function createProducerConnection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, connectionName: 'telemost-producer' });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'producer redis connection error'));
  return redis;
}

/**
 * BullMQ keeps jobs as ordinary keys: a Redis that evicts keys under memory pressure silently
 * drops jobs. Warn loudly unless the policy is `noeviction`. Managed services may forbid CONFIG;
 * then we can only say that we could not check.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy !== 'noeviction') {
      logger.warn(
        { policy },
        'Redis maxmemory-policy is not "noeviction": queued reminders can be evicted. Set maxmemory-policy noeviction.',
      );
    }
    return policy;
  } catch (err) {
    logger.warn(
      { err: (err as Error).message },
      'could not read Redis maxmemory-policy; make sure it is noeviction',
    );
    return null;
  }
}
