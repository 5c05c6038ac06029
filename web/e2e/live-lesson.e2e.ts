import { type TAttendanceEntry, ZAttendanceReportSchema } from '@telemost/core';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, signIn } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, type Lesson } from '../../infra/e2e/lesson.ts';
import { type RunningLiveKit, startLiveKit } from '../../infra/e2e/livekit.ts';
import { startProduct } from './support/api.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

const LIVEKIT_PORT = 7996;

/** Keeps every RTCPeerConnection the page makes, so the test can read real WebRTC stats. */
const COLLECT_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  function Collected(...args) { const pc = new Original(...args); window.__pcs.push(pc); return pc; }
  Collected.prototype = Original.prototype;
  Object.setPrototypeOf(Collected, Original);
  window.RTCPeerConnection = Collected;
})();`;

/** Frames decoded and audio bytes received over every live peer connection of the page. */
function inbound(page: Page): Promise<{ video: number; audio: number }> {
  return page.evaluate(async () => {
    const g = globalThis as any;
    let video = 0;
    let audio = 0;
    for (const pc of g.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((r: any) => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'video') video += r.framesDecoded ?? 0;
        if (r.kind === 'audio') audio += r.bytesReceived ?? 0;
      });
    }
    return { video, audio };
  });
}

async function waitForMedia(page: Page) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await inbound(page);
    if (now.video > 0 && now.audio > 0) return now;
    if (Date.now() > deadline) throw new Error(`no remote media: ${JSON.stringify(now)}`);
    await page.waitForTimeout(250);
  }
}

describe('live telebridge between Moscow and Karaganda', () => {
  let lk: RunningLiveKit;
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let lesson: Lesson;
  let teacher: Page;
  let student: Page;

  beforeAll(async () => {
    api = await startProduct('live', {
      LIVEKIT_URL: `ws://127.0.0.1:${LIVEKIT_PORT}`,
      LIVEKIT_API_KEY: 'e2ekey',
      LIVEKIT_API_SECRET: 'telemost-e2e-secret-not-for-production-use',
      LIVEKIT_LOCAL: 'off',
    });
    lk = await startLiveKit({
      port: LIVEKIT_PORT,
      udpFrom: 53300,
      webhookUrl: `${api.url}/api/livekit/webhook`,
    });
    browser = await launchBrowser({ fakeMedia: true });
    lesson = await bookConfirmedLesson(api.url, { startsInMinutes: 5, durationMinutes: 60 });

    const t = await newPerson(browser, api.url);
    await t.context.addInitScript(COLLECT_PEER_CONNECTIONS);
    teacher = t.page;
    await signInThroughUi(teacher, lesson.teacherEmail);
    await teacher.goto(`/events/${lesson.eventId}`);
    await teacher.click('[data-testid="join-button"]:not([disabled])');
    await teacher.waitForSelector('[data-testid="local-video"]', { timeout: 30_000 });

    const s = await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' });
    await s.context.addInitScript(COLLECT_PEER_CONNECTIONS);
    student = s.page;
    await signInThroughUi(student, lesson.studentEmail);
    await student.goto(`/events/${lesson.eventId}`);
    await student.click('[data-testid="join-button"]:not([disabled])');
    await student.waitForSelector('[data-testid="remote-video"]', { timeout: 30_000 });
    await teacher.waitForSelector('[data-testid="remote-video"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await lk?.stop();
    await api?.stop();
  });

  it('when both have joined through the UI, then each decodes the other’s video and receives audio', async () => {
    const [t1, s1] = [await waitForMedia(teacher), await waitForMedia(student)];
    await teacher.waitForTimeout(1500);
    const [t2, s2] = [await inbound(teacher), await inbound(student)];
    expect(t2.video).toBeGreaterThan(t1.video);
    expect(s2.video).toBeGreaterThan(s1.video);
    expect(t2.audio).toBeGreaterThan(t1.audio);
    expect(s2.audio).toBeGreaterThan(s1.audio);
    await screenshot(teacher, 'live-teacher-sees-student');
    await screenshot(student, 'live-student-sees-teacher');
  });

  it('when the teacher mutes the student, then the student’s own page shows the microphone muted', async () => {
    await teacher.locator('.tile-controls button:not(.danger)').first().click();
    await student.waitForSelector('[data-testid="mic-muted"]', { timeout: 15_000 });
    await screenshot(student, 'live-student-muted-by-teacher');
  });

  it('when the teacher shares a screen, then the student sees it as a video with frames', async () => {
    await teacher.getByRole('button', { name: 'Показать экран' }).click();
    await student.waitForFunction(
      () => {
        const v = (globalThis as any).document.querySelector(
          '.tile.screen video[data-testid="remote-video"]',
        );
        return v && v.videoWidth > 0;
      },
      null,
      { timeout: 20_000 },
    );
    await screenshot(student, 'live-student-sees-screen-share');
  });

  it('when the student’s connection drops and comes back, then both are back in a working call', async () => {
    await student.context().setOffline(true);
    await student.waitForSelector('[data-testid="connection-state"]', { timeout: 20_000 });
    await student.waitForTimeout(2000);
    await student.context().setOffline(false);
    await student.waitForSelector('[data-testid="connection-state"]', { state: 'detached', timeout: 30_000 });
    const [t1, s1] = [await inbound(teacher), await inbound(student)];
    await student.waitForTimeout(1500);
    const [t2, s2] = [await inbound(teacher), await inbound(student)];
    expect(s2.video).toBeGreaterThan(s1.video);
    expect(t2.video).toBeGreaterThan(t1.video);
  });

  it('when someone outside the lesson asks to join, then they are refused', async () => {
    const outsider = await signIn(api.url, lesson.outsiderEmail);
    const res = await fetch(`${api.url}/api/events/${lesson.eventId}/join`, {
      method: 'POST',
      headers: { cookie: outsider.header, 'content-type': 'application/json' },
      body: '{}',
    });
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('when both are in the room, then attendance lists both people, present, one per college', async () => {
    const coordinator = await signIn(api.url, 'coordinator.msk-26@telemost.example');
    const deadline = Date.now() + 30_000;
    let present: TAttendanceEntry[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(`${api.url}/api/events/${lesson.eventId}/attendance`, {
        headers: { cookie: coordinator.header },
      });
      present = ZAttendanceReportSchema.parse(await res.json()).items.filter((i) => i.attended && i.present);
      if (present.length >= 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(present.map((p) => p.institution?.code).sort()).toEqual(['krg-construction', 'msk-26']);
    for (const p of present) expect(p.sessions[0]!.leftAt).toBeNull();
  });

  it('when the teacher removes the student, then LiveKit no longer has the student in the room', async () => {
    const rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    const before = await rooms.listParticipants(lesson.eventId);
    expect(before).toHaveLength(2);
    await teacher.locator('.tile-controls button.danger').first().click();
    const deadline = Date.now() + 15_000;
    let after = before;
    while (Date.now() < deadline && after.length > 1) {
      await new Promise((r) => setTimeout(r, 300));
      after = await rooms.listParticipants(lesson.eventId);
    }
    expect(after).toHaveLength(1);
    await screenshot(student, 'live-student-removed');
  });
});
