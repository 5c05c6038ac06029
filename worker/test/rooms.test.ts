import { randomUUID } from 'node:crypto';
import type { TRoomStatusMessage } from '@telemost/core/schemas/live';
import type { Job } from 'bullmq';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '../../api/src/features/realtime/attach-realtime.ts';
import { connectSignal, createTestLiveKit, type TestLiveKit } from '../../api/test/support/livekit.ts';
import { connectSocket, sessionCookie, type TestSocket } from '../../api/test/support/socket-client.ts';
import { startTestApp, type TestApp } from '../../api/test/support/test-app.ts';
import { closeRoom } from '../src/rooms/close-room.ts';
import { openRoomJob } from '../src/rooms/open-room.job.ts';
import { provisionRoom } from '../src/rooms/provision-room.ts';
import { reconcileRooms } from '../src/rooms/reconcile-rooms.ts';
import { changeEvent, createEvent } from './support/create-event.ts';
import { dropPrefix, startTestWorker } from './support/test-worker.ts';
import { sleep, waitFor } from './support/wait-for.ts';

const MIN = 60_000;
const TEACHER = 'teacher1.msk-26@telemost.example';

let livekit: TestLiveKit;
let rooms: RoomServiceClient;
let app: TestApp;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let watcher: TestSocket;

const roomNames = async () => new Set((await rooms.listRooms()).map((r) => r.name));
const roomStatus = async (eventId: string) =>
  (
    await app.ctx.db
      .selectFrom('events')
      .select('roomStatus')
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow()
  ).roomStatus;
const stays = (eventId: string) =>
  app.ctx.db
    .selectFrom('attendance')
    .selectAll()
    .where('eventId', '=', eventId)
    .orderBy('joinedAt')
    .execute();
const watch = async (eventId: string) => {
  const ack = await watcher.request<{ ok: boolean }>('event:watch', { eventId });
  expect(ack.ok).toBe(true);
};

beforeAll(async () => {
  livekit = await createTestLiveKit();
  // The api receives LiveKit's webhooks and runs socket.io; the worker shares its database.
  app = await startTestApp('postgres', { env: livekit.env, attachRealtime });
  await livekit.start({ webhookUrl: `${app.url}/api/livekit/webhook` });
  rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
  worker = await startTestWorker(app.ctx.database, {
    env: { ...livekit.env, ROOM_RECONCILE_SECONDS: 3600 },
    config: { OUTBOX_POLL_MS: 100, REMINDER_SWEEP_SECONDS: 3600 },
  });
  watcher = await connectSocket(app.url, await sessionCookie(app.url, TEACHER));
});

afterAll(async () => {
  watcher?.close();
  await worker?.close();
  await dropPrefix(worker?.prefix ?? 'none');
  await livekit?.dispose();
  await app?.stop();
});

