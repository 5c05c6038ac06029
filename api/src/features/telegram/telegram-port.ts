import type { Update } from 'grammy/types';

export const TELEGRAM_WEBHOOK_PATH = '/api/telegram/webhook';

/** The api's Telegram bot: links chats (`/start <token>`) and acts on the inline Confirm/Decline buttons. */
export type TTelegramBot = {
  mode: 'polling' | 'webhook';
  /** The bot's @username from getMe, once known. */
  username: () => string | null;
  /** getMe when not done yet; throws a 503 AppError when Telegram cannot be reached. */
  ensureUsername: () => Promise<string>;
  /** One update (webhook mode; polling feeds them itself). */
  handleUpdate: (update: Update) => Promise<void>;
  /** Polling: starts the long-polling loop. Webhook: registers the webhook with Telegram. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
};
