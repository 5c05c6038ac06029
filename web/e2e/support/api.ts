import { createServer } from 'node:net';
import { type RunningApi, signIn, startApi } from '../../../infra/e2e/api-process.ts';
import {
  E2E_LIVEKIT_KEY,
  E2E_LIVEKIT_SECRET,
  type RunningLiveKit,
  startLiveKit,
} from '../../../infra/e2e/livekit.ts';

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real product for one test file: `node api/src/main.ts` on a free port with a fresh data
 * directory (embedded PGlite, demo data seeded) and its own BullMQ queue prefix in the shared Redis.
 * The sign-in rate limits are raised: their counters live in that shared Redis under fixed keys,
 * and every test run on this machine signs the same demo people in from 127.0.0.1.
 */
export async function startProduct(name: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const port = await freePort();
  return startApi(
    {
      QUEUE_PREFIX: `e2e-${name}-${process.pid}-${port}`,
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_ADDRESS_RATE_LIMIT: '1000',
      ...env,
    },
    port,
  );
}

/**
 * The real product wired to its own LiveKit server, as the live browser tests need it: the api
 * (with `env` added) pointed at LiveKit on `port`, then LiveKit (UDP from `udpFrom`) posting its
 * webhooks to that api. Each test file takes its own port and UDP range.
 */
export async function startLiveProduct(
  name: string,
  livekit: { port: number; udpFrom: number },
  env: Record<string, string> = {},
): Promise<{ api: RunningApi; lk: RunningLiveKit }> {
  const api = await startProduct(name, {
    LIVEKIT_URL: `ws://127.0.0.1:${livekit.port}`,
    LIVEKIT_API_KEY: E2E_LIVEKIT_KEY,
    LIVEKIT_API_SECRET: E2E_LIVEKIT_SECRET,
    LIVEKIT_LOCAL: 'off',
    ...env,
  });
  try {
    const lk = await startLiveKit({ ...livekit, webhookUrl: `${api.url}/api/livekit/webhook` });
    return { api, lk };
  } catch (err) {
    // The file's afterAll never learns of this api: stop it here, or it outlives the run.
    await api.stop();
    throw err;
  }
}

const cookies = new Map<string, string>();

/** The api as a script calls it: signed in as `email`, from the product's own origin (CSRF). */
export async function callAs(api: RunningApi, email: string, method: string, path: string, body?: unknown) {
  const key = `${api.url} ${email}`;
  if (!cookies.has(key)) cookies.set(key, (await signIn(api.url, email)).header);
  const res = await fetch(api.url + path, {
    method,
    headers: {
      cookie: cookies.get(key)!,
      origin: api.url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
