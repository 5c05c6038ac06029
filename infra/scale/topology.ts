/**
 * A real multi-process Telemost on one machine, for `npm run test:scale` and `npm run bench:load`:
 * the machine's PostgreSQL (a fresh database), its own redis-server on a free port, api and worker
 * processes started like production (`DATABASE_URL`, `WORKER_MODE=off`, `npm run start:worker`),
 * HAProxy in front of the apis (round-robin, health checks, no stickiness) and LiveKit nodes
 * clustered on that Redis. Loopback only. Every process can be killed (-9) and restarted by name.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LIVEKIT_BIN = process.env.LIVEKIT_BIN ?? path.join(ROOT, '.tools/bin/livekit-server');
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const LIVEKIT_KEY = 'scalekey';
/** A fresh secret each run: the apis run with NODE_ENV=production, which refuses known or placeholder secrets. */
export const LIVEKIT_SECRET = randomBytes(24).toString('hex');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type TProc = {
  name: string;
  port: number;
  child: ChildProcess;
  log: () => string;
  start: () => Promise<void>;
  kill9: () => Promise<void>;
  /** SIGTERM, wait for a clean exit (SIGKILL after 15 s). */
  stop: () => Promise<void>;
  alive: () => boolean;
};

function proc(
  name: string,
  port: number,
  command: () => { cmd: string; args: string[]; env?: Record<string, string> },
  ready: () => Promise<boolean>,
): TProc {
  let out = '';
  const p: TProc = {
    name,
    port,
    child: null as unknown as ChildProcess,
    log: () => out,
    alive: () => !!p.child && p.child.exitCode === null && p.child.signalCode === null,
    start: async () => {
      const { cmd, args, env } = command();
      const child = spawn(cmd, args, {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      p.child = child;
      const keep = (d: Buffer) => {
        out = (out + String(d)).slice(-20_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${out}`);
        if (await ready().catch(() => false)) return;
        if (i > 600) throw new Error(`${name} did not get ready: ${out}`);
        await sleep(100);
      }
    },
    kill9: async () => {
      if (!p.alive()) return;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!p.alive()) return;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      const t = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
  return p;
}

const httpOk = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;

export type TTopology = {
  dbUrl: string;
  redisUrl: string;
  prefix: string;
  lbUrl: string;
  statsUrl: string;
  redis: TProc;
  apis: TProc[];
  workers: TProc[];
  livekit: TProc[];
  lb: TProc;
  apiUrl: (i: number) => string;
  /** HAProxy's view: server name → UP/DOWN/… */
  lbStatus: () => Promise<Record<string, string>>;
  sql: pg.Pool;
  stop: () => Promise<void>;
};

export type TTopologyOptions = {
  apis: number;
  workers: number;
  livekitNodes: number;
  smtpUrl?: string;
  env?: Record<string, string>;
};

/** Starts the whole topology; the first api migrates and seeds before the others start. */
export async function startTopology(options: TTopologyOptions): Promise<TTopology> {
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-scale-'));
  const dbName = `telemost_scale_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrlObj = new URL(ADMIN_URL);
  dbUrlObj.pathname = `/${dbName}`;
  const dbUrl = dbUrlObj.toString();
  const prefix = `scale-${randomBytes(4).toString('hex')}`;

  const redisPort = await freePort();
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const redis = proc(
    'redis',
    redisPort,
    () => ({
      cmd: 'redis-server',
      args: [
        '--port',
        String(redisPort),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
    }),
    async () => {
      const { Redis } = await import('ioredis');
      const r = new Redis(redisUrl, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await r.connect();
        return (await r.ping()) === 'PONG';
      } finally {
        r.disconnect();
      }
    },
  );
  await redis.start();

  const livekit: TProc[] = [];
  if (options.livekitNodes > 0) {
    if (!existsSync(LIVEKIT_BIN))
      throw new Error(`LiveKit server not found at ${LIVEKIT_BIN}: run \`npm run livekit:install\``);
    for (let i = 0; i < options.livekitNodes; i++) {
      const port = await freePort();
      const tcp = await freePort();
      const udp = 52000 + Math.floor(Math.random() * 100) * 100 + i * 50;
      const config = path.join(dir, `livekit-${i}.yaml`);
      writeFileSync(
        config,
        [
          `port: ${port}`,
          'bind_addresses: ["127.0.0.1"]',
          'rtc:',
          `  tcp_port: ${tcp}`,
          `  port_range_start: ${udp}`,
          `  port_range_end: ${udp + 40}`,
          '  use_external_ip: false',
          '  node_ip: 127.0.0.1',
          '  enable_loopback_candidate: true',
          '  ips:',
          '    includes: [127.0.0.1/32]',
          'redis:',
          `  address: 127.0.0.1:${redisPort}`,
          '  db: 1',
          'keys:',
          `  ${LIVEKIT_KEY}: ${LIVEKIT_SECRET}`,
          'logging:',
          '  level: warn',
          '',
        ].join('\n'),
      );
      const node = proc(
        `livekit-${i}`,
        port,
        () => ({ cmd: LIVEKIT_BIN, args: ['--config', config] }),
        httpOk(`http://127.0.0.1:${port}`),
      );
      await node.start();
      livekit.push(node);
    }
  }

  const lbPort = await freePort();
  const statsPort = await freePort();
  const lbUrl = `http://127.0.0.1:${lbPort}`;
  const sessionSecret = randomBytes(24).toString('hex');
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SESSION_SECRET: sessionSecret,
    PUBLIC_URL: lbUrl,
    WORKER_MODE: 'off',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    SHUTDOWN_DRAIN_SECONDS: '1.5',
    LIVEKIT_LOCAL: 'off',
    LIVEKIT_URL: livekit[0] ? `ws://127.0.0.1:${livekit[0].port}` : 'ws://127.0.0.1:9',
    LIVEKIT_API_KEY: LIVEKIT_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_SECRET,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  };

  const apis: TProc[] = [];
  for (let i = 0; i < options.apis; i++) {
    const port = await freePort();
    apis.push(
      proc(
        `api${i}`,
        port,
        () => ({
          cmd: process.execPath,
          args: ['api/src/main.ts'],
          env: { ...common, PORT: String(port), DATA_DIR: path.join(dir, `api${i}`) },
        }),
        httpOk(`http://127.0.0.1:${port}/readyz`),
      ),
    );
  }
  // The first migrates and seeds; the others start together afterwards.
  await apis[0]?.start();
  await Promise.all(apis.slice(1).map((a) => a.start()));

  const workers: TProc[] = [];
  for (let i = 0; i < options.workers; i++) {
    const w = proc(
      `worker${i}`,
      0,
      () => ({ cmd: process.execPath, args: ['worker/src/main.ts'], env: common }),
      // Ready once it has connected to Redis as a BullMQ worker: give it a moment after the spawn.
      async () => {
        await sleep(1500);
        return true;
      },
    );
    workers.push(w);
  }
  await Promise.all(workers.map((w) => w.start()));

  const cfg = path.join(dir, 'haproxy.cfg');
  const template = readFileSync(path.join(ROOT, 'infra/scale/haproxy.cfg.template'), 'utf8');
  writeFileSync(
    cfg,
    template
      .replace('{{LB_PORT}}', String(lbPort))
      .replace('{{STATS_PORT}}', String(statsPort))
      .replace('{{SERVERS}}', apis.map((a) => `  server ${a.name} 127.0.0.1:${a.port} check`).join('\n')),
  );
  const lb = proc(
    'haproxy',
    lbPort,
    () => ({ cmd: HAPROXY, args: ['-db', '-f', cfg] }),
    httpOk(`${lbUrl}/readyz`),
  );
  await lb.start();
  const statsUrl = `http://127.0.0.1:${statsPort}/stats`;

  const sqlPool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  return {
    dbUrl,
    redisUrl,
    prefix,
    lbUrl,
    statsUrl,
    redis,
    apis,
    workers,
    livekit,
    lb,
    apiUrl: (i) => `http://127.0.0.1:${apis[i]!.port}`,
    lbStatus: async () => {
      const csv = await (await fetch(`${statsUrl};csv`)).text();
      const out: Record<string, string> = {};
      for (const line of csv.split('\n')) {
        const cols = line.split(',');
        if (cols[0] === 'api' && cols[1] && cols[1] !== 'BACKEND') out[cols[1]] = cols[17] ?? '';
      }
      return out;
    },
    sql: sqlPool,
    stop: async () => {
      await sqlPool.end().catch(() => {});
      await lb.stop();
      await Promise.all([...apis, ...workers].map((p) => p.stop()));
      await Promise.all(livekit.map((p) => p.kill9()));
      await redis.kill9();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A signed-in client that talks like the web app: session cookie, JSON, same-origin `Origin`. */
export class Client {
  cookie = '';
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async request(
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
    base = this.base,
  ) {
    const res = await fetch(base + p, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, json, text };
  }

  static async signIn(base: string, email: string, password = 'telemost-demo') {
    const c = new Client(base);
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
    c.cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    return c;
  }
}
