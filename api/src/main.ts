import { loadEnv } from '@telemost/server/config/env';
import { createProcessLogger } from '@telemost/server/lib/logger';
import { DateTime } from 'luxon';
import { ensureLocalLiveKit } from './features/livekit/local-livekit.ts';
import { attachRealtime } from './features/realtime/attach-realtime.ts';
import { ensureRedis } from './platform/ensure-redis.ts';
import { DEMO_LIVE_LESSON } from './seed/demo-activities.ts';
import { startServer } from './server.ts';

/** `npm start`: the api, and with the embedded database the worker in the same process. */
async function main() {
  const env = loadEnv();
  const logger = createProcessLogger(env);
  const redis = await ensureRedis({ redisUrl: env.REDIS_URL, dataDir: env.DATA_DIR, logger });
  const started = await startServer({
    env: { ...env, REDIS_URL: redis.url },
    logger,
    attachRealtime,
    demoActivities: true,
    checkLiveKitAtStart: false,
  });
  logger.info({ url: started.url }, 'Telemost api listening');
  // Video only: without LiveKit everything else still runs (and this says how to get it).
  const livekit = await ensureLocalLiveKit({ env, apiUrl: started.url, logger });
  await started.ctx.liveKit?.check();
  // PGlite has one connection, so with the embedded database the worker must share this process.
  const embedWorker = env.WORKER_MODE === 'embedded' || (env.WORKER_MODE === 'auto' && !env.DATABASE_URL);
  const worker = embedWorker
    ? await (await import('@telemost/worker')).startWorker({
        env: { ...env, REDIS_URL: redis.url, PUBLIC_URL: env.PUBLIC_URL ?? started.url },
        database: started.ctx.database,
        logger: logger.child({ component: 'worker' }),
        // One /metrics for both: the api's.
        metricsRegistry: started.ctx.metrics.registry,
      })
    : null;
  if (!worker) {
    console.log('Telemost: no worker in this process (WORKER_MODE): start one with `npm run start:worker`');
  }
  console.log(`\nTelemost is running at ${env.PUBLIC_URL ?? started.url}`);
  if (!env.SMTP_URL) {
    console.log('E-mail is off: SMTP_URL is not set, so reminders and notices go in-app only.');
  }
  if (!env.TELEGRAM_BOT_TOKEN) {
    console.log('Telegram is off: TELEGRAM_BOT_TOKEN is not set (see README, "Telegram").');
  }
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
    const force = setTimeout(() => process.exit(1), 15_000 + env.SHUTDOWN_DRAIN_SECONDS * 1000);
    force.unref();
    if (env.SHUTDOWN_DRAIN_SECONDS > 0) {
      // Fail readiness first and keep serving, so the load balancer takes this instance out
      // before it stops accepting: a rolling restart then drops no request.
      started.ctx.draining = true;
      await new Promise((r) => setTimeout(r, env.SHUTDOWN_DRAIN_SECONDS * 1000));
    }
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
