import { Router as createRouter, type Router } from 'express';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness, readiness (database and Redis) and Prometheus metrics. */
export function healthRouter(ctx: AppContext): Router {
  const router = createRouter();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, { ok: boolean; error?: string }> = {};
    await Promise.all([
      withTimeout(sql`select 1`.execute(ctx.db), 2000)
        .then(() => {
          checks.database = { ok: true };
        })
        .catch((e: Error) => {
          checks.database = { ok: false, error: e.message };
        }),
      withTimeout(ctx.redis.ping(), 2000)
        .then(() => {
          checks.redis = { ok: true };
        })
        .catch((e: Error) => {
          checks.redis = { ok: false, error: e.message };
        }),
    ]);
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return router;
}
