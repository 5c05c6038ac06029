import { demoEmail } from '@telemost/server/seed/demo-data';
import { TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIcs } from '../../test/support/ics-check.ts';
import { bookLesson, jwtPayload, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, liveKitForFile, postWebhook } from './support/livekit.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');
const OUTSIDER = demoEmail('coordinator', 'msk-7');

const livekit = liveKitForFile();

type TField = { field: string; message: string; code?: string };
const fieldsOf = (res: { json: { errors?: TField[]; fields?: TField[] } }) =>
  (res.json.errors ?? res.json.fields ?? []).map((f) => f.field);

describe('conferences: programme and audience mode (postgres, real LiveKit)', () => {
  let app: TestApp;
  let conference: TBookedLesson;
  let lesson: TBookedLesson;
  let host: TestClient;
  let krgHost: TestClient;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));
  // Wednesday 10 February 2027, 10:00–13:00 in Moscow (07:00Z–10:00Z), 12:00–15:00 in Karaganda.
  const at = (hhmm: string) => `2027-02-10T${hhmm}:00Z`;

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: livekit.env, now: clock.now });
    conference = await bookLesson(app, {
      localStart: '2027-02-10T10:00',
      kind: 'conference',
      title: 'Научно-практическая конференция «Цифровое строительство»',
      durationMinutes: 180,
    });
    lesson = await bookLesson(app, { localStart: '2027-02-11T10:00', title: 'Обычный урок' });
    host = await app.as(MSK_TEACHER);
    krgHost = await app.as(KRG_COORDINATOR);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const sessions = (id = conference.id) => `/api/events/${id}/programme/sessions`;
  const userId = (email: string) => conference.participants.get(email)!.userId;

  it('when a host adds sessions, then the public programme lists them without a cookie, in UTC and on the Moscow and Karaganda clocks', async () => {
    const opening = await host.post(sessions(), {
      title: 'Открытие',
      start: at('07:00'),
      end: at('07:30'),
      speakers: [{ userId: userId(MSK_TEACHER) }, { name: 'Айгүл Серікқызы, ТОО «Құрылыс»' }],
    });
    expect(opening.status).toBe(201);
    expect(opening.json).toMatchObject({
      title: 'Открытие',
      start: '2027-02-10T07:00:00.000Z',
      end: '2027-02-10T07:30:00.000Z',
      room: 'main',
      livekitRoom: conference.id,
      speakers: [
        { kind: 'user', userId: userId(MSK_TEACHER), institution: { code: 'msk-26' } },
        { kind: 'name', name: 'Айгүл Серікқызы, ТОО «Құрылыс»' },
      ],
    });
    const invitation = await krgHost.post(`/api/events/${conference.id}/invitations`, {
      role: 'speaker',
      label: 'Эксперт: Ерлан Ахметов',
    });
    const talk = await krgHost.post(sessions(), {
      title: 'BIM в Караганде',
      start: at('07:30'),
      end: at('08:15'),
      speakers: [{ invitationId: invitation.json.id }, { userId: userId(conference.mskStudent) }],
    });
    expect(talk.status).toBe(201);
    const workshop = await host.post(sessions(), {
      title: 'Секция: сметы',
      start: at('07:45'),
      end: at('08:30'),
      room: 'own',
    });
    expect(workshop.status).toBe(201);
    expect(workshop.json.livekitRoom).toBe(`${conference.id}~session-${workshop.json.id}`);

    const res = await app.client().get(`/api/events/${conference.id}/programme`);
    expect(res.status).toBe(200);
    expect(res.json.event).toMatchObject({
      id: conference.id,
      kind: 'conference',
      start: '2027-02-10T07:00:00.000Z',
      end: '2027-02-10T10:00:00.000Z',
    });
    expect(res.json.sessions.map((s: { title: string }) => s.title)).toEqual([
      'Открытие',
      'BIM в Караганде',
      'Секция: сметы',
    ]);
    expect(res.json.sessions[0].localTimes).toEqual([
      {
        timeZone: 'Europe/Moscow',
        city: expect.objectContaining({ ru: 'Москва' }),
        start: '2027-02-10T10:00:00+03:00',
        end: '2027-02-10T10:30:00+03:00',
      },
      {
        timeZone: 'Asia/Almaty',
        city: expect.objectContaining({ ru: 'Караганда' }),
        start: '2027-02-10T12:00:00+05:00',
        end: '2027-02-10T12:30:00+05:00',
      },
    ]);
    expect(res.json.sessions[1].speakers[0]).toMatchObject({
      kind: 'invitation',
      name: 'Эксперт: Ерлан Ахметов',
    });
    // Public, but nothing private: no e-mail of anyone.
    expect(res.text).not.toMatch(/@/);
  });

  it('when a session does not fit, then 422 names the field (outside the event, end before start, unknown speaker) and an overlap in the same room is 409 on start', async () => {
    const outside = await host.post(sessions(), { title: 'Рано', start: at('06:00'), end: at('07:15') });
    expect(outside.status).toBe(422);
    expect(fieldsOf(outside)).toContain('start');
    const late = await host.post(sessions(), { title: 'Поздно', start: at('09:30'), end: at('10:30') });
    expect(late.status).toBe(422);
    expect(fieldsOf(late)).toEqual(['end']);
    const backwards = await host.post(sessions(), { title: 'Назад', start: at('09:00'), end: at('08:00') });
    expect(backwards.status).toBe(422);
    expect(fieldsOf(backwards)).toContain('end');
    const stranger = await host.post(sessions(), {
      title: 'Чужой',
      start: at('09:00'),
      end: at('09:30'),
      speakers: [{ name: 'Кто-то' }, { userId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(stranger.status).toBe(422);
    expect(fieldsOf(stranger)).toEqual(['speakers.1.userId']);
    const overlap = await host.post(sessions(), { title: 'Накладка', start: at('07:15'), end: at('07:45') });
    expect(overlap.status).toBe(409);
    expect(overlap.headers.get('content-type')).toMatch(/problem\+json/);
    expect(fieldsOf(overlap)).toEqual(['start']);
    expect(JSON.stringify(overlap.json)).toContain('Открытие');
    // The same time in a room of its own is fine.
    const parallel = await host.post(sessions(), {
      title: 'Параллельная секция',
      start: at('07:15'),
      end: at('07:45'),
      room: 'own',
    });
    expect(parallel.status).toBe(201);
    // A change is checked as a whole: moving it into the main hall now overlaps.
    const moved = await host.patch(`${sessions()}/${parallel.json.id}`, { room: 'main' });
    expect(moved.status).toBe(409);
    const retitled = await host.patch(`${sessions()}/${parallel.json.id}`, { title: 'Секция: кадры' });
    expect(retitled.status).toBe(200);
    expect(retitled.json.title).toBe('Секция: кадры');
    expect((await host.delete(`${sessions()}/${parallel.json.id}`)).status).toBe(200);
    expect((await host.delete(`${sessions()}/${parallel.json.id}`)).status).toBe(404);
  });

  it('when a student or an outsider edits the programme, then 403; a joint lesson has no programme (409, and 404 publicly)', async () => {
    const student = await app.as(conference.krgStudent);
    const body = { title: 'Моя секция', start: at('09:00'), end: at('09:30') };
    expect((await student.post(sessions(), body)).status).toBe(403);
    expect((await (await app.as(OUTSIDER)).post(sessions(), body)).status).toBe(403);
    const onLesson = await host.post(sessions(lesson.id), {
      title: 'Секция',
      start: '2027-02-11T07:00:00Z',
      end: '2027-02-11T07:30:00Z',
    });
    expect(onLesson.status).toBe(409);
    expect((await app.client().get(`/api/events/${lesson.id}/programme`)).status).toBe(404);
  });

  it('when the event .ics is downloaded, then it parses with ical.js and holds the event plus one VEVENT per session, related to it', async () => {
    const res = await host.get(`/api/events/${conference.id}/ics`);
    expect(res.status).toBe(200);
    const ics = checkIcs(res.text);
    expect(ics.events.map((e) => e.summary)).toEqual([
      'Научно-практическая конференция «Цифровое строительство»',
      'Научно-практическая конференция «Цифровое строительство»: Открытие',
      'Научно-практическая конференция «Цифровое строительство»: BIM в Караганде',
      'Научно-практическая конференция «Цифровое строительство»: Секция: сметы',
    ]);
    expect(ics.events[0]!.description).toContain('Открытие');
    expect(ics.events[0]!.description).toMatch(/10:00–10:30 Москва \/ 12:00–12:30 Караганда/);
    expect(ics.events[1]!.dtstart).toBe('2027-02-10T07:00:00.000Z');
    expect(res.text).toContain(`RELATED-TO;RELTYPE=PARENT:${conference.id}@telemost`);
  });

  it('when a student of the audience joins, then the token lets them listen and raise a hand but not publish; a programme speaker publishes', async () => {
    clock.set(new Date(conference.start.getTime() + 5 * MIN));
    const student = await app.as(conference.krgStudent);
    const joined = await student.post(`/api/events/${conference.id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.json).toMatchObject({ access: 'listener', canPublishSources: [] });
    const video = jwtPayload(joined.json.token).video;
    expect(video.canPublish).toBe(false);
    expect(video.canPublishData).toBe(true);
    const signal = await connectSignal(livekit.url, joined.json.token);
    try {
      const live = await livekit.rooms.getParticipant(conference.id, userId(conference.krgStudent));
      expect(live.permission?.canPublish).toBe(false);
      expect(live.permission?.canPublishData).toBe(true);
    } finally {
      await signal.close();
    }
    // The Moscow student is a speaker of "BIM в Караганде": they publish camera and microphone.
    const speaker = await (await app.as(conference.mskStudent)).post(`/api/events/${conference.id}/join`);
    expect(speaker.json).toMatchObject({ access: 'speaker', canPublishSources: ['camera', 'microphone'] });
    // Hosts publish everything, as in a lesson.
    const hosting = await host.post(`/api/events/${conference.id}/join`);
    expect(hosting.json.access).toBe('host');
    expect(jwtPayload(hosting.json.token).video.canPublish).toBe(true);
  });

  it('when the Karaganda host promotes a raised hand, then LiveKit lets that participant publish at once and their reconnect token does too; demoted, they listen again', async () => {
    clock.set(new Date(conference.start.getTime() + 10 * MIN));
    const student = await app.as(conference.krgStudent);
    const identity = userId(conference.krgStudent);
    const first = await student.post(`/api/events/${conference.id}/join`);
    const signal = await connectSignal(livekit.url, first.json.token);
    try {
      const promoted = await krgHost.post(`/api/events/${conference.id}/speakers`, { identity });
      expect(promoted.status).toBe(200);
      expect(promoted.json).toMatchObject({ identity, promoted: true, appliedLive: true });
      const live = await livekit.rooms.getParticipant(conference.id, identity);
      expect(live.permission?.canPublish).toBe(true);
      expect(live.permission?.canPublishSources).toEqual(
        expect.arrayContaining([TrackSource.MICROPHONE, TrackSource.CAMERA]),
      );
      expect(live.permission?.canSubscribe).toBe(true);
      const listed = await host.get(`/api/events/${conference.id}/speakers`);
      expect(listed.json.map((s: { identity: string }) => s.identity)).toEqual([identity]);
    } finally {
      await signal.close();
    }
    // A reconnect asks for a new token: the promotion lasts.
    const again = await student.post(`/api/events/${conference.id}/join`);
    expect(again.json).toMatchObject({ access: 'speaker', canPublishSources: ['camera', 'microphone'] });
    expect(jwtPayload(again.json.token).video.canPublish).toBe(true);

    const back = await connectSignal(livekit.url, again.json.token);
    try {
      const demoted = await host.delete(`/api/events/${conference.id}/speakers/${identity}`);
      expect(demoted.status).toBe(200);
      expect(demoted.json).toMatchObject({ identity, promoted: false, appliedLive: true });
      const live = await livekit.rooms.getParticipant(conference.id, identity);
      expect(live.permission?.canPublish).toBe(false);
      expect(live.permission?.canPublishData).toBe(true);
    } finally {
      await back.close();
    }
    const after = await student.post(`/api/events/${conference.id}/join`);
    expect(after.json).toMatchObject({ access: 'listener', canPublishSources: [] });
  });

  it('when someone who is not a host promotes, then 403; a host cannot be promoted and a stranger identity is 422 on identity', async () => {
    const student = await app.as(conference.mskStudent);
    const identity = userId(conference.krgStudent);
    const refused = await student.post(`/api/events/${conference.id}/speakers`, { identity });
    expect(refused.status).toBe(403);
    expect(
      (await (await app.as(OUTSIDER)).post(`/api/events/${conference.id}/speakers`, { identity })).status,
    ).toBe(403);
    expect((await student.delete(`/api/events/${conference.id}/speakers/${identity}`)).status).toBe(403);
    const hostItself = await krgHost.post(`/api/events/${conference.id}/speakers`, {
      identity: userId(MSK_TEACHER),
    });
    expect(hostItself.status).toBe(422);
    expect(fieldsOf(hostItself)).toEqual(['identity']);
    const nobody = await krgHost.post(`/api/events/${conference.id}/speakers`, {
      identity: 'guest:nobody:x',
    });
    expect(nobody.status).toBe(422);
    expect(fieldsOf(nobody)).toEqual(['identity']);
  });

  it('when a guest invited by link is promoted, then their next token publishes; a speaker invitation publishes anyway', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const guestLink = await host.post(`/api/events/${conference.id}/invitations`, {
      role: 'guest',
      label: 'Родители',
    });
    clock.set(new Date(conference.start.getTime() + 15 * MIN));
    const token = guestLink.json.url.split('/').at(-1);
    const guest = await app.client().post(`/api/invitations/${token}/join`, { displayName: 'Мама Асель' });
    expect(guest.status).toBe(200);
    expect(guest.json).toMatchObject({ access: 'listener', canPublishSources: [] });
    expect(jwtPayload(guest.json.token).video.canPublishData).toBe(true);
    const promoted = await host.post(`/api/events/${conference.id}/speakers`, {
      identity: guest.json.identity,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.json).toMatchObject({ name: 'Мама Асель', promoted: true, appliedLive: false });
    const again = await app.client().post(`/api/invitations/${token}/join`, {
      displayName: 'Мама Асель',
      guestKey: guest.json.guestKey,
    });
    expect(again.json).toMatchObject({ access: 'speaker', canPublishSources: ['camera', 'microphone'] });
  });

  it('when a conference is over with nobody in its hall, then plan-versus-done does not count it; once someone attended, it is done', async () => {
    const coordinator = await app.as(KRG_COORDINATOR);
    const partnership = (await coordinator.get(`/api/events/${conference.id}`)).json.partnershipId;
    const report = async () => {
      const res = await coordinator.get(
        `/api/partnerships/${partnership}/report?from=2027-02-10&to=2027-02-10`,
      );
      expect(res.status).toBe(200);
      return res.json.byKind.find((k: { kind: string }) => k.kind === 'conference');
    };
    clock.set(new Date(conference.end.getTime() + 30 * MIN));
    expect(await report()).toMatchObject({ done: 0, notHeld: 1, hours: 0 });

    // LiveKit reports that a student came into the hall (a signed webhook, as LiveKit sends it).
    clock.set(new Date(conference.start.getTime() + 20 * MIN));
    const hook = await postWebhook(app.url, livekit, 'participant_joined', {
      room: conference.id,
      createdAt: clock.now(),
      participant: {
        sid: 'PA_conference_1',
        identity: userId(conference.krgStudent),
        name: 'student',
        joinedAt: clock.now(),
      },
    });
    expect(hook.json.handled).toBe(true);

    clock.set(new Date(conference.end.getTime() + 30 * MIN));
    expect(await report()).toMatchObject({ done: 1, notHeld: 0, hours: 3 });
  });
});