describe('rooms', () => {
  it('when an event is confirmed, then its room is created ten minutes before the start with the event’s settings and metadata, and watchers see it open', async () => {
    const start = new Date(Date.now() + 10 * MIN + 3000);
    const event = await createEvent(app.ctx.db, { start, title: 'Телемост: фасады' });
    await watch(event.id);
    await sleep(1000);
    expect((await roomNames()).has(event.id)).toBe(false);

    await waitFor('the room in LiveKit', async () => (await roomNames()).has(event.id), 20_000);
    const [room] = await rooms.listRooms([event.id]);
    expect(room).toMatchObject({ emptyTimeout: 1800, departureTimeout: 120, maxParticipants: 100 });
    const metadata = JSON.parse(room!.metadata);
    expect(metadata).toMatchObject({ eventId: event.id, title: 'Телемост: фасады', kind: 'joint_lesson' });
    expect(metadata.institutions.map((i: { code: string }) => i.code).sort()).toEqual([
      'krg-construction',
      'msk-26',
    ]);
    await waitFor('room status open', async () => (await roomStatus(event.id)) === 'open');
    await waitFor('room:status open pushed', () =>
      watcher
        .received<TRoomStatusMessage>('room:status')
        .some((m) => m.eventId === event.id && m.roomStatus === 'open'),
    );

    // A re-delivered job finds the room there and leaves one room, open.
    expect(await provisionRoom(worker.ctx, event.id)).toEqual({ action: 'opened' });
    expect((await rooms.listRooms([event.id])).length).toBe(1);
  });

  it('when a confirmed event with a room is cancelled, then the room is deleted at once and its status is closed', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN) });
    await waitFor('the room', async () => (await roomNames()).has(event.id), 20_000);
    await changeEvent(app.ctx.db, event.id, { kind: 'cancel' });
    await waitFor('the room gone', async () => !(await roomNames()).has(event.id), 20_000);
    await waitFor('room status closed', async () => (await roomStatus(event.id)) === 'closed');
  });

  it('when a job of an older version runs after a reschedule, then it does nothing, and the re-confirmed event gets its room at the new time', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 3 * 3600_000) });
    const { version } = await changeEvent(app.ctx.db, event.id, {
      kind: 'reschedule',
      start: new Date(Date.now() + 5 * MIN),
    });
    expect(version).toBe(event.version + 1);
    expect(await provisionRoom(worker.ctx, event.id, event.version)).toEqual({
      action: 'skipped',
      reason: 'stale version',
    });
    expect(await provisionRoom(worker.ctx, event.id, version)).toEqual({
      action: 'skipped',
      reason: 'not confirmed',
    });
    expect((await roomNames()).has(event.id)).toBe(false);
    await changeEvent(app.ctx.db, event.id, { kind: 'confirm' });
    await waitFor('the room after confirmation', async () => (await roomNames()).has(event.id), 20_000);
  });

  it('when the lesson is over, then the room stays through the grace period and is deleted after it, ending open stays', async () => {
    const start = new Date(Date.now() - 80 * MIN);
    const end = new Date(start.getTime() + 90 * MIN);
    const event = await createEvent(app.ctx.db, { start, outbox: false });
    expect(await provisionRoom(worker.ctx, event.id)).toEqual({ action: 'opened' });
    await app.ctx.db
      .insertInto('attendance')
      .values({
        eventId: event.id,
        userId: null,
        identity: 'someone',
        participantSid: `PA_${event.id.slice(0, 8)}`,
        institutionId: null,
        joinedAt: new Date(Date.now() - 30 * MIN),
      })
      .execute();
    const at = (ms: number) => ({ ...worker.ctx, now: () => new Date(ms) });
    expect(await closeRoom(at(end.getTime() + 14 * MIN), event.id)).toEqual({
      action: 'skipped',
      reason: 'not over',
    });
    expect((await roomNames()).has(event.id)).toBe(true);
    expect(await closeRoom(at(end.getTime() + 15 * MIN), event.id)).toEqual({
      action: 'closed',
      deleted: true,
    });
    expect((await roomNames()).has(event.id)).toBe(false);
    expect(await roomStatus(event.id)).toBe('closed');
    expect((await stays(event.id))[0]!.leftAt).not.toBeNull();
    // Closing again (a retried job) is harmless.
    expect(await closeRoom(at(end.getTime() + 16 * MIN), event.id)).toEqual({
      action: 'closed',
      deleted: false,
    });
  });

  it('when a student really joins and leaves the room, then attendance shows the stay: the reconciliation records the join, LiveKit’s own webhook ends it', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    await watch(event.id);
    expect((await provisionRoom(worker.ctx, event.id)).action).toBe('opened');
    const student = 'student1.krg-construction@telemost.example';
    const joined = await (await app.as(student)).post(`/api/events/${event.id}/join`);
    expect(joined.status).toBe(200);
    const signal = await connectSignal(livekit.url, joined.json.token);

    // Signalling alone does not make LiveKit post participant_joined (media does, in a browser),
    // just as a dropped webhook would not: the reconciliation finds the participant.
    const outcome = await reconcileRooms(worker.ctx);
    expect(outcome.joinsAdded).toBe(1);
    const [stay] = await stays(event.id);
    expect(stay).toMatchObject({
      identity: joined.json.identity,
      userId: joined.json.identity,
      leftAt: null,
    });
    await waitFor('room:status with the student', () =>
      watcher
        .received<TRoomStatusMessage>('room:status')
        .some(
          (m) => m.eventId === event.id && m.participants.some((p) => p.identity === joined.json.identity),
        ),
    );
    expect((await reconcileRooms(worker.ctx)).joinsAdded).toBe(0);

    await signal.close();
    await waitFor(
      'the stay ended by LiveKit’s webhook',
      async () => (await stays(event.id))[0]!.leftAt !== null,
    );
    const report = await (await app.as(TEACHER)).get(`/api/events/${event.id}/attendance`);
    const entry = report.json.items.find((i: { identity: string }) => i.identity === joined.json.identity);
    expect(entry).toMatchObject({ attended: true, present: false, role: 'student' });
    expect(entry.sessions).toHaveLength(1);
  });

  it('when a guest invited by link is in the room, then the reconciliation records them and keeps them; once the link is revoked, it puts them out', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    expect((await provisionRoom(worker.ctx, event.id)).action).toBe('opened');
    const host = await app.as(TEACHER);
    const invitation = await host.post(`/api/events/${event.id}/invitations`, {
      role: 'guest',
      label: 'Родители',
    });
    expect(invitation.status).toBe(201);
    const token = invitation.json.url.split('/').at(-1);
    const joined = await app.client().post(`/api/invitations/${token}/join`, { displayName: 'Мама Айдоса' });
    expect(joined.status).toBe(200);
    const signal = await connectSignal(livekit.url, joined.json.token);
    try {
      // The reconciliation records the guest's stay (unless LiveKit's webhook did first) and
      // keeps them in the room: an admitted guest has a seat.
      expect((await reconcileRooms(worker.ctx)).removed).toBe(0);
      expect((await stays(event.id))[0]).toMatchObject({ identity: joined.json.identity, userId: null });
      expect((await rooms.listParticipants(event.id)).map((p) => p.identity)).toContain(joined.json.identity);
      // Revoked behind the api's back (its own revoke also puts them out at once).
      await app.ctx.db
        .updateTable('invitations')
        .set({ revokedAt: new Date() })
        .where('id', '=', invitation.json.id)
        .execute();
      expect((await reconcileRooms(worker.ctx)).removed).toBe(1);
      await waitFor(
        'the guest out of the room',
        async () =>
          !(await rooms.listParticipants(event.id)).some((p) => p.identity === joined.json.identity),
      );
    } finally {
      // Put out by LiveKit, the socket may never report its close: do not wait on it for long.
      await Promise.race([signal.close().catch(() => {}), sleep(2000)]);
    }
  });

  it('when a stay is open in the database but LiveKit no longer lists the person, then the reconciliation ends it', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    expect((await provisionRoom(worker.ctx, event.id)).action).toBe('opened');
    await app.ctx.db
      .insertInto('attendance')
      .values({
        eventId: event.id,
        userId: null,
        identity: 'ghost',
        participantSid: `PA_ghost_${event.id.slice(0, 8)}`,
        institutionId: null,
        joinedAt: new Date(Date.now() - 10 * MIN),
      })
      .execute();
    const outcome = await reconcileRooms(worker.ctx);
    expect(outcome.staysEnded).toBeGreaterThanOrEqual(1);
    expect((await stays(event.id))[0]!.leftAt).not.toBeNull();
  });

  it('when a due room was never created (its job lost) or a cancelled event still has one, then the reconciliation creates or deletes it', async () => {
    const due = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    const cancelled = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    expect((await provisionRoom(worker.ctx, cancelled.id)).action).toBe('opened');
    await app.ctx.db
      .updateTable('events')
      .set({ status: 'cancelled' })
      .where('id', '=', cancelled.id)
      .execute();

    const outcome = await reconcileRooms(worker.ctx);
    expect(outcome.opened).toBeGreaterThanOrEqual(1);
    expect(outcome.closed).toBeGreaterThanOrEqual(1);
    const names = await roomNames();
    expect(names.has(due.id)).toBe(true);
    expect(names.has(cancelled.id)).toBe(false);
    expect(await roomStatus(due.id)).toBe('open');
    expect(await roomStatus(cancelled.id)).toBe('closed');
  });

  it('when a team’s or a session’s room outlives its breakouts or its session (their webhooks lost), then the reconciliation deletes it and puts out of a live one anyone who lost their seat; closing the event takes the rest', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    expect((await provisionRoom(worker.ctx, event.id)).action).toBe('opened');
    // Two teams run and a session has its own room: their rooms are created while they are live.
    await app.ctx.db
      .insertInto('breakouts')
      .values({ eventId: event.id, teamCount: 2, startedBy: null, startedAt: new Date(), endsAt: null })
      .execute();
    const sessionId = randomUUID();
    const team1 = `${event.id}~1`;
    const team2 = `${event.id}~2`;
    const session = `${event.id}~session-${sessionId}`;
    await app.ctx.db
      .insertInto('programmeSessions')
      .values({
        id: sessionId,
        eventId: event.id,
        title: 'Секция 1',
        description: null,
        startsAt: new Date(Date.now() + 5 * MIN),
        endsAt: new Date(Date.now() + 35 * MIN),
        ownRoom: true,
        hall: session,
        speakers: JSON.stringify([]),
        createdBy: null,
        updatedAt: new Date(),
      })
      .execute();
    for (const name of [team1, team2, session]) await rooms.createRoom({ name, emptyTimeout: 600 });
    // A student of the event sits in team 1's room.
    const student = event.participants[0]!;
    const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: student.userId });
    token.addGrant({ roomJoin: true, room: team1 });
    const signal = await connectSignal(livekit.url, await token.toJwt());
    try {
      await waitFor('the student in team 1', async () => (await rooms.listParticipants(team1)).length === 1);
      // Behind the api's back (so no webhook tells of it): the teams shrink to one, the session
      // leaves the programme, and the student's account is disabled.
      await app.ctx.db
        .updateTable('breakouts')
        .set({ teamCount: 1 })
        .where('eventId', '=', event.id)
        .execute();
      await app.ctx.db.deleteFrom('programmeSessions').where('id', '=', sessionId).execute();
      await app.ctx.db
        .updateTable('users')
        .set({ disabledAt: new Date() })
        .where('id', '=', student.userId)
        .execute();
      const outcome = await reconcileRooms(worker.ctx);
      expect(outcome.closed).toBe(2);
      expect(outcome.removed).toBe(1);
      const names = await roomNames();
      expect([names.has(event.id), names.has(team1), names.has(team2), names.has(session)]).toEqual([
        true,
        true,
        false,
        false,
      ]);
      await waitFor('the student out', async () => (await rooms.listParticipants(team1)).length === 0);
    } finally {
      await app.ctx.db
        .updateTable('users')
        .set({ disabledAt: null })
        .where('id', '=', student.userId)
        .execute();
      await Promise.race([signal.close().catch(() => {}), sleep(2000)]);
    }
    // Cancelled: closing the event deletes its main room and the team's room that still runs.
    await app.ctx.db.updateTable('events').set({ status: 'cancelled' }).where('id', '=', event.id).execute();
    expect((await closeRoom(worker.ctx, event.id)).action).toBe('closed');
    const after = await roomNames();
    expect([after.has(event.id), after.has(team1)]).toEqual([false, false]);
  });

  it('when a host ended the lesson early, then neither a late room job nor the reconciliation opens its room again', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    expect((await provisionRoom(worker.ctx, event.id)).action).toBe('opened');
    const teacher = await app.as(TEACHER);
    const ended = await teacher.post(`/api/events/${event.id}/end`, {});
    expect(ended.status).toBe(200);
    expect((await roomNames()).has(event.id)).toBe(false);

    expect((await provisionRoom(worker.ctx, event.id)).action).toBe('closed');
    await reconcileRooms(worker.ctx);
    expect((await roomNames()).has(event.id)).toBe(false);
    expect(await roomStatus(event.id)).toBe('closed');
  });
});

