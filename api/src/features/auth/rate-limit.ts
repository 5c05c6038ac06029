import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';

const normalizedEmail = (req: Request) =>
  typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
/** A rate-limit store in Redis (give it a prefix under QUEUE_PREFIX), so a limit holds across api instances and restarts and deployments sharing a Redis never share limits. */
export const redisStore = (ctx: AppContext, prefix: string) =>
  new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) => ctx.redis.call(command, ...args) as Promise<number>,
  });
const tooMany = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'Too many sign-in attempts. Please wait and try again.', {
    extra: { retryAfterSeconds },
  });

/**
 * Limits failed logins per client address, whatever the e-mail: password spraying (one password
 * tried against many accounts) from one address stops after LOGIN_ADDRESS_RATE_LIMIT failures.
 */
export function loginAddressRateLimit(ctx: AppContext): RequestHandler {
  return rateLimit({
    windowMs: ctx.env.LOGIN_RATE_WINDOW_SECONDS * 1000,
    limit: ctx.env.LOGIN_ADDRESS_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    store: redisStore(ctx, `${ctx.env.QUEUE_PREFIX}:rl-login-addr-`),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next, options) => next(tooMany(Math.ceil(options.windowMs / 1000))),
  });
}

const KNOWN_ADDRESS_DAYS = 30;

/**
 * Slows guessing at one account from many addresses, without locking its owner out.
 *
 * After LOGIN_RATE_LIMIT failures against an account (from any address, within the window), each
 * further attempt must wait 2^(failures − limit) seconds after the last failure, at most the
 * window; attempts refused while waiting do not count, so the wait only grows with real guesses.
 * An address that signed in to this account before (remembered for 30 days) is not slowed: the
 * owner signs in from their usual place however hard someone else keeps failing. From a new
 * address the owner waits at most the current backoff, like anyone else; that is the price of
 * not letting a botnet try LOGIN_RATE_LIMIT passwords from each of its addresses.
 */
export function loginAccountBackoff(ctx: AppContext): RequestHandler {
  const windowSeconds = ctx.env.LOGIN_RATE_WINDOW_SECONDS;
  return async (req, res, next) => {
    const email = normalizedEmail(req);
    if (!email) return next();
    const id = createHash('sha256').update(email).digest('hex').slice(0, 32);
    const failuresKey = `${ctx.env.QUEUE_PREFIX}:login-failures-${id}`;
    const knownKey = `${ctx.env.QUEUE_PREFIX}:login-known-${id}`;
    const address = ipKeyGenerator(req.ip ?? 'unknown');
    try {
      const [[fails, last], known] = await Promise.all([
        ctx.redis.hmget(failuresKey, 'fails', 'last'),
        ctx.redis.sismember(knownKey, address),
      ]);
      const failures = Number(fails ?? 0);
      if (!known && failures >= ctx.env.LOGIN_RATE_LIMIT) {
        const waitMs = Math.min(2 ** (failures - ctx.env.LOGIN_RATE_LIMIT), windowSeconds) * 1000;
        const remaining = Number(last ?? 0) + waitMs - Date.now();
        if (remaining > 0) return next(tooMany(Math.ceil(remaining / 1000)));
      }
    } catch (err) {
      // Redis away: the per-address limits (which need it too) answer for this request.
      ctx.logger.warn({ err: (err as Error).message }, 'login backoff unavailable');
      return next();
    }
    res.on('finish', () => {
      const write =
        res.statusCode === 401
          ? ctx.redis
              .multi()
              .hincrby(failuresKey, 'fails', 1)
              .hset(failuresKey, 'last', String(Date.now()))
              .expire(failuresKey, windowSeconds)
          : res.statusCode === 200
            ? ctx.redis
                .multi()
                .sadd(knownKey, address)
                .expire(knownKey, KNOWN_ADDRESS_DAYS * 86_400)
                .del(failuresKey)
            : null;
      write
        ?.exec()
        .catch((err: Error) => ctx.logger.warn({ err: err.message }, 'login backoff not recorded'));
    });
    next();
  };
}

/**
 * Limits login attempts per client address and e-mail, counted in Redis so the limit holds
 * across api instances and restarts.
 */
export function loginRateLimit(ctx: AppContext): RequestHandler {
  return rateLimit({
    windowMs: ctx.env.LOGIN_RATE_WINDOW_SECONDS * 1000,
    limit: ctx.env.LOGIN_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    store: redisStore(ctx, `${ctx.env.QUEUE_PREFIX}:rl-login-`),
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? 'unknown')}|${normalizedEmail(req)}`,
    handler: (_req, _res, next, options) => next(tooMany(Math.ceil(options.windowMs / 1000))),
  });
}
