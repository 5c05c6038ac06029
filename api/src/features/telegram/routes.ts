import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { createTelegramLink, telegramStatus, unlinkTelegram } from './link-telegram.ts';

export function telegramRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/telegram',
      summary: 'Whether Telegram is on here and your account is linked to a chat',
      tags: ['telegram'],
      auth: true,
      response: z.object({
        enabled: z.boolean(),
        linked: z.boolean(),
        linkedAt: z.string().nullable(),
        botUsername: z.string().nullable(),
      }),
      handler: ({ actor }) => telegramStatus(ctx, actor.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/telegram-link',
      summary:
        'A bot deep link with a one-time token (10 minutes, single use): open it in Telegram and press Start to link this account',
      tags: ['telegram'],
      auth: true,
      response: z.object({ url: z.string(), expiresAt: z.string() }),
      errors: { 503: 'Telegram is off (no TELEGRAM_BOT_TOKEN) or cannot be reached' },
      handler: ({ actor }) => createTelegramLink(ctx, actor.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/me/telegram-link',
      summary: 'Unlink your Telegram chat: nothing more is sent there',
      tags: ['telegram'],
      auth: true,
      handler: async ({ actor }) => {
        await unlinkTelegram(ctx, actor.id);
      },
    }),
  ];
}
