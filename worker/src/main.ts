import { loadEnv } from '@telemost/api/config/env';
import { migrateToLatest, openDatabase } from '@telemost/api/db/database';
import { createLogger } from '@telemost/api/lib/logger';
import { startWorker } from './index.ts';
import { loadWorkerConfig } from './worker-config.ts';

/**
 * `npm run start:worker`: a worker process of its own, for DATABASE_URL deployments (run as many
 * as you like; BullMQ shares the jobs and SKIP LOCKED shares the outbox). With the embedded
 * database the api runs the worker in its own process instead: PGlite has a single connection.
 */
async function main() {
  const env = loadEnv();
  const config = loadWorkerConfig();
  const logger = createLogger(env.LOG_LEVEL, 'telemost-worker');
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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await worker.close();
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
