import { randomBytes } from 'node:crypto';
import type { TLocale } from '@telemost/core/schemas/common';
import type { TWorkerContext } from '../context.ts';
import type { TRenderedMessage } from '../messages/render-message.ts';
import { insistently, withSendLock } from './email-once.ts';

const BUTTONS: Record<TLocale, { confirm: string; decline: string }> = {
  ru: { confirm: '✅ Подтвердить', decline: '❌ Отклонить' },
  kk: { confirm: '✅ Растау', decline: '❌ Бас тарту' },
  en: { confirm: '✅ Confirm', decline: '❌ Decline' },
};

/** The chat linked to a person, when Telegram is on and they linked one. */
export async function linkedChat(ctx: TWorkerContext, userId: string): Promise<string | null> {
  if (!ctx.telegram) return null;
  const row = await ctx.db
    .selectFrom('telegramLinks')
    .select('chatId')
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.chatId ?? null;
}

/**
 * Sends one message to a person's Telegram chat at most once per `key`, like e-mail: under the
 * send lock, skip it when the ledger says it went out, else send and insist on the record.
 * With `decide`, the message carries Confirm and Decline buttons whose callback data is an opaque
 * id of a telegram_actions row (person, event, version, decision).
 */
export async function telegramOnce(
  ctx: TWorkerContext,
  key: string,
  userId: string,
  message: TRenderedMessage,
  ledger: { wasSent: () => Promise<boolean>; recordSent: () => Promise<unknown> },
  decide?: { eventId: string; version: number },
): Promise<'sent' | 'already_sent' | undefined> {
  const telegram = ctx.telegram;
  if (!telegram) return undefined;
  const chatId = await linkedChat(ctx, userId);
  if (!chatId) return undefined;
  return withSendLock(ctx, `${key}-telegram`, async () => {
    if (await ledger.wasSent()) return 'already_sent' as const;
    let replyMarkup: unknown;
    if (decide) {
      const ids = {
        confirmed: randomBytes(12).toString('base64url'),
        declined: randomBytes(12).toString('base64url'),
      };
      await ctx.db
        .insertInto('telegramActions')
        .values(
          (['confirmed', 'declined'] as const).map((decision) => ({
            id: ids[decision],
            userId,
            eventId: decide.eventId,
            eventVersion: decide.version,
            decision,
          })),
        )
        .execute();
      const b = BUTTONS[message.locale];
      replyMarkup = {
        inline_keyboard: [
          [
            { text: b.confirm, callback_data: ids.confirmed },
            { text: b.decline, callback_data: ids.declined },
          ],
        ],
      };
    }
    await telegram.sendMessage(chatId, `${message.subject}\n\n${message.body}`, replyMarkup);
    await insistently(ledger.recordSent);
    return 'sent' as const;
  });
}
