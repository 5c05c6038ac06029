import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ZTrustProxySchema } from '@telemost/server/config/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { defineRoute } from '../src/lib/route.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const INFRA = path.resolve(import.meta.dirname, '../../infra');
const k8sTrustProxy = (): string =>
  parseAllDocuments(readFileSync(path.join(INFRA, 'k8s/telemost.yaml'), 'utf8'))
    .map((d) => d.toJS())
    .find((d) => d.kind === 'ConfigMap').data.TRUST_PROXY;
const composeTrustProxy = (): string =>
  parse(readFileSync(path.join(INFRA, 'compose.yaml'), 'utf8')).services.api.environment.TRUST_PROXY;

const whoami = defineRoute({
  method: 'get',
  path: '/api/test/whoami',
  summary: 'test only',
  tags: ['test'],
  auth: false,
  handler: ({ req }) => ({ ip: req.ip, secure: req.secure }),
});

async function startWith(value: string): Promise<TestApp> {
  return startTestApp('pglite', {
    env: { TRUST_PROXY: ZTrustProxySchema.parse(value) },
    extraRoutes: [whoami],
  });
}

describe('TRUST_PROXY parsing', () => {
  it('when given hop counts, booleans and address lists, then Express gets numbers, booleans and lists', () => {
    expect(ZTrustProxySchema.parse('1')).toBe(1);
    expect(ZTrustProxySchema.parse(' 2 ')).toBe(2);
    expect(ZTrustProxySchema.parse('true')).toBe(true);
    expect(ZTrustProxySchema.parse('false')).toBe(false);
    expect(ZTrustProxySchema.parse('loopback, 10.0.0.0/8,fd00::/8')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const bad of ['', 'yes', '10.0.0.0/33', '1.2.3', 'loopback,nowhere']) {
      expect(ZTrustProxySchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('the Kubernetes TRUST_PROXY (one ingress hop)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWith(k8sTrustProxy());
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the ingress forwards a client that spoofed X-Forwarded-For, then req.ip is the address the ingress saw', async () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the ingress appended the address it saw.
    const res = await app
      .client()
      .request('GET', '/api/test/whoami', undefined, { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
    expect(res.json.ip).toBe('203.0.113.7');
  });

  it('when the ingress terminated TLS, then the request counts as secure and the session cookie is Secure', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.8' };
    expect((await app.client().request('GET', '/api/test/whoami', undefined, headers)).json.secure).toBe(
      true,
    );
    const login = await app
      .client()
      .request(
        'POST',
        '/api/auth/login',
        { email: 'admin@telemost.example', password: 'telemost-demo' },
        headers,
      );
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie()[0]).toMatch(/;\s*Secure/i);
  });
});

describe('the compose TRUST_PROXY (browsers reach the api directly)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWith(composeTrustProxy());
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a client sends X-Forwarded-For and -Proto itself, then neither is believed', async () => {
    const res = await app.client().request('GET', '/api/test/whoami', undefined, {
      'x-forwarded-for': '6.6.6.6',
      'x-forwarded-proto': 'https',
    });
    expect(res.json.ip).toMatch(/127\.0\.0\.1/);
    expect(res.json.secure).toBe(false);
  });
});
