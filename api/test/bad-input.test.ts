import { DEMO_ADMIN_EMAIL } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

function expectProblem(res: { status: number; headers: Headers; json: any }, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    code: expect.any(String),
  });
  if (field) expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
}

describe('bad input never gets a 500', () => {
  let app: TestApp;
  let admin: TestClient;
  let institutionId: string;
  const valid = () => ({
    email: `ok-${Math.random().toString(36).slice(2)}@telemost.example`,
    name: 'Тест',
    role: 'teacher',
    institutionId,
    password: 'a-long-password-1',
  });

  beforeAll(async () => {
    app = await startTestApp('pglite');
    admin = await app.as(DEMO_ADMIN_EMAIL);
    institutionId = (await admin.get('/api/institutions')).json.items[0].id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the body is malformed JSON, then 400 malformed_json', async () => {
    const res = await admin.request('POST', '/api/users', '{"email": "a@b.c",', {
      'content-type': 'application/json',
    });
    expectProblem(res, 400);
    expect(res.json.code).toBe('malformed_json');
  });

  it('when a field has the wrong type, then 422 naming the field', async () => {
    expectProblem(await admin.post('/api/users', { ...valid(), name: 42 }), 422, 'name');
    expectProblem(await admin.post('/api/users', { ...valid(), role: 'emperor' }), 422, 'role');
    expectProblem(await admin.post('/api/users', { ...valid(), email: 'not-an-email' }), 422, 'email');
    expectProblem(
      await admin.post('/api/users', { ...valid(), institutionId: 'nope' }),
      422,
      'institutionId',
    );
  });

  it('when a field is unknown, then 422 naming it', async () => {
    expectProblem(await admin.post('/api/users', { ...valid(), isAdmin: true }), 422, 'isAdmin');
  });

  it('when a required field is missing or the password is short, then 422 with each field', async () => {
    const res = await admin.post('/api/users', { name: 'x', password: 'short' });
    expectProblem(res, 422);
    const fields = res.json.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'role', 'institutionId', 'password']));
  });

  it('when the body is too large, then 413', async () => {
    const res = await admin.post('/api/users', { ...valid(), name: 'x'.repeat(200_000) });
    expectProblem(res, 413);
  });

  it('when the time zone is not IANA, then 422 on timeZone', async () => {
    expectProblem(
      await admin.post('/api/users', { ...valid(), timeZone: 'Asia/Karaganda' }),
      422,
      'timeZone',
    );
  });

  it('when the institution does not exist, then 422 on institutionId', async () => {
    expectProblem(
      await admin.post('/api/users', { ...valid(), institutionId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'institutionId',
    );
  });

  it('when the e-mail is taken (in any letter case), then 409 and the first account is untouched', async () => {
    const body = valid();
    expect((await admin.post('/api/users', body)).status).toBe(201);
    expectProblem(
      await admin.post('/api/users', { ...body, email: body.email.toUpperCase(), name: 'Другой' }),
      409,
      'email',
    );
    const list = await admin.get(`/api/users?institutionId=${institutionId}`);
    expect(
      list.json.items
        .filter((u: { email: string }) => u.email === body.email)
        .map((u: { name: string }) => u.name),
    ).toEqual(['Тест']);
  });

  it('when injection strings are sent, then they are data, not code', async () => {
    const body = { ...valid(), name: "Robert'); DROP TABLE users;-- <script>alert(1)</script>" };
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(201);
    expect(res.json.name).toBe(body.name);
    expectProblem(
      await admin.get(`/api/users?institutionId=${encodeURIComponent("' OR 1=1 --")}`),
      422,
      'institutionId',
    );
    expectProblem(await admin.get('/api/partnerships/1%27%20OR%20%271%27=%271'), 422, 'id');
    expect((await admin.get('/api/institutions')).json.items).toHaveLength(5);
  });

  it('when a query has an unknown parameter or a repeated one, then 422, not 500', async () => {
    expectProblem(await admin.get('/api/users?foo=bar'), 422, 'foo');
    expectProblem(await admin.get(`/api/users?role=teacher&role=student`), 422, 'role');
  });

  it('when the content type is not JSON, then 415 or 422, never 500', async () => {
    const res = await admin.request('POST', '/api/users', 'email=a', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect([415, 422]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('when a route does not exist, then 404 problem+json', async () => {
    expectProblem(await admin.get('/api/nope'), 404);
  });

  it('when login gets a non-object body, then 422 for an array and 400 for a bare JSON scalar', async () => {
    expectProblem(await app.client().request('POST', '/api/auth/login', '[1,2]'), 422);
    expectProblem(await app.client().request('POST', '/api/auth/login', '"x"'), 400);
    expectProblem(await app.client().request('POST', '/api/auth/login', 'null'), 400);
  });
});
