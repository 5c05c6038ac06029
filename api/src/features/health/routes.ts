import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import { Router as createRouter, type Request, type Router } from 'express';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';

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

/** How long one answer about LiveKit is reused, so frequent probes do not each call it. */
const LIVEKIT_CHECK_TTL_MS = 10_000;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the request carries `Authorization: Bearer <METRICS_TOKEN>`. */
function hasMetricsToken(ctx: AppContext, req: Request): boolean {
  const token = ctx.env.METRICS_TOKEN;
  const header = req.get('authorization') ?? '';
  if (!token || !header.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice(7)), digest(token));
}

/**
 * Liveness, readiness (database and Redis; LiveKit reported, not required) and Prometheus metrics.
 *
 * `where: 'operational'` is the METRICS_PORT listener (loopback unless METRICS_HOST says
 * otherwise): everything, with error details. `where: 'public'` is the app's own port: /healthz;
 * /readyz with only ok/not ok per check; /metrics and /readyz details need the METRICS_TOKEN bearer,
 * except outside production when neither METRICS_TOKEN nor METRICS_PORT is set (local development).
 * With METRICS_PORT set, the public port serves no /metrics at all.
 */
export function healthRouter(ctx: AppContext, where: 'public' | 'operational' = 'public'): Router {
  const router = createRouter();
  const privileged = (req: Request) =>
    where === 'operational' ||
    hasMetricsToken(ctx, req) ||
    (ctx.env.NODE_ENV !== 'production' && !ctx.env.METRICS_TOKEN && ctx.env.METRICS_PORT === undefined);
  const rooms = createRoomService(ctx.env, 2);
  let livekitProbe: { at: number; check: Promise<{ ok: boolean; error?: string }> } | null = null;
  const checkLiveKit = () => {
    if (!livekitProbe || Date.now() - livekitProbe.at > LIVEKIT_CHECK_TTL_MS) {
      livekitProbe = {
        at: Date.now(),
        check: withTimeout(rooms.listRooms(['telemost-readyz-probe']), 2500).then(
          () => ({ ok: true }),
          (e: Error) => ({ ok: false, error: e.message }),
        ),
      };
    }
    return livekitProbe.check;
  };
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    if (ctx.draining) {
      res.status(503).json({ status: 'draining', checks: {} });
      return;
    }
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
    const details = privileged(req);
    if (!details) for (const c of Object.values(checks)) delete c.error;
    // Video is optional: LiveKit's state is reported beside the checks and never fails readiness.
    const lk = ctx.liveKit?.state();
    const livekit = lk ? (details ? lk : { status: lk.status }) : undefined;
    const livekitCheck = await checkLiveKit();
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ready' : 'not ready',
      checks,
      ...(livekit ? { livekit } : {}),
      optional: { livekit: details ? livekitCheck : { ok: livekitCheck.ok } },
      degraded: livekitCheck.ok ? [] : ['livekit'],
    });
  });
  router.get('/metrics', async (req, res, next) => {
    if (where === 'public' && ctx.env.METRICS_PORT !== undefined) return next();
    if (!privileged(req)) {
      if (!ctx.env.METRICS_TOKEN) return next();
      res.set('www-authenticate', 'Bearer');
      return next(new AppError('unauthenticated', 'Metrics need Authorization: Bearer <METRICS_TOKEN>'));
    }
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return router;
}

const checks = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['ok'],
    properties: { ok: { type: 'boolean' }, error: { type: 'string' } },
  },
};
const readiness = {
  type: 'object',
  required: ['status', 'checks'],
  properties: { status: { type: 'string', enum: ['ready', 'not ready', 'draining'] }, checks },
};

/** The OpenAPI operations of {@link healthRouter} (it is mounted outside the route table). */
export const HEALTH_OPENAPI_PATHS = {
  '/healthz': {
    get: {
      operationId: 'getHealthz',
      summary: 'Liveness: the process answers',
      tags: ['operations'],
      security: [],
      responses: {
        200: {
          description: 'Alive',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
            },
          },
        },
      },
    },
  },
  '/readyz': {
    get: {
      operationId: 'getReadyz',
      summary: 'Readiness: the database and Redis answer within 2 s',
      tags: ['operations'],
      security: [],
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: readiness } } },
        503: {
          description: 'A dependency does not answer',
          content: { 'application/json': { schema: readiness } },
        },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics (text exposition format)',
      tags: ['operations'],
      security: [],
      responses: {
        200: { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
      },
    },
  },
};
