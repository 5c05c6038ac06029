/**
 * npm run bench:classroom — one viewer of a class-sized lesson: CPU and downlink of the lesson
 * page against a bare livekit-client page with the same subscriptions.
 *
 * In one run, on one LiveKit server on loopback: a lesson is booked through the real api, and 40
 * simulated participants (@livekit/rtc-node) join its room: the two classroom cameras (640×360,
 * 15 fps, a tone on the microphone: the active speakers) and 38 students (320×180, 10 fps; six with
 * a silent microphone), each camera with simulcast and a moving pattern. Then one real Chromium
 * (headless, 1280×800, its own camera and microphone off) opens the lesson page as a Karaganda
 * student and joins; after a settle, its CPU (every Chromium process, from /proc) and what it
 * received (getStats inbound-rtp) are measured over a fixed window. The bare page then subscribes
 * to every microphone and to exactly the cameras the lesson page showed, at the sizes it showed
 * them, and is measured the same way, in a fresh browser. Rounds of lesson then bare (each bare
 * window with the tiles of the lesson window before it).
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { signIn, startApi } from '../e2e/api-process.ts';
import { launchChromium } from '../e2e/browser.ts';
import { bookConfirmedLesson } from '../e2e/lesson.ts';
import { startLiveKit } from '../e2e/livekit.ts';
import { serveBareClassroomPage } from './support/bare-classroom-page.ts';
import { mediaBetween, mediaSnapshot, probePeerConnections } from './support/page-media.ts';
import { cpuBetween, cpuByType, cpuSnapshot } from './support/proc-cpu.ts';
import { startPublishers, type TPublisherSpec } from './support/simulated.ts';

const PUBLISHERS = Number(process.env.BENCH_CLASSROOM_PUBLISHERS ?? 40);
const SETTLE_MS = Number(process.env.BENCH_CLASSROOM_SETTLE_MS ?? 8000);
const WINDOW_MS = Number(process.env.BENCH_CLASSROOM_WINDOW_MS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_CLASSROOM_ROUNDS ?? 2);
const VIEWPORT = { width: 1280, height: 800 };
const CHROMIUM = /chrom/i;
const LIVEKIT = /livekit/;
/** A CPU profile's entries for the VM's own states, not functions. */
const VM_STATE = /^\((idle|program|garbage collector|root)\) /;

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function specs(): TPublisherSpec[] {
  const out: TPublisherSpec[] = [
    {
      identity: 'sim-room-msk',
      name: 'Аудитория МСК',
      video: { width: 640, height: 360, fps: 15 },
      audio: 'tone',
      kind: 'ingress',
    },
    {
      identity: 'sim-room-krg',
      name: 'Аудитория КРГ',
      video: { width: 640, height: 360, fps: 15 },
      audio: 'tone',
      kind: 'ingress',
    },
  ];
  for (let i = 1; out.length < PUBLISHERS; i++) {
    out.push({
      identity: `sim-student-${String(i).padStart(2, '0')}`,
      name: `Студент ${i}`,
      video: { width: 320, height: 180, fps: 10 },
      ...(i <= 6 ? { audio: 'silence' as const } : {}),
      kind: 'ingress', // see TPublisherSpec.kind: simulated people have no seat in the lesson
    });
  }
  return out;
}

type TTile = { identity: string; w: number; h: number };
type TMeasure = {
  cpuMs: number;
  /** CPU of livekit-server in the window: 40 publishers and this one viewer. */
  lkCpuMs: number;
  wallMs: number;
  kbps: number;
  decodedTiles: number;
  /** Videos decoding that no tile on the page showed: off-page cameras still received. */
  offScreen: number;
  audioStreams: number;
  fps: number;
  reconnected: boolean;
  tiles: TTile[];
};

