import { loadEnv } from '@telemost/server/config/env';
import { migrateToLatest, openDatabase } from '@telemost/server/db/database';
import { createProcessLogger } from '@telemost/server/lib/logger';
import { DEFAULT_REDIS_URL } from '@telemost/server/redis/redis';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { startHealthServer } from './health-server.ts';
import { startWorker } from './index.ts';
import { serveWorkerMetrics } from './metrics.ts';
import { loadWorkerConfig } from './worker-config.ts';

/**
 * `npm run start:worker`: a worker process of its own, for DATABASE_URL deployments (run as many
 * as you like; BullMQ shares the jobs and SKIP LOCKED shares the outbox). With the embedded
 * database the api runs the worker in its own process instead: PGlite has a single connection.
 */
async function main() {
  const env = loadEnv();
  const config = loadWorkerConfig();
  const logger = createProcessLogger(env, 'telemost-worker');
  if (!env.DATABASE_URL) {
    throw new Error(
      'A separate worker needs DATABASE_URL (PostgreSQL). With the embedded database, `npm start` runs the worker inside the api.',
    );
  }
  const database = await openDatabase({
    kind: 'postgres',
    url: env.DATABASE_URL,
    max: config.WORKER_DB_POOL,
  });
  await migrateToLatest(database.db);
  const worker = await startWorker({
    env,
    database,
    logger,
    config,
  });
  // A port already taken (a second worker on this host) costs the metrics, not the worker.
  const metricsServer =
    config.WORKER_METRICS_PORT > 0
      ? await serveWorkerMetrics(worker.metrics.registry, {
          host: config.WORKER_METRICS_HOST,
          port: config.WORKER_METRICS_PORT,
          logger,
        }).catch((err: Error) => {
          logger.warn(
            { err: err.message },
            'worker metrics not served; set WORKER_METRICS_PORT to a free port',
          );
          return null;
        })
      : null;

  let stopping = false;
  const health = config.WORKER_HEALTH_PORT === undefined ? null : await startProbes();
  async function startProbes() {
    // A connection of its own that fails fast: a probe must answer within its timeout.
    const probe = new Redis(env.REDIS_URL ?? DEFAULT_REDIS_URL, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      connectionName: 'telemost-worker-probe',
    });
    probe.on('error', () => {});
    const check = async (run: () => Promise<unknown>) => {
      try {
        await Promise.race([run(), new Promise((_, no) => setTimeout(() => no(new Error('timeout')), 2000))]);
        return 'ok';
      } catch (err) {
        return (err as Error).message || 'failed';
      }
    };
    const server = await startHealthServer({
      port: config.WORKER_HEALTH_PORT!,
      host: config.WORKER_HEALTH_HOST,
      logger,
      ready: async () => {
        const checks = {
          postgres: await check(() => sql`select 1`.execute(database.db)),
          redis: await check(() => probe.ping()),
          ...(stopping ? { worker: 'shutting down' } : {}),
        };
        return { ok: Object.values(checks).every((c) => c === 'ok'), checks };
      },
    });
    return {
      close: async () => {
        await server.close();
        probe.disconnect();
      },
    };
  }

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    // Running jobs may finish: the longest, a reminder e-mail, waits at most 5 s for its due time and
    // is then bounded by SMTP's timeouts (10 s connect + 10 s greeting + 30 s idle socket): about 55 s.
    // Keep the orchestrator's grace period above this (infra/k8s/telemost.yaml: 90 s).
    const force = setTimeout(() => process.exit(1), 60_000);
    force.unref();
    await metricsServer?.close();
    await worker.close();
    await health?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
