import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';

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
    store: new RedisStore({
      prefix: 'telemost-rl-login-',
      sendCommand: (command: string, ...args: string[]) =>
        ctx.redis.call(command, ...args) as Promise<number>,
    }),
    keyGenerator: (req) => {
      const email =
        typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 254) : '';
      return `${ipKeyGenerator(req.ip ?? 'unknown')}|${email}`;
    },
    handler: (_req, _res, next, options) => {
      next(
        new AppError('rate_limited', 'Too many sign-in attempts. Please wait and try again.', {
          extra: { retryAfterSeconds: Math.ceil(options.windowMs / 1000) },
        }),
      );
    },
  });
}
