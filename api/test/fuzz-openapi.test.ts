import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '@telemost/server/seed/demo-data';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostileString,
  hostileValue,
  pathIdArb,
  rarely,
  schemaArb,
  type TIdPool,
} from './support/fuzz-arbitraries.ts';
import { OpenApiContract, type TOperation } from './support/openapi-contract.ts';
import { lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Property-based fuzzing of the whole api from its own OpenAPI document: for every operation and
 * every role, bodies, queries and path ids generated from the documented schemas, with hostile
 * values mixed in (NUL, broken Unicode, huge strings, wrong types, extreme dates, deep nesting,
 * numbers out of range, ids that are not uuids, malformed JSON, wrong content types). Every
 * answer must be below 500, an error must be problem+json, and every answer must keep the
 * document: a documented status, content type and body schema.
 *
 * FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> changes how many requests are made.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.FUZZ_RUNS ?? 5_200);
const CONCURRENCY = 4;
const ROLES = {
  anonymous: null,
  student: 'student1.msk-26@telemost.example',
  teacher: 'teacher1.msk-26@telemost.example',
  coordinator: 'coordinator.krg-construction@telemost.example',
  admin: DEMO_ADMIN_EMAIL,
} as const;
type TRoleName = keyof typeof ROLES;

type TFuzzRequest = {
  role: TRoleName;
  op: TOperation;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
};

type TAnswer = { status: number; contentType: string | null; text: string };

