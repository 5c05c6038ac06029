import type { TEnv } from '@telemost/server/config/env';

/** Sends Bot API messages (the api runs the bot itself; the worker only sends). */
export type TTelegramSender = {
  sendMessage: (chatId: string, text: string, replyMarkup?: unknown) => Promise<void>;
};

/** A sender from TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT, or null when Telegram is off. */
export function createTelegramSender(env: TEnv): TTelegramSender | null {
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) return null;
  const base = `${env.TELEGRAM_API_ROOT.replace(/\/+$/, '')}/bot${token}`;
  return {
    sendMessage: async (chatId, text, replyMarkup) => {
      const res = await fetch(`${base}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          chat_id: chatId,
          text,
          link_preview_options: { is_disabled: true },
          ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json().catch(() => null)) as { ok?: boolean; description?: string } | null;
      // The token is in the URL: never put the URL in the error.
      if (!body?.ok)
        throw new Error(`telegram sendMessage failed: ${res.status} ${body?.description ?? ''}`.trim());
    },
  };
}
