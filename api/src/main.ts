import { DateTime } from 'luxon';
import { loadEnv } from './config/env.ts';
import { ensureLocalLiveKit } from './features/livekit/local-livekit.ts';
import { attachRealtime } from './features/realtime/attach-realtime.ts';
import { createLogger } from './lib/logger.ts';
import { ensureRedis } from './platform/ensure-redis.ts';
import { DEMO_LIVE_LESSON } from './seed/demo-activities.ts';
import { startServer } from './server.ts';

/** `npm start`: the api, and with the embedded database the worker in the same process. */
async function main() {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const redis = await ensureRedis({ redisUrl: env.REDIS_URL, dataDir: env.DATA_DIR, logger });
  const started = await startServer({
    env: { ...env, REDIS_URL: redis.url },
    logger,
    attachRealtime,
    demoActivities: true,
  });
  logger.info({ url: started.url }, 'Telemost api listening');
  // Video only: without LiveKit everything else still runs (and this says how to get it).
  const livekit = await ensureLocalLiveKit({ env, apiUrl: started.url, logger });
  // PGlite has one connection, so with the embedded database the worker must share this process.
  const embedWorker = env.WORKER_MODE === 'embedded' || (env.WORKER_MODE === 'auto' && !env.DATABASE_URL);
  const worker = embedWorker
    ? await (await import('@telemost/worker')).startWorker({
        env: { ...env, REDIS_URL: redis.url, PUBLIC_URL: env.PUBLIC_URL ?? started.url },
        database: started.ctx.database,
        logger: logger.child({ component: 'worker' }),
      })
    : null;
  console.log(`\nTelemost is running at ${env.PUBLIC_URL ?? started.url}`);
  if (env.SEED_DEMO) {
    console.log(
      'Demo accounts (password "telemost-demo"): see README.md, e.g. coordinator.msk-26@telemost.example',
    );
  }
  if (started.demoLesson) {
    const { start, end } = started.demoLesson;
    const at = (zone: string) =>
      [start, end].map((d) => DateTime.fromJSDate(d, { zone }).toFormat('HH:mm')).join('–');
    console.log(
      `Try the telebridge now: the demo lesson "${DEMO_LIVE_LESSON.title}" runs ${at('Europe/Moscow')} Moscow, ` +
        `${at('Asia/Almaty')} Karaganda, and can be joined already:\n` +
        `  sign in as ${DEMO_LIVE_LESSON.teacher} in one browser and ${DEMO_LIVE_LESSON.student} in another.`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await worker?.close();
    await started.close();
    await livekit?.stop();
    redis.child?.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
