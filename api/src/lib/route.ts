import type { TActor } from '@telemost/core/permissions';
import { unsafeTextReason } from '@telemost/core/schemas/common';
import type { TRole } from '@telemost/core/schemas/user';
import type { Db } from '@telemost/server/db/database';
import type { Request, RequestHandler, Response, Router } from 'express';
import { type ZodType, z } from 'zod';
import { AppError, type TFieldError } from './app-error.ts';
import { claimIdempotencyKey, idempotencyKeyOf, type TIdempotencyClaim } from './idempotency.ts';
import { zodToFieldErrors } from './problem.ts';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export type TRouteInput<B, Q, P, A> = {
  body: B;
  query: Q;
  params: P;
  actor: A;
  /** Routes with `juryCredential`: the `Authorization: Bearer` credential, when one was sent. */
  bearer: string | null;
  req: Request;
  res: Response;
};

/**
 * One HTTP operation: its contract (zod schemas, used both to validate and to publish OpenAPI)
 * and its handler. A handler returns the JSON body, or writes `res` itself and returns undefined.
 */
export type TRoute = {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  /** `false`: public; `true`: any signed-in user; a list: only those roles. */
  auth: boolean | readonly TRole[];
  status?: number;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  response?: ZodType;
  /** Extra documented responses besides the success one, e.g. { 409: 'booking conflict' }. */
  errors?: Record<number, string>;
  /** Non-JSON success content types, e.g. text/calendar (binary ones are documented as such). */
  produces?: string | readonly string[];
  /** The body is multipart/form-data with one file in this field (the handler reads `req` itself). */
  multipartFile?: string;
  /** Other success answers a handler may write itself (e.g. 202 while waiting), with their JSON. */
  alternatives?: Record<number, { description: string; schema: ZodType }>;
  /** Express middleware run before auth and validation (e.g. a rate limiter). */
  before?: RequestHandler[];
  /** A write that creates something: honours an `Idempotency-Key` header (see lib/idempotency.ts). */
  idempotent?: boolean;
  /**
   * Also open to a juror invited by link: a request carrying `Authorization: Bearer <jury
   * credential>` passes without a session (and with `actor` null); the handler checks the
   * credential it gets as `bearer`.
   */
  juryCredential?: boolean;
  handler: (input: TRouteInput<any, any, any, any>) => Promise<unknown> | unknown;
};

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

/** Declares a route with typed input inferred from its schemas. */
export function defineRoute<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
  Auth extends boolean | readonly TRole[] = true,
  Jury extends boolean = false,
>(def: {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  auth: Auth;
  status?: number;
  body?: B;
  query?: Q;
  params?: P;
  response?: ZodType;
  errors?: Record<number, string>;
  produces?: string | readonly string[];
  multipartFile?: string;
  alternatives?: Record<number, { description: string; schema: ZodType }>;
  before?: RequestHandler[];
  idempotent?: boolean;
  juryCredential?: Jury;
  handler: (
    input: TRouteInput<
      Infer<B>,
      Infer<Q>,
      Infer<P>,
      Auth extends false ? TActor | null : Jury extends true ? TActor | null : TActor
    >,
  ) => Promise<unknown> | unknown;
}): TRoute {
  return def as TRoute;
}

/**
 * Every string (and object key) in a request part that PostgreSQL could not store, with its path.
 * Checked before the part's schema, so no field, query string or path parameter, whatever its
 * schema says, can carry a NUL or a broken surrogate into the database.
 */
