import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { problemResponse } from '../../lib/route.ts';
import { TELEGRAM_WEBHOOK_PATH } from './telegram-port.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `POST /api/telegram/webhook` (webhook mode): Telegram posts each update with the secret given
 * to setWebhook in `X-Telegram-Bot-Api-Secret-Token`, compared in constant time. Mounted before the
 * same-origin guard: Telegram is not a browser. Off (404) unless the bot runs in webhook mode.
 */
export function telegramWebhookRouter(ctx: AppContext): Router {
  const router = express.Router();
  router.post(TELEGRAM_WEBHOOK_PATH, express.json({ limit: '1mb' }), async (req, res) => {
    const bot = ctx.telegram;
    if (bot?.mode !== 'webhook') throw new AppError('not_found', 'The Telegram webhook is not enabled');
    const expected = ctx.env.TELEGRAM_WEBHOOK_SECRET;
    if (expected) {
      const given = req.get('x-telegram-bot-api-secret-token');
      if (!given) throw new AppError('unauthenticated', 'X-Telegram-Bot-Api-Secret-Token is missing');
      if (!timingSafeEqual(digest(given), digest(expected))) {
        throw new AppError('forbidden', 'X-Telegram-Bot-Api-Secret-Token does not match');
      }
    }
    if (!req.is('application/json')) {
      throw new AppError('unsupported_media_type', 'A Telegram update is sent as application/json');
    }
    const update = req.body as unknown;
    if (
      !update ||
      typeof update !== 'object' ||
      typeof (update as { update_id?: unknown }).update_id !== 'number'
    ) {
      throw new AppError('validation_failed', 'The body is not a Telegram update', {
        fields: [{ field: 'update_id', message: 'a number is required' }],
      });
    }
    await bot.handleUpdate(update as never);
    res.status(200).json({ ok: true });
  });
  return router;
}

/** The OpenAPI operation of {@link telegramWebhookRouter}. */
export const TELEGRAM_WEBHOOK_OPENAPI_PATHS = {
  [TELEGRAM_WEBHOOK_PATH]: {
    post: {
      operationId: 'postTelegramWebhook',
      summary:
        'Telegram Bot API updates (webhook mode): /start links a chat, inline buttons confirm or decline',
      tags: ['telegram'],
      security: [],
      parameters: [
        {
          name: 'X-Telegram-Bot-Api-Secret-Token',
          in: 'header',
          required: false,
          description: 'The TELEGRAM_WEBHOOK_SECRET given to setWebhook (required when it is set)',
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['update_id'],
              properties: { update_id: { type: 'integer' } },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Processed',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
            },
          },
        },
        400: problemResponse('The body is not valid JSON'),
        401: problemResponse('The secret header is missing'),
        403: problemResponse('The secret header does not match'),
        404: problemResponse('The bot does not run in webhook mode'),
        413: problemResponse('The body is too large (1 MB at most)'),
        415: problemResponse('The body is not application/json'),
        422: problemResponse('The body is not a Telegram update (`update_id` is missing)'),
      },
    },
  },
};
