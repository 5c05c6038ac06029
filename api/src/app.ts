import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpLogSerializers, requestLogLevel } from '@telemost/server/lib/logger';
import { findActor } from '@telemost/server/live/live-seat';
import express, { type Express, type Request, Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context.ts';
import { DbSessionStore } from './features/auth/session-store.ts';
import { renderDocsPage } from './features/docs/docs-page.ts';
import { healthRouter } from './features/health/routes.ts';
import { errorMiddleware, notFoundMiddleware } from './lib/problem.ts';
import { mountRoutes, type TRoute } from './lib/route.ts';
import { sameOriginGuard } from './lib/same-origin.ts';
import { staticGzip } from './lib/static-gzip.ts';
import { buildApiDocument } from './openapi.ts';
import { allRoutes } from './routes.ts';

export const SESSION_COOKIE = 'telemost.sid';
const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type CreatedApp = {
  app: Express;
  sessionMiddleware: express.RequestHandler;
  sessionStore: DbSessionStore;
  routes: TRoute[];
};

/** Builds the Express app around an already-open context. No listening, no side effects. */
export function createApp(
  ctx: AppContext,
  options: { extraRoutes?: TRoute[]; rawRouters?: Router[] } = {},
): CreatedApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.env.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: ctx.logger,
      // Feed and invitation tokens live in paths: never log a URL as it came.
      serializers: httpLogSerializers,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // A request that went well is detail (LOG_LEVEL=debug shows it); a refused one is worth a
      // look, a failed one is an error.
      customLogLevel: requestLogLevel,
    }),
  );
  app.use((req, res, next) => {
    const end = ctx.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }));
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // LiveKit signalling and media go to the configured server.
          connectSrc: ["'self'", 'ws:', 'wss:', 'http:', 'https:'],
          mediaSrc: ["'self'", 'blob:', 'mediastream:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );

  app.use(healthRouter(ctx));
  for (const r of options.rawRouters ?? []) app.use(r);
  // Everything after the (signed) LiveKit webhook: no state change on another site's behalf.
  app.use(sameOriginGuard(() => ctx.env));

  app.use(
    '/api',
    express.json({ limit: '100kb', strict: true, type: ['application/json', 'application/*+json'] }),
  );

  const sessionStore = new DbSessionStore(ctx.db);
  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: ctx.env.SESSION_SECRET,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    // Not rolling: a session lasts a week from sign-in, and reads never turn into writes.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // 'auto' marks the cookie Secure whenever the request came over TLS (directly or via a trusted proxy).
      secure: 'auto',
      maxAge: 7 * 24 * 60 * 60 * 1000,
    },
  });
  app.use('/api', sessionMiddleware);

  const routes = [...allRoutes(ctx), ...(options.extraRoutes ?? [])];
  const spec = buildApiDocument(routes);
  const api = Router();
  api.get('/api/openapi.json', (_req, res) => {
    res.json(spec);
  });
  api.get('/api/docs', (_req, res) => {
    res.type('html').send(renderDocsPage(spec as never));
  });
  const loadActor = async (req: Request) => {
    const userId = req.session?.userId;
    if (!userId) return null;
    return (await findActor(ctx.db, userId)) ?? null;
  };
  mountRoutes(api, routes, loadActor, ctx.db);
  app.use(api);
  app.use('/api', notFoundMiddleware);

  if (existsSync(WEB_DIST)) {
    app.use(staticGzip(WEB_DIST, { maxAge: 3_600_000 }));
    app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
    // The web app's pages; never the operational paths, which answer 404 where they are not served.
    app.get(/^\/(?!api(\/|$)|socket\.io(\/|$)|metrics$|readyz$|healthz$).*/, (_req, res) => {
      res.sendFile(path.join(WEB_DIST, 'index.html'));
    });
  }
  app.use(notFoundMiddleware);
  app.use(errorMiddleware);
  return { app, sessionMiddleware, sessionStore, routes };
}
