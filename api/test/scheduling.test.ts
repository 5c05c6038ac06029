import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Directory, lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');

describe('scheduling across borders', () => {
  let app: TestApp;
  let admin: TestClient;
  let teacher: TestClient;
  let krgCoordinator: TestClient;
  let dir: Directory;
  // Each test books on its own date so tests never collide on the same groups.
  /** The outbox topics written for an event, in the order they were written. */
  const outboxTopics = async (eventId: string) =>
    (
      await app.ctx.db
        .selectFrom('outbox')
        .select('topic')
        .where('aggregateId', '=', eventId)
        .orderBy('id')
        .execute()
    ).map((o) => o.topic);

  let day = 0;
  const nextWorkday = () => {
    // Wednesdays and Thursdays from 2027-04-07 on, a stretch with no holiday on either side.
    const base = Date.UTC(2027, 3, 7);
    const d = new Date(base + Math.floor(day / 2) * 7 * 86_400_000 + (day % 2) * 86_400_000);
    day++;
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    app = await startTestApp('pglite');
    admin = await app.as(DEMO_ADMIN_EMAIL);
    teacher = await app.as(MSK_TEACHER);
    krgCoordinator = await app.as(KRG_COORDINATOR);
    dir = await loadDirectory(app, admin);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when a Moscow teacher books 10:00 Moscow time in 2027, then Karaganda sees 12:00 and the event awaits Karaganda', async () => {
    const res = await teacher.post('/api/events', lessonRequest(dir));
    expect(res.status).toBe(201);
    const [event] = res.json.items;
    expect(event.start).toBe('2027-02-10T07:00:00.000Z');
    expect(event.status).toBe('proposed');
    const msk = event.institutions.find((i: { code: string }) => i.code === 'msk-26');
    const krg = event.institutions.find((i: { code: string }) => i.code === 'krg-construction');
    expect(msk).toMatchObject({
      localStart: '2027-02-10T10:00:00+03:00',
      offset: '+03:00',
      decision: 'confirmed',
    });
    expect(krg).toMatchObject({
      localStart: '2027-02-10T12:00:00+05:00',
      localEnd: '2027-02-10T13:30:00+05:00',
      offset: '+05:00',
      decision: 'pending',
    });
    expect(event.requester).toMatchObject({
      timeZone: 'Europe/Moscow',
      localStart: '2027-02-10T10:00:00+03:00',
    });
    expect(event.reminderOffsetsMinutes).toEqual([1440, 15]);

    const seenByKrg = await krgCoordinator.get(`/api/events/${event.id}`);
    expect(seenByKrg.json.requester.localStart).toBe('2027-02-10T12:00:00+05:00');
    expect(seenByKrg.json.myDecisionInstitutionId).toBe(krg.id);
    const confirmed = await krgCoordinator.post(`/api/events/${event.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.status).toBe('confirmed');
    expect((await teacher.get(`/api/events/${event.id}`)).json.status).toBe('confirmed');
    expect((await krgCoordinator.post(`/api/events/${event.id}/confirm`, {})).status).toBe(409);

    expect(await outboxTopics(event.id)).toEqual(['event.proposed', 'event.confirmed']);
    const audit = await app.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', event.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event.side_confirmed']));
  });

  it('when the start is an ISO instant, then it is stored in UTC and shown in both zones', async () => {
    const date = nextWorkday();
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, { localStart: undefined, timeZone: undefined, start: `${date}T10:30:00+05:00` }),
    );
    expect(res.status).toBe(201);
    expect(res.json.items[0].start).toBe(`${date}T05:30:00.000Z`);
    expect(res.json.items[0].institutions.map((i: { localStart: string }) => i.localStart)).toEqual([
      `${date}T08:30:00+03:00`,
      `${date}T10:30:00+05:00`,
    ]);
  });

  it('when the same group is booked twice at overlapping times, then 409 names the first event', async () => {
    const date = nextWorkday();
    const first = await teacher.post('/api/events', lessonRequest(dir, { localStart: `${date}T11:00` }));
    expect(first.status).toBe(201);
    const second = await teacher.post(
      '/api/events',
      lessonRequest(dir, {
        localStart: `${date}T12:00`,
        groupIds: [dir.groups('krg-construction')[0]!.id, dir.groups('msk-7')[0]!.id],
      }),
    );
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('booking_conflict');
    expect(second.json.conflicts[0]).toMatchObject({
      eventId: first.json.items[0].id,
      resourceType: 'group',
    });
    expect(second.json.title).toContain(first.json.items[0].title);
  });

  it('when a teacher is double-booked, then 409 too; back-to-back is fine', async () => {
    const date = nextWorkday();
    const teacherId = await dir.teacherId(demoEmail('teacher', 'krg-construction', 1));
    const a = await teacher.post(
      '/api/events',
      lessonRequest(dir, { localStart: `${date}T09:00`, teacherIds: [teacherId] }),
    );
    expect(a.status).toBe(201);
    const clash = await teacher.post(
      '/api/events',
      lessonRequest(dir, {
        localStart: `${date}T10:00`,
        groupIds: [dir.groups('msk-23')[0]!.id],
        teacherIds: [teacherId],
      }),
    );
    expect(clash.status).toBe(409);
    expect(clash.json.conflicts[0].resourceType).toBe('teacher');
    const after = await teacher.post(
      '/api/events',
      lessonRequest(dir, {
        localStart: `${date}T10:30`,
        groupIds: [dir.groups('msk-23')[0]!.id],
        teacherIds: [teacherId],
      }),
    );
    expect(after.status).toBe(201);
  });

  it('when a lesson runs to 17:00 in Moscow (19:00 in Karaganda), then 422 says only the Karaganda side is out of hours', async () => {
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, { localStart: `${nextWorkday()}T15:30` }),
    );
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('calendar_violation');
    expect(res.json.violations).toEqual([
      expect.objectContaining({
        institutionId: dir.institution('krg-construction').id,
        country: 'KZ',
        reason: 'outside_working_hours',
      }),
    ]);
  });

  it('when the date is a Russian public holiday (23 February), then 422 names Russia and the holiday', async () => {
    const res = await teacher.post('/api/events', lessonRequest(dir, { localStart: '2027-02-23T10:00' }));
    expect(res.status).toBe(422);
    expect(res.json.violations).toHaveLength(1);
    expect(res.json.violations[0]).toMatchObject({ country: 'RU', reason: 'holiday', date: '2027-02-23' });
    expect(res.json.violations[0].holidayName.ru).toMatch(/защитника Отечества/i);
  });

  it('when the date is Nauryz in Kazakhstan (22 March 2027), then 422 names Kazakhstan', async () => {
    const res = await teacher.post('/api/events', lessonRequest(dir, { localStart: '2027-03-22T10:00' }));
    expect(res.status).toBe(422);
    expect(res.json.violations).toEqual([
      expect.objectContaining({ country: 'KZ', reason: 'holiday', date: '2027-03-22' }),
    ]);
  });

  it('when a coordinator overrides the calendar, then the event is booked and flagged; a teacher may not override', async () => {
    const body = lessonRequest(dir, {
      localStart: '2027-02-23T10:00',
      overrideCalendar: true,
      overrideNote: 'Праздничный телемост',
    });
    expect((await teacher.post('/api/events', body)).status).toBe(403);
    const coordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    const res = await coordinator.post('/api/events', body);
    expect(res.status).toBe(201);
    expect(res.json.items[0]).toMatchObject({ calendarOverride: true, overrideNote: 'Праздничный телемост' });
  });

  it('when the local time does not exist (DST gap), then 422 nonexistent_local_time on localStart', async () => {
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, { localStart: '2027-03-28T02:30', timeZone: 'Europe/Berlin' }),
    );
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('nonexistent_local_time');
    expect(res.json.errors[0].field).toBe('localStart');
  });

  it('when the zone is unknown (Asia/Karaganda does not exist), then 422 on timeZone', async () => {
    const res = await teacher.post('/api/events', lessonRequest(dir, { timeZone: 'Asia/Karaganda' }));
    expect(res.status).toBe(422);
    expect(res.json.errors[0].field).toBe('timeZone');
  });

  it('when only one college takes part, then 422: a joint activity needs two', async () => {
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, { groupIds: [dir.groups('msk-26')[1]!.id] }),
    );
    expect(res.status).toBe(422);
    expect(res.json.errors[0].field).toBe('groupIds');
  });

  it('when a student tries to book, then 403', async () => {
    const student = await app.as(demoEmail('student', 'msk-26', 1));
    expect((await student.post('/api/events', lessonRequest(dir))).status).toBe(403);
  });

  it('when a weekly series crosses 23 February, then that date is skipped and listed, and the count still holds', async () => {
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, {
        localStart: '2027-02-16T10:00',
        groupIds: [dir.groups('msk-26')[1]!.id, dir.groups('krg-construction')[1]!.id],
        recurrence: { weekdays: [2], count: 3 },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json.items.map((e: { start: string }) => e.start.slice(0, 10))).toEqual([
      '2027-02-16',
      '2027-03-02',
      '2027-03-09',
    ]);
    expect(res.json.skipped.map((s: { localDate: string }) => s.localDate)).toEqual(['2027-02-23']);
    expect(res.json.skipped[0].reason).toMatch(/RU/);
    expect(new Set(res.json.items.map((e: { seriesId: string }) => e.seriesId)).size).toBe(1);
  });

  it('when one occurrence is moved, then only it changes; "this and following" moves the rest in wall-clock time', async () => {
    const res = await teacher.post(
      '/api/events',
      lessonRequest(dir, {
        localStart: '2027-05-04T10:00',
        groupIds: [dir.groups('msk-7')[1]!.id, dir.groups('krg-service')[1]!.id],
        recurrence: { weekdays: [2], count: 4 },
      }),
    );
    expect(res.status).toBe(201);
    const [first, second] = res.json.items;
    const moved = await teacher.patch(`/api/events/${first.id}`, {
      localStart: '2027-05-04T11:00',
      timeZone: 'Europe/Moscow',
    });
    expect(moved.status).toBe(200);
    expect(moved.json.items).toHaveLength(1);
    expect(moved.json.items[0]).toMatchObject({
      version: 2,
      status: 'proposed',
      start: '2027-05-04T08:00:00.000Z',
    });
    const following = await teacher.patch(`/api/events/${second.id}`, {
      localStart: `${second.start.slice(0, 10)}T12:20`,
      timeZone: 'Europe/Moscow',
      scope: 'following',
    });
    expect(following.status).toBe(200);
    expect(following.json.items.length).toBe(res.json.items.length - 1);
    for (const e of following.json.items) {
      expect(e.institutions[0].localStart.slice(11, 16)).toBe('12:20');
      expect(e.version).toBe(2);
    }
    const cancelled = await teacher.post(`/api/events/${second.id}/cancel`, { scope: 'following' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.items.every((e: { status: string }) => e.status === 'cancelled')).toBe(true);
    expect((await teacher.get(`/api/events/${first.id}`)).json.status).toBe('proposed');
  });

  /** A lesson at 08:30 Moscow time on `date` for the second group of each side. */
  const bookSecondGroups = async (date: string) =>
    (
      await teacher.post(
        '/api/events',
        lessonRequest(dir, {
          localStart: `${date}T08:30`,
          groupIds: [dir.groups('msk-26')[1]!.id, dir.groups('krg-construction')[1]!.id],
        }),
      )
    ).json.items[0];

  it('when an event is rescheduled after confirmation, then the version bumps and the other side must confirm again', async () => {
    const date = nextWorkday();
    const created = await bookSecondGroups(date);
    await krgCoordinator.post(`/api/events/${created.id}/confirm`, {});
    const res = await teacher.patch(`/api/events/${created.id}`, {
      localStart: `${date}T10:10`,
      timeZone: 'Europe/Moscow',
    });
    expect(res.status).toBe(200);
    expect(res.json.items[0]).toMatchObject({ status: 'proposed', version: 2 });
    expect(
      res.json.items[0].institutions.find((i: { code: string }) => i.code === 'krg-construction').decision,
    ).toBe('pending');
    expect(await outboxTopics(created.id)).toEqual([
      'event.proposed',
      'event.confirmed',
      'event.rescheduled',
    ]);
  });

  it('when the other side pre-approved reschedules on confirming, then a move within working hours stays confirmed and a move overriding the calendar asks again', async () => {
    const date = nextWorkday();
    const created = await bookSecondGroups(date);
    const declineWithIt = await krgCoordinator.post(`/api/events/${created.id}/decline`, {
      preApproveReschedule: true,
    });
    expect(declineWithIt.status).toBe(422);
    expect(declineWithIt.json.errors[0].field).toBe('preApproveReschedule');
    const confirmed = await krgCoordinator.post(`/api/events/${created.id}/confirm`, {
      preApproveReschedule: true,
    });
    expect(confirmed.status).toBe(200);
    const krgSide = (e: { institutions: { code: string }[] }) =>
      e.institutions.find((i) => i.code === 'krg-construction');
    expect(krgSide(confirmed.json)).toMatchObject({ decision: 'confirmed', reschedulePreApproved: true });

    const moved = await teacher.patch(`/api/events/${created.id}`, {
      localStart: `${date}T10:10`,
      timeZone: 'Europe/Moscow',
    });
    expect(moved.status).toBe(200);
    expect(moved.json.items[0]).toMatchObject({ status: 'confirmed', version: 2 });
    expect(krgSide(moved.json.items[0])).toMatchObject({
      decision: 'confirmed',
      localStart: `${date}T12:10:00+05:00`,
    });
    expect((await teacher.get(`/api/events/${created.id}`)).json.status).toBe('confirmed');

    // Outside Karaganda's working day: the pre-approval does not cover it, Karaganda is asked again.
    const late = await admin.patch(`/api/events/${created.id}`, {
      localStart: `${date}T17:00`,
      timeZone: 'Europe/Moscow',
      overrideCalendar: true,
      overrideNote: 'Вечерний созвон по договорённости',
    });
    expect(late.status).toBe(200);
    expect(late.json.items[0]).toMatchObject({ status: 'proposed', version: 3 });
    expect(krgSide(late.json.items[0])).toMatchObject({ decision: 'pending' });
    // Karaganda has not answered the late time: a move back into working hours still asks it.
    const back = await teacher.patch(`/api/events/${created.id}`, {
      localStart: `${date}T09:00`,
      timeZone: 'Europe/Moscow',
    });
    expect(back.json.items[0]).toMatchObject({ status: 'proposed', version: 4 });
    expect(krgSide(back.json.items[0])).toMatchObject({ decision: 'pending' });
    expect(await outboxTopics(created.id)).toEqual([
      'event.proposed',
      'event.confirmed',
      'event.rescheduled',
      'event.rescheduled',
      'event.rescheduled',
    ]);
  });

  it('when an event is cancelled, then its slot is free again and it cannot be cancelled twice', async () => {
    const date = nextWorkday();
    const body = lessonRequest(dir, { localStart: `${date}T12:20` });
    const created = (await teacher.post('/api/events', body)).json.items[0];
    expect((await teacher.post('/api/events', body)).status).toBe(409);
    const cancel = await krgCoordinator.post(`/api/events/${created.id}/cancel`, { reason: 'Карантин' });
    expect(cancel.status).toBe(200);
    expect(cancel.json.items[0].status).toBe('cancelled');
    expect((await krgCoordinator.post(`/api/events/${created.id}/cancel`, {})).status).toBe(409);
    expect((await teacher.post('/api/events', body)).status).toBe(201);
  });

  it('when a college outside the event tries to act on it, then 404 or 403 and nothing changes', async () => {
    const created = (
      await teacher.post('/api/events', lessonRequest(dir, { localStart: `${nextWorkday()}T10:10` }))
    ).json.items[0];
    const outsider = await app.as(demoEmail('coordinator', 'msk-23'));
    expect((await outsider.get(`/api/events/${created.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/events/${created.id}/cancel`, {})).status).toBe(404);
    expect((await outsider.post(`/api/events/${created.id}/confirm`, {})).status).toBe(404);
    const member = await app.ctx.db
      .selectFrom('groupMembers as gm')
      .innerJoin('users as u', 'u.id', 'gm.userId')
      .select('u.email')
      .where('gm.groupId', '=', dir.groups('krg-construction')[0]!.id)
      .executeTakeFirstOrThrow();
    const student = await app.as(member.email);
    expect((await student.get(`/api/events/${created.id}`)).status).toBe(200);
    expect((await student.post(`/api/events/${created.id}/confirm`, {})).status).toBe(403);
    expect((await teacher.get(`/api/events/${created.id}`)).json.status).toBe('proposed');
  });

  it('when listing, then filters and pagination apply and only visible events come back', async () => {
    const krg = dir.institution('krg-construction').id;
    const all = await teacher.get('/api/events?from=2027-01-01T00:00:00Z&to=2028-01-01T00:00:00Z&limit=500');
    expect(all.status).toBe(200);
    expect(all.json.total).toBeGreaterThan(3);
    const page = await teacher.get(
      '/api/events?from=2027-01-01T00:00:00Z&to=2028-01-01T00:00:00Z&limit=2&offset=1',
    );
    expect(page.json.items).toHaveLength(2);
    expect(page.json.items[0].id).toBe(all.json.items[1].id);
    const cancelled = await teacher.get('/api/events?status=cancelled');
    expect(cancelled.json.items.every((e: { status: string }) => e.status === 'cancelled')).toBe(true);
    const byInst = await teacher.get(`/api/events?institutionId=${krg}&kind=joint_lesson`);
    expect(
      byInst.json.items.every((e: { institutions: { id: string }[] }) =>
        e.institutions.some((i) => i.id === krg),
      ),
    ).toBe(true);
    const group = dir.groups('krg-construction')[0]!.id;
    const byGroup = await teacher.get(`/api/events?groupId=${group}`);
    expect(
      byGroup.json.items.every((e: { groups: { id: string }[] }) => e.groups.some((g) => g.id === group)),
    ).toBe(true);
    expect((await teacher.get('/api/events?from=yesterday')).status).toBe(422);
  });

  it('when a third partner sits in a daylight-saving zone, then its local times follow its own rules', async () => {
    const db = app.ctx.db;
    const berlin = await db
      .insertInto('institutions')
      .values({
        code: 'ber-osz',
        name: JSON.stringify({ ru: 'Берлинский колледж', kk: 'Берлин колледжі', en: 'Berlin college' }),
        city: JSON.stringify({ ru: 'Берлин', kk: 'Берлин', en: 'Berlin' }),
        country: 'DE',
        timeZone: 'Europe/Berlin',
        workingHours: JSON.stringify({ start: '07:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] }),
        lessonPeriods: JSON.stringify([]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('partnershipMembers')
      .values({ partnershipId: dir.partnershipId, institutionId: berlin.id })
      .execute();
    const group = await db
      .insertInto('groups')
      .values({ institutionId: berlin.id, name: 'BER-1' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Winter (CET, UTC+1) and summer (CEST, UTC+2): Moscow 11:00 is Berlin 09:00, then 10:00.
    for (const [date, berlinLocal] of [
      ['2027-03-17', '2027-03-17T09:00:00+01:00'],
      ['2027-04-14', '2027-04-14T10:00:00+02:00'],
    ] as const) {
      const res = await teacher.post(
        '/api/events',
        lessonRequest(dir, {
          localStart: `${date}T11:00`,
          groupIds: [dir.groups('msk-26')[0]!.id, group.id],
        }),
      );
      expect(res.status).toBe(201);
      expect(
        res.json.items[0].institutions.find((i: { code: string }) => i.code === 'ber-osz').localStart,
      ).toBe(berlinLocal);
    }
  });

  it('when availability is asked, then mutual slots come best first in both local times and avoid existing bookings', async () => {
    const groups = [dir.groups('msk-23')[0]!.id, dir.groups('krg-service')[0]!.id];
    const booked = await teacher.post(
      '/api/events',
      lessonRequest(dir, { localStart: '2027-06-02T10:10', groupIds: groups }),
    );
    expect(booked.status).toBe(201);
    const q = new URLSearchParams({
      partnershipId: dir.partnershipId,
      groupIds: groups.join(','),
      durationMinutes: '90',
      from: '2027-06-02T00:00:00Z',
      to: '2027-06-05T00:00:00Z',
    });
    const res = await teacher.get(`/api/availability?${q}`);
    expect(res.status).toBe(200);
    const items = res.json.items as {
      start: string;
      end: string;
      score: number;
      local: { timeZone: string; start: string }[];
    }[];
    expect(items.length).toBeGreaterThan(3);
    for (let i = 1; i < items.length; i++)
      expect(items[i - 1]!.score).toBeGreaterThanOrEqual(items[i]!.score);
    const busy = booked.json.items[0];
    for (const slot of items) {
      expect(slot.end <= busy.start || slot.start >= busy.end).toBe(true);
      expect([...new Set(slot.local.map((l) => l.timeZone))].sort()).toEqual([
        'Asia/Almaty',
        'Europe/Moscow',
      ]);
      const msk = slot.local.find((l) => l.timeZone === 'Europe/Moscow')!.start;
      const krg = slot.local.find((l) => l.timeZone === 'Asia/Almaty')!.start;
      expect(Number(krg.slice(11, 13)) - Number(msk.slice(11, 13))).toBe(2);
    }
    const bad = await teacher.get(
      `/api/availability?${new URLSearchParams({ ...Object.fromEntries(q), to: '2027-06-01T00:00:00Z' })}`,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe('to');
    const student = await app.as(demoEmail('student', 'msk-26', 1));
    expect((await student.get(`/api/availability?${q}`)).status).toBe(403);
  });

  it('when the .ics is downloaded, then it parses back with a stable UID, SEQUENCE following changes, and CANCELLED status', async () => {
    const created = (
      await teacher.post('/api/events', lessonRequest(dir, { localStart: `${nextWorkday()}T14:00` }))
    ).json.items[0];
    const parse = async () => {
      const res = await teacher.get(`/api/events/${created.id}/ics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
      const vevent = new ICAL.Component(ICAL.parse(res.text)).getFirstSubcomponent('vevent')!;
      return {
        uid: vevent.getFirstPropertyValue('uid'),
        sequence: vevent.getFirstPropertyValue('sequence'),
        status: vevent.getFirstPropertyValue('status'),
        start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
        description: String(vevent.getFirstPropertyValue('description')),
      };
    };
    const v1 = await parse();
    expect(v1).toMatchObject({
      uid: `${created.id}@telemost`,
      sequence: 0,
      status: 'TENTATIVE',
      start: created.start,
    });
    expect(v1.description).toMatch(/14:00 Москва \/ 16:00 Караганда/);
    await teacher.patch(`/api/events/${created.id}`, { title: 'Новое название' });
    expect((await parse()).sequence).toBe(1);
    await teacher.post(`/api/events/${created.id}/cancel`, {});
    const v3 = await parse();
    expect(v3).toMatchObject({ uid: `${created.id}@telemost`, sequence: 2, status: 'CANCELLED' });
  });

  it('when a personal feed link is made, then it serves the user’s events without a cookie until revoked', async () => {
    const link = await teacher.post('/api/me/calendar-token', {});
    expect(link.status).toBe(201);
    const path = new URL(link.json.url).pathname;
    const feed = await app.client().get(path);
    expect(feed.status).toBe(200);
    const comp = new ICAL.Component(ICAL.parse(feed.text));
    expect(comp.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
    const rotated = await teacher.post('/api/me/calendar-token', {});
    expect((await app.client().get(path)).status).toBe(404);
    expect((await teacher.request('DELETE', '/api/me/calendar-token')).status).toBe(204);
    expect((await app.client().get(new URL(rotated.json.url).pathname)).status).toBe(404);
  });
});
