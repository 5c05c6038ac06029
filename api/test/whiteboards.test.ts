import { demoEmail } from '@telemost/server/seed/demo-data';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { connectSignal, startLiveKit, type TestLiveKit } from './support/livekit.ts';
import { sessionCookie } from './support/socket-client.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const MSK_TEACHER = demoEmail('teacher', 'msk-26', 1);
const OUTSIDER_TEACHER = demoEmail('teacher', 'msk-23', 1);

/** A PNG's signature and some bytes: the api checks the signature only. */
const png = (fill: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, fill)]);

describe('the lesson whiteboard kept by the api, on a real LiveKit', () => {
  let livekit: TestLiveKit;
  let rooms: RoomServiceClient;
  let app: TestApp;
  let lesson: TBookedLesson;
  let teacher: TestClient;
  const cookies = new Map<string, string>();
  const clock = testClock(new Date());
  const put = async (email: string, body: Buffer, board = 0) => {
    cookies.set(email, cookies.get(email) ?? (await sessionCookie(app.url, email)));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(body)], { type: 'image/png' }), 'board.png');
    const res = await fetch(`${app.url}/api/events/${lesson.id}/whiteboards/${board}/image`, {
      method: 'PUT',
      headers: { cookie: cookies.get(email)!, origin: app.url },
      body: form,
    });
    return { status: res.status, json: (await res.json()) as { code?: string; errors: { field: string }[] } };
  };

  beforeAll(async () => {
    livekit = await startLiveKit();
    app = await startTestApp('postgres', { env: livekit.env, now: clock.now });
    rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
    const start = new Date(Date.now() + 5 * MIN);
    const local = new Date(start.getTime() + 3 * 3600_000).toISOString().slice(0, 16);
    lesson = await bookLesson(app, { localStart: local, durationMinutes: 90, anyTime: true });
    clock.set(new Date());
    teacher = await app.as(MSK_TEACHER);
  });
  afterAll(async () => {
    await app?.stop();
    await livekit?.dispose();
  });

  it('when a student keeps a snapshot, then the board has one and anyone in the lesson reads the same bytes; an outsider gets 403 and a non-PNG 415', async () => {
    const saved = await put(lesson.krgStudent, png(1));
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ board: 0, locked: false, hasSnapshot: true });
    const image = await fetch(`${app.url}/api/events/${lesson.id}/whiteboards/0/image`, {
      headers: { cookie: await sessionCookie(app.url, lesson.mskStudent) },
    });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png(1))).toBe(true);
    expect(
      (await (await app.as(OUTSIDER_TEACHER)).get(`/api/events/${lesson.id}/whiteboards/0`)).status,
    ).toBe(403);
    expect((await put(OUTSIDER_TEACHER, png(2))).status).toBe(403);
    const notPng = await put(lesson.krgStudent, Buffer.from('%PDF-1.4 not a picture'));
    expect(notPng.status).toBe(415);
    expect(notPng.json.errors[0]?.field).toBe('file');
  });

  it('when a host locks the board, then the room metadata says so, a student’s snapshot is refused (403) and a host’s kept; unlocked, the student may again', async () => {
    const signal = await connectSignal(
      livekit.url,
      (await teacher.post(`/api/events/${lesson.id}/join`, {})).json.token,
    );
    try {
      const locked = await teacher.post(`/api/events/${lesson.id}/whiteboards/0/lock`, { locked: true });
      expect(locked.json).toMatchObject({ board: 0, locked: true });
      const [room] = await rooms.listRooms([lesson.id]);
      expect(JSON.parse(room!.metadata).whiteboardLocks).toEqual({ '0': true });
      expect((await put(lesson.krgStudent, png(3))).status).toBe(403);
      expect(
        (
          await (
            await app.as(lesson.krgStudent)
          ).post(`/api/events/${lesson.id}/whiteboards/0/lock`, { locked: false })
        ).status,
      ).toBe(403);
      expect((await put(MSK_TEACHER, png(4))).status).toBe(200);
      await teacher.post(`/api/events/${lesson.id}/whiteboards/0/lock`, { locked: false });
      const [after] = await rooms.listRooms([lesson.id]);
      expect(JSON.parse(after!.metadata).whiteboardLocks).toEqual({});
      expect((await put(lesson.krgStudent, png(5))).status).toBe(200);
    } finally {
      await signal.close();
    }
  });

  it('when the lesson ends, then the board is one of its materials, with the last snapshot’s bytes, once; snapshots are refused from then on', async () => {
    const ended = await teacher.post(`/api/events/${lesson.id}/end`, {});
    expect(ended.status).toBe(200);
    await teacher.post(`/api/events/${lesson.id}/end`, {});
    const list = await (await app.as(lesson.mskStudent)).get(`/api/events/${lesson.id}/materials`);
    const boards = list.json.items.filter((m: { name: string }) => m.name === 'whiteboard.png');
    expect(boards).toHaveLength(1);
    expect(boards[0].contentType).toBe('image/png');
    const file = await fetch(`${app.url}/api/events/${lesson.id}/materials/${boards[0].id}`, {
      headers: { cookie: await sessionCookie(app.url, lesson.krgStudent) },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(png(5))).toBe(true);
    const late = await put(MSK_TEACHER, png(6));
    expect(late.status).toBe(403);
    expect(late.json.code).toBe('lesson_ended');
  });
});