describe('fuzzing every operation of the OpenAPI document as every role', () => {
  let app: TestApp;
  let contract: OpenApiContract;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'telemost-fuzz-'));
  const cookies = new Map<TRoleName, string>();

  beforeAll(async () => {
    app = await startTestApp('pglite', {
      now: () => new Date('2027-01-15T08:00:00Z'),
      // Lesson materials the happy path uploads go to a directory of this run.
      env: { DATA_DIR: dataDir },
    });
    for (const [role, email] of Object.entries(ROLES) as [TRoleName, string | null][]) {
      if (email) cookies.set(role, await loginCookie(email));
    }
    contract = new OpenApiContract(await (await fetch(`${app.url}/api/openapi.json`)).json());
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function loginCookie(email: string): Promise<string> {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  }

  async function send(
    r: Pick<TFuzzRequest, 'role' | 'method' | 'url' | 'headers' | 'body'>,
  ): Promise<TAnswer> {
    const headers: Record<string, string> = {
      // Same-origin, as the browser app sends it: an Origin check on unsafe methods lets it through.
      origin: app.url,
      'sec-fetch-site': 'same-origin',
      ...r.headers,
    };
    const cookie = cookies.get(r.role);
    if (cookie) headers.cookie = cookie;
    const res = await fetch(app.url + r.url, { method: r.method, headers, body: r.body, redirect: 'manual' });
    return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
  }

  /** What is wrong with an answer: a 5xx, an error that is not problem+json, or a broken contract. */
  function faults(r: Pick<TFuzzRequest, 'method' | 'url'>, answer: TAnswer): string[] {
    const out: string[] = [];
    // The path as the server sees it (fetch resolves `..` and `.` segments first).
    const op = contract.find(r.method, new URL(r.url, app.url).pathname);
    // A LiveKit that does not answer is the one 5xx the document names (503, on the video routes).
    const documented503 = answer.status === 503 && op?.responses['503'];
    if (answer.status >= 500 && !documented503) out.push(`${answer.status} ${answer.text.slice(0, 300)}`);
    if (answer.status >= 400) {
      if (!answer.contentType?.startsWith('application/problem+json')) {
        out.push(`error ${answer.status} is ${answer.contentType}, not application/problem+json`);
      } else {
        const p = JSON.parse(answer.text);
        if (typeof p.type !== 'string' || typeof p.title !== 'string' || p.status !== answer.status) {
          out.push(`problem without type/title/status: ${answer.text.slice(0, 200)}`);
        }
      }
    }
    // A path no operation matches (an empty or dot segment turned it into another path, which
    // Express may still route, e.g. with a trailing slash) is held only to the rules above; so is
    // a request the HTTP parser refuses before any route (431: headers too large).
    if (op && answer.status !== 431)
      out.push(...contract.check(op, answer.status, answer.contentType, answer.text));
    return out;
  }

  it('when the happy paths run, then every answer keeps the documented contract', async () => {
    const admin = { role: 'admin' as const, headers: { 'content-type': 'application/json' } };
    const teacher = { ...admin, role: 'teacher' as const };
    const coordinator = { ...admin, role: 'coordinator' as const };
    const problems: string[] = [];
    const call = async (
      who: { role: TRoleName; headers: Record<string, string> },
      method: string,
      url: string,
      body?: unknown,
    ) => {
      const answer = await send({
        ...who,
        method,
        url,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      problems.push(...faults({ method, url }, answer).map((f) => `${method} ${url}: ${f}`));
      return { ...answer, json: answer.contentType?.includes('json') ? JSON.parse(answer.text) : null };
    };
    const adminClient = await app.as(DEMO_ADMIN_EMAIL);
    const dir = await loadDirectory(app, adminClient);
    const booked = await call(
      teacher,
      'POST',
      '/api/events',
      lessonRequest(dir, { localStart: '2027-02-10T10:00' }),
    );
    expect(booked.status).toBe(201);
    const id = booked.json.items[0].id as string;
    await call(teacher, 'POST', '/api/events', lessonRequest(dir, { localStart: '2027-02-10T10:00' })); // 409
    await call(teacher, 'POST', '/api/events', lessonRequest(dir, { localStart: '2027-02-13T10:00' })); // 422 day off
    await call(coordinator, 'POST', `/api/events/${id}/confirm`, {});
    await call(coordinator, 'POST', `/api/events/${id}/confirm`, {}); // 409
    await call(teacher, 'PATCH', `/api/events/${id}`, { title: 'Новое название' });
    await call(teacher, 'PATCH', `/api/events/${id}`, {});
    await call(teacher, 'GET', `/api/events/${id}`);
    await call(teacher, 'GET', '/api/events?from=2027-02-01T00:00:00Z&to=2027-03-01T00:00:00Z');
    await call(teacher, 'GET', `/api/events/${id}/ics`);
    await call(teacher, 'GET', `/api/events/${id}/attendance`);
    await call(teacher, 'GET', `/api/events/${id}/attendance?format=csv&delimiter=semicolon`);
    await call(teacher, 'POST', `/api/events/${id}/join`); // 403 not yet open
    // The classroom: teams (none yet), a poll asked and answered, materials.
    await call(teacher, 'GET', `/api/events/${id}/breakouts`);
    await call(teacher, 'POST', `/api/events/${id}/breakouts`, { count: 2, mix: 'colleges' }); // 403 not yet open
    await call(teacher, 'DELETE', `/api/events/${id}/breakouts`);
    const poll = await call(teacher, 'POST', `/api/events/${id}/polls`, {
      question: 'Да?',
      options: ['Да', 'Нет'],
    });
    await call(teacher, 'POST', `/api/events/${id}/polls/${poll.json.id}/answers`, { option: 1 });
    await call(teacher, 'POST', `/api/events/${id}/polls/${poll.json.id}/answers`, { option: 0 }); // 409
    await call(teacher, 'POST', `/api/events/${id}/polls/${poll.json.id}/close`);
    await call(teacher, 'GET', `/api/events/${id}/polls`);
    // A material uploaded (multipart), listed and downloaded.
    const boundary = 'telemost-fuzz-boundary';
    const upload = {
      role: 'teacher' as const,
      method: 'POST',
      url: `/api/events/${id}/materials`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 plan\r\n--${boundary}--\r\n`,
    };
    const uploaded = await send(upload);
    expect(uploaded.status, uploaded.text).toBe(201);
    problems.push(...faults(upload, uploaded).map((f) => `POST ${upload.url}: ${f}`));
    await call(teacher, 'GET', `/api/events/${id}/materials`);
    await call(teacher, 'GET', `/api/events/${id}/materials/${JSON.parse(uploaded.text).id}`);
    const anonymous = { ...admin, role: 'anonymous' as const };
    const invitation = await call(teacher, 'POST', `/api/events/${id}/invitations`, {
      role: 'guest',
      label: 'Работодатель',
      lobby: true,
      maxUses: 2,
    });
    const inviteToken = new URL(invitation.json.url).pathname.split('/').at(-1);
    await call(teacher, 'GET', `/api/events/${id}/invitations`);
    await call(teacher, 'GET', `/api/events/${id}/lobby`);
    await call(anonymous, 'GET', `/api/invitations/${inviteToken}`);
    await call(anonymous, 'POST', `/api/invitations/${inviteToken}/join`, { displayName: 'Гость' }); // 403
    await call(teacher, 'DELETE', `/api/events/${id}/invitations/${invitation.json.id}`);
    await call(anonymous, 'GET', `/api/invitations/${inviteToken}`); // 410
    await call(teacher, 'GET', `/api/events/${id}/certificates`);
    await call(teacher, 'POST', `/api/events/${id}/certificates`); // 409 not over
    await call(anonymous, 'GET', '/api/certificates/AAAAAAAAAAAAAAAA'); // 404
    const olympiad = await call(
      teacher,
      'POST',
      '/api/events',
      lessonRequest(dir, { localStart: '2027-02-11T10:00', kind: 'olympiad' }),
    );
    const oid = olympiad.json.items[0].id as string;
    const me = async (role: 'teacher' | 'coordinator') =>
      (await send({ role, method: 'GET', url: '/api/me', headers: {}, body: undefined })).text;
    const [teacherId, coordinatorId] = [
      JSON.parse(await me('teacher')).id,
      JSON.parse(await me('coordinator')).id,
    ];
    const setUp = await call(teacher, 'PUT', `/api/events/${oid}/olympiad`, {
      jurorIds: [teacherId, coordinatorId],
      chiefExpertId: coordinatorId,
    });
    const task = await call(coordinator, 'POST', `/api/events/${oid}/olympiad/tasks`, {
      title: 'Шов',
      kind: 'judged',
      maxScore: 10,
    });
    const competitor = await app.ctx.db
      .selectFrom('eventParticipants')
      .select('userId')
      .where('eventId', '=', oid)
      .where('role', '=', 'student')
      .executeTakeFirstOrThrow();
    await call(
      teacher,
      'PUT',
      `/api/events/${oid}/olympiad/tasks/${task.json.id}/marks/${competitor.userId}`,
      {
        score: 7,
      },
    ); // 200 or 409 (own college)
    await call(
      coordinator,
      'PUT',
      `/api/events/${oid}/olympiad/tasks/${task.json.id}/marks/${competitor.userId}`,
      {
        score: 8,
      },
    );
    await call(teacher, 'GET', `/api/events/${oid}/olympiad`);
    expect(setUp.status).toBe(200);
    expect((await call(teacher, 'GET', `/api/events/${oid}/olympiad/results`)).status).toBe(200);
    await call(teacher, 'GET', `/api/events/${oid}/olympiad/results?format=csv`);
    await call(teacher, 'GET', `/api/events/${oid}/olympiad/audit`);
    await call(coordinator, 'POST', `/api/events/${oid}/olympiad/close`);
    await call(teacher, 'GET', `/api/partnerships/${dir.partnershipId}/report`);
    await call(teacher, 'GET', `/api/partnerships/${dir.partnershipId}`);
    await call(
      teacher,
      'GET',
      `/api/availability?partnershipId=${dir.partnershipId}&groupIds=${dir.groups('msk-26')[0]!.id},${dir.groups('krg-construction')[0]!.id}&durationMinutes=90&from=2027-02-15T00:00:00Z&to=2027-02-20T00:00:00Z`,
    );
    for (const url of [
      '/api/me',
      '/api/users',
      '/api/institutions',
      '/api/partnerships',
      '/api/groups',
      '/api/notifications',
    ]) {
      await call(teacher, 'GET', url);
    }
    await call(admin, 'POST', '/api/users', {
      email: 'contract@telemost.example',
      name: 'Контракт',
      role: 'teacher',
      institutionId: dir.institution('msk-26').id,
      password: 'a-long-password-1',
    });
    await call(admin, 'POST', '/api/users', { email: 'contract@telemost.example' }); // 422
    const feed = await call(teacher, 'POST', '/api/me/calendar-token');
    await call(teacher, 'GET', new URL(feed.json.url).pathname);
    await call(teacher, 'DELETE', '/api/me/calendar-token');
    await call(teacher, 'POST', '/api/notifications/read-all');
    await call(teacher, 'POST', `/api/events/${id}/cancel`, { reason: 'Болезнь' });
    await call(teacher, 'POST', `/api/events/${id}/cancel`, {}); // 409
    for (const url of ['/healthz', '/readyz', '/metrics', '/api/docs']) await call(teacher, 'GET', url);
    await call(teacher, 'POST', '/api/livekit/webhook', {}); // 401
    await call({ ...teacher, headers: { 'content-type': 'text/plain' } }, 'POST', '/api/events', 'x'); // 415
    await call(teacher, 'POST', '/api/auth/logout');
    await call(teacher, 'GET', '/api/me'); // 401
    // Sign the teacher in again for the fuzzing below.
    cookies.set('teacher', await loginCookie(ROLES.teacher));
    expect(problems).toEqual([]);
  });

  it(`when ${RUNS} generated requests hit every operation as every role, then none gets a 5xx or breaks the contract`, async () => {
    console.log(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${RUNS} requests`);
    const pool: TIdPool = {
      uuids: [
        ...(await app.ctx.db.selectFrom('events').select('id').limit(20).execute()).map((r) => r.id),
        ...(await app.ctx.db.selectFrom('partnerships').select('id').execute()).map((r) => r.id),
        ...(await app.ctx.db.selectFrom('groups').select('id').limit(10).execute()).map((r) => r.id),
        ...(await app.ctx.db.selectFrom('users').select('id').limit(10).execute()).map((r) => r.id),
        ...(await app.ctx.db.selectFrom('institutions').select('id').execute()).map((r) => r.id),
      ],
    };
    // Live events for the id-taking routes to act on (the happy path's one is cancelled).
    const teacher = await app.as(ROLES.teacher);
    const dir = await loadDirectory(app, await app.as(DEMO_ADMIN_EMAIL));
    for (const day of ['2027-06-07', '2027-06-08', '2027-06-09', '2027-06-10', '2027-06-15', '2027-06-16']) {
      const res = await teacher.post('/api/events', lessonRequest(dir, { localStart: `${day}T10:00` }));
      expect(res.status, res.text).toBe(201);
    }
    const templates = await templatesFor(app);
    // Signing out as a fuzzed role would end that role's session for the rest of the run.
    const operations = contract.operations.filter((op) => op.operationId !== 'postAuthLogout');
    const requestArb = fc
      .record({
        role: fc.constantFrom(...(Object.keys(ROLES) as TRoleName[])),
        op: fc.constantFrom(...operations),
      })
      .chain(({ role, op }) => {
        const generated = requestFor(role, op, pool);
        const template = templates[op.operationId];
        return template
          ? fc.oneof(
              generated,
              // A successful sign-in replaces the session it came with: only anonymously here.
              fromTemplate(
                op.operationId === 'postAuthLogin' ? 'anonymous' : role,
                op,
                template,
                pool,
                templates.eventIds,
              ),
            )
          : generated;
      });
    const requests = fc.sample(requestArb, { seed: SEED, numRuns: RUNS });
    requests.push(
      ...fc.sample(
        fc
          .constantFrom(...contract.operations.filter((op) => op.operationId === 'postAuthLogout'))
          .chain((op) => requestFor('anonymous', op, pool)),
        { seed: SEED, numRuns: 20 },
      ),
    );

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const reached = new Set<string>();
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          const answer = await send(r);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status < 400) reached.add(r.op.operationId);
          const found = faults(r, answer);
          if (found.length && failures.length < 30) {
            failures.push(
              `${r.role} ${r.method} ${r.url.slice(0, 300)} ${r.body ? `body ${r.body.slice(0, 300)}` : ''}\n    → ${found.join('\n    → ')}`,
            );
          }
        }
      }),
    );
    console.log(
      `fuzz: ${requests.length} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${reached.size}/${contract.operations.length} operations answered below 400 (not: ${contract.operations
        .filter((op) => !reached.has(op.operationId))
        .map((op) => op.operationId)
        .join(', ')})`,
    );
    expect(requests.length).toBeGreaterThanOrEqual(5_000);
    expect(failures, `seed ${SEED} (replay with FUZZ_SEED=${SEED})\n${failures.join('\n')}`).toEqual([]);
  }, 120_000);
});

