import { randomBytes } from 'node:crypto';
import { type TEnv, ZEnvSchema } from '@telemost/server/config/env';
import { createLogger, type Logger } from '@telemost/server/lib/logger';
import { DEMO_PASSWORD } from '@telemost/server/seed/demo-data';
import { type StartedServer, type StartOptions, startServer } from '../../src/server.ts';
import { openTestDatabase, type TestDriver } from './test-db.ts';

export type TestApp = StartedServer & {
  driver: TestDriver;
  client: () => TestClient;
  /** Signs in a fresh client as the given user (demo password by default). */
  as: (email: string, password?: string) => Promise<TestClient>;
  stop: () => Promise<void>;
};

/** A tiny HTTP client with a cookie jar, talking to the real server over loopback. */
export class TestClient {
  readonly #base: string;
  #cookie = '';

  constructor(base: string) {
    this.#base = base;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.#cookie) (init.headers as Record<string, string>).cookie = this.#cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.#base + path, init);
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const pair = c.split(';')[0]!;
      this.#cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** A GET whose answer is binary (a PDF, a workbook): the bytes, with this client's cookie. */
  async download(path: string) {
    const res = await fetch(this.#base + path, { headers: this.#cookie ? { cookie: this.#cookie } : {} });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body ?? {});
  }
  patch(path: string, body?: unknown) {
    return this.request('PATCH', path, body ?? {});
  }
  delete(path: string) {
    return this.request('DELETE', path);
  }
}

export function testEnv(overrides: Partial<TEnv> = {}): TEnv {
  return {
    ...ZEnvSchema.parse({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }),
    // Each app gets its own rate-limit keyspace through a unique session secret-independent prefix.
    LOGIN_RATE_LIMIT: 1000,
    // Every test app signs in from 127.0.0.1 against one shared Redis: no address limit by default.
    LOGIN_ADDRESS_RATE_LIMIT: 1_000_000,
    INVITATION_RATE_LIMIT: 1_000_000,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    ...overrides,
  };
}

/** Starts the real api on a random loopback port, on a fresh database of the given driver, seeded. */
export async function startTestApp(
  driver: TestDriver,
  options: { env?: Partial<TEnv>; now?: () => Date; seed?: boolean; logger?: Logger } & Pick<
    StartOptions,
    'extraRoutes' | 'attachRealtime' | 'demoActivities'
  > = {},
): Promise<TestApp> {
  const database = await openTestDatabase(driver);
  const env = testEnv({
    SEED_DEMO: options.seed ?? true,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const started = await startServer({
    env,
    database,
    logger: options.logger ?? createLogger('silent'),
    now: options.now,
    extraRoutes: options.extraRoutes,
    attachRealtime: options.attachRealtime,
    demoActivities: options.demoActivities,
  });
  const client = () => new TestClient(started.url);
  return {
    ...started,
    driver,
    client,
    as: async (email, password = DEMO_PASSWORD) => {
      const c = client();
      const res = await c.post('/api/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${res.text}`);
      return c;
    },
    stop: async () => {
      await started.close();
      await database.close();
    },
  };
}
