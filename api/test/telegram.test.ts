import { ZEnvSchema } from '@telemost/server/config/env';
import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { sendReminder } from '@telemost/worker/reminders/send-reminder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorker } from '../../worker/test/support/test-worker.ts';
import { waitFor } from '../../worker/test/support/wait-for.ts';
import { bookLesson, testClock } from './support/live-lesson.ts';
import { startTelegramBotApi, type TTelegramBotApi } from './support/telegram-bot-api.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const TOKEN = '123456:TEST-telemost_token';
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');
const KRG_TEACHER = demoEmail('teacher', 'krg-construction', 1);
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const COORDINATOR_CHAT = 7001;
const TEACHER_CHAT = 7002;
const MSK_CHAT = 7003;

const del = (c: TestClient, path: string) => c.request('DELETE', path);

/** Links a person's account to a chat through the deep link and the bot's /start. */
async function link(app: TestApp, api: TTelegramBotApi, email: string, chatId: number) {
  const client = await app.as(email);
  const res = await client.post('/api/me/telegram-link');
  expect(res.status).toBe(200);
  const url = new URL(res.json.url);
  expect(url.origin + url.pathname).toBe(`https://t.me/${api.username}`);
  const token = url.searchParams.get('start')!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  expect(new Date(res.json.expiresAt).getTime() - app.ctx.now().getTime()).toBe(10 * 60 * 1000);
  const before = api.messages.length;
  api.queue(api.textMessage(chatId, `/start ${token}`));
  await waitFor('the bot to answer /start', () => api.messages.length > before);
  return { client, token };
}

