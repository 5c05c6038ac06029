import { randomUUID } from 'node:crypto';
import type { TWorkerContext } from '../context.ts';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Thrown when another run holds the lock; the job fails this attempt and retries after backoff. */
export class SendLockBusyError extends Error {
  constructor(key: string) {
    super(`another run is delivering ${key}; retrying later`);
    this.name = 'SendLockBusyError';
  }
}

/**
 * Runs `send` while holding a short Redis lock on `key`. BullMQ runs one job id at a time, but a
 * job whose lock expired (a stalled worker) can run twice at once; the lock keeps the e-mail
 * check-send-record sequence of one message from interleaving with itself. It outlives the SMTP
 * socket timeout, and a crashed holder's lock simply expires.
 */
export async function withSendLock<T>(ctx: TWorkerContext, key: string, send: () => Promise<T>): Promise<T> {
  const lockKey = `${ctx.prefix}:telemost:send-lock:${key}`;
  const token = randomUUID();
  const ok = await ctx.redis.set(lockKey, token, 'PX', 40_000, 'NX');
  if (ok !== 'OK') throw new SendLockBusyError(key);
  try {
    return await send();
  } finally {
    await ctx.redis.eval(RELEASE, 1, lockKey, token).catch(() => {});
  }
}
