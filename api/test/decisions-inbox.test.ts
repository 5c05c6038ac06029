import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, testClock } from './support/live-lesson.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');
const KRG_TEACHER = demoEmail('teacher', 'krg-construction', 1);
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);

describe('waiting for your decision (GET /api/me/decisions)', () => {
  let app: TestApp;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp('pglite', { now: clock.now });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const inbox = async (email: string) => (await app.as(email)).get('/api/me/decisions');

  it('when a Moscow teacher proposes a lesson, then the Karaganda coordinator and teachers find it waiting, the proposer does not', async () => {
    const lesson = await bookLesson(app, { localStart: '2027-02-10T10:00', confirm: false });
    for (const email of [KRG_COORDINATOR, KRG_TEACHER]) {
      const res = await inbox(email);
      expect(res.status, email).toBe(200);
      expect(res.json.total).toBe(1);
      expect(res.json.items).toHaveLength(1);
      const [item] = res.json.items;
      expect(item.id).toBe(lesson.id);
      const krg = item.institutions.find((i: { code: string }) => i.code === 'krg-construction');
      expect(item.myDecisionInstitutionId).toBe(krg.id);
      // Both clocks are there to show: each side's local start.
      expect(item.institutions.map((i: { localStart: string }) => i.localStart.slice(11, 16)).sort()).toEqual(
        ['10:00', '12:00'],
      );
    }
    const mine = await inbox(MSK_TEACHER);
    expect(mine.status).toBe(200);
    expect(mine.json).toEqual({ items: [], total: 0 });
  });

  it('when the coordinator confirms in place, then it leaves every inbox of her college', async () => {
    const waiting = (await inbox(KRG_TEACHER)).json.items[0];
    const coordinator = await app.as(KRG_COORDINATOR);
    const res = await coordinator.post(`/api/events/${waiting.id}/confirm`, {
      institutionId: waiting.myDecisionInstitutionId,
    });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('confirmed');
    expect((await inbox(KRG_COORDINATOR)).json.total).toBe(0);
    expect((await inbox(KRG_TEACHER)).json.total).toBe(0);
  });

  it('when a proposal is over before anyone answered, then it no longer waits', async () => {
    await bookLesson(app, { localStart: '2027-02-11T10:00', confirm: false });
    expect((await inbox(KRG_COORDINATOR)).json.total).toBe(1);
    clock.set(new Date('2027-02-11T09:00:00Z'));
    expect((await inbox(KRG_COORDINATOR)).json.total).toBe(0);
  });

  it('when a student or a stranger asks, then 403 / 401 problem+json', async () => {
    const student = await app.as(demoEmail('student', 'krg-construction', 1));
    const res = await student.get('/api/me/decisions');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await app.client().get('/api/me/decisions')).status).toBe(401);
  });
});