/** One request to an operation as a role: path ids, query and body from the document, some of them hostile. */
function requestFor(role: TRoleName, op: TOperation, pool: TIdPool): fc.Arbitrary<TFuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc
    .tuple(...pathParams.map((p) => (p.name === 'token' ? tokenArb : pathIdArb(pool))))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]!), op.path));
  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        fc
          .option(schemaArb(p.schema, pool, 2), { freq: p.required ? 10 : 2 })
          .map((v) => [p.name, v] as const),
      ),
      // Now and then an unknown parameter.
      rarely(
        fc.tuple(
          hostileString.map((s) => s.slice(0, 20)),
          hostileString.map((s) => s.slice(0, 200)),
        ),
      ),
    )
    .map((parts) => {
      const extra = parts.pop() as [string, string] | null;
      const qs = new URLSearchParams();
      for (const [name, value] of parts as [string, unknown][]) {
        if (value === null || value === undefined) continue;
        if (Array.isArray(value))
          for (const v of value) qs.append(name, typeof v === 'string' ? v : JSON.stringify(v));
        else qs.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      if (extra) qs.append(extra[0], extra[1]);
      const s = qs.toString();
      return s ? `?${s}` : '';
    });
  const isUnsafe = op.method !== 'get';
  const body: fc.Arbitrary<{ body: string | undefined; headers: Record<string, string> }> = isUnsafe
    ? fc.oneof(
        {
          weight: 12,
          arbitrary: schemaArb(op.body ?? { type: 'object' }, pool, 1).map((v) => ({
            body: JSON.stringify(v) ?? 'null',
            headers: { 'content-type': 'application/json' },
          })),
        },
        { weight: 1, arbitrary: fc.constant({ body: undefined, headers: {} }) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(
              '{"a":',
              '[',
              '{"a":1}}',
              'nul',
              '\u0000',
              '{"a":"\\u0000"}',
              '{"a":"\\ud800"}',
              '"x"',
              '1e999',
            )
            .map((text) => ({ body: text, headers: { 'content-type': 'application/json' } })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/xml',
            )
            .map((type) => ({ body: 'a=1&b=2', headers: { 'content-type': type } })),
        },
        {
          weight: 1,
          arbitrary: fc.constant({
            body: JSON.stringify({ title: 'x'.repeat(150_000) }),
            headers: { 'content-type': 'application/json' },
          }),
        },
      )
    : fc.constant({ body: undefined, headers: {} });
  return fc.tuple(path, query, body).map(([p, q, b]) => ({
    role,
    op,
    method: op.method.toUpperCase(),
    url: p + q,
    headers: b.headers,
    body: b.body,
  }));
}

