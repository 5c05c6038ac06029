import { OUTBOX_CHANNEL } from '@telemost/core/contracts/outbox';
import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Directory, lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MSK_COORDINATOR = demoEmail('coordinator', 'msk-26');

describe.each(['pglite', 'postgres'] as const)('what a booking writes, on %s', (driver) => {
  let app: TestApp;
  let coordinator: TestClient;
  let dir: Directory;
  let krgTeacherId: string;

  beforeAll(async () => {
    app = await startTestApp(driver);
    dir = await loadDirectory(app, await app.as(DEMO_ADMIN_EMAIL));
    coordinator = await app.as(MSK_COORDINATOR);
    krgTeacherId = await dir.teacherId(demoEmail('teacher', 'krg-construction', 1));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a weekly series with a partner teacher is booked, then the answer shows each event as GET shows it', async () => {
    const res = await coordinator.post(
      '/api/events',
      lessonRequest(dir, {
        localStart: '2027-05-12T12:20',
        teacherIds: [krgTeacherId],
        recurrence: { weekdays: [3], count: 3 },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json.items).toHaveLength(3);
    for (const item of res.json.items) {
      const shown = await coordinator.get(`/api/events/${item.id}`);
      expect(shown.status).toBe(200);
      expect(item).toEqual(shown.json);
    }
    expect(res.json.items[0].teachers.map((t: { id: string }) => t.id)).toEqual([krgTeacherId]);
  });

  it('when a lesson is booked, then its sides, resources, participants, outbox rows and audit entry are all written', async () => {
    const res = await coordinator.post(
      '/api/events',
      lessonRequest(dir, { localStart: '2027-05-13T10:10', teacherIds: [krgTeacherId] }),
    );
    expect(res.status).toBe(201);
    const event = res.json.items[0];
    const db = app.ctx.db;
    const sides = await db
      .selectFrom('eventInstitutions')
      .select(['institutionId', 'decision', 'decidedBy'])
      .where('eventId', '=', event.id)
      .execute();
    const msk = dir.institution('msk-26').id;
    const krg = dir.institution('krg-construction').id;
    const coordinatorId = await dir.teacherId(MSK_COORDINATOR);
    expect(sides).toEqual(
      expect.arrayContaining([
        { institutionId: msk, decision: 'confirmed', decidedBy: coordinatorId },
        { institutionId: krg, decision: 'pending', decidedBy: null },
      ]),
    );
    expect(sides).toHaveLength(2);
    const resources = await db
      .selectFrom('eventResources')
      .select(['resourceType', 'resourceId', 'active'])
      .where('eventId', '=', event.id)
      .execute();
    expect(resources.map((r) => `${r.resourceType}:${r.resourceId}`).sort()).toEqual(
      [
        `group:${dir.groups('msk-26')[0]!.id}`,
        `group:${dir.groups('krg-construction')[0]!.id}`,
        `teacher:${krgTeacherId}`,
      ].sort(),
    );
    const participants = await db
      .selectFrom('eventParticipants')
      .select(['userId', 'role', 'groupId'])
      .where('eventId', '=', event.id)
      .execute();
    const roleOf = new Map(participants.map((p) => [p.userId, p.role]));
    expect(roleOf.get(coordinatorId)).toBe('organizer');
    expect(roleOf.get(krgTeacherId)).toBe('teacher');
    const members = await db
      .selectFrom('groupMembers as gm')
      .innerJoin('users as u', 'u.id', 'gm.userId')
      .select('gm.userId')
      .where('gm.groupId', 'in', [dir.groups('msk-26')[0]!.id, dir.groups('krg-construction')[0]!.id])
      .where('u.disabledAt', 'is', null)
      .execute();
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(['student', 'guest']).toContain(roleOf.get(m.userId));
    const outbox = await db
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('aggregateId', '=', event.id)
      .execute();
    expect(outbox).toEqual([
      { topic: 'event.proposed', payload: { eventId: event.id, version: 1, actorId: coordinatorId } },
    ]);
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'entity', 'actorId', 'data'])
      .where('entityId', '=', event.id)
      .execute();
    expect(audit).toEqual([
      {
        action: 'event.proposed',
        entity: 'event',
        actorId: coordinatorId,
        data: { events: [event.id], override: false },
      },
    ]);
  });

  it.runIf(driver === 'postgres')(
    'when bookings commit, then the outbox relay is woken by a NOTIFY sent after the commit',
    async () => {
      const listener = new pg.Client({ connectionString: app.ctx.env.DATABASE_URL });
      await listener.connect();
      try {
        await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
        const woken = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
        const res = await coordinator.post(
          '/api/events',
          lessonRequest(dir, { localStart: '2027-05-19T14:00' }),
        );
        expect(res.status).toBe(201);
        await woken;
        // Sent after the commit, so whoever is woken already sees the row.
        const { rows } = await listener.query('SELECT 1 FROM outbox WHERE aggregate_id = $1', [
          res.json.items[0].id,
        ]);
        expect(rows).toHaveLength(1);
      } finally {
        await listener.end();
      }
    },
  );
});