describe('Telegram as a channel (long polling against a local Bot API server)', () => {
  let api: TTelegramBotApi;
  let app: TestApp;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'polling' as const };

  beforeAll(async () => {
    api = await startTelegramBotApi({ token: TOKEN });
    app = await startTestApp('pglite', { now: clock.now, env: { ...env, TELEGRAM_API_ROOT: api.url } });
    worker = await startTestWorker(app.ctx.database, {
      now: clock.now,
      env: { ...env, TELEGRAM_API_ROOT: api.url, PUBLIC_URL: app.url },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await app?.stop();
    await api?.close();
  });

  it('when a coordinator opens the deep link and presses Start, then the chat is bound, the bot answers in her language, and the token is single use', async () => {
    const client = await app.as(KRG_COORDINATOR);
    expect((await client.get('/api/me/telegram')).json).toMatchObject({ enabled: true, linked: false });
    const { token } = await link(app, api, KRG_COORDINATOR, COORDINATOR_CHAT);
    const reply = api.messages.at(-1)!;
    expect(reply.chat_id).toBe(String(COORDINATOR_CHAT));
    expect(reply.text).toMatch(/байланыстырылды/);
    const me = await client.get('/api/me/telegram');
    expect(me.json).toMatchObject({ enabled: true, linked: true, botUsername: api.username });
    const row = await app.ctx.db
      .selectFrom('telegramLinks')
      .selectAll()
      .where('chatId', '=', String(COORDINATOR_CHAT))
      .executeTakeFirst();
    expect(row).toBeDefined();
    // Only the hash of the token is stored.
    const tokens = await app.ctx.db.selectFrom('telegramLinkTokens').select('tokenHash').execute();
    expect(tokens.map((t) => t.tokenHash)).not.toContain(token);

    // The same token again, from another chat: refused, nothing bound.
    const before = api.messages.length;
    api.queue(api.textMessage(9999, `/start ${token}`));
    await waitFor('the refusal', () => api.messages.length > before);
    expect(api.messages.at(-1)!.text).toMatch(/недействительна|устарела/);
    expect(
      await app.ctx.db
        .selectFrom('telegramLinks')
        .selectAll()
        .where('chatId', '=', '9999')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('when an expired token is used, then it is refused', async () => {
    const client = await app.as(KRG_TEACHER);
    const res = await client.post('/api/me/telegram-link');
    const token = new URL(res.json.url).searchParams.get('start')!;
    clock.set(new Date('2027-02-01T09:11:00Z'));
    const before = api.messages.length;
    api.queue(api.textMessage(8888, `/start ${token}`));
    await waitFor('the refusal', () => api.messages.length > before);
    expect((await client.get('/api/me/telegram')).json.linked).toBe(false);
    clock.set(new Date('2027-02-01T09:00:00Z'));
  });

  it('when Moscow proposes a lesson, then the Karaganda coordinator gets both clocks and Confirm/Decline; a press from another chat does nothing; hers confirms as her', async () => {
    await link(app, api, KRG_TEACHER, TEACHER_CHAT);
    const lesson = await bookLesson(app, { localStart: '2027-02-10T10:00', confirm: false });
    const message = await waitFor('the proposal in Telegram', () =>
      api.messages.find((m) => m.chat_id === String(COORDINATOR_CHAT) && m.reply_markup?.inline_keyboard),
    );
    // Both clocks: 10:00 in Moscow is 12:00 in Karaganda.
    expect(message.text).toContain('10:00');
    expect(message.text).toContain('12:00');
    const [confirm, decline] = message.reply_markup!.inline_keyboard![0]!;
    // In her language (the Karaganda coordinator reads Kazakh).
    expect(confirm!.text).toMatch(/Растау/);
    expect(decline!.text).toMatch(/Бас тарту/);
    // Opaque: the data names neither the event nor the person.
    expect(confirm!.callback_data).not.toContain(lesson.id);
    expect(confirm!.callback_data!.length).toBeLessThanOrEqual(64);

    // The Karaganda teacher's chat (linked, but another person) presses the coordinator's button.
    const answered = api.callsOf('answerCallbackQuery').length;
    api.queue(api.callback(TEACHER_CHAT, confirm!.callback_data!, message));
    await waitFor('the refusal', () => api.callsOf('answerCallbackQuery').length > answered);
    const stillProposed = await app.ctx.db
      .selectFrom('events')
      .select('status')
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(stillProposed.status).toBe('proposed');
    // An unlinked chat too.
    api.queue(api.callback(4242, confirm!.callback_data!, message));
    await waitFor('the refusal', () => api.callsOf('answerCallbackQuery').length > answered + 1);
    expect(
      (
        await app.ctx.db
          .selectFrom('events')
          .select('status')
          .where('id', '=', lesson.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('proposed');

    api.queue(api.callback(COORDINATOR_CHAT, confirm!.callback_data!, message));
    await waitFor('the confirmation', async () => {
      const e = await app.ctx.db
        .selectFrom('events')
        .select('status')
        .where('id', '=', lesson.id)
        .executeTakeFirstOrThrow();
      return e.status === 'confirmed';
    });
    const coordinator = await app.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', KRG_COORDINATOR)
      .executeTakeFirstOrThrow();
    const side = await app.ctx.db
      .selectFrom('eventInstitutions')
      .select(['decidedBy', 'decision'])
      .where('eventId', '=', lesson.id)
      .where('decision', '=', 'confirmed')
      .where('decidedBy', '=', coordinator.id)
      .executeTakeFirst();
    expect(side).toBeDefined();
    await waitFor('the answer and the edit', () => api.callsOf('editMessageText').length > 0);
    expect(api.callsOf('answerCallbackQuery').at(-1)!.params.text).toMatch(/растадыңыз/);
    expect(message.text).toMatch(/растадыңыз/);
    expect(message.reply_markup).toBeUndefined();

    // Pressing again: the decision is made already, nothing changes, the answer says why.
    const n = api.callsOf('answerCallbackQuery').length;
    api.queue(api.callback(COORDINATOR_CHAT, decline!.callback_data!, message));
    await waitFor('the answer', () => api.callsOf('answerCallbackQuery').length > n);
    expect(
      (
        await app.ctx.db
          .selectFrom('events')
          .select('status')
          .where('id', '=', lesson.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('confirmed');
  });

  it('when a reminder job runs twice, then the linked participant gets it in Telegram once, with the join link and both clocks', async () => {
    await link(app, api, MSK_TEACHER, MSK_CHAT);
    const lesson = await bookLesson(app, { localStart: '2027-02-12T10:00' });
    const msk = lesson.participants.get(MSK_TEACHER)!;
    const { version } = await app.ctx.db
      .selectFrom('events')
      .select('version')
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    const key = { eventId: lesson.id, userId: msk.userId, offsetMinutes: 60, version };
    const first = await sendReminder(worker.ctx, key);
    const second = await sendReminder(worker.ctx, key);
    expect(first).toMatchObject({ telegram: 'sent' });
    expect(second).toMatchObject({ telegram: 'already_sent' });
    const reminders = api.messages.filter(
      (m) => m.chat_id === String(MSK_CHAT) && m.text.includes(`/events/${lesson.id}`),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain('10:00');
    expect(reminders[0]!.text).toContain('12:00');
    expect(reminders[0]!.text).toMatch(/Подключиться/);
    const ledger = await app.ctx.db
      .selectFrom('remindersSent')
      .selectAll()
      .where('eventId', '=', lesson.id)
      .where('channel', '=', 'telegram')
      .execute();
    expect(ledger).toHaveLength(1);
  });

  it('when a person unlinks, then the chat is no longer theirs and nothing more is sent there', async () => {
    const client = await app.as(MSK_TEACHER);
    const res = await del(client, '/api/me/telegram-link');
    expect(res.status).toBe(204);
    expect((await client.get('/api/me/telegram')).json.linked).toBe(false);
    expect(
      await app.ctx.db
        .selectFrom('telegramLinks')
        .selectAll()
        .where('chatId', '=', String(MSK_CHAT))
        .executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('Telegram webhook mode', () => {
  const SECRET = 'webhook-secret-0123456789abcdef';
  let api: TTelegramBotApi;
  let app: TestApp;

  beforeAll(async () => {
    api = await startTelegramBotApi({ token: TOKEN });
    app = await startTestApp('pglite', {
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_API_ROOT: api.url,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.close();
  });

  const post = (body: unknown, secret?: string) =>
    fetch(`${app.url}/api/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: JSON.stringify(body),
    });

  it('when the api starts, then it registers its webhook with the secret and does not poll', () => {
    expect(api.callsOf('setWebhook')).toHaveLength(1);
    expect(api.callsOf('setWebhook')[0]!.params).toMatchObject({
      url: `${app.url}/api/telegram/webhook`,
      secret_token: SECRET,
    });
    expect(api.callsOf('getUpdates')).toHaveLength(0);
  });

  it('when an update comes without the secret or with a wrong one, then it is refused (401/403) and not processed', async () => {
    const client = await app.as(DEMO_ADMIN_EMAIL);
    const token = new URL((await client.post('/api/me/telegram-link')).json.url).searchParams.get('start')!;
    const update = { update_id: 1, ...api.textMessage(5151, `/start ${token}`) };
    const none = await post(update);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await post(update, `${SECRET}x`)).status).toBe(403);
    expect((await post(update, 'short')).status).toBe(403);
    expect(api.messages).toHaveLength(0);
    expect((await client.get('/api/me/telegram')).json.linked).toBe(false);

    const ok = await post(update, SECRET);
    expect(ok.status).toBe(200);
    expect((await client.get('/api/me/telegram')).json.linked).toBe(true);
    expect(api.messages.at(-1)!.chat_id).toBe('5151');
  });

  it('when the body is not an update, not JSON, or not declared JSON, then a 4xx problem says so', async () => {
    const res = await post({ hello: 1 }, SECRET);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('update_id');
    const hook = (body: string, type: string) =>
      fetch(`${app.url}/api/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': type, 'x-telegram-bot-api-secret-token': SECRET },
        body,
      });
    expect((await hook('{"update_id":', 'application/json')).status).toBe(400);
    expect((await hook('update_id=1', 'text/plain')).status).toBe(415);
  });
});

describe('Telegram off (no TELEGRAM_BOT_TOKEN)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when someone asks for a link, then 503 says Telegram is off; the status says so; the webhook is 404', async () => {
    const client = await app.as(KRG_COORDINATOR);
    const res = await client.post('/api/me/telegram-link');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await client.get('/api/me/telegram')).json).toEqual({
      enabled: false,
      linked: false,
      linkedAt: null,
      botUsername: null,
    });
    const hook = await fetch(`${app.url}/api/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"update_id":1}',
    });
    expect(hook.status).toBe(404);
  });
});

describe('Telegram configuration', () => {
  const paths = (env: Record<string, string>) => {
    const parsed = ZEnvSchema.safeParse(env);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
  };

  it('when production runs the bot in webhook mode without a secret, then start-up refuses it, naming the variable', () => {
    const prod = { NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' };
    expect(paths(prod)).toContain('TELEGRAM_WEBHOOK_SECRET');
    expect(paths({ ...prod, TELEGRAM_WEBHOOK_SECRET: 'a-long-random-webhook-secret-123' })).not.toContain(
      'TELEGRAM_WEBHOOK_SECRET',
    );
    expect(paths({ ...prod, TELEGRAM_MODE: 'polling' })).not.toContain('TELEGRAM_WEBHOOK_SECRET');
  });

  it('when the token or the mode is malformed, then the variable is named', () => {
    expect(paths({ TELEGRAM_BOT_TOKEN: 'not a token' })).toEqual(['TELEGRAM_BOT_TOKEN']);
    expect(paths({ TELEGRAM_MODE: 'push' })).toEqual(['TELEGRAM_MODE']);
    expect(paths({ TELEGRAM_API_ROOT: 'nope' })).toEqual(['TELEGRAM_API_ROOT']);
  });
});
