import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../infra/e2e/api-process.ts';
import { signIn } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, type Lesson } from '../../infra/e2e/lesson.ts';
import type { RunningLiveKit } from '../../infra/e2e/livekit.ts';
import { startLiveProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

const LIVEKIT_PORT = 7987;

/**
 * Frames decoded, and the frame size, of the phone camera's track as this page's Room receives
 * it: the e2e build exposes the Room as `__telemostRoom`, and the track's own receiver stats are
 * read, so no other video counts.
 */
function phoneTrackStats(page: Page, owner: string): Promise<{ frames: number; width: number }> {
  return page.evaluate(async (identity) => {
    const room = (globalThis as any).__telemostRoom;
    const phone = room?.remoteParticipants?.get(identity);
    const pub = phone ? [...phone.videoTrackPublications.values()][0] : undefined;
    const track = (pub as any)?.track;
    if (!track) return { frames: 0, width: 0 };
    const report: any = await track.getRTCStatsReport();
    let frames = 0;
    let width = 0;
    report?.forEach((r: any) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') {
        frames += r.framesDecoded ?? 0;
        width = Math.max(width, r.frameWidth ?? 0);
      }
    });
    return { frames, width };
  }, `${owner}#camera`);
}

async function joinLesson(page: Page, eventId: string) {
  await page.goto(`/events/${eventId}`);
  await page.click('[data-testid="join-button"]:not([disabled])');
  await page.waitForSelector('[data-testid="local-video"]', { timeout: 30_000 });
}

/** Draws a rectangle on the open board: Excalidraw's rectangle tool, then a drag. */
async function drawRectangle(page: Page, from: [number, number], to: [number, number]) {
  const canvas = page.locator('[data-testid="whiteboard"] canvas.interactive');
  const box = (await canvas.boundingBox())!;
  // Focus the board (a click with the selection tool selects nothing), then its shortcut R.
  await page.mouse.click(box.x + 60, box.y + box.height / 2);
  await page.keyboard.press('r');
  await page.mouse.move(box.x + from[0], box.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + (from[0] + to[0]) / 2, box.y + (from[1] + to[1]) / 2, { steps: 5 });
  await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 5 });
  await page.mouse.up();
}

async function boardElements(page: Page, atLeast: number) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="whiteboard"]')?.getAttribute('data-elements')) >= n,
    atLeast,
    { timeout: 20_000 },
  );
  return Number(await page.getByTestId('whiteboard').getAttribute('data-elements'));
}