function unsafeTextFields(value: unknown, path: string[] = [], out: TFieldError[] = [], depth = 0) {
  if (out.length >= 20 || depth > 64) return out;
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    if (reason) out.push({ field: path.join('.'), message: reason, code: 'invalid_text' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      unsafeTextFields(v, [...path, String(i)], out, depth + 1);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const reason = unsafeTextReason(k);
      if (reason)
        out.push({ field: [...path, k].join('.'), message: `field name ${reason}`, code: 'invalid_text' });
      else unsafeTextFields(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

function parsePart(schema: ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const unsafe = unsafeTextFields(value);
  if (unsafe.length) {
    throw new AppError('validation_failed', `The request ${part} is not valid`, { fields: unsafe });
  }
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new AppError('validation_failed', `The request ${part} is not valid`, {
      fields: zodToFieldErrors(result.error),
    });
  }
  return result.data;
}

/** The credential of an `Authorization: Bearer …` header, or null. */
function bearerOf(req: Request): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

/** Mounts routes on a router, validating every body, query and param before the handler runs. */
export function mountRoutes(
  router: Router,
  routes: TRoute[],
  loadActor: (req: Request) => Promise<TActor | null>,
  db?: Db,
) {
  for (const route of routes) {
    router[route.method](route.path, ...(route.before ?? []), async (req: Request, res: Response) => {
      const bearer = route.juryCredential ? bearerOf(req) : null;
      // A jury credential speaks for its guest alone, whatever session the browser also has.
      const actor = bearer ? null : await loadActor(req);
      if (route.auth !== false && !bearer) {
        if (!actor) throw new AppError('unauthenticated', 'Please sign in');
        if (Array.isArray(route.auth) && !route.auth.includes(actor.role)) {
          throw new AppError('forbidden', 'Your role does not allow this');
        }
      }
      // Any body, even to a route that takes none, must be JSON: forms and text/plain (what a page
      // on another site can send without asking) never reach a handler. (`req.is` is null when
      // there is no body at all: nothing to misread, unless the route wants one.)
      const json = req.is(['application/json', 'application/*+json']);
      if (route.multipartFile) {
        if (!req.is('multipart/form-data')) {
          throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
        }
      } else if (
        req.method !== 'GET' &&
        req.method !== 'HEAD' &&
        req.headers['content-type'] &&
        (json === false || (route.body && json === null))
      ) {
        throw new AppError('unsupported_media_type', 'Send the body as application/json');
      }
      const params = parsePart(route.params, req.params, 'path');
      const query = parsePart(route.query, { ...(req.query as object) }, 'query');
      const body = route.body ? parsePart(route.body, req.body, 'body') : undefined;
      const key = route.idempotent && db && actor ? idempotencyKeyOf(req) : null;
      let claim: TIdempotencyClaim | null = null;
      if (key && db && actor) {
        claim = await claimIdempotencyKey(db, actor.id, key, req);
        if (claim.kind === 'replay') {
          res.set('Idempotent-Replayed', 'true').status(claim.status).json(claim.body);
          return;
        }
      }
      let out: unknown;
      try {
        out = await route.handler({ body, query, params, actor, bearer, req, res });
      } catch (err) {
        if (claim?.kind === 'claimed') await claim.release().catch(() => {});
        throw err;
      }
      if (claim?.kind === 'claimed')
        await claim.store(route.status ?? (out === undefined ? 204 : 200), out ?? null);
      if (res.headersSent) return;
      if (out === undefined) {
        res.status(route.status ?? 204).end();
        return;
      }
      res.status(route.status ?? 200).json(out);
    });
  }
}

function toJsonSchema(schema: ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
}

/** `post /api/events/:id/confirm` → `postEventsByIdConfirm`: stable, unique, readable. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `By${w[1]!.toUpperCase()}${w.slice(2)}` : w));
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** A documented problem+json answer. */
export function problemResponse(description: string) {
  return { description, content: problemContent };
}

/** What the JSON body parser and the route wrapper answer on any request that carries a body. */
const BODY_ERRORS: Record<number, string> = {
  400: 'The body is not valid JSON (or a path parameter not valid percent-encoded UTF-8)',
  413: 'The body is too large (100 kB at most)',
  415: 'The body is not application/json',
};

/** Builds an OpenAPI 3.1 document from the same schemas that validate requests. */
export function buildOpenApi(
  routes: TRoute[],
  info: { title: string; version: string; description?: string },
  /** Operations served outside the route table (health, metrics, webhooks), documented by hand. */
  extraPaths: Record<string, Record<string, unknown>> = {},
  /** What each tag groups; every tag used must have one. */
  tagDescriptions: Record<string, string> = {},
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)(\.[a-z]+)?/g, '{$1}$2');
    const parameters: unknown[] = [];
    const errs0: Record<number, string> = {};
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = toJsonSchema(schema, 'input') as {
        properties?: Record<string, { description?: string }>;
        required?: string[];
      };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          ...(s.description ? { description: s.description } : {}),
          schema: s,
        });
      }
    }
    const content: Record<string, unknown> = {};
    if (r.response) content['application/json'] = { schema: toJsonSchema(r.response, 'output') };
    for (const type of typeof r.produces === 'string' ? [r.produces] : (r.produces ?? [])) {
      content[type] = {
        schema: { type: 'string', ...(type.startsWith('text/') ? {} : { format: 'binary' }) },
      };
    }
    // A handler that returns nothing answers 204 with no body (see mountRoutes).
    const okStatus = String(r.status ?? (r.response || r.produces ? 200 : 204));
    if (r.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'A unique key per intended write (e.g. a UUID). A retry with the same key and body replays the first answer (`Idempotent-Replayed: true`) instead of writing again; the same key with another body is 422 `idempotency_key_reused`. Keys are kept 24 hours.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
      errs0[409] = 'Conflict, or a request with this Idempotency-Key is still in progress (retry)';
    }
    const responses: Record<string, unknown> = {
      [okStatus]: {
        description: okStatus === '204' ? 'Done; no content' : 'Success',
        ...(Object.keys(content).length ? { content } : {}),
      },
    };
    for (const [status, alt] of Object.entries(r.alternatives ?? {})) {
      responses[status] = {
        description: alt.description,
        content: { 'application/json': { schema: toJsonSchema(alt.schema, 'output') } },
      };
    }
    const errs: Record<number, string> = { ...errs0, ...r.errors };
    if (r.method !== 'get') for (const [status, d] of Object.entries(BODY_ERRORS)) errs[Number(status)] ??= d;
    if (r.params) errs[400] ??= 'A path parameter is not valid percent-encoded UTF-8';
    // A body names records too (a partnership, groups, …) that may be missing or not visible.
    if (r.params || (r.body && r.auth !== false)) errs[404] ??= 'No such resource, or not visible to you';
    if (r.body || r.multipartFile || r.query || r.params)
      errs[422] ??= 'Invalid input; `errors` names each field at fault';
    if (r.auth !== false)
      errs[401] ??= r.juryCredential
        ? 'Not signed in, or the jury credential is not valid or has expired'
        : 'Not signed in';
    if (Array.isArray(r.auth)) errs[403] ??= 'Role not allowed';
    for (const [status, description] of Object.entries(errs))
      responses[status] = problemResponse(description);
    const operationId = operationIdOf(r.method, r.path);
    if (operationIds.has(operationId)) throw new Error(`duplicate operationId ${operationId}`);
    operationIds.add(operationId);
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId,
      summary: r.summary,
      tags: r.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(r.multipartFile
        ? {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    required: [r.multipartFile],
                    properties: { [r.multipartFile]: { type: 'string', format: 'binary' } },
                  },
                },
              },
            },
          }
        : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toJsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      security:
        r.auth === false
          ? []
          : r.juryCredential
            ? [{ session: [] }, { juryCredential: [] }]
            : [{ session: [] }],
      responses,
    };
  }
  for (const [path, ops] of Object.entries(extraPaths)) paths[path] = { ...paths[path], ...ops };
  const tags = [
    ...new Set(
      Object.values(paths).flatMap((ops) =>
        Object.values(ops).flatMap((op) => (op as { tags?: string[] }).tags ?? []),
      ),
    ),
  ];
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
    servers: [{ url: '/' }],
    tags: tags.map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'telemost.sid' },
        juryCredential: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A juror invited by link: the short-lived credential from `POST /api/invitations/{token}/jury-credential`, bound to that guest and event',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  field: { type: 'string' },
                  message: { type: 'string' },
                  code: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}
