import { loadRoomStatus } from '@telemost/server/attendance/attendance.repository';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, jwtPayload, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, liveKitForFile, postWebhook } from './support/livekit.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const OUTSIDER = demoEmail('coordinator', 'msk-7');

const livekit = liveKitForFile();

const tokenOf = (url: string) => url.split('/').at(-1)!;

describe('invitations for people without accounts (postgres)', () => {
  let app: TestApp;
  let lesson: TBookedLesson;
  let host: TestClient;
  let teacher: TestClient;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp('postgres', { env: livekit.env, now: clock.now });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00', title: 'Открытый урок' });
    host = await app.as(KRG_COORDINATOR);
    teacher = await app.as(MSK_TEACHER);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const invite = (body: Record<string, unknown>, client = host) =>
    client.post(`/api/events/${lesson.id}/invitations`, body);
  const anonymous = () => app.client();
  const inside = () => clock.set(new Date(lesson.start.getTime() + 5 * MIN));

  it('when a Karaganda host invites a guest, then 201 gives a link under PUBLIC_URL whose token is not stored', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const res = await invite({ role: 'guest', label: 'Работодатель: ТОО «Строй»' });
    expect(res.status).toBe(201);
    expect(res.json.url).toMatch(new RegExp(`^${app.ctx.env.PUBLIC_URL}/invite/[A-Za-z0-9_-]{43}$`));
    expect(res.json.expiresAt).toBe(lesson.end.toISOString());
    const row = await app.ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', res.json.id)
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).not.toBe(tokenOf(res.json.url));
    const listed = await teacher.get(`/api/events/${lesson.id}/invitations`);
    expect(listed.status).toBe(200);
    const mine = listed.json.find((i: { id: string }) => i.id === res.json.id);
    expect(mine).toMatchObject({
      role: 'guest',
      uses: 0,
      state: 'active',
      label: 'Работодатель: ТОО «Строй»',
    });
    expect(listed.text).not.toContain(tokenOf(res.json.url));
  });

  it('when someone not signed in opens the link, then they see the event, its times and both colleges', async () => {
    const created = await invite({ role: 'guest' });
    const res = await anonymous().get(`/api/invitations/${tokenOf(created.json.url)}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      role: 'guest',
      lobby: false,
      event: { title: 'Открытый урок', start: lesson.start.toISOString(), end: lesson.end.toISOString() },
    });
    expect(res.json.event.institutions.map((i: { timeZone: string }) => i.timeZone).sort()).toEqual([
      'Asia/Almaty',
      'Europe/Moscow',
    ]);
  });

  it('when a guest joins inside the window, then the token subscribes only (data allowed for a raised hand) and LiveKit agrees', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest', label: 'Родители' });
    inside();
    const res = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: 'Айгерім Сәрсенова',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'admitted',
      access: 'listener',
      canPublishSources: [],
      room: lesson.id,
    });
    expect(res.json.identity).toMatch(new RegExp(`^guest:${created.json.id}:[A-Za-z0-9_-]+$`));
    const claims = jwtPayload(res.json.token);
    expect(claims.video).toMatchObject({
      room: lesson.id,
      roomJoin: true,
      canSubscribe: true,
      canPublish: false,
    });
    expect(claims.video.canPublishData).toBe(true);
    expect(claims.video.roomAdmin).toBeFalsy();
    expect(claims.exp - claims.nbf).toBe(10 * 60);
    expect(JSON.parse(claims.metadata)).toMatchObject({
      role: 'guest',
      access: 'listener',
      label: 'Родители',
    });

    const signal = await connectSignal(livekit.url, res.json.token);
    try {
      const [p] = await livekit.rooms.listParticipants(lesson.id);
      expect(p!.identity).toBe(res.json.identity);
      expect(p!.name).toBe('Айгерім Сәрсенова');
      expect(p!.permission?.canPublish).toBe(false);
      expect(p!.permission?.canSubscribe).toBe(true);
    } finally {
      await signal.close();
    }

    // The guest key gives a fresh token to the same person, without taking a use.
    const again = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: 'Айгерім Сәрсенова',
      guestKey: res.json.guestKey,
    });
    expect(again.status).toBe(200);
    expect(again.json.identity).toBe(res.json.identity);
    const row = await app.ctx.db
      .selectFrom('invitations')
      .select('uses')
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow();
    expect(row.uses).toBe(1);
  });

  it('when a speaker and a jury member join, then both publish camera and microphone and the jury token carries the jury attribute', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const speaker = await invite({ role: 'speaker' });
    const jury = await invite({ role: 'jury', label: 'Эксперт WorldSkills' });
    inside();
    const s = await anonymous().post(`/api/invitations/${tokenOf(speaker.json.url)}/join`, {
      displayName: 'Докладчик',
    });
    const j = await anonymous().post(`/api/invitations/${tokenOf(jury.json.url)}/join`, {
      displayName: 'Эксперт',
    });
    expect(s.status).toBe(200);
    expect(j.status).toBe(200);
    for (const r of [s, j]) {
      expect(r.json.access).toBe('speaker');
      expect(r.json.canPublishSources).toEqual(['camera', 'microphone']);
      expect(jwtPayload(r.json.token).video).toMatchObject({ canPublish: true });
    }
    const claims = jwtPayload(j.json.token) as { attributes?: Record<string, string> };
    expect(claims.attributes).toEqual({ jury: 'true' });
    expect((jwtPayload(s.json.token) as { attributes?: unknown }).attributes).toBeUndefined();
  });

  it('when a link has a lobby, then the guest waits, hosts see them with the label, and a Moscow host admits them', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest', lobby: true, label: 'Эксперт от работодателя' });
    inside();
    const token = tokenOf(created.json.url);
    const guest = anonymous();
    const waiting = await guest.post(`/api/invitations/${token}/join`, { displayName: 'Ержан' });
    expect(waiting.status).toBe(202);
    expect(waiting.json).toMatchObject({ status: 'waiting' });
    const poll = () =>
      guest.get(`/api/invitations/${token}/lobby/${waiting.json.lobbyId}?key=${waiting.json.guestKey}`);
    expect((await poll()).json).toEqual({ status: 'waiting', lobbyId: waiting.json.lobbyId });

    const lobby = await host.get(`/api/events/${lesson.id}/lobby`);
    expect(lobby.status).toBe(200);
    expect(lobby.json).toContainEqual(
      expect.objectContaining({
        lobbyId: waiting.json.lobbyId,
        displayName: 'Ержан',
        label: 'Эксперт от работодателя',
      }),
    );
    // Someone else with the lobby id but not the key learns nothing.
    const wrongKey = await anonymous().get(
      `/api/invitations/${token}/lobby/${waiting.json.lobbyId}?key=${'A'.repeat(43)}`,
    );
    expect(wrongKey.status).toBe(404);

    const admitted = await teacher.post(`/api/events/${lesson.id}/lobby/${waiting.json.lobbyId}/admit`);
    expect(admitted.status).toBe(200);
    const polled = await poll();
    expect(polled.status).toBe(200);
    expect(polled.json).toMatchObject({ status: 'admitted', access: 'listener' });
    const signal = await connectSignal(livekit.url, polled.json.token);
    await signal.close();
    expect((await host.get(`/api/events/${lesson.id}/lobby`)).json).not.toContainEqual(
      expect.objectContaining({ lobbyId: waiting.json.lobbyId }),
    );
  });

  it('when a host denies a waiting guest, then polling says denied and no token is given', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest', lobby: true });
    inside();
    const token = tokenOf(created.json.url);
    const waiting = await anonymous().post(`/api/invitations/${token}/join`, { displayName: 'Кто-то' });
    expect((await host.post(`/api/events/${lesson.id}/lobby/${waiting.json.lobbyId}/deny`)).status).toBe(200);
    const polled = await anonymous().get(
      `/api/invitations/${token}/lobby/${waiting.json.lobbyId}?key=${waiting.json.guestKey}`,
    );
    expect(polled.json).toEqual({ status: 'denied', lobbyId: waiting.json.lobbyId });
  });

  it('when a link is revoked, then opening and joining answer 410 invitation_revoked and the admitted guest gets no fresh token', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest' });
    const token = tokenOf(created.json.url);
    inside();
    const joined = await anonymous().post(`/api/invitations/${token}/join`, { displayName: 'Гость' });
    expect(joined.status).toBe(200);
    const revoked = await teacher.request(
      'DELETE',
      `/api/events/${lesson.id}/invitations/${created.json.id}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ state: 'revoked' });
    for (const res of [
      await anonymous().get(`/api/invitations/${token}`),
      await anonymous().post(`/api/invitations/${token}/join`, { displayName: 'Гость' }),
      await anonymous().post(`/api/invitations/${token}/join`, {
        displayName: 'Гость',
        guestKey: joined.json.guestKey,
      }),
    ]) {
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({ code: 'invitation_revoked', revokedAt: expect.any(String) });
    }
  });

  it('when a link has expired, then it answers 410 invitation_expired', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const expiresAt = new Date(lesson.start.getTime() + MIN).toISOString();
    const created = await invite({ role: 'guest', expiresAt });
    clock.set(new Date(lesson.start.getTime() + 2 * MIN));
    const res = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: 'X',
    });
    expect(res.status).toBe(410);
    expect(res.json).toMatchObject({ code: 'invitation_expired', expiresAt });
  });

  it('when ten people join at once by a link for three, then exactly three get in and the rest hear it is used up', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest', maxUses: 3 });
    inside();
    const token = tokenOf(created.json.url);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        anonymous().post(`/api/invitations/${token}/join`, { displayName: `Гость ${i}` }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(7);
    for (const r of refused)
      expect(r.json).toMatchObject({ status: 410, code: 'invitation_used_up', maxUses: 3 });
    const row = await app.ctx.db
      .selectFrom('invitations')
      .select('uses')
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow();
    expect(row.uses).toBe(3);
  });

  it('when a guest comes too early, then 403 not_yet_open and the use is kept', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest', maxUses: 1 });
    const res = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: 'Рано',
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('not_yet_open');
    inside();
    const later = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: 'Рано',
    });
    expect(later.status).toBe(200);
  });

  it('when a host of a college not in the event tries to invite, list or admit, then 403', async () => {
    const outsider = await app.as(OUTSIDER);
    expect((await invite({ role: 'guest' }, outsider)).status).toBe(403);
    expect((await outsider.get(`/api/events/${lesson.id}/invitations`)).status).toBe(403);
    expect((await outsider.get(`/api/events/${lesson.id}/lobby`)).status).toBe(403);
    const student = await app.as(lesson.krgStudent);
    expect((await invite({ role: 'guest' }, student)).status).toBe(403);
  });

  it('when bad input or an unknown token comes, then 4xx naming the field, never 500', async () => {
    const bad = await invite({ role: 'boss', maxUses: 0 });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['maxUses', 'role']);
    const past = await invite({ role: 'guest', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.json.errors[0].field).toBe('expiresAt');
    expect((await anonymous().get(`/api/invitations/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await anonymous().get('/api/invitations/short')).status).toBe(422);
    const created = await invite({ role: 'guest' });
    const noName = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: '  ',
    });
    expect(noName.status).toBe(422);
    expect(noName.json.errors[0].field).toBe('displayName');
  });

  it('when an invited guest is in the room, then attendance shows them with the label, and no list of people has them', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    const created = await invite({ role: 'guest', label: 'Работодатель: АО «Казахмыс»' });
    inside();
    const joined = await anonymous().post(`/api/invitations/${tokenOf(created.json.url)}/join`, {
      displayName: 'Болат Қанатұлы',
    });
    const hook = await postWebhook(app.url, livekit, 'participant_joined', {
      room: lesson.id,
      participant: {
        sid: 'PA_guest_1',
        identity: joined.json.identity,
        name: 'Болат Қанатұлы',
        joinedAt: clock.now(),
      },
    });
    expect(hook.json.handled).toBe(true);

    // The live list of who is in the room names them too, not by their LiveKit identity.
    const status = await loadRoomStatus(app.ctx.db, lesson.id);
    expect(status?.participants).toContainEqual(
      expect.objectContaining({ identity: joined.json.identity, name: 'Болат Қанатұлы' }),
    );
    const report = await teacher.get(`/api/events/${lesson.id}/attendance`);
    expect(report.status).toBe(200);
    expect(report.json.items).toContainEqual(
      expect.objectContaining({
        identity: joined.json.identity,
        name: 'Болат Қанатұлы',
        label: 'Работодатель: АО «Казахмыс»',
        role: 'guest',
        userId: null,
        attended: true,
      }),
    );
    const csv = await teacher.get(`/api/events/${lesson.id}/attendance?format=csv`);
    expect(csv.text).toContain('Болат Қанатұлы (Работодатель: АО «Казахмыс»)');
    const users = await (await app.as(demoEmail('coordinator', 'msk-26'))).get('/api/users');
    expect(users.status).toBe(200);
    expect(users.text).not.toContain('Болат');
  });
});

describe('invitation routes are rate-limited per address', () => {
  it('when an address asks too often, then 429 rate_limited with retryAfterSeconds', async () => {
    const app = await startTestApp('pglite', {
      env: {
        ...livekit.env,
        INVITATION_RATE_LIMIT: 3,
        INVITATION_RATE_WINDOW_SECONDS: 30,
        // The count is per address in Redis, under the deployment's prefix: a fresh one starts at 0.
        QUEUE_PREFIX: `invite-rl-${process.pid}-${Date.now()}`,
      },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await app.client().get(`/api/invitations/${'y'.repeat(43)}`)).status);
      expect(statuses).toEqual([404, 404, 404]);
      const last = await app.client().get(`/api/invitations/${'y'.repeat(43)}`);
      expect(last.status).toBe(429);
      expect(last.json).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    } finally {
      await app.stop();
    }
  });
});
