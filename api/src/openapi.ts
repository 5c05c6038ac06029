import { ZEnvSchema } from '@telemost/server/config/env';
import type { AppContext } from './context.ts';
import { HEALTH_OPENAPI_PATHS } from './features/health/routes.ts';
import { LIVEKIT_WEBHOOK_OPENAPI_PATHS } from './features/livekit/webhook-router.ts';
import { TELEGRAM_WEBHOOK_OPENAPI_PATHS } from './features/telegram/webhook-router.ts';
import { buildOpenApi, type TRoute } from './lib/route.ts';
import { allRoutes } from './routes.ts';

const DOCS_OPENAPI_PATHS = {
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenapiJson',
      summary: 'This OpenAPI 3.1 document',
      tags: ['operations'],
      security: [],
      responses: {
        200: { description: 'The document', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  },
  '/api/docs': {
    get: {
      operationId: 'getDocs',
      summary: 'This document as an HTML page',
      tags: ['operations'],
      security: [],
      responses: {
        200: { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } },
      },
    },
  },
};

const TAGS: Record<string, string> = {
  auth: 'Signing in and out, and the signed-in user',
  users: 'Accounts of administrators, coordinators, teachers and students',
  directory: 'Colleges, cooperation agreements and student groups',
  events: 'Booking joint activities: free slots, proposals, confirmations, moves and cancellations',
  calendar: 'iCalendar files and the personal subscribable feed',
  notifications: 'In-app notifications (reminders and event changes)',
  video: 'The live video bridge: LiveKit join tokens, host controls and webhooks',
  classroom: 'The live classroom: breakout teams across colleges, polls and lesson materials',
  invitations: 'Links for people without accounts (guests, speakers, jury) and the lobby',
  certificates: 'Participation certificates: issuing, the PDF, public verification and revocation',
  olympiads:
    'Olympiads: jury from both colleges, tasks with marking schemes, audited marks, results and medals',
  reports: 'Attendance of a lesson and the partnership’s plan against what was done',
  operations: 'Health, readiness, metrics and this document',
};

/**
 * The api's OpenAPI document: every route of the table, plus what is served beside it (health,
 * metrics, the LiveKit webhook, this document). Built without any I/O, so `npm run lint:openapi`
 * can write it with no server running.
 */
export function buildApiDocument(routes: TRoute[]) {
  return buildOpenApi(
    routes,
    {
      title: 'Telemost',
      version: '1.0.0',
      description:
        'Joint lessons and activities between partner colleges, with a live video bridge. JSON under `/api`, errors as `application/problem+json` (RFC 9457), session cookie auth.',
    },
    {
      ...HEALTH_OPENAPI_PATHS,
      ...LIVEKIT_WEBHOOK_OPENAPI_PATHS,
      ...TELEGRAM_WEBHOOK_OPENAPI_PATHS,
      ...DOCS_OPENAPI_PATHS,
    },
    TAGS,
  );
}

const unused = (name: string) =>
  new Proxy(
    {},
    {
      get: (_t, prop) => {
        throw new Error(`the OpenAPI document used ${name}.${String(prop)} while being built`);
      },
    },
  );

/**
 * The document of {@link allRoutes} with no database, Redis or server: the route table is built
 * around a context whose services are never reached (only the login rate limiter's Redis store
 * loads its script when built, and counts nothing here).
 */
export function buildStandaloneApiDocument() {
  const ctx = {
    env: ZEnvSchema.parse({ NODE_ENV: 'development' }),
    redis: { call: async () => '0' },
    db: unused('db'),
    database: unused('database'),
    logger: unused('logger'),
    metrics: unused('metrics'),
    realtime: null,
    now: () => new Date(),
  } as unknown as AppContext;
  return buildApiDocument(allRoutes(ctx));
}
