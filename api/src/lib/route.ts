import type { TActor, TRole } from '@telemost/core';
import type { Request, RequestHandler, Response, Router } from 'express';
import { type ZodType, z } from 'zod';
import { AppError } from './app-error.ts';
import { zodToFieldErrors } from './problem.ts';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export type TRouteInput<B, Q, P, A> = {
  body: B;
  query: Q;
  params: P;
  actor: A;
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
  /** Non-JSON success content type, e.g. text/calendar. */
  produces?: string;
  /** Express middleware run before auth and validation (e.g. a rate limiter). */
  before?: RequestHandler[];
  handler: (input: TRouteInput<any, any, any, any>) => Promise<unknown> | unknown;
};

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

/** Declares a route with typed input inferred from its schemas. */
export function defineRoute<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
  Auth extends boolean | readonly TRole[] = true,
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
  produces?: string;
  before?: RequestHandler[];
  handler: (
    input: TRouteInput<Infer<B>, Infer<Q>, Infer<P>, Auth extends false ? TActor | null : TActor>,
  ) => Promise<unknown> | unknown;
}): TRoute {
  return def as TRoute;
}

function parsePart(schema: ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new AppError('validation_failed', `The request ${part} is not valid`, {
      fields: zodToFieldErrors(result.error),
    });
  }
  return result.data;
}

/** Mounts routes on a router, validating every body, query and param before the handler runs. */
export function mountRoutes(
  router: Router,
  routes: TRoute[],
  loadActor: (req: Request) => Promise<TActor | null>,
) {
  for (const route of routes) {
    router[route.method](route.path, ...(route.before ?? []), async (req: Request, res: Response) => {
      const actor = await loadActor(req);
      if (route.auth !== false) {
        if (!actor) throw new AppError('unauthenticated', 'Please sign in');
        if (Array.isArray(route.auth) && !route.auth.includes(actor.role)) {
          throw new AppError('forbidden', 'Your role does not allow this');
        }
      }
      if (route.body && req.method !== 'GET') {
        if (req.body === undefined && req.headers['content-type'] && !req.is('application/json')) {
          throw new AppError('unsupported_media_type', 'Send the body as application/json');
        }
      }
      const params = parsePart(route.params, req.params, 'path');
      const query = parsePart(route.query, { ...(req.query as object) }, 'query');
      const body = route.body ? parsePart(route.body, req.body, 'body') : undefined;
      const out = await route.handler({ body, query, params, actor, req, res });
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

/** Builds an OpenAPI 3.1 document from the same schemas that validate requests. */
export function buildOpenApi(routes: TRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { $ref: '#/components/schemas/Problem' };
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)(\.[a-z]+)?/g, '{$1}$2');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = toJsonSchema(schema, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    const okStatus = String(r.status ?? 200);
    const responses: Record<string, unknown> = {
      [okStatus]: {
        description: 'Success',
        ...(r.produces
          ? { content: { [r.produces]: { schema: { type: 'string' } } } }
          : r.response
            ? { content: { 'application/json': { schema: toJsonSchema(r.response, 'output') } } }
            : {}),
      },
    };
    const errs: Record<number, string> = { ...r.errors };
    if (r.body || r.query || r.params) errs[422] ??= 'Invalid input; `errors` names each field at fault';
    if (r.auth !== false) errs[401] ??= 'Not signed in';
    if (Array.isArray(r.auth)) errs[403] ??= 'Role not allowed';
    for (const [status, description] of Object.entries(errs)) {
      responses[status] = { description, content: { 'application/problem+json': { schema: problem } } };
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: r.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toJsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      ...(r.auth !== false ? { security: [{ session: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'telemost.sid' } },
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