type TTemplate = fc.Arbitrary<{ query?: Record<string, string>; body?: Record<string, unknown> }>;
type TTemplates = Record<string, TTemplate> & { eventIds: string[] };

/**
 * Valid requests for the operations that need a lot to be right before they do anything (a
 * booking, a move, a report), so that the fuzzing gets past validation into the use cases.
 */
async function templatesFor(app: TestApp): Promise<TTemplates> {
  const admin = await app.as(DEMO_ADMIN_EMAIL);
  const dir = await loadDirectory(app, admin);
  const eventIds = (await app.ctx.db.selectFrom('events').select('id').execute()).map((r) => r.id);
  const msk = dir.groups('msk-26').map((g) => g.id);
  const krg = dir.groups('krg-construction').map((g) => g.id);
  const localStart = fc
    .tuple(fc.integer({ min: 0, max: 130 }), fc.integer({ min: 8, max: 16 }), fc.constantFrom('00', '30'))
    .map(([d, h, m]) => {
      const date = new Date(Date.UTC(2027, 1, 1) + d * 86_400_000).toISOString().slice(0, 10);
      return `${date}T${String(h).padStart(2, '0')}:${m}`;
    });
  const instant = localStart.map((l) => new Date(`${l}:00+03:00`).toISOString());
  const date = fc
    .integer({ min: -200, max: 400 })
    .map((d) => new Date(Date.UTC(2027, 0, 1) + d * 86_400_000));
  return {
    eventIds,
    postEvents: fc
      .record({
        localStart,
        title: fc.string({ minLength: 1, maxLength: 80 }),
        durationMinutes: fc.constantFrom(45, 90, 120),
        groupIds: fc.tuple(fc.constantFrom(...msk), fc.constantFrom(...krg)),
        recurrence: fc.option(
          fc.record({ weekdays: fc.constant([3]), count: fc.integer({ min: 1, max: 6 }) }),
        ),
      })
      .map(({ recurrence, ...r }) => ({
        body: { ...lessonRequest(dir, r), ...(recurrence ? { recurrence } : {}) },
      })),
    patchEventsById: fc
      .oneof(
        fc.record({ title: fc.string({ minLength: 1, maxLength: 80 }) }),
        fc.record({ localStart, timeZone: fc.constant('Europe/Moscow') }),
        fc.record({ start: instant, scope: fc.constantFrom('this', 'following') }),
        fc.record({ durationMinutes: fc.constantFrom(45, 90) }),
        fc.constant({}),
      )
      .map((body) => ({ body })),
    postEventsByIdConfirm: fc.record({ preApproveReschedule: fc.boolean() }).map((body) => ({ body })),
    postEventsByIdDecline: fc.constant({ body: {} }),
    postEventsByIdCancel: fc.record({ reason: fc.string({ maxLength: 50 }) }).map((body) => ({ body })),
    postUsers: fc
      .record({
        n: fc.integer({ min: 0, max: 1e9 }),
        role: fc.constantFrom('teacher', 'student', 'coordinator'),
      })
      .map(({ n, role }) => ({
        body: {
          email: `fuzz-${n}@telemost.example`,
          name: `Fuzz ${n}`,
          role,
          institutionId: dir.institution('msk-26').id,
          password: 'a-long-password-1',
        },
      })),
    postAuthLogin: fc
      .record({ email: fc.constantFrom(...Object.values(ROLES).filter(Boolean)), ok: fc.boolean() })
      .map(({ email, ok }) => ({ body: { email, password: ok ? DEMO_PASSWORD : 'wrong-password' } })),
    getAvailability: fc
      .record({ from: date, days: fc.integer({ min: 1, max: 30 }), duration: fc.constantFrom(45, 90) })
      .map(({ from, days, duration }) => ({
        query: {
          partnershipId: dir.partnershipId,
          groupIds: `${msk[0]},${krg[0]}`,
          durationMinutes: String(duration),
          from: from.toISOString(),
          to: new Date(from.getTime() + days * 86_400_000).toISOString(),
        },
      })),
    getPartnershipsByIdReport: fc
      .tuple(date, fc.integer({ min: 0, max: 400 }), fc.constantFrom('json', 'xlsx'))
      .map(([from, days, format]) => ({
        query: {
          from: from.toISOString().slice(0, 10),
          to: new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10),
          format,
        },
      })),
    getEventsByIdAttendance: fc
      .record({
        format: fc.constantFrom('json', 'csv', 'xlsx'),
        delimiter: fc.constantFrom('comma', 'semicolon'),
        lang: fc.constantFrom('ru', 'kk', 'en'),
      })
      .map((query) => ({ query })),
  } as unknown as TTemplates;
}

