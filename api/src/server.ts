import http from 'node:http';
import path from 'node:path';
import type { TEnv } from '@telemost/server/config/env';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@telemost/server/db/database';
import { createLogger, type Logger } from '@telemost/server/lib/logger';
import type { TRealtime } from '@telemost/server/realtime/realtime';
import { createFastFailRedis, DEFAULT_REDIS_URL, waitForRedis } from '@telemost/server/redis/redis';
import { ensureAdmin, seedDemoData } from '@telemost/server/seed/seed';
import express from 'express';
import { type CreatedApp, createApp } from './app.ts';
import type { AppContext } from './context.ts';
import { healthRouter } from './features/health/routes.ts';
import { monitorLiveKit } from './features/livekit/livekit-health.ts';
import { liveKitWebhookRouter } from './features/livekit/webhook-router.ts';
import { createTelegramBot } from './features/telegram/telegram-bot.ts';
import { telegramWebhookRouter } from './features/telegram/webhook-router.ts';
import { createMetrics } from './lib/metrics.ts';
import { answerClientError, errorMiddleware, notFoundMiddleware } from './lib/problem.ts';
import type { TRoute } from './lib/route.ts';
import { seedDemoActivities } from './seed/demo-activities.ts';

export type StartedServer = {
  ctx: AppContext;
  server: http.Server;
  created: CreatedApp;
  url: string;
  /** The METRICS_PORT listener (`/metrics`, `/readyz` with details), when configured. */
  metricsUrl: string | null;
  /** The live demo lesson booked on this (first) start, when demo activities were asked for. */
  demoLesson: { start: Date; end: Date } | null;
  close: () => Promise<void>;
};

/** Opens the database named by the environment and migrates it. */
export async function openAndMigrate(env: TEnv, logger: Logger): Promise<DatabaseHandle> {
  const database = env.DATABASE_URL
    ? await openDatabase({ kind: 'postgres', url: env.DATABASE_URL })
    : await openDatabase({ kind: 'pglite', dataDir: path.join(env.DATA_DIR, 'pglite') });
  const applied = await migrateToLatest(database.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  return database;
}

export type StartOptions = {
  env: TEnv;
  logger?: Logger;
  /** An already-open database (tests pass their own); otherwise opened from env. */
  database?: DatabaseHandle;
  now?: () => Date;
  /** With the demo seed (first start only), also book demo activities (`npm start` does). */
  demoActivities?: boolean;
  extraRoutes?: TRoute[];
  /** Check the LiveKit key pair at once (default); `npm start` checks after starting a local LiveKit. */
  checkLiveKitAtStart?: boolean;
  /** Hooks that need the HTTP server (socket.io) and provide realtime. */
  attachRealtime?: (
    server: http.Server,
    created: CreatedApp,
    ctx: AppContext,
  ) => Promise<{ realtime: TRealtime; close: () => Promise<void> }>;
};

/** Starts the api: database, migrations, first admin, demo seed, Redis, HTTP. */
export async function startServer(options: StartOptions): Promise<StartedServer> {
  const { env } = options;
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const database = options.database ?? (await openAndMigrate(env, logger));
  const redis = createFastFailRedis(env.REDIS_URL ?? DEFAULT_REDIS_URL);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await waitForRedis(redis, 5000).catch((err) => logger.warn({ err: err.message }, 'redis not ready yet'));
  const ctx: AppContext = {
    env,
    db: database.db,
    database,
    redis,
    logger,
    metrics: createMetrics(),
    realtime: null,
    now: options.now ?? (() => new Date()),
  };
  // Video is optional: a wrong key pair or an absent LiveKit is reported (log, /readyz), not fatal.
  const liveKit = monitorLiveKit(env, logger, { checkNow: options.checkLiveKitAtStart });
  ctx.liveKit = liveKit;
  await ensureAdmin(ctx);
  let demoLesson: StartedServer['demoLesson'] = null;
  if (env.SEED_DEMO && (await seedDemoData(ctx.db))) {
    logger.info('seeded demo data');
    if (options.demoActivities) {
      // Demo only: the product works without them, so a failure is reported, not fatal.
      demoLesson = await seedDemoActivities(ctx).catch((err) => {
        logger.warn({ err: err instanceof Error ? err.message : err }, 'demo activities not booked');
        return null;
      });
    }
  }

  const created = createApp(ctx, {
    extraRoutes: options.extraRoutes,
    rawRouters: [liveKitWebhookRouter(ctx), telegramWebhookRouter(ctx)],
  });
  const server = http.createServer(created.app);
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 65_000;
  const realtime = options.attachRealtime ? await options.attachRealtime(server, created, ctx) : null;
  if (realtime) ctx.realtime = realtime.realtime;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST}:${port}`;
  // Links (feeds, e-mails) come from PUBLIC_URL, never from a request's Host header. Production
  // requires it; elsewhere it defaults to this listening address.
  if (!ctx.env.PUBLIC_URL) {
    const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
    ctx.env = { ...ctx.env, PUBLIC_URL: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
  }
  // Telegram (optional): the bot runs here, next to the use cases its buttons call.
  ctx.telegram = createTelegramBot(ctx);
  await ctx.telegram?.start();
  const pruneTimer = setInterval(
    () => {
      created.sessionStore.prune().catch(() => {});
    },
    60 * 60 * 1000,
  );
  pruneTimer.unref();

  let metricsServer: http.Server | null = null;
  let metricsUrl: string | null = null;
  if (env.METRICS_PORT !== undefined) {
    const ops = express();
    ops.disable('x-powered-by');
    ops.use(healthRouter(ctx, 'operational'), notFoundMiddleware, errorMiddleware);
    const listening = http.createServer(ops);
    metricsServer = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(env.METRICS_PORT, env.METRICS_HOST, () => resolve());
    });
    const a = listening.address();
    metricsUrl = `http://${env.METRICS_HOST.includes(':') ? `[${env.METRICS_HOST}]` : env.METRICS_HOST}:${typeof a === 'object' && a ? a.port : env.METRICS_PORT}`;
  }
  // While draining, answers close their connection, so no keep-alive connection is idle at close.
  server.prependListener('request', (_req, res) => {
    if (ctx.draining) res.setHeader('connection', 'close');
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(pruneTimer);
      liveKit.stop();
      await ctx.telegram?.stop();
      if (metricsServer) {
        const m = metricsServer;
        m.closeIdleConnections();
        await new Promise<void>((resolve) => m.close(() => resolve()));
      }
      await realtime?.close();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
      if (!options.database) await database.close();
    })();
    return closing;
  };
  return { ctx, server, created, url, metricsUrl, demoLesson, close };
}
