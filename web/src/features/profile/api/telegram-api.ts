import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

const ZTelegramStatus = z.object({
  enabled: z.boolean(),
  linked: z.boolean(),
  linkedAt: z.string().nullable(),
  botUsername: z.string().nullable(),
});
export type TTelegramStatus = z.infer<typeof ZTelegramStatus>;

/** Whether Telegram is on here and this account is linked. */
export const getTelegramStatus = (signal?: AbortSignal) =>
  apiRequest('/api/me/telegram', ZTelegramStatus, { signal });

/** A one-time bot deep link (10 minutes). */
export const createTelegramLink = () =>
  apiRequest('/api/me/telegram-link', z.object({ url: z.string(), expiresAt: z.string() }), {
    method: 'POST',
    body: {},
  });

export const unlinkTelegram = () => apiRequest('/api/me/telegram-link', null, { method: 'DELETE' });
