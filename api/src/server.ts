import http from 'node:http';
import path from 'node:path';
import { type CreatedApp, createApp } from './app.ts';
import type { TEnv } from './config/env.ts';
import type { AppContext, TRealtime } from './context.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database.ts';
import { liveKitWebhookRouter } from './features/livekit/webhook-router.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createMetrics } from './lib/metrics.ts';
import { createFastFailRedis, DEFAULT_REDIS_URL, waitForRedis } from './lib/redis.ts';
import type { TRoute } from './lib/route.ts';
import { seedDemoActivities } from './seed/demo-activities.ts';
import { ensureAdmin, seedDemoData } from './seed/seed.ts';

export type StartedServer = {
  ctx: AppContext;
  server: http.Server;
  created: CreatedApp;
  url: string;
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
    rawRouters: [liveKitWebhookRouter(ctx)],
  });
  const server = http.createServer(created.app);
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
  const pruneTimer = setInterval(
    () => {
      created.sessionStore.prune().catch(() => {});
    },
    60 * 60 * 1000,
  );
  pruneTimer.unref();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(pruneTimer);
      await realtime?.close();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
      if (!options.database) await database.close();
    })();
    return closing;
  };
  return { ctx, server, created, url, demoLesson, close };
}
