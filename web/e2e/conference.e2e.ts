import { RoomServiceClient } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, signIn } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, type Lesson } from '../../infra/e2e/lesson.ts';
import type { RunningLiveKit } from '../../infra/e2e/livekit.ts';
import { startLiveProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';

const LIVEKIT_PORT = 7992;

/** Keeps every RTCPeerConnection the page makes, so the test can read real WebRTC stats. */
const COLLECT_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  function Collected(...args) { const pc = new Original(...args); window.__pcs.push(pc); return pc; }
  Collected.prototype = Original.prototype;
  Object.setPrototypeOf(Collected, Original);
  window.RTCPeerConnection = Collected;
})();`;

/** Audio received over every live peer connection of the page (inbound-rtp packets and bytes). */
function inboundAudio(page: Page): Promise<{ bytes: number; packets: number }> {
  return page.evaluate(async () => {
    const g = globalThis as any;
    const out = { bytes: 0, packets: 0 };
    for (const pc of g.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((r: any) => {
        if (r.type !== 'inbound-rtp' || r.kind !== 'audio') return;
        out.bytes += r.bytesReceived ?? 0;
        out.packets += r.packetsReceived ?? 0;
      });
    }
    return out;
  });
}

/** `HH:mm` of an instant on a zone's clock, as the page writes it. */
const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );

async function call(url: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('a conference: its public programme on both clocks, and a promoted listener heard in the hall', () => {
  let lk: RunningLiveKit;
  let api: RunningApi;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let conference: Lesson;
  let rooms: RoomServiceClient;
  let sessions: { title: string; start: string; end: string }[] = [];

  beforeAll(async () => {
    ({ api, lk } = await startLiveProduct(
      'conference',
      { port: LIVEKIT_PORT, udpFrom: 53700 },
      {
        LOGIN_ADDRESS_RATE_LIMIT: '1000000',
        LOGIN_RATE_LIMIT: '1000',
      },
    ));
    rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    browser = await launchBrowser({ fakeMedia: true });
    conference = await bookConfirmedLesson(api.url, {
      startsInMinutes: 5,
      durationMinutes: 120,
      kind: 'conference',
      title: 'Конференция «Цифровое строительство»',
    });
    // The programme: two sessions in the main hall, whole minutes from the event's start.
    const msk = (await signIn(api.url, 'coordinator.msk-26@telemost.example')).header;
    const event = await call(api.url, msk, 'GET', `/api/events/${conference.eventId}`);
    const at = (minutes: number) => new Date(Date.parse(event.start) + minutes * 60_000).toISOString();
    const teacherId = event.teachers[0].id;
    sessions = [
      await call(api.url, msk, 'POST', `/api/events/${conference.eventId}/programme/sessions`, {
        title: 'Открытие конференции',
        start: at(0),
        end: at(20),
        speakers: [{ userId: teacherId }],
      }),
      await call(api.url, msk, 'POST', `/api/events/${conference.eventId}/programme/sessions`, {
        title: 'BIM на стройплощадке',
        start: at(20),
        end: at(65),
        speakers: [{ name: 'Айгүл Серікқызы, ТОО «Құрылыс»' }],
      }),
    ];
  });
  afterAll(async () => {
    await browser?.close();
    await lk?.stop();
    await api?.stop();
  });

  it('when someone not signed in opens the programme link, then every session is shown on the Moscow and Karaganda clocks and on their own', async () => {
    const visitor = (await newPerson(browser, api.url, { timezoneId: 'Europe/Berlin' })).page;
    await visitor.goto(`/programme/${conference.eventId}`);
    await visitor.getByTestId('programme-title').waitFor({ timeout: 20_000 });
    expect(await visitor.getByTestId('programme-title').textContent()).toBe(
      'Конференция «Цифровое строительство»',
    );
    const items = visitor.getByTestId('programme-session');
    expect(await items.count()).toBe(2);
    for (const [n, s] of sessions.entries()) {
      const text = (await items.nth(n).textContent()) ?? '';
      expect(text).toContain(s.title);
      expect(text).toContain(`${hhmm(s.start, 'Europe/Moscow')}–${hhmm(s.end, 'Europe/Moscow')} Москва`);
      expect(text).toContain(`${hhmm(s.start, 'Asia/Almaty')}–${hhmm(s.end, 'Asia/Almaty')} Караганда`);
      expect(text).toContain(`${hhmm(s.start, 'Europe/Berlin')}–${hhmm(s.end, 'Europe/Berlin')} у вас`);
    }
    expect(await items.nth(1).textContent()).toContain('Айгүл Серікқызы');
    const findings = await seriousAxeViolations(visitor);
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    await screenshot(visitor, 'programme-public-ru');

    // In Kazakh, for a visitor in Karaganda: the same times, the city names in Kazakh.
    const kk = await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' });
    await kk.context.addInitScript(() => localStorage.setItem('telemost.locale', 'kk'));
    await kk.page.goto(`/programme/${conference.eventId}`);
    await kk.page.getByTestId('programme-title').waitFor({ timeout: 20_000 });
    const first = (await kk.page.getByTestId('programme-session').first().textContent()) ?? '';
    expect(first).toContain(hhmm(sessions[0]!.start, 'Asia/Almaty'));
    expect(first).toContain(hhmm(sessions[0]!.start, 'Europe/Moscow'));
    expect(await kk.page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Бағдарлама');
    await screenshot(kk.page, 'programme-public-kk');
  });

  it('when the host gives a raised hand the floor, then the listener’s microphone is heard on the host’s side; taken back, they listen again', async () => {
    const h = await newPerson(browser, api.url);
    await h.context.addInitScript(COLLECT_PEER_CONNECTIONS);
    const host = h.page;
    await signInThroughUi(host, conference.teacherEmail);
    await host.goto(`/events/${conference.eventId}`);
    await host.click('[data-testid="join-button"]:not([disabled])');
    await host.waitForSelector('[data-testid="local-video"]', { timeout: 30_000 });

    const s = await newPerson(browser, api.url, { timezoneId: 'Asia/Almaty' });
    const listener = s.page;
    await signInThroughUi(listener, conference.studentEmail);
    await listener.goto(`/events/${conference.eventId}`);
    await listener.click('[data-testid="join-button"]:not([disabled])');
    // A listener sees the host, is told they are in the audience, and has no microphone button.
    await listener.waitForSelector('[data-testid="remote-video"]', { timeout: 30_000 });
    await listener.getByTestId('audience-listener').waitFor({ timeout: 15_000 });
    expect(await listener.getByTestId('toggle-mic').count()).toBe(0);
    const me = await call(api.url, (await signIn(api.url, conference.studentEmail)).header, 'GET', '/api/me');
    const studentIdentity = me.id as string;
    const before = await inboundAudio(host);

    await listener.getByTestId('raise-hand').click();
    const hands = host.getByTestId('audience-hands');
    // A listener's first data message sets up its sending connection: allow for a loaded machine.
    await hands.waitFor({ timeout: 45_000 });
    expect(await hands.locator('li').count()).toBe(1);
    await screenshot(host, 'conference-host-raised-hand-ru');
    await screenshot(listener, 'conference-listener-hand-up-kk');
    const findings = [...(await seriousAxeViolations(host)), ...(await seriousAxeViolations(listener))];
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);

    await hands.getByTestId('promote').click();
    await listener.getByTestId('may-speak').waitFor({ timeout: 15_000 });
    await listener.getByTestId('turn-on-mic').click();
    // LiveKit has the listener's microphone now, and the host's side receives and decodes it.
    const deadline = Date.now() + 30_000;
    let published = false;
    while (Date.now() < deadline && !published) {
      const p = await rooms.getParticipant(conference.eventId, studentIdentity).catch(() => null);
      published = Boolean(p?.tracks.some((t) => t.type === 0 && !t.muted));
      if (!published) await host.waitForTimeout(500);
    }
    expect(published).toBe(true);
    let after = await inboundAudio(host);
    const until = Date.now() + 20_000;
    while (Date.now() < until && after.packets < before.packets + 50) {
      await host.waitForTimeout(500);
      after = await inboundAudio(host);
    }
    expect(after.packets).toBeGreaterThan(before.packets + 50);
    expect(after.bytes).toBeGreaterThan(before.bytes);
    await host.getByTestId('audience-speakers').waitFor({ timeout: 15_000 });
    await screenshot(listener, 'conference-listener-may-speak-kk');
    await screenshot(host, 'conference-host-listener-speaking-ru');

    await host.getByTestId('audience-speakers').getByTestId('demote').click();
    await listener.getByTestId('audience-listener').waitFor({ timeout: 15_000 });
    expect(await listener.getByTestId('may-speak').count()).toBe(0);
    const live = await rooms.getParticipant(conference.eventId, studentIdentity);
    expect(live.permission?.canPublish).toBe(false);
  });
});
