import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccessToken } from 'livekit-server-sdk';
import {
  LOCAL_LIVEKIT_BIN,
  renderLiveKitConfig,
  spawnLiveKit,
  type TLiveKitProcess,
} from '../../src/features/livekit/local-livekit.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type TestLiveKit = {
  /** `ws://127.0.0.1:<port>`. */
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The api/worker environment that points at this server. */
  env: { LIVEKIT_URL: string; LIVEKIT_API_KEY: string; LIVEKIT_API_SECRET: string };
  /** Starts (or restarts) the server, posting webhooks to `webhookUrl` when given. */
  start: (options?: { webhookUrl?: string | null }) => Promise<void>;
  /** Stops it (SIGTERM, SIGKILL after a moment); start() brings it back on the same ports. */
  stop: () => Promise<void>;
  running: () => boolean;
  /** Stops it and deletes its files. */
  dispose: () => Promise<void>;
};

/**
 * A real LiveKit server for one test file: the binary from `npm run livekit:install`
 * (`.tools/bin/livekit-server`), run with `--config` on a copy of `infra/livekit/livekit.dev.yaml`
 * that has its own free ports and its own key pair. Ports and keys are chosen up front, so the
 * api can be configured before the server starts and the server's webhook can point at the api.
 */
export async function createTestLiveKit(): Promise<TestLiveKit> {
  if (!existsSync(LOCAL_LIVEKIT_BIN)) {
    throw new Error(`No LiveKit server at ${LOCAL_LIVEKIT_BIN}: run \`npm run livekit:install\` first`);
  }
  const port = await freePort();
  const tcpPort = await freePort();
  const udpStart = 40_000 + Math.floor(Math.random() * 9000);
  const apiKey = `test${randomBytes(4).toString('hex')}`;
  const apiSecret = randomBytes(24).toString('hex');
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-livekit-test-'));
  const configPath = path.join(dir, 'livekit.yaml');
  const url = `ws://127.0.0.1:${port}`;
  let running: TLiveKitProcess | null = null;
  const stop = async () => {
    await running?.stop(2000);
    running = null;
  };
  return {
    url,
    httpUrl: `http://127.0.0.1:${port}`,
    apiKey,
    apiSecret,
    env: { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret },
    start: async (options = {}) => {
      await stop();
      writeFileSync(
        configPath,
        renderLiveKitConfig({
          port,
          tcpPort,
          udpPortRange: { start: udpStart, end: udpStart + 50 },
          keys: { apiKey, apiSecret },
          webhookUrl: options.webhookUrl ?? null,
          logLevel: (process.env.TEST_LIVEKIT_LOG_LEVEL as 'debug' | undefined) ?? 'warn',
        }),
      );
      running = await spawnLiveKit({ configPath, url });
    },
    stop,
    running: () => running !== null,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates and starts a test LiveKit server (see `createTestLiveKit`). */
export async function startLiveKit(options: { webhookUrl?: string | null } = {}): Promise<TestLiveKit> {
  const livekit = await createTestLiveKit();
  await livekit.start(options);
  return livekit;
}

/**
 * Signs a webhook body the way LiveKit does: a JWT from the key pair whose `sha256` claim is the
 * base64 SHA-256 of the exact body. Returns the Authorization header value.
 */
export async function signWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, { ttl: 300 });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

/**
 * Connects to LiveKit's signalling endpoint with a join token, as livekit-client does before it
 * sets up media, and waits for the server's first message (the join response). LiveKit then lists
 * the participant (state JOINED) with the identity, name, metadata and permissions of the token.
 * Media needs a browser (the e2e suite); closing this socket makes LiveKit report the participant
 * gone (`participant_connection_aborted`). Rejects when LiveKit refuses the token.
 */
export async function connectSignal(url: string, token: string): Promise<{ close: () => Promise<void> }> {
  const ws = new WebSocket(
    `${url}/rtc?access_token=${encodeURIComponent(token)}&protocol=15&auto_subscribe=1`,
  );
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('LiveKit signalling did not answer')), 10_000);
    ws.addEventListener('message', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.addEventListener('close', (e) => {
      clearTimeout(timer);
      reject(new Error(`LiveKit closed the signalling connection (${e.code})`));
    });
  });
  return {
    close: async () => {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((r) => ws.addEventListener('close', r));
      ws.close();
      await closed;
    },
  };
}