/** A template's valid request, with real ids in the path and now and then one field spoiled. */
function fromTemplate(
  role: TRoleName,
  op: TOperation,
  template: TTemplate,
  pool: TIdPool,
  eventIds: string[],
): fc.Arbitrary<TFuzzRequest> {
  const ids = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...eventIds, ...pool.uuids.slice(-6)) },
    pathIdArb(pool),
  );
  const spoil = fc.option(fc.tuple(fc.nat(), fc.oneof(hostileValue, fc.constant(undefined))), { freq: 2 });
  return fc.tuple(template, ids, spoil).map(([t, id, spoiled]) => {
    const spoilIn = (o: Record<string, unknown> | undefined) => {
      if (!o || !spoiled) return o;
      const keys = Object.keys(o);
      if (!keys.length) return o;
      return { ...o, [keys[spoiled[0] % keys.length]!]: spoiled[1] };
    };
    const body = spoilIn(t.body);
    const query = t.query ? (spoilIn(t.query) as Record<string, unknown>) : undefined;
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) qs.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    const q = qs.toString();
    return {
      role,
      op,
      method: op.method.toUpperCase(),
      url: op.path.replace(/\{[A-Za-z]+\}/g, id) + (q ? `?${q}` : ''),
      headers: (op.method === 'get' ? {} : { 'content-type': 'application/json' }) as Record<string, string>,
      body: op.method === 'get' ? undefined : JSON.stringify(body ?? {}),
    };
  });
}

const tokenArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{20,64}$/),
  fc.constantFrom('short', 'x'.repeat(70), '%00aaaaaaaaaaaaaaaaaaaaaaa', '..%2F..%2Fetc'),
);
