import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { createLinkToken, deleteLink, findLinkByUser } from './telegram.repository.ts';

export type TTelegramStatus = {
  enabled: boolean;
  linked: boolean;
  linkedAt: string | null;
  botUsername: string | null;
};

function botOf(ctx: AppContext) {
  if (!ctx.telegram) {
    throw new AppError(
      'service_unavailable',
      'Telegram is off on this server (TELEGRAM_BOT_TOKEN is not set)',
    );
  }
  return ctx.telegram;
}

/** Whether the person's account has a Telegram chat. */
export async function telegramStatus(ctx: AppContext, userId: string): Promise<TTelegramStatus> {
  const link = await findLinkByUser(ctx.db, userId);
  return {
    enabled: Boolean(ctx.telegram),
    linked: Boolean(link),
    linkedAt: link ? link.linkedAt.toISOString() : null,
    botUsername: ctx.telegram?.username() ?? null,
  };
}

/** A bot deep link with a one-time token (10 minutes): opening it and pressing Start links the chat. */
export async function createTelegramLink(
  ctx: AppContext,
  userId: string,
): Promise<{ url: string; expiresAt: string }> {
  const bot = botOf(ctx);
  const username = await bot.ensureUsername();
  const { token, expiresAt } = await createLinkToken(ctx.db, userId, ctx.now());
  return { url: `https://t.me/${username}?start=${token}`, expiresAt: expiresAt.toISOString() };
}

export async function unlinkTelegram(ctx: AppContext, userId: string): Promise<void> {
  await deleteLink(ctx.db, userId);
}