/** Opens a page in a fresh Chromium, waits for its videos to settle, and measures one window. */
async function measure(label: string, open: (browser: Browser) => Promise<Page>): Promise<TMeasure> {
  const browser = await launchChromium();
  try {
    const page = await open(browser);
    await page
      .waitForFunction(
        () => [...(globalThis as any).document.querySelectorAll('video')].some((v: any) => v.videoWidth > 0),
        undefined,
        { timeout: 60_000 },
      )
      .catch(async (err) => {
        await page.screenshot({ path: `artifacts/bench-classroom-${label}.png` }).catch(() => {});
        throw new Error(
          `${label}: no remote video decoded (see artifacts/bench-classroom-${label}.png): ${err}`,
        );
      });
    await page.waitForTimeout(SETTLE_MS);
    const shownTiles = () =>
      page.evaluate(() => {
        const g = globalThis as any;
        return [...g.document.querySelectorAll('[data-identity]')]
          .map((tile: any) => ({ tile, video: tile.querySelector('video[data-testid="remote-video"]') }))
          .filter((x: any) => x.video && x.video.videoWidth > 0)
          .map((x: any) => ({
            identity: x.tile.getAttribute('data-identity') as string,
            w: Math.round(x.video.clientWidth),
            h: Math.round(x.video.clientHeight),
          }));
      });
    // A page that is reconnecting (a loaded machine) shows no video for a moment: wait it out.
    let tiles = await shownTiles();
    for (let i = 0; i < 20 && tiles.length === 0; i++) {
      await page.waitForTimeout(1000);
      tiles = await shownTiles();
    }
    if (process.env.BENCH_DEBUG) {
      const shown = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('[data-identity]')].map(
          (t: any) =>
            `${t.getAttribute('data-identity')}${t.classList.contains('speaking') ? ' (speaking)' : ''}`,
        ),
      );
      console.log(`  ${label} shows: ${shown.join(', ')}`);
      // Who the page marks as speaking over 3 s (LiveKit's active speakers, as the tiles show them).
      const speaking = new Set<string>();
      for (let i = 0; i < 6; i++) {
        // The bare page has no speaking tiles: its Room's own list.
        const now = await page.evaluate(() => {
          const g = globalThis as any;
          if (g.room) return g.room.activeSpeakers.map((p: any) => p.identity as string);
          return [...g.document.querySelectorAll('.tile.speaking[data-identity]')].map(
            (t: any) => t.getAttribute('data-identity') as string,
          );
        });
        for (const id of now) speaking.add(id);
        await page.waitForTimeout(500);
      }
      console.log(`  ${label} speaking: ${[...speaking].join(', ') || 'nobody'}`);
    }
    if (tiles.length === 0) {
      await page.screenshot({ path: `artifacts/bench-classroom-${label}.png` }).catch(() => {});
      throw new Error(`${label}: no tile shows a decoded video (see artifacts/bench-classroom-${label}.png)`);
    }
    // The page's main thread (BENCH_DEBUG): script, style, layout and task time over the window.
    const cdp = process.env.BENCH_DEBUG ? await page.context().newCDPSession(page) : null;
    await cdp?.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        ((await cdp?.send('Performance.getMetrics'))?.metrics ?? []).map((m) => [m.name, m.value]),
      ) as Record<string, number>;
    let main0 = await metrics();
    let cpu0 = cpuSnapshot(process.pid, CHROMIUM);
    let lk0 = cpuSnapshot(process.pid, LIVEKIT);
    let media0 = await mediaSnapshot(page);
    let t0 = performance.now();
    await page.waitForTimeout(WINDOW_MS);
    let media1 = await mediaSnapshot(page);
    if (mediaBetween(media0, media1).reconnected) {
      // The page reconnected in the window (signal timeouts on a loaded machine): measure again.
      console.log(`  ${label}: the page reconnected in the window; measuring again`);
      await page.waitForTimeout(SETTLE_MS);
      main0 = await metrics();
      cpu0 = cpuSnapshot(process.pid, CHROMIUM);
      lk0 = cpuSnapshot(process.pid, LIVEKIT);
      media0 = await mediaSnapshot(page);
      t0 = performance.now();
      await page.waitForTimeout(WINDOW_MS);
      media1 = await mediaSnapshot(page);
    }
    const wallMs = performance.now() - t0;
    const cpu1 = cpuSnapshot(process.pid, CHROMIUM);
    const cpuMs = cpuBetween(cpu0, cpu1);
    if (process.env.BENCH_DEBUG) {
      const by = Object.entries(cpuByType(cpu0, cpu1))
        .map(([type, used]) => `${type} ${((used / wallMs) * 100).toFixed(0)}%`)
        .join(', ');
      console.log(`  ${label} cpu by process: ${by}`);
    }
    const lkCpuMs = cpuBetween(lk0, cpuSnapshot(process.pid, LIVEKIT));
    if (cdp) {
      const main1 = await metrics();
      const d = (name: string) => (main1[name] ?? 0) - (main0[name] ?? 0);
      const ms = (name: string) => `${((d(name) * 1e6) / wallMs).toFixed(0)} ms/s`;
      const n = (name: string) => `${((d(name) * 1000) / wallMs).toFixed(1)}/s`;
      console.log(
        `  ${label} main thread: tasks ${ms('TaskDuration')}, script ${ms('ScriptDuration')}, style ${ms('RecalcStyleDuration')} (${n('RecalcStyleCount')}), layout ${ms('LayoutDuration')} (${n('LayoutCount')}), nodes ${main1.Nodes ?? 0}, listeners ${main1.JSEventListeners ?? 0}`,
      );
    }
    if (cdp && process.env.BENCH_CLASSROOM_PROFILE) {
      // After the window (a profiler slows the page): where the main thread's script time goes.
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await page.waitForTimeout(10_000);
      const { profile } = await cdp.send('Profiler.stop');
      // Self and total time per function (line:column in the served bundle).
      const self = new Map<string, number>();
      const total = new Map<string, number>();
      const dt = profile.timeDeltas ?? [];
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const parent = new Map<number, number>();
      for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
      const keyOf = (id: number) => {
        const f = byId.get(id)!.callFrame;
        return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      };
      (profile.samples ?? []).forEach((id, i) => {
        const used = (dt[i] ?? 0) / 1000;
        self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + used);
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
        for (const key of seen) total.set(key, (total.get(key) ?? 0) + used);
      });
      const print = (title: string, m: Map<string, number>) => {
        console.log(`  ${label} profile, ${title} (ms in 10 s):`);
        const top = [...m.entries()].filter(([k]) => !VM_STATE.test(k)).sort((a, b) => b[1] - a[1]);
        for (const [key, used] of top.slice(0, 20)) console.log(`    ${used.toFixed(0).padStart(6)}  ${key}`);
      };
      console.log(
        `  ${label} profile: ${[...self.entries()]
          .filter(([k]) => VM_STATE.test(k))
          .map(([k, v]) => `${k.split(' :')[0]} ${v.toFixed(0)} ms`)
          .join(', ')}`,
      );
      print('self', self);
      print('total', total);
      // Media events reach a page's listeners (React listens to all of them at its root).
      const events = await page.evaluate(async () => {
        const g = globalThis as any;
        const counts: Record<string, number> = {};
        const types = [
          'timeupdate',
          'progress',
          'resize',
          'playing',
          'play',
          'pause',
          'waiting',
          'canplay',
          'loadeddata',
          'suspend',
          'stalled',
          'volumechange',
        ];
        const on = (e: any) => {
          counts[e.type] = (counts[e.type] ?? 0) + 1;
        };
        for (const type of types) g.document.addEventListener(type, on, true);
        await new Promise((r) => setTimeout(r, 5000));
        for (const type of types) g.document.removeEventListener(type, on, true);
        return counts;
      });
      console.log(
        `  ${label} media events/s: ${Object.entries(events)
          .map(([k, v]) => `${k} ${(v / 5).toFixed(1)}`)
          .join(', ')}`,
      );
    }
    if (process.env.BENCH_DEBUG) {
      await page.screenshot({ path: `artifacts/bench-classroom-${label}.png` });
      // The lesson page in Russian too (the student's own language is Kazakh).
      const language = page.locator('.language-switcher select');
      if (label === 'lesson' && (await language.count()) > 0) {
        await language.selectOption('ru');
        await page.screenshot({ path: 'artifacts/bench-classroom-lesson-ru.png' });
      }
    }
    return { cpuMs, lkCpuMs, wallMs, ...mediaBetween(media0, media1), tiles };
  } finally {
    await browser.close();
  }
}

