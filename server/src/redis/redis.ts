import { Redis } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A Redis client for request paths: no offline queue and one retry, so when Redis is down a
 * request fails fast instead of hanging. BullMQ workers use their own connections.
 */
export function createFastFailRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: false,
  });
}

/**
 * The Redis channel key of socket.io's adapter (api) and emitter (worker): under QUEUE_PREFIX, so
 * deployments sharing a Redis do not receive each other's broadcasts.
 */
export function socketIoChannelKey(queuePrefix: string): string {
  return `${queuePrefix}:socket.io`;
}

/** Resolves when the client is ready, rejects after `timeoutMs`. */
export function waitForRedis(redis: Redis, timeoutMs = 3000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