describe('rooms when LiveKit fails', () => {
  it('when the last attempt to create a room fails, then the room is marked failed and the reconciliation opens it once LiveKit answers', async () => {
    const event = await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN), outbox: false });
    const unreachable = { ...worker.ctx, env: { ...worker.ctx.env, LIVEKIT_URL: 'ws://127.0.0.1:1' } };
    const lastAttempt = { attemptsMade: 29, opts: { attempts: 30 } } as Job;
    await expect(
      openRoomJob.handler({ eventId: event.id, version: event.version }, unreachable, lastAttempt),
    ).rejects.toThrow();
    expect(await roomStatus(event.id)).toBe('failed');
    expect((await reconcileRooms(worker.ctx)).opened).toBeGreaterThanOrEqual(1);
    expect(await roomStatus(event.id)).toBe('open');
    expect((await roomNames()).has(event.id)).toBe(true);
  });

  it('when LiveKit is stopped during provisioning, then after it is back every room was created', async () => {
    // This worker reconciles every 5 s: rooms created just before the crash are lost with it
    // (a single LiveKit node keeps rooms in memory) and only the reconciliation brings them back.
    await worker.close();
    worker = await startTestWorker(app.ctx.database, {
      queuePrefix: worker.basePrefix,
      env: { ...livekit.env, ROOM_RECONCILE_SECONDS: 5 },
      config: { OUTBOX_POLL_MS: 100, REMINDER_SWEEP_SECONDS: 3600 },
    });
    const events: { id: string }[] = [];
    for (let i = 0; i < 8; i++) {
      events.push(await createEvent(app.ctx.db, { start: new Date(Date.now() + 5 * MIN + i * 1000) }));
      if (i === 2) {
        await waitFor('provisioning under way', async () => (await roomNames()).size > 0, 20_000);
        await livekit.stop();
      }
    }
    await sleep(3000);
    const statuses = await Promise.all(events.map((e) => roomStatus(e.id)));
    expect(statuses.some((s) => s === 'creating')).toBe(true);

    await livekit.start({ webhookUrl: `${app.url}/api/livekit/webhook` });
    await waitFor(
      'every room in the restarted LiveKit',
      async () => {
        const names = await roomNames();
        return events.every((e) => names.has(e.id));
      },
      45_000,
      250,
    );
    await waitFor(
      'every room status open',
      async () => (await Promise.all(events.map((e) => roomStatus(e.id)))).every((s) => s === 'open'),
      15_000,
    );
  });
});
