import http from 'node:http';

/** A message the bot sent, as the local Bot API server recorded it. */
export type TSentMessage = {
  message_id: number;
  chat_id: string;
  text: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
};

export type TBotApiCall = { method: string; params: Record<string, unknown> };

/**
 * A local server speaking the documented Telegram Bot API (https://core.telegram.org/bots/api):
 * `POST /bot<token>/<method>` with a JSON, urlencoded or multipart body answers
 * `{ ok: true, result }`. It implements getMe, getUpdates (long polling with offset and timeout,
 * over updates the test queues), sendMessage, answerCallbackQuery, editMessageText, setWebhook,
 * deleteWebhook and getWebhookInfo; anything else is `{ ok: false, error_code: 404 }`.
 */
export async function startTelegramBotApi(options: { token: string; username?: string }) {
  const username = options.username ?? 'telemost_test_bot';
  const botId = Number(options.token.split(':')[0]);
  const calls: TBotApiCall[] = [];
  const messages: TSentMessage[] = [];
  const updates: Record<string, unknown>[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let webhook: { url: string; secret_token?: string } | null = null;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
    waiters.clear();
  };

  const readParams = async (req: http.IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    if (!raw) return {};
    const parseValue = (v: string) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    };
    if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    if (type.includes('application/x-www-form-urlencoded')) {
      return Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, parseValue(v)]));
    }
    if (type.includes('multipart/form-data')) {
      const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
      const out: Record<string, unknown> = {};
      for (const part of boundary ? raw.split(`--${boundary}`) : []) {
        const m = /name="([^"]+)"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
        if (m) out[m[1]!] = parseValue(m[2]!);
      }
      return out;
    }
    return {};
  };

  const user = { id: botId, is_bot: true, first_name: 'Telemost', username };
  const methods: Record<string, (p: Record<string, unknown>) => Promise<unknown> | unknown> = {
    getMe: () => ({
      ...user,
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    }),
    getUpdates: async (p) => {
      const offset = Number(p.offset ?? 0);
      const limit = Math.min(Number(p.limit ?? 100), 100);
      const timeout = Math.min(Number(p.timeout ?? 0), 50);
      // Per the Bot API, an offset confirms every update before it.
      while (updates.length && Number(updates[0]!.update_id) < offset) updates.shift();
      if (!updates.length && timeout > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, timeout * 1000);
          waiters.add(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return updates.slice(0, limit);
    },
    sendMessage: (p) => {
      const message: TSentMessage = {
        message_id: nextMessageId++,
        chat_id: String(p.chat_id),
        text: String(p.text ?? ''),
        ...(p.reply_markup ? { reply_markup: p.reply_markup as TSentMessage['reply_markup'] } : {}),
      };
      messages.push(message);
      return {
        message_id: message.message_id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(p.chat_id), type: 'private' },
        from: user,
        text: message.text,
        ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
      };
    },
    answerCallbackQuery: () => true,
    editMessageText: (p) => {
      const m = messages.find(
        (x) => x.message_id === Number(p.message_id) && x.chat_id === String(p.chat_id),
      );
      if (m) {
        m.text = String(p.text ?? '');
        delete m.reply_markup;
      }
      return {
        message_id: Number(p.message_id),
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(p.chat_id), type: 'private' },
        text: String(p.text ?? ''),
      };
    },
    setWebhook: (p) => {
      webhook = { url: String(p.url), ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}) };
      return true;
    },
    deleteWebhook: () => {
      webhook = null;
      return true;
    },
    getWebhookInfo: () => ({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: 0,
    }),
  };

  const server = http.createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m || req.method !== 'POST')
      return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== options.token)
      return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const handler = methods[method];
    if (!handler)
      return answer(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    readParams(req)
      .then(async (params) => {
        calls.push({ method, params });
        answer(200, { ok: true, result: await handler(params) });
      })
      .catch((err: Error) =>
        answer(400, { ok: false, error_code: 400, description: `Bad Request: ${err.message}` }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const from = (chatId: number) => ({ id: chatId, is_bot: false, first_name: 'Test', language_code: 'ru' });
  return {
    url,
    username,
    calls,
    messages,
    get webhook() {
      return webhook;
    },
    /** Queues an update for getUpdates; returns it (for posting to a webhook instead). */
    queue: (update: Record<string, unknown>) => {
      const full = { update_id: nextUpdateId++, ...update };
      updates.push(full);
      wake();
      return full;
    },
    /** A private-chat text message update body. */
    textMessage: (chatId: number, text: string) => ({
      message: {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Test' },
        from: from(chatId),
        text,
        ...(text.startsWith('/')
          ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }
          : {}),
      },
    }),
    /** A callback_query update body: the person in `chatId` pressed a button of `message`. */
    callback: (chatId: number, data: string, message?: TSentMessage) => ({
      callback_query: {
        id: String(Math.floor(Math.random() * 1e12)),
        from: from(chatId),
        chat_instance: String(chatId),
        data,
        message: {
          message_id: message?.message_id ?? nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Test' },
          text: message?.text ?? '',
        },
      },
    }),
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    close: async () => {
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type TTelegramBotApi = Awaited<ReturnType<typeof startTelegramBotApi>>;
