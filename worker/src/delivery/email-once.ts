import { randomUUID } from 'node:crypto';
import type { TWorkerContext } from '../context.ts';
import type { TEventSnapshot } from '../events/events.repository.ts';
import { buildEventIcs } from '../messages/event-ics.ts';
import type { TRenderedMessage } from '../messages/render-message.ts';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
// As short as the job lock (JOB_LOCK_MS): a killed holder must not keep the job's next run,
// on another worker, waiting longer than BullMQ's own recovery takes.
const TTL_MS = 4_000;
const RENEW_EVERY_MS = 1_500;

/** Thrown when another run holds the lock; the job fails this attempt and retries after backoff. */
export class SendLockBusyError extends Error {
  constructor(key: string) {
    super(`another run is delivering ${key}; retrying later`);
    this.name = 'SendLockBusyError';
  }
}

/**
 * Runs `send` while holding a Redis lock on `key`. BullMQ runs one job id at a time, but a job
 * whose lock expired (a stalled worker) can run twice at once, and two job ids can carry the same
 * message; the lock keeps the check-send-record sequence of one message from interleaving with
 * itself. The lock is short and renewed while the send runs, so a crashed holder's lock is gone
 * within seconds and the retry is not held up.
 */
export async function withSendLock<T>(ctx: TWorkerContext, key: string, send: () => Promise<T>): Promise<T> {
  const lockKey = `${ctx.prefix}:telemost:send-lock:${key}`;
  const token = randomUUID();
  const ok = await ctx.redis.set(lockKey, token, 'PX', TTL_MS, 'NX');
  if (ok !== 'OK') throw new SendLockBusyError(key);
  const renew = setInterval(() => {
    ctx.redis.eval(RENEW, 1, lockKey, token, TTL_MS).catch(() => {});
  }, RENEW_EVERY_MS);
  try {
    return await send();
  } finally {
    clearInterval(renew);
    await ctx.redis.eval(RELEASE, 1, lockKey, token).catch(() => {});
  }
}

/**
 * Retries a small idempotent write for a few seconds. Used for the record that an e-mail went out:
 * if that write failed on a dropped database connection, the job would be retried and the e-mail
 * sent again, so it is worth insisting.
 */
export async function insistently<T>(write: () => Promise<T>, totalMs = 10_000): Promise<T> {
  const deadline = Date.now() + totalMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() + delay > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Sends the e-mail of one message about an event (with its .ics) at most once per `key`: under
 * the send lock, skip it when `wasSent` says it already went out, otherwise send it and insist on
 * `recordSent`. The window between the SMTP
 * server accepting the message and the record being written is the only way to a second copy
 * (at-least-once); the deterministic Message-ID lets mail clients fold it.
 */
export async function emailOnce(
  ctx: TWorkerContext,
  key: string,
  to: string,
  event: TEventSnapshot,
  message: TRenderedMessage,
  ledger: { wasSent: () => Promise<boolean>; recordSent: () => Promise<unknown> },
): Promise<'sent' | 'already_sent' | 'off'> {
  if (!ctx.mailer.enabled) return 'off';
  return withSendLock(ctx, `${key}-email`, async () => {
    if (await ledger.wasSent()) return 'already_sent' as const;
    await ctx.mailer.send({
      to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${key}@telemost>`,
      ics: buildEventIcs(event, {
        url: message.url,
        description: message.text,
        now: ctx.now(),
        mailFrom: ctx.mailer.from,
        locale: message.locale,
      }),
    });
    await insistently(ledger.recordSent);
    return 'sent' as const;
  });
}
