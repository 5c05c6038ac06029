import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccessToken, ParticipantInfo, Room, RoomServiceClient, WebhookEvent } from 'livekit-server-sdk';
import { afterAll, beforeAll, expect } from 'vitest';
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
 * One test LiveKit server for a whole test file (call it at the file's top level): started before
 * the file's tests, disposed after them, with `rooms`, a RoomServiceClient on it. What it returns
 * reads through to the running server, so it can be used in any test or hook of the file.
 */
export function liveKitForFile(): TestLiveKit & { rooms: RoomServiceClient } {
  let running: (TestLiveKit & { rooms: RoomServiceClient }) | null = null;
  beforeAll(async () => {
    const livekit = await startLiveKit();
    running = {
      ...livekit,
      rooms: new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret),
    };
  });
  afterAll(async () => {
    await running?.dispose();
  });
  return new Proxy({} as TestLiveKit & { rooms: RoomServiceClient }, {
    get: (_, key) => {
      if (!running) throw new Error('The test LiveKit is not started yet: use it inside tests and hooks');
      return running[key as keyof typeof running];
    },
  });
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

/** Who a webhook is about: `joinedAt` goes out in seconds and in milliseconds, as LiveKit sends it. */
export type TWebhookParticipant = {
  sid: string;
  identity: string;
  joinedAt: Date;
  name?: string;
  /** LiveKit's participant kind: 0 a person (the default), 4 an egress (recorder) and so on. */
  kind?: number;
};

/**
 * A webhook body as LiveKit sends it (the protobuf JSON of livekit.WebhookEvent) about `room`;
 * `createdAt` (default now) is when LiveKit says the event happened.
 */
export function webhookBody(
  event: string,
  options: { room: string; id?: string; createdAt?: Date; participant?: TWebhookParticipant },
): string {
  const { participant } = options;
  const webhook = new WebhookEvent({
    id: options.id ?? `EV_${randomBytes(6).toString('hex')}`,
    createdAt: BigInt(Math.floor((options.createdAt ?? new Date()).getTime() / 1000)),
    room: new Room({ name: options.room, sid: 'RM_test' }),
    ...(participant
      ? {
          participant: new ParticipantInfo({
            sid: participant.sid,
            identity: participant.identity,
            name: participant.name ?? 'someone',
            kind: participant.kind ?? 0,
            joinedAt: BigInt(Math.floor(participant.joinedAt.getTime() / 1000)),
            joinedAtMs: BigInt(participant.joinedAt.getTime()),
          }),
        }
      : {}),
  });
  // The SDK's WebhookEvent initialises `event` after its constructor's init, so set it afterwards.
  webhook.event = event as WebhookEvent['event'];
  return webhook.toJsonString();
}

export type TWebhookAnswer = {
  status: number;
  /** The response's content-type. */
  type: string;
  json: { code?: string; handled?: boolean; eventId?: string; [key: string]: unknown };
};

/** Posts a webhook body to the api at `appUrl` as LiveKit does, with `authorization` when given. */
export async function postWebhookBody(
  appUrl: string,
  body: string,
  authorization?: string,
): Promise<TWebhookAnswer> {
  const res = await fetch(`${appUrl}/api/livekit/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/webhook+json',
      ...(authorization ? { authorization } : {}),
    },
    body,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: (await res.json()) as TWebhookAnswer['json'],
  };
}

/**
 * Builds a webhook (see `webhookBody`), signs it with `keys` (a `TestLiveKit`, or the api's own
 * LIVEKIT_API_KEY/SECRET) and posts it to the api at `appUrl`, as LiveKit posts it; the api must
 * take it (200). `postWebhookBody` posts one that it may refuse.
 */
export async function postWebhook(
  appUrl: string,
  keys: { apiKey: string; apiSecret: string },
  event: string,
  options: Parameters<typeof webhookBody>[1],
): Promise<TWebhookAnswer> {
  const body = webhookBody(event, options);
  const answer = await postWebhookBody(appUrl, body, await signWebhook(body, keys.apiKey, keys.apiSecret));
  expect(answer.status, `${event}: ${JSON.stringify(answer.json)}`).toBe(200);
  return answer;
}

/**
 * One stay in `room` as LiveKit reports it: a signed participant_joined at `from`, then a
 * participant_left at `to`.
 */
export async function postStay(
  appUrl: string,
  keys: { apiKey: string; apiSecret: string },
  room: string,
  stay: { sid: string; identity: string; from: Date; to: Date },
): Promise<void> {
  const participant = { sid: stay.sid, identity: stay.identity, joinedAt: stay.from };
  for (const [event, createdAt] of [
    ['participant_joined', stay.from],
    ['participant_left', stay.to],
  ] as const) {
    await postWebhook(appUrl, keys, event, { room, id: `EV_${stay.sid}_${event}`, createdAt, participant });
  }
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
