import { breakoutRoomName } from '@telemost/core/schemas/classroom';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '../src/features/realtime/attach-realtime.ts';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, liveKitForFile, postWebhook } from './support/livekit.ts';
import { connectSocket, sessionCookie, type TestSocket } from './support/socket-client.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';
import { DRIVERS } from './support/test-db.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const KRG_COORDINATOR = demoEmail('coordinator', 'krg-construction');
const OUTSIDER_TEACHER = demoEmail('teacher', 'msk-23', 1);

type TRoomView = {
  id: number;
  livekitRoom: string;
  members: { userId: string; name: string; institutionId: string }[];
  present: { identity: string; handRaised: boolean }[];
};

const livekit = liveKitForFile();

async function until(check: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

describe.each(DRIVERS)('breakout teams across colleges on a real LiveKit (%s)', (driver) => {
  let app: TestApp;
  let lesson: TBookedLesson;
  let teacher: TestClient;
  let watcher: TestSocket;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));
  const students = () => [...lesson.participants.values()].filter((p) => p.role === 'student');
  const emailOf = (userId: string) =>
    [...lesson.participants.entries()].find(([, p]) => p.userId === userId)![0];

  beforeAll(async () => {
    app = await startTestApp(driver, { env: livekit.env, now: clock.now, attachRealtime });
    lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
    clock.set(new Date(lesson.start.getTime() + 5 * MIN));
    teacher = await app.as(MSK_TEACHER);
    watcher = await connectSocket(app.url, await sessionCookie(app.url, lesson.krgStudent));
    expect((await watcher.request<{ ok: boolean }>('event:watch', { eventId: lesson.id })).ok).toBe(true);
  });
  afterAll(async () => {
    watcher?.close();
    await app?.stop();
  });

  it('when a student, or a teacher of an uninvolved college, asks for breakouts, or asks for more teams than students, then 403 / 422 and nothing starts', async () => {
    for (const email of [lesson.krgStudent, OUTSIDER_TEACHER]) {
      const res = await (await app.as(email)).post(`/api/events/${lesson.id}/breakouts`, {
        count: 2,
        mix: 'colleges',
      });
      expect(res.status, email).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const tooMany = await teacher.post(`/api/events/${lesson.id}/breakouts`, { count: 20, mix: 'colleges' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors[0].field).toBe('count');
    const manualWithout = await teacher.post(`/api/events/${lesson.id}/breakouts`, {
      count: 2,
      mix: 'manual',
    });
    expect(manualWithout.status).toBe(422);
    expect(manualWithout.json.errors[0].field).toBe('assignments');
    expect((await teacher.get(`/api/events/${lesson.id}/breakouts`)).json.active).toBe(false);
  });

  it('when a host mixes the lesson by college into 3 teams, then 201, every team has both colleges, each team is its own LiveKit room, the timer is set and clients are told', async () => {
    expect(students()).toHaveLength(6);
    const res = await teacher.post(`/api/events/${lesson.id}/breakouts`, {
      count: 3,
      mix: 'colleges',
      durationMinutes: 20,
    });
    expect(res.status, res.text).toBe(201);
    const view = res.json as { rooms: TRoomView[]; endsAt: string };
    expect(view.rooms).toHaveLength(3);
    expect(view.endsAt).toBe(new Date(clock.now().getTime() + 20 * MIN).toISOString());
    const colleges = new Set(students().map((s) => s.institutionId));
    expect(colleges.size).toBe(2);
    for (const room of view.rooms) {
      expect(room.livekitRoom).toBe(breakoutRoomName(lesson.id, room.id));
      expect(room.livekitRoom).not.toContain(':');
      expect(new Set(room.members.map((m) => m.institutionId))).toEqual(colleges);
    }
    expect(view.rooms.flatMap((r) => r.members.map((m) => m.userId)).sort()).toEqual(
      students()
        .map((s) => s.userId)
        .sort(),
    );
    const live = (await livekit.rooms.listRooms()).map((r) => r.name);
    for (const room of view.rooms) expect(live).toContain(room.livekitRoom);
    expect(await until(() => watcher.received('breakouts:changed').length > 0)).toBe(true);
    const pushed = watcher.received<{ active: boolean; rooms: { memberIds: string[] }[] }>(
      'breakouts:changed',
    );
    expect(pushed.at(-1)!.active).toBe(true);
    expect(pushed.at(-1)!.rooms).toHaveLength(3);
    // Running already: a second start is refused.
    expect(
      (await teacher.post(`/api/events/${lesson.id}/breakouts`, { count: 2, mix: 'random' })).status,
    ).toBe(409);
  });

  it('when a team member, a host of the other college, another team’s student and an outsider ask to join a team, then only the member and the host get a token LiveKit accepts', async () => {
    const view = (await teacher.get(`/api/events/${lesson.id}/breakouts`)).json as { rooms: TRoomView[] };
    const [team1, team2] = view.rooms as [TRoomView, TRoomView];
    const member = await app.as(emailOf(team1.members[0]!.userId));
    const mine = await member.get(`/api/events/${lesson.id}/breakouts`);
    expect(mine.json.myRoomId).toBe(1);
    expect(mine.json.rooms[0].present).toEqual([]);
    const joined = await member.post(`/api/events/${lesson.id}/breakouts/1/join`);
    expect(joined.status, joined.text).toBe(200);
    expect(joined.json.room).toBe(team1.livekitRoom);
    expect(new Date(joined.json.expiresAt).getTime() - clock.now().getTime()).toBeLessThanOrEqual(10 * MIN);
    const signal = await connectSignal(livekit.url, joined.json.token);
    const inRoom = await livekit.rooms.listParticipants(team1.livekitRoom);
    expect(inRoom.map((p) => p.identity)).toContain(team1.members[0]!.userId);
    await signal.close();

    // A reconnect through the main room's join lands back in the team.
    const main = await member.post(`/api/events/${lesson.id}/join`);
    expect(main.status).toBe(200);
    expect(main.json.breakout).toMatchObject({ roomId: 1, livekitRoom: team1.livekitRoom });

    const other = await app.as(emailOf(team2.members[0]!.userId));
    const refused = await other.post(`/api/events/${lesson.id}/breakouts/1/join`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const outsider = await (await app.as(OUTSIDER_TEACHER)).post(`/api/events/${lesson.id}/breakouts/1/join`);
    expect(outsider.status).toBe(403);
    const visit = await (await app.as(KRG_COORDINATOR)).post(`/api/events/${lesson.id}/breakouts/2/join`);
    expect(visit.status).toBe(200);
    expect(visit.json.room).toBe(team2.livekitRoom);
    expect(visit.json.access).toBe('host');
    await (await connectSignal(livekit.url, visit.json.token)).close();
    expect((await member.post(`/api/events/${lesson.id}/breakouts/9/join`)).status).toBe(404);
  });

  it('when a student is in a team’s room, then attendance counts it as time in the lesson with the team, and hosts see who is in and raised hands', async () => {
    const view = (await teacher.get(`/api/events/${lesson.id}/breakouts`)).json as { rooms: TRoomView[] };
    const who = view.rooms[1]!.members[0]!;
    const joinedAt = new Date(Date.now() - 90_000);
    await postWebhook(app.url, livekit, 'participant_joined', {
      room: view.rooms[1]!.livekitRoom,
      participant: {
        sid: `PA_team_${driver}`,
        identity: who.userId,
        joinedAt,
      },
    });
    const student = await app.as(emailOf(who.userId));
    expect((await student.post(`/api/events/${lesson.id}/breakouts/hand`, { raised: true })).status).toBe(
      200,
    );
    const host = (await (await app.as(KRG_COORDINATOR)).get(`/api/events/${lesson.id}/breakouts`)).json as {
      rooms: TRoomView[];
    };
    expect(host.rooms[1]!.present).toEqual([
      expect.objectContaining({ identity: who.userId, handRaised: true }),
    ]);
    await postWebhook(app.url, livekit, 'participant_left', {
      room: view.rooms[1]!.livekitRoom,
      participant: {
        sid: `PA_team_${driver}`,
        identity: who.userId,
        joinedAt,
      },
    });
    const report = await teacher.get(`/api/events/${lesson.id}/attendance`);
    expect(report.status).toBe(200);
    const line = report.json.items.find((i: { userId: string }) => i.userId === who.userId);
    expect(line.attended).toBe(true);
    expect(line.seconds).toBeGreaterThanOrEqual(60);
    expect(line.sessions).toEqual([expect.objectContaining({ team: 2 })]);
    // The main room's status is the main room's: a team's stays do not open it.
    const status = await app.ctx.db
      .selectFrom('events')
      .select('roomStatus')
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(status.roomStatus).not.toBe('open');
  });

  it('when a host moves a student to another team, then the student may join only the new team, and a message reaches every team', async () => {
    const view = (await teacher.get(`/api/events/${lesson.id}/breakouts`)).json as { rooms: TRoomView[] };
    const moved = view.rooms[0]!.members[0]!;
    const res = await teacher.patch(`/api/events/${lesson.id}/breakouts/3`, { userId: moved.userId });
    expect(res.status, res.text).toBe(200);
    expect(res.json.rooms[2].members.map((m: { userId: string }) => m.userId)).toContain(moved.userId);
    expect(res.json.rooms[0].members.map((m: { userId: string }) => m.userId)).not.toContain(moved.userId);
    const student = await app.as(emailOf(moved.userId));
    expect((await student.post(`/api/events/${lesson.id}/breakouts/1/join`)).status).toBe(403);
    expect((await student.post(`/api/events/${lesson.id}/breakouts/3/join`)).status).toBe(200);
    // Moving a host, or someone not in the lesson, is refused naming the field.
    const bad = await teacher.patch(`/api/events/${lesson.id}/breakouts/2`, {
      userId: lesson.participants.get(MSK_TEACHER)!.userId,
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].field).toBe('userId');

    const sent = await (await app.as(KRG_COORDINATOR)).post(`/api/events/${lesson.id}/breakouts/broadcast`, {
      message: 'Пять минут до конца',
    });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.json).toEqual({ delivered: 3, rooms: 3 });
    expect(await until(() => watcher.received('breakouts:broadcast').length > 0)).toBe(true);
  });

  it('when a host ends the breakouts, then the team rooms are gone from LiveKit, clients are told to go back, and nobody lands in a team any more', async () => {
    const view = (await teacher.get(`/api/events/${lesson.id}/breakouts`)).json as { rooms: TRoomView[] };
    const before = watcher.received('breakouts:changed').length;
    const res = await teacher.request('DELETE', `/api/events/${lesson.id}/breakouts`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ eventId: lesson.id, ended: true, roomsDeleted: 3 });
    const live = (await livekit.rooms.listRooms()).map((r) => r.name);
    for (const room of view.rooms) expect(live).not.toContain(room.livekitRoom);
    expect(await until(() => watcher.received('breakouts:changed').length > before)).toBe(true);
    expect(watcher.received<{ active: boolean }>('breakouts:changed').at(-1)!.active).toBe(false);
    const student = await app.as(emailOf(view.rooms[0]!.members[0]!.userId));
    expect((await student.post(`/api/events/${lesson.id}/join`)).json.breakout).toBeNull();
    expect((await student.post(`/api/events/${lesson.id}/breakouts/1/join`)).status).toBe(404);
    const again = await teacher.request('DELETE', `/api/events/${lesson.id}/breakouts`);
    expect(again.json.ended).toBe(false);
  });

  it('when breakouts start again with the same number of teams, then the saved plan (with the move) is reused unless a host reshuffles', async () => {
    const plan = await app.ctx.db.selectFrom('breakoutPlans').select('teams').executeTakeFirstOrThrow();
    const res = await teacher.post(`/api/events/${lesson.id}/breakouts`, { count: 3, mix: 'colleges' });
    expect(res.status).toBe(201);
    expect(res.json.rooms.map((r: TRoomView) => r.members.map((m) => m.userId).sort())).toEqual(
      plan.teams.map((t) => [...t].sort()),
    );
    expect((await teacher.request('DELETE', `/api/events/${lesson.id}/breakouts`)).status).toBe(200);
  });
  it('when someone gets into a team room after the breakouts ended, then it is not attendance and the room is taken down', async () => {
    const who = students()[0]!;
    await livekit.rooms.createRoom({ name: breakoutRoomName(lesson.id, 1) });
    await postWebhook(app.url, livekit, 'participant_joined', {
      room: breakoutRoomName(lesson.id, 1),
      participant: { sid: `PA_stale_${driver}`, identity: who.userId, joinedAt: new Date() },
    });
    const row = await app.ctx.db
      .selectFrom('attendance')
      .select('id')
      .where('participantSid', '=', `PA_stale_${driver}`)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    expect((await livekit.rooms.listRooms()).map((r) => r.name)).not.toContain(
      breakoutRoomName(lesson.id, 1),
    );
  });

  it('when a host ends the lesson during breakouts, then the breakouts end with it and their rooms are gone', async () => {
    expect(
      (await teacher.post(`/api/events/${lesson.id}/breakouts`, { count: 2, mix: 'random', reshuffle: true }))
        .status,
    ).toBe(201);
    const ended = await teacher.post(`/api/events/${lesson.id}/end`);
    expect(ended.status, ended.text).toBe(200);
    expect((await teacher.get(`/api/events/${lesson.id}/breakouts`)).json.active).toBe(false);
    const live = (await livekit.rooms.listRooms()).map((r) => r.name);
    expect(live.filter((name) => name.startsWith(`${lesson.id}~`))).toEqual([]);
  });
});
