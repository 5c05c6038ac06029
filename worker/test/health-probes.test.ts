import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../api/test/support/test-db.ts';
import { startTestRedis, type TestRedisServer } from './support/redis-server.ts';
import { waitFor } from './support/wait-for.ts';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process.ts';

/**
 * The standalone worker's probe endpoints (WORKER_HEALTH_PORT), which the Kubernetes worker
 * Deployment's liveness and readiness probes call: a real worker process, the real PostgreSQL and
 * a Redis of the test's own that the test kills and restarts.
 */

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

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let redis: TestRedisServer;
let worker: WorkerProcess;
let base: string;

const get = async (p: string) => {
  const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; checks?: Record<string, string> } };
};

beforeAll(async () => {
  database = await openTestDatabase('postgres');
  redis = await startTestRedis();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  worker = await spawnWorkerProcess({
    DATABASE_URL: database.url!,
    REDIS_URL: redis.url,
    PUBLIC_URL: 'https://telemost.test',
    QUEUE_PREFIX: `probes-${port}`,
    SEED_DEMO: 'false',
    WORKER_HEALTH_PORT: String(port),
  });
});

afterAll(async () => {
  await worker?.stop();
  await redis?.stop();
  await database?.close();
});

describe('worker probe endpoints', () => {
  it('when PostgreSQL and Redis answer, then /healthz and /readyz answer 200', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true } });
    expect(await get('/readyz')).toEqual({
      status: 200,
      body: { ok: true, checks: { postgres: 'ok', redis: 'ok' } },
    });
  });

  it('when Redis is down, then /readyz answers 503 naming it while /healthz stays 200, and recovers when Redis is back', async () => {
    await redis.kill();
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.ok).toBe(false);
    expect(notReady.body.checks?.postgres).toBe('ok');
    expect(notReady.body.checks?.redis).not.toBe('ok');
    expect((await get('/healthz')).status).toBe(200);
    await redis.start();
    await waitFor('ready again', async () => (await get('/readyz')).status === 200, 20_000, 200);
  });

  it('when something else is asked, then it answers 404', async () => {
    expect((await get('/metrics')).status).toBe(404);
  });
});
