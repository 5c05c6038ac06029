import { describe, expect, it } from 'vitest';
import { buildStandaloneApiDocument } from '../src/openapi.ts';

type TOp = {
  operationId?: string;
  security?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
};

describe('the OpenAPI document', () => {
  const doc = buildStandaloneApiDocument();
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, TOp>).map(([method, op]) => ({ path, method, op })),
  );
  const op = (method: string, path: string) => (doc.paths[path] as Record<string, TOp>)[method]!;

  it('when it is built without any server, then every operation has a unique operationId and a security list', () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.every((o) => Array.isArray(o.op.security))).toBe(true);
    expect(op('post', '/api/auth/login').security).toEqual([]);
    expect(op('get', '/api/calendar/{token}.ics').security).toEqual([]);
    expect(op('get', '/api/me').security).toEqual([{ session: [] }]);
  });

  it('when an operation answers with no content, CSV, or problems of the body parser, then the document says so', () => {
    expect(Object.keys(op('post', '/api/auth/logout').responses)).toContain('204');
    expect(Object.keys(op('delete', '/api/me/calendar-token').responses)).toContain('204');
    expect(op('post', '/api/auth/logout').responses['200']).toBeUndefined();
    expect(Object.keys(op('get', '/api/events/{id}/attendance').responses['200']!.content!)).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    const xlsx = op('get', '/api/partnerships/{id}/report').responses['200']!.content!;
    expect(Object.keys(xlsx)).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    // The webhook reads its body raw, whatever the content type, and checks LiveKit's signature.
    const jsonBodies = ops.filter((x) => x.op.requestBody && x.path !== '/api/livekit/webhook');
    for (const o of jsonBodies) {
      for (const status of ['400', '413', '415', '422']) {
        expect(Object.keys(o.op.responses), `${o.method} ${o.path}`).toContain(status);
      }
    }
    expect(Object.keys(op('post', '/api/events').responses)).toEqual(expect.arrayContaining(['404', '409']));
  });

  it('when routes live outside the route table (webhook, health, metrics), then they are documented too', () => {
    expect(op('post', '/api/livekit/webhook').responses['401']).toBeDefined();
    for (const path of ['/healthz', '/readyz', '/metrics', '/api/openapi.json']) {
      expect(op('get', path).security).toEqual([]);
    }
  });
});
