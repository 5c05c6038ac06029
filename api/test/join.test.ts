import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoEmail } from '@telemost/server/seed/demo-data';
import { TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, jwtPayload, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, liveKitForFile } from './support/livekit.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);

const livekit = liveKitForFile();

describe.each(DRIVERS)('join (%s)', (driver) => {
  let app: TestApp;
  let lesson: TBookedLesson;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp(driver, { env: livekit.env, now: clock.now });
    // Wednesday 10:00 in Moscow (07:00Z), 90 minutes.
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const join = async (email: string, eventId = lesson.id) =>
    (await app.as(email)).post(`/api/events/${eventId}/join`);

  it('when a Karaganda student of the lesson joins inside the window, then LiveKit accepts the token with camera and microphone only', async () => {
    clock.set(new Date(lesson.start.getTime() - 5 * MIN));
    const res = await join(lesson.krgStudent);
    expect(res.status).toBe(200);
    const student = lesson.participants.get(lesson.krgStudent)!;
    expect(res.json).toMatchObject({
      serverUrl: livekit.url,
      identity: student.userId,
      room: lesson.id,
      access: 'speaker',
      canPublishSources: ['camera', 'microphone'],
    });
    const claims = jwtPayload(res.json.token);
    expect(claims.video).toMatchObject({ room: lesson.id, roomJoin: true, canSubscribe: true });
    expect(claims.video.roomAdmin).toBeFalsy();
    expect(claims.roomConfig).toMatchObject({ name: lesson.id, maxParticipants: 100 });

    const signal = await connectSignal(livekit.url, res.json.token);
    try {
      const [p] = await livekit.rooms.listParticipants(lesson.id);
      expect(p!.identity).toBe(student.userId);
      expect(JSON.parse(p!.metadata)).toEqual({
        role: 'student',
        access: 'speaker',
        institutionId: student.institutionId,
      });
      expect(p!.permission?.canPublishSources.sort()).toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE]);
      expect(p!.permission?.canSubscribe).toBe(true);
      // The token created the room with Telemost's settings, metadata included.
      const [room] = await livekit.rooms.listRooms([lesson.id]);
      expect(room!.maxParticipants).toBe(100);
      expect(JSON.parse(room!.metadata)).toMatchObject({ eventId: lesson.id, kind: 'joint_lesson' });
    } finally {
      await signal.close();
    }
  });

  it('when the teacher joins, then the token makes them room admin with every source including screen share', async () => {
    clock.set(new Date(lesson.start.getTime() + 10 * MIN));
    const res = await join(MSK_TEACHER);
    expect(res.status).toBe(200);
    expect(res.json.access).toBe('host');
    expect(res.json.canPublishSources).toEqual([
      'camera',
      'microphone',
      'screen_share',
      'screen_share_audio',
    ]);
    const claims = jwtPayload(res.json.token);
    expect(claims.video).toMatchObject({ roomAdmin: true, roomJoin: true, canPublish: true });
    expect(JSON.parse(claims.metadata)).toMatchObject({ role: 'organizer', access: 'host' });
  });

  it('when joining, then the token lasts ten minutes, however long the lesson', async () => {
    const now = new Date(lesson.start.getTime() - 15 * MIN);
    clock.set(now);
    const res = await join(lesson.mskStudent);
    expect(res.status).toBe(200);
    expect(res.json.expiresAt).toBe(new Date(now.getTime() + 10 * MIN).toISOString());
    const claims = jwtPayload(res.json.token);
    expect(claims.exp - claims.nbf).toBe(10 * 60);
  });

  it('when someone asks more than 15 minutes before the start, then 403 not_yet_open says when joining opens', async () => {
    clock.set(new Date(lesson.start.getTime() - 16 * MIN));
    const res = await join(lesson.krgStudent);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({
      code: 'not_yet_open',
      opensAt: new Date(lesson.start.getTime() - 15 * MIN).toISOString(),
    });
  });

  it('when someone asks at or after the end, then 403 join_window_closed', async () => {
    clock.set(lesson.end);
    const res = await join(lesson.krgStudent);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('join_window_closed');
  });

  it('when a student who is not a participant asks, then 403', async () => {
    clock.set(new Date(lesson.start.getTime() + MIN));
    const outsider = demoEmail('student', 'msk-23', 1);
    expect(lesson.participants.has(outsider)).toBe(false);
    const res = await join(outsider);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('forbidden');
  });

  it('when a teacher of a college the lesson does not involve asks, then 403; when the Karaganda coordinator (staff, not booked) asks, then a host token', async () => {
    clock.set(new Date(lesson.start.getTime() + MIN));
    expect((await join(demoEmail('teacher', 'msk-23', 1))).status).toBe(403);
    const coordinator = await join(demoEmail('coordinator', 'krg-construction'));
    expect(coordinator.status).toBe(200);
    expect(coordinator.json.access).toBe('host');
    expect(JSON.parse(jwtPayload(coordinator.json.token).metadata).role).toBe('staff');
  });

  it('when the lesson is not confirmed yet, then joining is refused with 409 even inside the window', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const proposed = await bookLesson(app, { localStart: '2027-02-11T10:00', confirm: false });
    clock.set(new Date(proposed.start.getTime() - 5 * MIN));
    const res = await join(MSK_TEACHER, proposed.id);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'invalid_state', eventStatus: 'proposed' });
  });

  it('when the event does not exist, then 404; when not signed in, then 401', async () => {
    expect((await join(MSK_TEACHER, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await app.client().post(`/api/events/${lesson.id}/join`)).status).toBe(401);
  });

  it('when a guest takes part, then their token only subscribes', async () => {
    clock.set(new Date(lesson.start.getTime() + MIN));
    const admin = await app.as(DEMO_ADMIN_EMAIL);
    const krg = lesson.participants.get(lesson.krgStudent)!;
    const email = `guest-${driver}@telemost.example`;
    const created = await admin.post('/api/users', {
      email,
      name: 'Guest Observer',
      role: 'guest',
      institutionId: krg.institutionId,
      password: DEMO_PASSWORD,
    });
    expect(created.status).toBe(201);
    await app.ctx.db
      .insertInto('eventParticipants')
      .values({
        eventId: lesson.id,
        userId: created.json.id,
        institutionId: krg.institutionId,
        role: 'guest',
      })
      .execute();
    const res = await join(email);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ access: 'listener', canPublishSources: [] });
    const video = jwtPayload(res.json.token).video;
    expect(video.canPublish).toBe(false);
    expect(video.canSubscribe).toBe(true);
    expect(video.canPublishData).toBe(false);
  });

  it('when the teacher lets a student share their screen, then the student in the room gets it at once and their next token carries it', async () => {
    clock.set(new Date(lesson.start.getTime() + 2 * MIN));
    const student = lesson.participants.get(lesson.krgStudent)!;
    const first = await join(lesson.krgStudent);
    const signal = await connectSignal(livekit.url, first.json.token);
    try {
      const teacher = await app.as(MSK_TEACHER);
      const granted = await teacher.post(
        `/api/events/${lesson.id}/participants/${student.userId}/screen-share`,
        {
          allowed: true,
        },
      );
      expect(granted.status).toBe(200);
      expect(granted.json).toEqual({ userId: student.userId, allowed: true, appliedLive: true });
      const live = await livekit.rooms.getParticipant(lesson.id, student.userId);
      expect(live.permission?.canPublishSources).toContain(TrackSource.SCREEN_SHARE);
    } finally {
      await signal.close();
    }
    const next = await join(lesson.krgStudent);
    expect(next.json.canPublishSources).toContain('screen_share');

    const teacher = await app.as(MSK_TEACHER);
    await teacher.post(`/api/events/${lesson.id}/participants/${student.userId}/screen-share`, {
      allowed: false,
    });
    expect((await join(lesson.krgStudent)).json.canPublishSources).toEqual(['camera', 'microphone']);
  });

  it('when a student tries to grant screen sharing or mute someone, then 403; when a host mutes someone not in the room, then 404', async () => {
    const other = lesson.participants.get(lesson.mskStudent)!;
    const student = await app.as(lesson.krgStudent);
    expect(
      (
        await student.post(`/api/events/${lesson.id}/participants/${other.userId}/screen-share`, {
          allowed: true,
        })
      ).status,
    ).toBe(403);
    expect(
      (await student.post(`/api/events/${lesson.id}/participants/${other.userId}/mute`, {})).status,
    ).toBe(403);
    const teacher = await app.as(MSK_TEACHER);
    const res = await teacher.post(`/api/events/${lesson.id}/participants/${other.userId}/mute`, {
      source: 'microphone',
    });
    expect(res.status).toBe(404);
  });

  it("when a host of the other college removes a partner college's teacher, then 403; their own college's host and an administrator may", async () => {
    const mskTeacher = lesson.participants.get(MSK_TEACHER)!;
    const krgCoordinator = await app.as(demoEmail('coordinator', 'krg-construction'));
    const denied = await krgCoordinator.post(
      `/api/events/${lesson.id}/participants/${mskTeacher.userId}/remove`,
    );
    expect(denied.status).toBe(403);
    expect(denied.json.detail).toMatch(/own college or an administrator/);
    // A student of the other college is still theirs to send out (not in the room here: 404, not 403).
    const mskStudent = lesson.participants.get(lesson.mskStudent)!;
    expect(
      (await krgCoordinator.post(`/api/events/${lesson.id}/participants/${mskStudent.userId}/remove`)).status,
    ).toBe(404);
    const mskCoordinator = await app.as(demoEmail('coordinator', 'msk-26'));
    expect(
      (await mskCoordinator.post(`/api/events/${lesson.id}/participants/${mskTeacher.userId}/remove`)).status,
    ).toBe(404);
    const admin = await app.as(DEMO_ADMIN_EMAIL);
    expect(
      (await admin.post(`/api/events/${lesson.id}/participants/${mskTeacher.userId}/remove`)).status,
    ).toBe(404);
  });
});
