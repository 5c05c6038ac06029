import type { TRoomStatusMessage } from '@telemost/core/schemas/live';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime } from '../src/features/realtime/attach-realtime.ts';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import {
  createTestLiveKit,
  webhookBody as liveKitWebhookBody,
  postWebhookBody,
  signWebhook,
  type TestLiveKit,
} from './support/livekit.ts';
import { connectSocket, sessionCookie, type TestSocket } from './support/socket-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const MIN = 60_000;
const WEBHOOK = '/api/livekit/webhook';

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false> | T, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let livekit: TestLiveKit;
let app: TestApp;
let lesson: TBookedLesson;
let watcher: TestSocket;
const clock = testClock(new Date('2027-02-01T09:00:00Z'));

/** A webhook body as LiveKit sends it, about the lesson's room unless told otherwise. */
const webhookBody = (event: string, options: Partial<Parameters<typeof liveKitWebhookBody>[1]> = {}) =>
  liveKitWebhookBody(event, { room: lesson.id, ...options });

const post = (body: string, authorization?: string) => postWebhookBody(app.url, body, authorization);

async function postSigned(body: string) {
  return post(body, await signWebhook(body, livekit.apiKey, livekit.apiSecret));
}

const attendance = (eventId = lesson.id) =>
  app.ctx.db
    .selectFrom('attendance')
    .selectAll()
    .where('eventId', '=', eventId)
    .orderBy('joinedAt')
    .execute();
const roomStatus = async (eventId = lesson.id) =>
  (
    await app.ctx.db
      .selectFrom('events')
      .select('roomStatus')
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow()
  ).roomStatus;

beforeAll(async () => {
  livekit = await createTestLiveKit();
  app = await startTestApp('postgres', { env: livekit.env, now: clock.now, attachRealtime });
  await livekit.start({ webhookUrl: app.url + WEBHOOK });
  lesson = await bookLesson(app, { localStart: '2027-02-10T10:00' });
  clock.set(new Date(lesson.start.getTime() - 5 * MIN));
  watcher = await connectSocket(app.url, await sessionCookie(app.url, demoEmail('teacher', 'msk-26', 1)));
  const ack = await watcher.request<{ ok: boolean }>('event:watch', { eventId: lesson.id });
  expect(ack.ok).toBe(true);
});

afterAll(async () => {
  watcher?.close();
  await livekit?.dispose();
  await app?.stop();
});

