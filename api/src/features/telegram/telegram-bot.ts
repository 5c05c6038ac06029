import type { TLocale } from '@telemost/core/schemas/common';
import { findActor } from '@telemost/server/live/live-seat';
import { Bot, type Context } from 'grammy';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { decideEvent } from '../events/decide-event.ts';
import { BOT_TEXTS } from './bot-texts.ts';
import { findAction, findLinkByChat, redeemLinkToken } from './telegram.repository.ts';
import type { TTelegramBot } from './telegram-port.ts';

import { TELEGRAM_WEBHOOK_PATH } from './telegram-port.ts';

const toLocale = (value: string | undefined): TLocale => (value === 'kk' || value === 'en' ? value : 'ru');

async function userOfChat(app: AppContext, chatId: string) {
  const link = await findLinkByChat(app.db, chatId);
  if (!link) return null;
  const user = await app.db
    .selectFrom('users')
    .select(['id', 'name', 'locale'])
    .where('id', '=', link.userId)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  return user ?? null;
}

async function onStart(app: AppContext, c: Context): Promise<void> {
  const chatId = c.chat?.id;
  if (chatId === undefined || c.chat?.type !== 'private') return;
  const token = typeof c.match === 'string' ? c.match.trim() : '';
  const fallback = toLocale(c.from?.language_code);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) {
    await c.reply(BOT_TEXTS[fallback][token ? 'badToken' : 'hello']);
    return;
  }
  const userId = await redeemLinkToken(app.db, token, String(chatId), app.now());
  if (!userId) {
    await c.reply(BOT_TEXTS[fallback].badToken);
    return;
  }
  const user = await app.db
    .selectFrom('users')
    .select(['name', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirst();
  app.logger.info({ userId }, 'telegram chat linked');
  await c.reply(BOT_TEXTS[toLocale(user?.locale)].linked(user?.name ?? ''));
}

/**
 * An inline button. The callback data is only an id: who may use it comes from our own link of
 * this chat, and the decision is taken by the same use case as the HTTP route, with that person's
 * rights.
 */
async function onCallback(app: AppContext, c: Context): Promise<void> {
  const query = c.callbackQuery;
  if (!query) return;
  const chatId = query.message?.chat.id ?? query.from.id;
  const user = await userOfChat(app, String(chatId));
  const action =
    user && typeof query.data === 'string' ? await findAction(app.db, query.data, user.id) : undefined;
  if (!user || !action) {
    await c.answerCallbackQuery({
      text: BOT_TEXTS[toLocale(user?.locale ?? query.from.language_code)].notYours,
    });
    return;
  }
  const t = BOT_TEXTS[toLocale(user.locale)];
  const event = await app.db
    .selectFrom('events')
    .select('version')
    .where('id', '=', action.eventId)
    .executeTakeFirst();
  let result: string;
  if (!event || event.version !== action.eventVersion) {
    result = t.changed;
  } else {
    const actor = await findActor(app.db, user.id);
    try {
      if (!actor) throw new AppError('forbidden', 'account disabled');
      await decideEvent(app, actor, action.eventId, action.decision);
      result = action.decision === 'confirmed' ? t.confirmed : t.declined;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result = t.failed(err.message);
    }
  }
  app.logger.info({ userId: user.id, eventId: action.eventId, result }, 'telegram decision');
  await c.answerCallbackQuery({ text: result });
  const original = query.message && 'text' in query.message ? (query.message.text ?? '') : '';
  if (query.message) await c.editMessageText(original ? `${original}\n\n${result}` : result).catch(() => {});
}

/** Builds the bot from TELEGRAM_* (null without a token: the channel is off). */
export function createTelegramBot(app: AppContext): TTelegramBot | null {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_MODE: mode, TELEGRAM_API_ROOT: apiRoot } = app.env;
  if (!token) return null;
  const bot = new Bot(token, { client: { apiRoot: apiRoot.replace(/\/+$/, '') } });
  bot.command('start', (c) => onStart(app, c));
  bot.on('callback_query:data', (c) => onCallback(app, c));
  bot.catch((err) =>
    app.logger.warn(
      { err: err.error instanceof Error ? err.error.message : err.error },
      'telegram update failed',
    ),
  );

  let initing: Promise<void> | null = null;
  const init = () => {
    initing ??= bot.init().catch((err) => {
      initing = null;
      throw err;
    });
    return initing;
  };
  let polling: Promise<void> | null = null;
  let stopped = false;
  let retry: (() => void) | undefined;
  return {
    mode,
    username: () => (bot.isInited() ? bot.botInfo.username : null),
    ensureUsername: async () => {
      try {
        await init();
      } catch (err) {
        throw new AppError('service_unavailable', `Telegram cannot be reached: ${(err as Error).message}`);
      }
      return bot.botInfo.username;
    },
    handleUpdate: async (update) => {
      await init();
      await bot.handleUpdate(update);
    },
    start: async () => {
      try {
        await init();
      } catch (err) {
        app.logger.warn({ err: (err as Error).message }, 'telegram: getMe failed; the bot retries when used');
        if (mode === 'webhook') return;
      }
      if (mode === 'webhook') {
        const url = `${(app.env.PUBLIC_URL ?? '').replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
        await bot.api
          .setWebhook(url, {
            ...(app.env.TELEGRAM_WEBHOOK_SECRET ? { secret_token: app.env.TELEGRAM_WEBHOOK_SECRET } : {}),
            allowed_updates: ['message', 'callback_query'],
          })
          .catch((err) => app.logger.warn({ err: (err as Error).message }, 'telegram: setWebhook failed'));
        return;
      }
      // Long polling until stopped; when Telegram cannot be reached, try again a little later.
      polling = (async () => {
        while (!stopped) {
          try {
            await bot.start({ allowed_updates: ['message', 'callback_query'] });
          } catch (err) {
            app.logger.warn({ err: (err as Error).message }, 'telegram polling failed; retrying in 30 s');
          }
          if (stopped) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 30_000);
            timer.unref();
            retry = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      })();
    },
    stop: async () => {
      stopped = true;
      retry?.();
      if (bot.isRunning()) await bot.stop().catch(() => {});
      await polling;
    },
  };
}
