import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '../src/features/realtime/attach-realtime.ts';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSocket, sessionCookie, type TestSocket } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');

async function until(check: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

describe.each(DRIVERS)('polls in a joint lesson (%s)', (driver) => {
  let app: TestApp;
  let lesson: TBookedLesson;
  let watcher: TestSocket;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));
  const studentsOf = (code: 'msk' | 'krg') =>
    [...lesson.participants.entries()]
      .filter(([email, p]) => p.role === 'student' && email.includes(code))
      .map(([email]) => email);

  beforeAll(async () => {
    app = await startTestApp(driver, { now: clock.now, attachRealtime });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
    clock.set(new Date(lesson.start.getTime() + 5 * MIN));
    watcher = await connectSocket(app.url, await sessionCookie(app.url, MSK_TEACHER));
    expect((await watcher.request<{ ok: boolean }>('event:watch', { eventId: lesson.id })).ok).toBe(true);
  });
  afterAll(async () => {
    watcher?.close();
    await app?.stop();
  });

  it('when both sides answer a host’s poll, then results are counted per college and in total, pushed live, and a second answer is refused', async () => {
    const student = await app.as(lesson.krgStudent);
    const refused = await student.post(`/api/events/${lesson.id}/polls`, {
      question: 'Q?',
      options: ['a', 'b'],
    });
    expect(refused.status).toBe(403);
    const outsider = await app.as(demoEmail('teacher', 'msk-23', 1));
    expect((await outsider.get(`/api/events/${lesson.id}/polls`)).status).toBe(403);

    const asked = await (await app.as(KRG_COORDINATOR)).post(`/api/events/${lesson.id}/polls`, {
      question: 'Какой узел собираем первым?',
      options: ['Стропильный', 'Мауэрлат', 'Конёк'],
    });
    expect(asked.status, asked.text).toBe(201);
    const pollId = asked.json.id as string;
    expect(asked.json.total).toEqual({ counts: [0, 0, 0], answered: 0 });
    expect(asked.json.byInstitution).toHaveLength(2);

    const msk = studentsOf('msk');
    const krg = studentsOf('krg');
    expect(msk.length).toBeGreaterThanOrEqual(2);
    expect(krg.length).toBeGreaterThanOrEqual(2);
    const answers: [string, number][] = [
      [msk[0]!, 0],
      [msk[1]!, 1],
      [krg[0]!, 1],
      [krg[1]!, 2],
    ];
    for (const [email, option] of answers) {
      const res = await (await app.as(email)).post(`/api/events/${lesson.id}/polls/${pollId}/answers`, {
        option,
      });
      expect(res.status, res.text).toBe(201);
      expect(res.json.myAnswer).toBe(option);
    }
    const again = await (await app.as(msk[0]!)).post(`/api/events/${lesson.id}/polls/${pollId}/answers`, {
      option: 2,
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const wrong = await (await app.as(msk[2] ?? krg[2]!)).post(
      `/api/events/${lesson.id}/polls/${pollId}/answers`,
      {
        option: 7,
      },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors[0].field).toBe('option');

    const list = await (await app.as(MSK_TEACHER)).get(`/api/events/${lesson.id}/polls`);
    const poll = list.json.items[0];
    expect(poll.total).toEqual({ counts: [1, 2, 1], answered: 4 });
    const mskId = lesson.participants.get(msk[0]!)!.institutionId;
    const krgId = lesson.participants.get(krg[0]!)!.institutionId;
    const side = (id: string) =>
      poll.byInstitution.find((b: { institutionId: string }) => b.institutionId === id);
    expect(side(mskId)).toMatchObject({ counts: [1, 1, 0], answered: 2 });
    expect(side(krgId)).toMatchObject({ counts: [0, 1, 1], answered: 2 });
    // Each side carries its city, for people to read in their language.
    expect(side(mskId).city).toMatchObject({ ru: 'Москва' });
    expect(side(krgId).city).toMatchObject({ ru: 'Караганда', kk: 'Қарағанды' });
    expect(poll.voters).toHaveLength(4);
    // A student sees the results and their own answer, never who voted what.
    const mine = (await (await app.as(krg[0]!)).get(`/api/events/${lesson.id}/polls`)).json.items[0];
    expect(mine.myAnswer).toBe(1);
    expect(mine.voters).toBeUndefined();

    expect(
      await until(() =>
        watcher
          .received<{ id: string; total: { answered: number } }>('poll:updated')
          .some((m) => m.id === pollId && m.total.answered === 4),
      ),
    ).toBe(true);

    const closed = await (await app.as(MSK_TEACHER)).post(`/api/events/${lesson.id}/polls/${pollId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.json.closedAt).not.toBeNull();
    const late = await (await app.as(krg[2] ?? msk[2]!)).post(
      `/api/events/${lesson.id}/polls/${pollId}/answers`,
      {
        option: 0,
      },
    );
    expect(late.status).toBe(409);
  });

  it('when a poll is anonymous, then hosts see the counts but not who answered what', async () => {
    const teacher = await app.as(MSK_TEACHER);
    const asked = await teacher.post(`/api/events/${lesson.id}/polls`, {
      question: 'Понятно?',
      options: ['Да', 'Нет'],
      anonymous: true,
    });
    expect(asked.status).toBe(201);
    await (await app.as(lesson.mskStudent)).post(`/api/events/${lesson.id}/polls/${asked.json.id}/answers`, {
      option: 0,
    });
    const poll = (await teacher.get(`/api/events/${lesson.id}/polls`)).json.items.find(
      (p: { id: string }) => p.id === asked.json.id,
    );
    expect(poll.total.answered).toBe(1);
    expect(poll.voters).toBeUndefined();
  });
});