async function main() {
  // Measure the client as it stands, not a stale build.
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('web build failed: run `npm run build -w web` to see why');
  const apiPort = await freePort();
  const lk = await startLiveKit({
    webhookUrl: `http://127.0.0.1:${apiPort}/api/livekit/webhook`,
    // A machine shared with browser tests that hold their own LiveKit ports: pin this one's.
    port: Number(process.env.BENCH_LIVEKIT_PORT) || (await freePort()),
    udpFrom: Number(process.env.BENCH_LIVEKIT_UDP_FROM) || 40_000 + Math.floor(Math.random() * 200) * 100,
  });
  const publishers: Awaited<ReturnType<typeof startPublishers>> = [];
  const api = await startApi(
    {
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
      // Its own keys in the shared Redis; sign-in limits raised, since their counters are shared
      // by every run on this machine that signs the demo people in (as the browser tests do).
      QUEUE_PREFIX: `bench-classroom-${process.pid}-${apiPort}`,
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_ADDRESS_RATE_LIMIT: '1000',
    },
    apiPort,
    { readyTimeoutMs: 180_000 }, // a loaded machine: the first start migrates a fresh database
  ).catch(async (err) => {
    await lk.stop();
    throw err;
  });
  const bare = await serveBareClassroomPage();
  try {
    const lesson = await bookConfirmedLesson(api.url, { startsInMinutes: 5, durationMinutes: 120 });
    const room = lesson.eventId; // the lesson's main room is named by its event id
    publishers.push(...(await startPublishers(lk, room, specs())));
    console.log(
      `publishers: ${publishers.length} in the lesson's room (2 classroom cameras 640×360@15, ${publishers.length - 2} students 320×180@10, simulcast VP8)`,
    );
    const student = (await signIn(api.url, lesson.studentEmail)).cookie;
    const lessonPage = async (browser: Browser) => {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await probePeerConnections(context);
      await context.addCookies([student]);
      // A viewer with camera and microphone off (the device check's choices, as LiveKit keeps them).
      await context.addInitScript(() => {
        (globalThis as any).localStorage.setItem(
          'lk-user-choices',
          JSON.stringify({
            videoEnabled: false,
            audioEnabled: false,
            videoDeviceId: '',
            audioDeviceId: '',
            username: '',
          }),
        );
      });
      const page = await context.newPage();
      await page.goto(`${api.url}/events/${lesson.eventId}`);
      await page.click('[data-testid="join-button"]:not([disabled])', { timeout: 30_000 });
      if (lessonCss) await page.addStyleTag({ content: lessonCss });
      return page;
    };
    let shown: TTile[] = [];
    const lessonCss = process.env.BENCH_CLASSROOM_LESSON_CSS ?? '';
    const barePage = async (browser: Browser) => {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await probePeerConnections(context);
      const page = await context.newPage();
      // The same person with a token the api mints for them: a participant without a seat in the
      // lesson would be put out of its room.
      const res = await fetch(`${api.url}/api/events/${lesson.eventId}/join`, {
        method: 'POST',
        headers: { cookie: `${student.name}=${student.value}` },
      });
      if (!res.ok) throw new Error(`join: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      const q = new URLSearchParams({ url: lk.url, token, tiles: JSON.stringify(shown) });
      await page.goto(`${bare.url}?${q}`);
      return page;
    };
    const app: TMeasure[] = [];
    const floor: TMeasure[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Each bare window subscribes to what the lesson window before it showed.
      for (const which of ['app', 'bare'] as const) {
        if (which === 'app') {
          const m = await measure('lesson', lessonPage);
          shown = m.tiles;
          app.push(m);
        } else {
          floor.push(await measure('bare', barePage));
        }
        const m = which === 'app' ? app.at(-1)! : floor.at(-1)!;
        if (process.env.BENCH_DEBUG) {
          console.log(
            `  ${which}: cpu ${((m.cpuMs / m.wallMs) * 100).toFixed(0)}% of a core, ${m.kbps.toFixed(0)} kbps, ${m.decodedTiles} tiles at ${m.fps.toFixed(1)} fps, ${m.offScreen} decoding off screen, ${m.audioStreams} microphones${m.reconnected ? ' (the page reconnected in the window)' : ''}`,
          );
        }
      }
    }
    const cpu = (xs: TMeasure[]) =>
      xs.reduce((a, m) => a + m.cpuMs, 0) / xs.reduce((a, m) => a + m.wallMs, 0);
    const mean = (xs: TMeasure[], f: (m: TMeasure) => number) => xs.reduce((a, m) => a + f(m), 0) / xs.length;
    console.log(
      `lesson page: ${(cpu(app) * 100).toFixed(0)}% of a core, ${mean(app, (m) => m.kbps).toFixed(0)} kbps, ${mean(app, (m) => m.decodedTiles).toFixed(0)} tiles decoding at ${mean(app, (m) => m.fps).toFixed(1)} fps`,
    );
    console.log(
      `bare page (same cameras and microphones): ${(cpu(floor) * 100).toFixed(0)}% of a core, ${mean(floor, (m) => m.kbps).toFixed(0)} kbps, ${mean(floor, (m) => m.decodedTiles).toFixed(0)} tiles decoding at ${mean(floor, (m) => m.fps).toFixed(1)} fps`,
    );
    const all = [...app, ...floor];
    console.log(
      `livekit-server: ${((all.reduce((a, m) => a + m.lkCpuMs, 0) / all.reduce((a, m) => a + m.wallMs, 0)) * 100).toFixed(0)}% of a core for ${PUBLISHERS} publishers and one viewer`,
    );
    console.log(
      `windows: ${app.length} + ${floor.length} of ${WINDOW_MS / 1000} s, after ${SETTLE_MS / 1000} s to settle`,
    );
    console.log(`classroom cpu ratio: ${(cpu(app) / cpu(floor)).toFixed(2)}`);
    console.log(`downlink kbps: ${mean(app, (m) => m.kbps).toFixed(0)}`);
    console.log(`decoded tiles: ${Math.round(mean(app, (m) => m.decodedTiles))}`);
    console.log('target: classroom cpu ratio ≤ 1.2');
    // Not a figure but a fault: the lesson page receives only the cameras it shows.
    const offScreen = Math.max(...app.map((m) => m.offScreen));
    console.log(`off-screen cameras decoding (lesson page, worst window): ${offScreen}`);
    if (offScreen > 0) {
      console.error(
        'FAIL: the lesson page decoded cameras that no tile showed (off-page cameras left subscribed)',
      );
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(publishers.map((p) => p.stop()));
    await bare.close();
    await api.stop();
    await lk.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