describe('the workshop camera and the shared whiteboard, between Moscow and Karaganda on a real LiveKit', () => {
  let lk: RunningLiveKit;
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let lesson: Lesson;
  let teacher: Page;
  let student: Page;
  let teacherId: string;
  let studentId: string;

  beforeAll(async () => {
    ({ api, lk } = await startLiveProduct('classroom-tools', { port: LIVEKIT_PORT, udpFrom: 54700 }));
    browser = await launchBrowser({ fakeMedia: true });
    lesson = await bookConfirmedLesson(api.url, { startsInMinutes: 5, durationMinutes: 60 });
    const me = async (email: string) =>
      (
        (await (
          await fetch(`${api.url}/api/me`, { headers: { cookie: (await signIn(api.url, email)).header } })
        ).json()) as { id: string }
      ).id;
    teacherId = await me(lesson.teacherEmail);
    studentId = await me(lesson.studentEmail);

    teacher = (await newPerson(browser, api.url)).page;
    await signInThroughUi(teacher, lesson.teacherEmail);
    await joinLesson(teacher, lesson.eventId);
    student = (await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' })).page;
    await signInThroughUi(student, lesson.studentEmail);
    await joinLesson(student, lesson.eventId);
    await teacher.waitForSelector('[data-testid="remote-video"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await lk?.stop();
    await api?.stop();
  });

  it('when the teacher draws on the board, then the student who opens it later gets the stroke, and the student’s stroke reaches the teacher live', async () => {
    // The board is its own chunk: nothing of Excalidraw is loaded before it is opened.
    const before = await teacher.evaluate(
      () => performance.getEntriesByType('resource').filter((r) => /whiteboard/i.test(r.name)).length,
    );
    expect(before).toBe(0);
    await teacher.getByTestId('open-board').click();
    await teacher.locator('[data-testid="whiteboard"][data-ready="1"]').waitFor({ timeout: 30_000 });
    await drawRectangle(teacher, [480, 180], [680, 320]);
    expect(await boardElements(teacher, 1)).toBe(1);

    // The student opens the board after the stroke: a late joiner.
    await student.getByTestId('open-board').click();
    await student.locator('[data-testid="whiteboard"][data-ready="1"]').waitFor({ timeout: 30_000 });
    expect(await boardElements(student, 1)).toBe(1);

    await drawRectangle(student, [760, 200], [920, 360]);
    expect(await boardElements(student, 2)).toBe(2);
    expect(await boardElements(teacher, 2)).toBe(2);
    // The board's fonts come from Telemost itself, not from a CDN (a college network may have no
    // internet): the asset path is ours, and a font under it is served.
    const font = await teacher.evaluate(async () => {
      const base = (window as unknown as { EXCALIDRAW_ASSET_PATH?: string }).EXCALIDRAW_ASSET_PATH;
      const cdn = performance
        .getEntriesByType('resource')
        .filter((r) => /esm\.run|unpkg|jsdelivr/.test(r.name));
      const res = await fetch(
        `${base}fonts/Excalifont/Excalifont-Regular-a88b72a24fb54c9f94e3b5fdaa7481c9.woff2`,
      );
      return {
        base,
        cdn: cdn.length,
        status: res.status,
        type: res.headers.get('content-type'),
        bytes: (await res.arrayBuffer()).byteLength,
      };
    });
    expect(font).toMatchObject({ base: '/excalidraw/', cdn: 0, status: 200 });
    expect(font.type).toMatch(/font|woff/);
    expect(font.bytes).toBeGreaterThan(1000);
    await screenshot(teacher, 'classroom-whiteboard-teacher-ru');
    await screenshot(student, 'classroom-whiteboard-student-kk');
  });

  it('when the teacher locks the board, then the student views only and a stroke of theirs does not reach the teacher; unlocked, it does', async () => {
    await teacher.getByTestId('board-lock').click();
    await student.getByTestId('board-locked').waitFor({ timeout: 15_000 });
    expect(await student.getByTestId('whiteboard').getAttribute('data-locked')).toBe('1');
    // Even a stroke sent around the view-only UI is ignored by the others while locked.
    await student.evaluate(async () => {
      const room = (globalThis as any).__telemostRoom;
      const forged = {
        t: 'elements',
        elements: [
          {
            id: 'forged',
            type: 'rectangle',
            version: 99,
            versionNonce: 1,
            isDeleted: false,
            x: 0,
            y: 0,
            width: 50,
            height: 50,
            angle: 0,
            strokeColor: '#000',
            backgroundColor: 'transparent',
            fillStyle: 'solid',
            strokeWidth: 1,
            strokeStyle: 'solid',
            roughness: 1,
            opacity: 100,
            groupIds: [],
            frameId: null,
            index: 'a9',
            roundness: null,
            seed: 1,
            updated: 1,
            link: null,
            locked: false,
            boundElements: null,
          },
        ],
      };
      await room.localParticipant.sendText(JSON.stringify(forged), { topic: 'whiteboard' });
    });
    await teacher.waitForTimeout(2000);
    expect(Number(await teacher.getByTestId('whiteboard').getAttribute('data-elements'))).toBe(2);
    await teacher.getByTestId('board-lock').click();
    await student.locator('[data-testid="whiteboard"][data-locked="0"]').waitFor({ timeout: 15_000 });
    const findings = [...(await seriousAxeViolations(student)), ...(await seriousAxeViolations(teacher))];
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    await teacher.getByTestId('open-board').click();
    await student.getByTestId('open-board').click();
  });

  it('when the teacher shows the QR code and a phone opens its link, then the phone’s rear camera is spotlighted and decoded on the student’s side; the link then explains it was used', async () => {
    await teacher.getByTestId('open-camera').click();
    await teacher.getByTestId('camera-qr').waitFor({ timeout: 15_000 });
    const pairUrl = (await teacher.getByTestId('camera-link').getAttribute('href'))!;
    expect(pairUrl).toMatch(new RegExp(`^${api.url}/camera/[A-Za-z0-9_-]{32}$`));
    await screenshot(teacher, 'classroom-camera-qr-ru');

    const phoneCtx = await newPerson(browser, api.url, { phone: true });
    const phone = phoneCtx.page;
    await phone.goto(pairUrl);
    await phone.getByTestId('camera-live').waitFor({ timeout: 30_000 });
    const settings = await phone.evaluate(() => {
      const video = document.querySelector('video.camera-preview') as HTMLVideoElement | null;
      const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
      return track?.getSettings() ?? null;
    });
    expect(settings?.frameRate).toBeLessThanOrEqual(15);
    expect(settings?.width).toBeGreaterThanOrEqual(1280);
    await screenshot(phone, 'camera-phone-live-ru');

    await teacher.getByTestId('camera-paired').waitFor({ timeout: 20_000 });
    await student.getByTestId('spotlight').waitFor({ timeout: 20_000 });
    const deadline = Date.now() + 30_000;
    let first = await phoneTrackStats(student, teacherId);
    for (;;) {
      await student.waitForTimeout(1500);
      const next = await phoneTrackStats(student, teacherId);
      if (first.frames > 0 && next.frames > first.frames) {
        expect(next.width).toBeGreaterThan(0);
        break;
      }
      if (Date.now() > deadline) throw new Error(`phone frames not decoded: ${JSON.stringify(next)}`);
      first = next;
    }
    await screenshot(student, 'classroom-camera-spotlight-kk');

    const again = (await newPerson(browser, api.url, { phone: true })).page;
    await again.goto(pairUrl);
    const refused = again.getByTestId('camera-refused');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.textContent()).toContain('уже использован');
    await again.evaluate(() => localStorage.setItem('telemost.locale', 'kk'));
    await again.goto(`${api.url}/camera/${'A'.repeat(32)}`);
    await again.getByTestId('camera-refused').waitFor({ timeout: 15_000 });
    expect(await again.getByTestId('camera-refused').textContent()).toContain('Мұндай код жоқ');
    await screenshot(again, 'camera-phone-bad-code-kk');
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phone.getByTestId('camera-stop').click();
    await phone.getByTestId('camera-ended').waitFor({ timeout: 15_000 });
    await student.getByTestId('spotlight').waitFor({ state: 'detached', timeout: 20_000 });
    await teacher.getByTestId('open-camera').click();
  });

  it('when the teacher allows the student a phone camera and the student leaves, then the student’s phone is put out of the lesson', async () => {
    await teacher.getByTestId('participants-toggle').click();
    await teacher.getByTestId('allow-camera').first().click();
    await teacher.locator('[data-testid="allow-camera"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    await teacher.getByTestId('participants-toggle').click();
    await student.getByTestId('open-camera').click();
    await student.getByTestId('camera-qr').waitFor({ timeout: 15_000 });
    await screenshot(student, 'classroom-camera-qr-kk');
    const pairUrl = (await student.getByTestId('camera-link').getAttribute('href'))!;
    const phone = (await newPerson(browser, api.url, { phone: true })).page;
    await phone.goto(pairUrl);
    await phone.getByTestId('camera-live').waitFor({ timeout: 30_000 });
    await teacher.getByTestId('spotlight').waitFor({ timeout: 20_000 });
    expect(studentId).toBeTruthy();

    await student.getByTestId('leave').click();
    // The api removes the phone on LiveKit's word that its owner left.
    await phone.getByTestId('camera-ended').waitFor({ timeout: 30_000 });
    await teacher.getByTestId('spotlight').waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('when the teacher ends the lesson, then the board is saved as a PNG in the lesson’s materials', async () => {
    await teacher.getByTestId('open-board').click();
    await teacher.locator('[data-testid="whiteboard"][data-ready="1"]').waitFor({ timeout: 30_000 });
    await boardElements(teacher, 2);
    await teacher.getByTestId('end-lesson').click();
    await teacher.getByTestId('end-lesson-confirm').click();
    const cookie = (await signIn(api.url, lesson.studentEmail)).header;
    // The end returns once the lesson is over; the board is saved as part of it, so it is listed
    // by the time the page says the lesson ended (polled a little, the click does not await it).
    await teacher.getByTestId('lesson-ended').waitFor({ timeout: 30_000 });
    let board: { id: string; name: string; contentType: string } | undefined;
    const deadline = Date.now() + 15_000;
    while (!board && Date.now() < deadline) {
      const list = (await (
        await fetch(`${api.url}/api/events/${lesson.eventId}/materials`, { headers: { cookie } })
      ).json()) as { items: { id: string; name: string; contentType: string }[] };
      board = list.items.find((m) => m.name === 'whiteboard.png');
      if (!board) await new Promise((r) => setTimeout(r, 250));
    }
    expect(board?.contentType).toBe('image/png');
    const file = await fetch(`${api.url}/api/events/${lesson.eventId}/materials/${board!.id}`, {
      headers: { cookie },
    });
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // The scene rides in the image, so the saved board reopens in Excalidraw.
    expect(bytes.includes(Buffer.from('excalidraw'))).toBe(true);
  });
});