describe('LiveKit webhook', () => {
  it('when a webhook has no signature, then 401 problem+json and nothing is recorded', async () => {
    const student = lesson.participants.get(lesson.krgStudent)!;
    const body = webhookBody('participant_joined', {
      participant: { sid: 'PA_unsigned', identity: student.userId, joinedAt: new Date() },
    });
    const res = await post(body);
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.code).toBe('invalid_signature');
    expect((await attendance()).some((a) => a.participantSid === 'PA_unsigned')).toBe(false);
  });

  it('when a webhook is signed with another secret, or its body was changed after signing, then 401', async () => {
    const student = lesson.participants.get(lesson.krgStudent)!;
    const body = webhookBody('participant_joined', {
      participant: { sid: 'PA_forged', identity: student.userId, joinedAt: new Date() },
    });
    const otherSecret = await signWebhook(body, livekit.apiKey, 'another-secret-of-enough-length-000000');
    expect((await post(body, otherSecret)).status).toBe(401);
    const otherKey = await signWebhook(body, 'otherkey', livekit.apiSecret);
    expect((await post(body, otherKey)).status).toBe(401);
    const genuine = await signWebhook(body, livekit.apiKey, livekit.apiSecret);
    const tampered = body.replace('PA_forged', 'PA_forgeD');
    expect((await post(tampered, genuine)).status).toBe(401);
    expect((await post(body, `Bearer ${genuine}x`)).status).toBe(401);
    expect((await attendance()).some((a) => a.participantSid.startsWith('PA_forg'))).toBe(false);
  });

  it('when a correctly signed body is not a webhook event, then 400 (never 500)', async () => {
    const res = await postSigned('{"event": 42, "room": "nope"');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('bad_request');
  });

  it('when signed joined and left webhooks arrive (twice each), then one attendance row with both times and the live status follows', async () => {
    const student = lesson.participants.get(lesson.krgStudent)!;
    const joinedAt = new Date(Date.now() - 20 * MIN);
    const leftAt = new Date(Date.now() - 5 * MIN);
    const participant = { sid: 'PA_student1', identity: student.userId, joinedAt };
    const joined = webhookBody('participant_joined', { participant, createdAt: joinedAt });
    for (let i = 0; i < 2; i++) {
      const res = await postSigned(joined);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ handled: true, eventId: lesson.id });
    }
    let rows = (await attendance()).filter((a) => a.participantSid === 'PA_student1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: student.userId,
      institutionId: student.institutionId,
      leftAt: null,
    });
    expect(new Date(rows[0]!.joinedAt).getTime()).toBe(joinedAt.getTime());
    await waitFor('room:status with the student in the room', () =>
      watcher
        .received<TRoomStatusMessage>('room:status')
        .some((m) => m.participants.some((p) => p.identity === student.userId)),
    );

    const left = webhookBody('participant_left', { participant, createdAt: leftAt });
    await postSigned(left);
    await postSigned(left);
    rows = (await attendance()).filter((a) => a.participantSid === 'PA_student1');
    expect(rows).toHaveLength(1);
    expect(Math.abs(new Date(rows[0]!.leftAt!).getTime() - leftAt.getTime())).toBeLessThan(1000);
    await waitFor('room:status with nobody in the room', () => {
      const last = watcher.received<TRoomStatusMessage>('room:status').at(-1);
      return last?.participants.length === 0;
    });
  });

  it('when a left webhook overtakes its joined one, then the stay is still recorded once, ended', async () => {
    const teacher = lesson.participants.get(demoEmail('teacher', 'msk-26', 1))!;
    const joinedAt = new Date(Date.now() - 10 * MIN);
    const participant = { sid: 'PA_teacher_reordered', identity: teacher.userId, joinedAt };
    await postSigned(
      webhookBody('participant_left', { participant, createdAt: new Date(Date.now() - 2 * MIN) }),
    );
    await postSigned(webhookBody('participant_joined', { participant, createdAt: joinedAt }));
    const rows = (await attendance()).filter((a) => a.participantSid === 'PA_teacher_reordered');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.leftAt).not.toBeNull();
    expect(new Date(rows[0]!.joinedAt).getTime()).toBe(joinedAt.getTime());
  });

  it('when webhooks name a room that is not an event, or a recorder joins, then they are acknowledged and ignored', async () => {
    const other = await postSigned(webhookBody('room_started', { room: 'lobby' }));
    expect(other).toMatchObject({ status: 200, json: { handled: false } });
    const unknown = await postSigned(
      webhookBody('room_started', { room: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown).toMatchObject({ status: 200, json: { handled: false } });
    const recorder = await postSigned(
      webhookBody('participant_joined', {
        participant: { sid: 'PA_egress', identity: 'EG_recorder', joinedAt: new Date(), kind: 2 },
      }),
    );
    expect(recorder.json.handled).toBe(false);
    expect((await attendance()).some((a) => a.participantSid === 'PA_egress')).toBe(false);
  });

  it('when the room is created and deleted in the real LiveKit, then its own room_started and room_finished webhooks open and close the room status, and open stays end', async () => {
    const rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
    const student = lesson.participants.get(lesson.mskStudent)!;
    await postSigned(
      webhookBody('participant_joined', {
        participant: { sid: 'PA_still_in', identity: student.userId, joinedAt: new Date(Date.now() - MIN) },
      }),
    );
    await app.ctx.db.updateTable('events').set({ roomStatus: 'none' }).where('id', '=', lesson.id).execute();

    await rooms.createRoom({ name: lesson.id, emptyTimeout: 300 });
    await waitFor('room_started to open the room', async () => (await roomStatus()) === 'open');
    await waitFor('room:status open pushed', () =>
      watcher.received<TRoomStatusMessage>('room:status').some((m) => m.roomStatus === 'open'),
    );

    await rooms.deleteRoom(lesson.id);
    await waitFor('room_finished to close the room', async () => (await roomStatus()) === 'closed');
    const stay = (await attendance()).find((a) => a.participantSid === 'PA_still_in')!;
    expect(stay.leftAt).not.toBeNull();
    await waitFor('room:status closed pushed', () => {
      const last = watcher.received<TRoomStatusMessage>('room:status').at(-1);
      return last?.roomStatus === 'closed' && last.participants.length === 0;
    });
  });
});
