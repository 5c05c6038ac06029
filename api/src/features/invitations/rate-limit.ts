import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { redisStore } from '../auth/rate-limit.ts';

/**
 * Limits the public invitation routes per client address (INVITATION_RATE_LIMIT requests per
 * INVITATION_RATE_WINDOW_SECONDS), counted in Redis like the login limits: guessing tokens, or
 * hammering a lobby, stops there. One limiter for all of them, so they share one budget.
 */
export function invitationRateLimit(ctx: AppContext): RequestHandler {
  return rateLimit({
    windowMs: ctx.env.INVITATION_RATE_WINDOW_SECONDS * 1000,
    limit: ctx.env.INVITATION_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: redisStore(ctx, `${ctx.env.QUEUE_PREFIX}:rl-invite-`),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next, options) =>
      next(
        new AppError('rate_limited', 'Too many requests. Please wait and try again.', {
          extra: { retryAfterSeconds: Math.ceil(options.windowMs / 1000) },
        }),
      ),
  });
}
