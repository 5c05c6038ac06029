import type { TEventView } from '@telemost/core/schemas/event';
import { createLogger } from '@telemost/server/lib/logger';
import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LIVE_LESSON } from '../src/seed/demo-activities.ts';
import { startServer } from '../src/server.ts';
import { startTestApp, type TestApp, testEnv } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

const MIN = 60_000;
// A Saturday afternoon: outside both colleges' working time, as a first `npm start` may well be.
const FIRST_START = new Date('2027-02-06T13:24:00Z');

/** Local wall-clock minutes and weekday of an instant in a zone. */
const local = (iso: string, zone: string) => {
  const d = DateTime.fromISO(iso, { zone });
  return { weekday: d.weekday, minutes: d.hour * 60 + d.minute };
};
const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

describe.each(DRIVERS)('demo activities on a first start (%s)', (driver) => {
  let app: TestApp;
  let events: TEventView[];

  beforeAll(async () => {
    app = await startTestApp(driver, { now: () => FIRST_START, demoActivities: true });
    const admin = await app.as(DEMO_ADMIN_EMAIL);
    const from = FIRST_START.toISOString();
    const to = new Date(FIRST_START.getTime() + 60 * 24 * 60 * MIN).toISOString();
    const res = await admin.get(`/api/events?from=${from}&to=${to}&limit=100`);
    expect(res.status).toBe(200);
    events = res.json.items;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the product starts for the first time, then a confirmed lesson starts within a quarter of an hour and both its teacher and a Karaganda student can join it at once', async () => {
    expect(app.demoLesson).not.toBeNull();
    const lesson = events.find((e) => e.title === DEMO_LIVE_LESSON.title)!;
    expect(lesson).toMatchObject({ status: 'confirmed', kind: 'joint_lesson', calendarOverride: true });
    expect(new Date(lesson.start)).toEqual(app.demoLesson!.start);
    const startsIn = new Date(lesson.start).getTime() - FIRST_START.getTime();
    expect(startsIn).toBeGreaterThanOrEqual(10 * MIN);
    expect(startsIn).toBeLessThanOrEqual(15 * MIN);
    expect(new Date(lesson.joinOpensAt).getTime()).toBeLessThanOrEqual(FIRST_START.getTime());
    for (const [email, access] of [
      [DEMO_LIVE_LESSON.teacher, 'host'],
      [DEMO_LIVE_LESSON.student, 'speaker'],
    ] as const) {
      const res = await (await app.as(email)).post(`/api/events/${lesson.id}/join`);
      expect(res.status, email).toBe(200);
      expect(res.json.access).toBe(access);
    }
  });

  it('when the product starts for the first time, then a confirmed weekly series and a proposal awaiting Karaganda are booked inside both working calendars', async () => {
    const series = events.filter((e) => e.seriesId !== null);
    expect(series.length).toBeGreaterThanOrEqual(3); // four weeks, less any holiday
    expect(new Set(series.map((e) => e.seriesId)).size).toBe(1);
    expect(series.every((e) => e.status === 'confirmed' && e.kind === 'joint_lesson')).toBe(true);
    const proposal = events.find((e) => e.kind === 'masterclass')!;
    expect(proposal.status).toBe('proposed');
    expect(proposal.institutions.find((i) => i.code === 'krg-service')!.decision).toBe('pending');
    for (const e of [...series, proposal]) {
      expect(e.calendarOverride).toBe(false);
      const msk = local(e.start, 'Europe/Moscow');
      const krg = local(e.start, 'Asia/Almaty');
      expect(msk.weekday).toBeLessThanOrEqual(5);
      expect(krg.weekday).toBeLessThanOrEqual(5);
      expect(msk.minutes).toBeGreaterThanOrEqual(hm('08:30'));
      expect(msk.minutes + e.durationMinutes).toBeLessThanOrEqual(hm('17:30'));
      expect(krg.minutes).toBeGreaterThanOrEqual(hm('08:00'));
      expect(krg.minutes + e.durationMinutes).toBeLessThanOrEqual(hm('18:00'));
    }
  });

  it('when the demo activities are booked, then the first groups and teachers of every college stay free for trying out booking', async () => {
    const firstGroups = new Set(['АД-21', 'ГС-31', 'СТР-11', 'ҚС-21', 'ТҚ-31']);
    const firstTeachers = await Promise.all(
      ['msk-26', 'msk-23', 'msk-7', 'krg-construction', 'krg-service'].map(async (code) => {
        const me = await (await app.as(demoEmail('teacher', code, 1))).get('/api/me');
        return me.json.id as string;
      }),
    );
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const e of events) {
      expect(e.groups.filter((g) => firstGroups.has(g.name))).toEqual([]);
      expect(e.teachers.filter((t) => firstTeachers.includes(t.id))).toEqual([]);
    }
  });

  it('when the product starts again on the same data, then nothing more is booked', async () => {
    const again = await startServer({
      env: testEnv({ SEED_DEMO: true }),
      database: app.ctx.database,
      logger: createLogger('silent'),
      now: () => new Date(FIRST_START.getTime() + 60 * MIN),
      demoActivities: true,
    });
    try {
      expect(again.demoLesson).toBeNull();
      const count = await app.ctx.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(events.length);
    } finally {
      await again.close();
    }
  });
});

describe.each(DRIVERS)('without demo activities (%s)', (driver) => {
  it('when the api starts as the tests start it, then no activity is booked', async () => {
    const app = await startTestApp(driver, { now: () => FIRST_START });
    try {
      expect(app.demoLesson).toBeNull();
      const res = await (await app.as(DEMO_ADMIN_EMAIL)).get(
        `/api/events?from=${FIRST_START.toISOString()}&to=2027-06-01T00:00:00Z`,
      );
      expect(res.json.items).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
