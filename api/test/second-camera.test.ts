import { createLogger } from '@telemost/server/lib/logger';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';
import { bookLesson, jwtPayload, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, createTestLiveKit, type TestLiveKit } from './support/livekit.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const PUBLIC_URL = 'https://telemost.example.test';
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const OUTSIDER_TEACHER = demoEmail('teacher', 'msk-23', 1);

async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const codeOf = (pairUrl: string) => pairUrl.split('/').at(-1)!;

describe('a phone as the workshop camera, on a real LiveKit', () => {
  let livekit: TestLiveKit;
  let rooms: RoomServiceClient;
  let app: TestApp;
  let lesson: TBookedLesson;
  let teacher: TestClient;
  let teacherId: string;
  // The lesson runs at the real "now" (LiveKit's clock); the api's clock can be moved on.
  const clock = testClock(new Date());
  const identities = async () => (await rooms.listParticipants(lesson.id)).map((p) => p.identity);
  const joinPhone = (code: string) => app.client().post(`/api/second-camera/${code}/join`, {});

  beforeAll(async () => {
    livekit = await createTestLiveKit();
    app = await startTestApp('postgres', { env: { ...livekit.env, PUBLIC_URL }, now: clock.now });
    await livekit.start({ webhookUrl: `${app.url}/api/livekit/webhook` });
    rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
    const start = new Date(Date.now() + 5 * MIN);
    const local = new Date(start.getTime() + 3 * 3600_000).toISOString().slice(0, 16);
    lesson = await bookLesson(app, { localStart: local, durationMinutes: 90, anyTime: true });
    clock.set(new Date());
    teacher = await app.as(MSK_TEACHER);
    teacherId = lesson.participants.get(MSK_TEACHER)!.userId;
  });
  afterAll(async () => {
    await app?.stop();
    await livekit?.dispose();
  });

  it('when a student no host allowed, or a teacher of an uninvolved college, asks for a pairing link, then 403 problem+json; an unknown event is 404', async () => {
    for (const email of [lesson.krgStudent, OUTSIDER_TEACHER]) {
      const res = await (await app.as(email)).post(`/api/events/${lesson.id}/second-camera`, {});
      expect(res.status, email).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const status = await (await app.as(lesson.krgStudent)).get(`/api/events/${lesson.id}/second-camera`);
    expect(status.json).toEqual({ allowed: false, reason: 'not_allowed' });
    const unknown = await teacher.post('/api/events/00000000-0000-4000-8000-000000000000/second-camera', {});
    expect(unknown.status).toBe(404);
  });

  it('when a host asks, then 201 gives a link under PUBLIC_URL lasting 5 minutes whose code is kept only hashed; the phone is refused while the owner is not in the room, and the code survives that', async () => {
    const res = await teacher.post(`/api/events/${lesson.id}/second-camera`, {});
    expect(res.status).toBe(201);
    expect(res.json.pairUrl).toMatch(new RegExp(`^${PUBLIC_URL}/camera/[A-Za-z0-9_-]{32}$`));
    expect(new Date(res.json.expiresAt).getTime() - clock.now().getTime()).toBe(5 * MIN);
    const code = codeOf(res.json.pairUrl);
    const rows = await app.ctx.db.selectFrom('cameraPairings').selectAll().execute();
    expect(rows.some((r) => r.codeHash.includes(code))).toBe(false);
    expect(rows).toHaveLength(1);

    const early = await joinPhone(code);
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('owner_not_in_room');
    const row = await app.ctx.db.selectFrom('cameraPairings').select('usedAt').executeTakeFirstOrThrow();
    expect(row.usedAt).toBeNull();
  });

  it('when the owner is in the room and the phone opens the link, then its token is `<owner>#camera`, camera only, no microphone, no data, no subscribe, naming the owner; LiveKit applies it; it is not attendance; the code then works no more (410)', async () => {
    const owner = await connectSignal(
      livekit.url,
      (await teacher.post(`/api/events/${lesson.id}/join`, {})).json.token,
    );
    try {
      const code = codeOf((await teacher.post(`/api/events/${lesson.id}/second-camera`, {})).json.pairUrl);
      const res = await joinPhone(code);
      expect(res.status).toBe(200);
      expect(res.json.identity).toBe(`${teacherId}#camera`);
      expect(res.json.room).toBe(lesson.id);
      expect(res.json.ownerId).toBe(teacherId);
      const claims = jwtPayload(res.json.token) as ReturnType<typeof jwtPayload> & { sub: string };
      expect(claims.sub).toBe(`${teacherId}#camera`);
      expect(claims.video).toMatchObject({
        room: lesson.id,
        roomJoin: true,
        roomAdmin: false,
        canPublish: true,
        canSubscribe: false,
        canPublishData: false,
        canPublishSources: ['camera'],
      });
      expect(JSON.parse(claims.metadata)).toMatchObject({ cameraOf: teacherId, access: 'speaker' });

      const again = await joinPhone(code);
      expect(again.status).toBe(410);
      expect(again.json.code).toBe('pairing_used');
      expect(again.headers.get('content-type')).toContain('application/problem+json');

      const phone = await connectSignal(livekit.url, res.json.token);
      try {
        const p = await rooms.getParticipant(lesson.id, `${teacherId}#camera`);
        expect(p.permission?.canSubscribe).toBe(false);
        expect(p.permission?.canPublishData).toBe(false);
        expect(p.permission?.canPublishSources).toEqual([TrackSource.CAMERA]);
        expect(JSON.parse(p.metadata).cameraOf).toBe(teacherId);
        // While its owner is in, the phone stays (10 s: longer than the api takes to remove a
        // phone whose owner left, below), and it is nobody's attendance.
        await new Promise((r) => setTimeout(r, 10_000));
        expect(await identities()).toContain(`${teacherId}#camera`);
        const stays = await app.ctx.db.selectFrom('attendance').select('identity').execute();
        expect(stays.map((s) => s.identity)).not.toContain(`${teacherId}#camera`);
      } finally {
        await phone.close();
      }
    } finally {
      await owner.close();
    }
    await until('the room to empty', async () => (await identities()).length === 0);
  }, 60_000);

  it('when a code is older than 5 minutes, then 410 pairing_expired; an unknown code is 404 and a malformed one 422', async () => {
    const code = codeOf((await teacher.post(`/api/events/${lesson.id}/second-camera`, {})).json.pairUrl);
    clock.set(new Date(Date.now() + 5 * MIN + 1000));
    try {
      const res = await joinPhone(code);
      expect(res.status).toBe(410);
      expect(res.json.code).toBe('pairing_expired');
    } finally {
      clock.set(new Date());
    }
    const unknown = await joinPhone('A'.repeat(32));
    expect(unknown.status).toBe(404);
    const malformed = await joinPhone('short');
    expect(malformed.status).toBe(422);
    expect(malformed.json.errors[0].field).toBe('code');
  });

  it('when two api processes redeem one code at the same moment, then exactly one phone gets a token', async () => {
    const second = await startServer({
      env: { ...app.ctx.env, SEED_DEMO: false },
      logger: createLogger('silent'),
      now: clock.now,
    });
    const owner = await connectSignal(
      livekit.url,
      (await teacher.post(`/api/events/${lesson.id}/join`, {})).json.token,
    );
    try {
      for (let round = 0; round < 3; round++) {
        const code = codeOf((await teacher.post(`/api/events/${lesson.id}/second-camera`, {})).json.pairUrl);
        const results = await Promise.all(
          [app.url, second.url, app.url, second.url].map((base) =>
            fetch(`${base}/api/second-camera/${code}/join`, {
              method: 'POST',
              headers: { origin: base, 'content-type': 'application/json' },
              body: '{}',
            }).then((r) => r.status),
          ),
        );
        expect(results.filter((s) => s === 200)).toHaveLength(1);
        expect(results.filter((s) => s === 410)).toHaveLength(3);
      }
    } finally {
      await owner.close();
      await second.close();
    }
    await until('the room to empty', async () => (await identities()).length === 0);
  });

  it('when a host allows a student, then the student pairs a phone; once withdrawn, new links are refused', async () => {
    const student = await app.as(lesson.krgStudent);
    const studentId = lesson.participants.get(lesson.krgStudent)!.userId;
    const refused = await student.post(`/api/events/${lesson.id}/participants/${studentId}/second-camera`, {
      allowed: true,
    });
    expect(refused.status).toBe(403);
    const allow = await teacher.post(`/api/events/${lesson.id}/participants/${studentId}/second-camera`, {
      allowed: true,
    });
    expect(allow.json).toEqual({ userId: studentId, allowed: true });
    expect((await student.get(`/api/events/${lesson.id}/second-camera`)).json).toEqual({
      allowed: true,
      reason: 'allowed_by_host',
    });
    const pair = await student.post(`/api/events/${lesson.id}/second-camera`, {});
    expect(pair.status).toBe(201);
    const notStudent = await teacher.post(
      `/api/events/${lesson.id}/participants/${teacherId}/second-camera`,
      {
        allowed: true,
      },
    );
    expect(notStudent.status).toBe(422);
    expect(notStudent.json.errors[0].field).toBe('userId');

    await teacher.post(`/api/events/${lesson.id}/participants/${studentId}/second-camera`, {
      allowed: false,
    });
    expect((await student.post(`/api/events/${lesson.id}/second-camera`, {})).status).toBe(403);
    // The link shown before the withdrawal is refused too.
    const owner = await connectSignal(
      livekit.url,
      (await student.post(`/api/events/${lesson.id}/join`, {})).json.token,
    );
    try {
      expect((await joinPhone(codeOf(pair.json.pairUrl))).status).toBe(403);
    } finally {
      await owner.close();
    }
  });

  it('when the owner leaves the room, then LiveKit no longer has their phone: the api removes it on the webhook', async () => {
    const owner = await connectSignal(
      livekit.url,
      (await teacher.post(`/api/events/${lesson.id}/join`, {})).json.token,
    );
    const code = codeOf((await teacher.post(`/api/events/${lesson.id}/second-camera`, {})).json.pairUrl);
    const res = await joinPhone(code);
    expect(res.status).toBe(200);
    // The phone stays connected from its side: only the server can take it out.
    const phone = await connectSignal(livekit.url, res.json.token);
    try {
      await until('the phone in the room', async () => (await identities()).includes(`${teacherId}#camera`));
      const left = Date.now();
      await owner.close();
      await until(
        'the phone to be removed',
        async () => !(await identities()).includes(`${teacherId}#camera`),
      );
      // Removed at the owner's leave, not by LiveKit giving up on a phone with no media.
      expect(Date.now() - left).toBeLessThan(8000);
    } finally {
      // LiveKit put the phone out already; a close handshake it no longer answers must not hold the test.
      await Promise.race([phone.close().catch(() => {}), new Promise((r) => setTimeout(r, 1000))]);
    }
  });
});
