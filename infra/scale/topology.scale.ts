import type { AddressInfo } from 'node:net';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { SMTPServer } from 'smtp-server';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinVia } from './livekit-signal.ts';
import { Client, LIVEKIT_KEY, LIVEKIT_SECRET, startTopology, type TTopology } from './topology.ts';

const PASSWORD_HOST = (role: string, code: string, n = '') => `${role}${n}.${code}@telemost.example`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SMTP sink in this process: when each Message-ID was accepted. */
function startSmtpSink() {
  const accepted = new Map<string, number[]>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _s, cb) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /Message-ID:\s*<([^>]+)>/i.exec(head)?.[1] ?? 'unknown';
        accepted.set(id, [...(accepted.get(id) ?? []), Date.now()]);
        cb(null, 'ok');
      });
    },
  });
  return new Promise<{ port: number; accepted: Map<string, number[]>; close: () => void }>((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.server.address() as AddressInfo).port, accepted, close: () => server.close() }),
    );
  });
}

describe('Telemost scaled out: two apis behind HAProxy, two workers, two LiveKit nodes', () => {
  let t: TTopology;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let msk: Client;
  let krg: Client;
  let dir: {
    partnershipId: string;
    groups: Record<string, string>;
    students: { id: string; institutionId: string }[];
  };
  let slot = 0;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTopology({
      apis: 2,
      workers: 2,
      livekitNodes: 2,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      env: { REMINDER_SWEEP_SECONDS: '2' },
    });
    msk = await Client.signIn(t.lbUrl, PASSWORD_HOST('coordinator', 'msk-26'));
    krg = await Client.signIn(t.lbUrl, PASSWORD_HOST('coordinator', 'krg-construction'));
    const q = await t.sql.query(
      `SELECT p.id AS partnership, (SELECT json_object_agg(i.code, g.id) FROM (SELECT DISTINCT ON (institution_id) id, institution_id FROM groups WHERE id NOT IN (SELECT resource_id FROM event_resources WHERE resource_type = 'group') ORDER BY institution_id, name) g JOIN institutions i ON i.id = g.institution_id) AS groups FROM partnerships p LIMIT 1`,
    );
    // The load books far ahead (see `lesson`): widen the demo agreement so every booking falls inside it.
    await t.sql.query(`UPDATE partnerships SET valid_to = '2099-12-31'`);
    const students = await t.sql.query(
      `SELECT id, institution_id FROM users WHERE role = 'student' ORDER BY email`,
    );
    dir = {
      partnershipId: q.rows[0].partnership,
      groups: q.rows[0].groups,
      students: students.rows.map((r) => ({ id: r.id, institutionId: r.institution_id })),
    };
  });
  afterAll(async () => {
    await t?.stop();
    smtp?.close();
  });

  /** The first day lessons are booked on: a year from now, whatever day the test runs. */
  const FIRST_DAY = Date.UTC(new Date().getUTCFullYear() + 1, new Date().getUTCMonth(), 1);
  /** A lesson at its own time (one slot each, never overlapping), outside working time allowed. */
  const lesson = (title: string) => {
    const i = slot++;
    const day = new Date(FIRST_DAY + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10);
    const minutes = 6 * 60 + (i % 20) * 40;
    return {
      partnershipId: dir.partnershipId,
      kind: 'joint_lesson',
      title,
      start: `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00Z`,
      durationMinutes: 30,
      groupIds: [dir.groups['msk-26'], dir.groups['krg-construction']],
      overrideCalendar: true,
    };
  };

  it('when a change is made on api A, then a WebSocket-only client on api B gets the socket.io notice, and through the LB too', async () => {
    const booked = await msk.request('POST', '/api/events', lesson('fan-out'), {}, t.apiUrl(0));
    expect(booked.status).toBe(201);
    const eventId = booked.json.items[0].id;
    const connect = (url: string) =>
      new Promise<Socket>((resolve, reject) => {
        const s = io(url, {
          path: '/socket.io',
          transports: ['websocket'],
          extraHeaders: { cookie: msk.cookie, origin: t.lbUrl },
          reconnection: false,
        });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    const onB = await connect(t.apiUrl(1));
    const viaLb = await connect(t.lbUrl);
    try {
      for (const s of [onB, viaLb]) await s.timeout(5000).emitWithAck('event:watch', { eventId });
      const got = [onB, viaLb].map(
        (s) => new Promise<unknown>((resolve) => s.once('event:changed', (p: unknown) => resolve(p))),
      );
      const confirmed = await krg.request('POST', `/api/events/${eventId}/confirm`, {}, {}, t.apiUrl(0));
      expect(confirmed.status).toBe(200);
      const payloads = await Promise.race([Promise.all(got), sleep(10_000).then(() => null)]);
      expect(payloads).not.toBeNull();
    } finally {
      onB.close();
      viaLb.close();
    }
  });

  /** Confirmed events whose reminders (15 min before) fall due from `fromMs` over `spreadMs`. */
  async function remindersDue(count: number, fromMs: number, spreadMs: number, tag: string) {
    const { rows: inst } = await t.sql.query(
      `SELECT id, code FROM institutions WHERE code IN ('msk-26','krg-construction')`,
    );
    const mskId = inst.find((r) => r.code === 'msk-26').id;
    const krgId = inst.find((r) => r.code === 'krg-construction').id;
    const { rows: org } = await t.sql.query(
      `SELECT id FROM users WHERE email = 'coordinator.msk-26@telemost.example'`,
    );
    const due = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const dueAt = Date.now() + fromMs + Math.floor((i * spreadMs) / count);
      const start = new Date(dueAt + 15 * 60_000);
      const { rows } = await t.sql.query(
        `INSERT INTO events (partnership_id, kind, title, status, start_at, end_at, organizer_id, organizer_institution_id, origin_zone, reminder_offsets, updated_at)
         VALUES ($1, 'joint_lesson', $2, 'confirmed', $3, $4, $5, $6, 'Europe/Moscow', '{15}', now()) RETURNING id`,
        [dir.partnershipId, `${tag} ${i}`, start, new Date(start.getTime() + 30 * 60_000), org[0].id, mskId],
      );
      const eventId = rows[0].id;
      await t.sql.query(
        `INSERT INTO event_institutions (event_id, institution_id, decision) VALUES ($1, $2, 'confirmed'), ($1, $3, 'confirmed')`,
        [eventId, mskId, krgId],
      );
      const student = dir.students[i % dir.students.length]!;
      await t.sql.query(
        `INSERT INTO event_participants (event_id, user_id, institution_id, role) VALUES ($1, $2, $3, 'student')`,
        [eventId, student.id, student.institutionId],
      );
      due.set(eventId, dueAt);
    }
    return due;
  }

  /** Waits until every event's reminder e-mail is in, then returns lateness and copies per event. */
  async function collect(due: Map<string, number>, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    const find = () =>
      [...due.keys()].map((eventId) => {
        const hits = [...smtp.accepted.entries()].filter(
          ([id]) => id.startsWith('reminder-') && id.includes(eventId),
        );
        return { eventId, times: hits.flatMap(([, ts]) => ts) };
      });
    let found = find();
    while (found.some((f) => f.times.length === 0) && Date.now() < deadline) {
      await sleep(250);
      found = find();
    }
    await sleep(1500); // a late double would show up now
    found = find();
    const lateness = found
      .filter((f) => f.times.length)
      .map((f) => Math.min(...f.times) - due.get(f.eventId)!)
      .sort((a, b) => a - b);
    return {
      missing: found.filter((f) => f.times.length === 0).length,
      doubled: found.filter((f) => f.times.length > 1).length,
      p50: lateness[Math.floor(lateness.length / 2)] ?? Number.NaN,
      max: lateness.at(-1) ?? Number.NaN,
    };
  }

  it('when reminders fall due while both workers run, then each is sent exactly once', async () => {
    const due = await remindersDue(40, 4000, 4000, 'reminder-both');
    const r = await collect(due, 30_000);
    console.log(
      `reminders, two workers: 40 due, missing ${r.missing}, doubled ${r.doubled}, lateness p50 ${r.p50} ms, max ${r.max} ms`,
    );
    expect(r.missing).toBe(0);
    expect(r.doubled).toBe(0);
  });

  it('when one api is killed with -9 during a booking load, then no 201 booking is lost, errors are retriable only, and the LB takes it out', async () => {
    const results: { title: string; key: string; body: unknown; status: number | 'reset'; id?: string }[] =
      [];
    let stop = false;
    const runner = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const body = lesson(`kill-api w${w} #${i}`);
        const key = `kill-${w}-${i}-${Date.now()}`;
        try {
          const res = await msk.request('POST', '/api/events', body, { 'idempotency-key': key });
          results.push({ title: body.title, key, body, status: res.status, id: res.json?.items?.[0]?.id });
        } catch {
          results.push({ title: body.title, key, body, status: 'reset' });
        }
      }
    };
    const runners = Array.from({ length: 6 }, (_, w) => runner(w));
    await sleep(1500);
    await t.apis[0]!.kill9();
    const killedAt = Date.now();
    let outAfter = -1;
    while (Date.now() - killedAt < 5000) {
      if ((await t.lbStatus()).api0?.startsWith('DOWN')) {
        outAfter = Date.now() - killedAt;
        break;
      }
      await sleep(50);
    }
    await sleep(1500);
    stop = true;
    await Promise.all(runners);
    const created = results.filter((r) => r.status === 201);
    const failed = results.filter((r) => r.status !== 201);
    console.log(
      `kill -9 api0 under booking load: ${results.length} requests, ${created.length} × 201, errors ${JSON.stringify(
        Object.fromEntries(
          Object.entries(Object.groupBy(failed, (f) => String(f.status))).map(([k, v]) => [k, v!.length]),
        ),
      )}, LB marked it DOWN after ${outAfter} ms`,
    );
    expect(created.length).toBeGreaterThan(20);
    for (const f of failed) expect([502, 503, 504, 'reset']).toContain(f.status);
    const { rows } = await t.sql.query(`SELECT id FROM events WHERE id = ANY($1::uuid[])`, [
      created.map((c) => c.id),
    ]);
    expect(rows.length).toBe(created.length);
    expect(outAfter).toBeGreaterThanOrEqual(0);
    // Each failed one retried with its key: booked exactly once in the end, whether or not the
    // first try had committed (a claim left by the killed api blocks its key for the lease, 10 s).
    const retryStarted = Date.now();
    for (const f of failed) {
      for (let n = 0; ; n++) {
        const res = await msk.request('POST', '/api/events', f.body, { 'idempotency-key': f.key });
        if (res.status === 201) break;
        if (res.status === 409 && res.json?.code === 'booking_conflict') {
          expect(res.json.conflicts[0].title).toBe(f.title); // it had committed: the retry names it
          break;
        }
        expect(res.status === 409 && res.json?.code === 'idempotency_in_progress').toBe(true);
        if (n > 60) throw new Error(`retry of ${f.title} never finished`);
        await sleep(250);
      }
    }
    const counts = await t.sql.query(
      `SELECT title, count(*)::int AS n FROM events WHERE title = ANY($1) GROUP BY title`,
      [results.map((r) => r.title)],
    );
    expect(counts.rows.length).toBe(results.length);
    for (const row of counts.rows) expect(row.n).toBe(1);
    console.log(
      `  ${failed.length} failed bookings retried with their Idempotency-Key in ${Date.now() - retryStarted} ms: every intended booking exists exactly once`,
    );
    await t.apis[0]!.start();
  });

  it('when a booking is retried with its Idempotency-Key after a lost answer, then it is booked once', async () => {
    const body = lesson('idempotent through the LB');
    const key = `scale-${Date.now()}`;
    const a = await msk.request('POST', '/api/events', body, { 'idempotency-key': key });
    const b = await msk.request('POST', '/api/events', body, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.items[0].id).toBe(a.json.items[0].id);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM events WHERE title = $1`, [
      body.title,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('when one worker is killed with -9 during a reminder burst, then nothing is lost or doubled', async () => {
    const due = await remindersDue(60, 3000, 6000, 'reminder-kill');
    await sleep(5000);
    await t.workers[0]!.kill9();
    const r = await collect(due, 60_000);
    console.log(
      `reminders, worker0 killed -9 mid-burst: 60 due, missing ${r.missing}, doubled ${r.doubled}, lateness p50 ${r.p50} ms, max ${r.max} ms`,
    );
    expect(r.missing).toBe(0);
    expect(r.doubled).toBe(0);
    await t.workers[0]!.start();
  });

  it('when every process is restarted one at a time, then no accepted request is dropped', async () => {
    const statuses: (number | 'reset')[] = [];
    let stop = false;
    const runner = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res =
            i % 3 === 0
              ? await msk.request('POST', '/api/events', lesson(`rolling w${w} #${i}`))
              : await msk.request(
                  'GET',
                  `/api/events?from=${new Date(FIRST_DAY).toISOString()}&to=${new Date(FIRST_DAY + 31 * 86_400_000).toISOString()}`,
                );
          statuses.push(res.status);
          if (res.status >= 500) console.log(`rolling restart: ${res.status} ${res.text.slice(0, 200)}`);
        } catch (err) {
          statuses.push('reset');
          console.log(`rolling restart: ${(err as Error).message} ${String((err as Error).cause ?? '')}`);
        }
      }
    };
    const runners = Array.from({ length: 4 }, (_, w) => runner(w));
    // Before each api goes, every api is in service again (HAProxy: rise 2), as a rolling update waits.
    const allUp = async () => {
      for (let i = 0; i < 200; i++) {
        const st = await t.lbStatus();
        if (t.apis.every((a) => st[a.name] === 'UP')) return;
        await sleep(100);
      }
      throw new Error(`apis not back in service: ${JSON.stringify(await t.lbStatus())}`);
    };
    for (const p of [...t.apis, ...t.workers]) {
      await allUp();
      await p.stop();
      await p.start();
    }
    await allUp();
    stop = true;
    await Promise.all(runners);
    const bad = statuses.filter((s) => s === 'reset' || s >= 500);
    console.log(
      `rolling restart of ${t.apis.length} apis and ${t.workers.length} workers: ${statuses.length} requests, ${bad.length} failed`,
    );
    expect(statuses.length).toBeGreaterThan(50);
    expect(bad).toEqual([]);
  });

  it('when two lessons have their rooms on different LiveKit nodes, then both work and a participant entering by either node reaches their room', async () => {
    const nodes = t.livekit.map((n) => ({
      ws: `ws://127.0.0.1:${n.port}`,
      http: `http://127.0.0.1:${n.port}`,
    }));
    const services = nodes.map((n) => new RoomServiceClient(n.http, LIVEKIT_KEY, LIVEKIT_SECRET));
    const tokenFor = async (room: string, identity: string) => {
      const at = new AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET, { identity, ttl: 600 });
      at.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
      return at.toJwt();
    };
    // Learn both nodes' ids: rooms are spread over the cluster's nodes.
    const nodeIds = new Set<string>();
    for (let k = 0; nodeIds.size < 2 && k < 40; k++) {
      const probe = `probe-${k}`;
      await services[k % 2]!.createRoom({ name: probe, emptyTimeout: 10 });
      nodeIds.add((await joinVia(nodes[k % 2]!.ws, await tokenFor(probe, 'probe'))).nodeId);
      await services[0]!.deleteRoom(probe);
    }
    expect(nodeIds.size).toBe(2);
    const [nodeA, nodeB] = [...nodeIds] as [string, string];

    // Lesson 1: the demo lesson (confirmed, join window open), joined through the product's api.
    const teacher = await Client.signIn(t.lbUrl, 'teacher2.msk-26@telemost.example');
    const { rows } = await t.sql.query(
      `SELECT id FROM events WHERE title = 'Телемост: основы BIM-моделирования'`,
    );
    const join1 = await teacher.request('POST', `/api/events/${rows[0].id}/join`, {});
    expect(join1.status).toBe(200);
    // Lesson 2: booked and confirmed through the LB, starting in a few minutes.
    const booked = await msk.request('POST', '/api/events', {
      ...lesson('second lesson'),
      start: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    expect(booked.status).toBe(201);
    const lesson2 = booked.json.items[0].id;
    expect((await krg.request('POST', `/api/events/${lesson2}/confirm`, {})).status).toBe(200);
    const join2 = await msk.request('POST', `/api/events/${lesson2}/join`, {});
    expect(join2.status).toBe(200);

    // Place the rooms on different nodes (the worker may have opened them already: move them).
    for (const [room, node] of [
      [join1.json.room, nodeA],
      [join2.json.room, nodeB],
    ] as const) {
      await services[0]!.deleteRoom(room).catch(() => {});
      await services[0]!.createRoom({ name: room, nodeId: node, emptyTimeout: 60 });
    }
    for (const [join, node] of [
      [join1.json, nodeA],
      [join2.json, nodeB],
    ] as const) {
      for (const entry of nodes) {
        const reached = await joinVia(entry.ws, join.token);
        expect(reached).toEqual({ room: join.room, nodeId: node });
      }
    }
    for (const service of services) {
      const names = (await service.listRooms()).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining([join1.json.room, join2.json.room]));
    }
    console.log(
      `LiveKit cluster: lesson rooms on ${nodeA} and ${nodeB}; each reached through both nodes, listed by both`,
    );
  });
});
