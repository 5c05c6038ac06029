import { DEMO_ADMIN_EMAIL, DEMO_INSTITUTIONS, demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

describe.each(DRIVERS)('foundation on %s', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when probed, then /healthz and /readyz answer 200 with database and redis up', async () => {
    const c = app.client();
    expect((await c.get('/healthz')).status).toBe(200);
    const ready = await c.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.checks).toEqual({ database: { ok: true }, redis: { ok: true } });
  });

  it('when the demo coordinator signs in, then /api/me returns them and the cookie is httpOnly and SameSite=Lax', async () => {
    const c = app.client();
    const res = await c.post('/api/auth/login', {
      email: demoEmail('coordinator', 'msk-26'),
      password: 'telemost-demo',
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/telemost\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      role: 'coordinator',
      locale: 'ru',
      email: demoEmail('coordinator', 'msk-26'),
    });
    expect(me.json.passwordHash).toBeUndefined();
  });

  it('when the request came through a TLS proxy, then the session cookie is Secure', async () => {
    const c = app.client();
    const res = await c.request(
      'POST',
      '/api/auth/login',
      { email: DEMO_ADMIN_EMAIL, password: 'telemost-demo' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join(';')).toMatch(/Secure/i);
  });

  it('when a user signs out, then the session no longer works', async () => {
    const c = await app.as(demoEmail('teacher', 'krg-construction', 1));
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('when the password is wrong, then 401 problem+json and no session', async () => {
    const c = app.client();
    const res = await c.post('/api/auth/login', {
      email: demoEmail('coordinator', 'msk-26'),
      password: 'wrong-password',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.json).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('when listing institutions, then the five demo colleges come with their IANA zones', async () => {
    const c = await app.as(demoEmail('coordinator', 'msk-26'));
    const res = await c.get('/api/institutions');
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(5);
    const zones = Object.fromEntries(
      res.json.items.map((i: { code: string; timeZone: string }) => [i.code, i.timeZone]),
    );
    expect(zones).toEqual(Object.fromEntries(DEMO_INSTITUTIONS.map((i) => [i.code, i.timeZone])));
    expect(Object.values(zones).filter((z) => z === 'Europe/Moscow')).toHaveLength(3);
    expect(Object.values(zones).filter((z) => z === 'Asia/Almaty')).toHaveLength(2);
  });

  it('when listing partnerships, then the agreement has all five colleges and a plan of seven kinds', async () => {
    const c = await app.as(demoEmail('teacher', 'msk-7', 1));
    const res = await c.get('/api/partnerships');
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(1);
    const p = res.json.items[0];
    expect(p.institutionIds).toHaveLength(5);
    expect(p.planItems.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'conference',
      'cultural_event',
      'industrial_practice',
      'internship',
      'joint_lesson',
      'masterclass',
      'olympiad',
    ]);
    const one = await c.get(`/api/partnerships/${p.id}`);
    expect(one.status).toBe(200);
    expect(one.json.number).toBe(p.number);
  });

  it('when a teacher lists groups, then every college has at least two groups; a student sees only their own', async () => {
    const teacher = await app.as(demoEmail('teacher', 'msk-26', 1));
    const groups = (await teacher.get('/api/groups')).json.items as { institutionId: string; size: number }[];
    const perInstitution = new Map<string, number>();
    for (const g of groups)
      perInstitution.set(g.institutionId, (perInstitution.get(g.institutionId) ?? 0) + 1);
    expect(perInstitution.size).toBe(5);
    expect([...perInstitution.values()].every((n) => n >= 2)).toBe(true);
    const student = await app.as(demoEmail('student', 'krg-construction', 1));
    const mine = (await student.get('/api/groups')).json.items;
    expect(mine).toHaveLength(1);
    expect(mine[0].size).toBeGreaterThan(0);
  });

  it('when asked, then /metrics is Prometheus text and /api/openapi.json is OpenAPI 3.1 with the routes', async () => {
    const c = app.client();
    const metrics = await c.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/telemost_http_request_duration_seconds/);
    const spec = await c.get('/api/openapi.json');
    expect(spec.json.openapi).toBe('3.1.0');
    expect(Object.keys(spec.json.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/institutions']),
    );
    expect(
      spec.json.paths['/api/users'].post.requestBody.content['application/json'].schema.properties.email,
    ).toBeDefined();
    const docs = await c.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/<html lang="en">/);
  });
});
