/**
 * npm run bench:join — time from clicking "Join" to the first decoded remote video frame.
 *
 * In one run, on one LiveKit server on loopback: a Moscow teacher is in a Telemost lesson with
 * camera and microphone; a Karaganda student opens the lesson page and clicks Join, N times in
 * fresh browser contexts. Alternating with those, a bare livekit-client page (the floor for this
 * stack) clicks Join into a room where a peer publishes the same fake camera. Each page is
 * clicked the moment its Join is enabled (both get ready first: Telemost loads the bridge, fetches
 * the token and prepares the connection; the bare page prepares its connection). Both are measured
 * by the same in-page code and probe (infra/e2e/measure-join.ts), which also reports the steps.
 */
import { spawnSync } from 'node:child_process';
import { AccessToken } from 'livekit-server-sdk';
import { signIn, startApi } from '../e2e/api-process.ts';
import { serveBaselinePage } from '../e2e/baseline-page.ts';
import { launchChromium } from '../e2e/browser.ts';
import { bookConfirmedLesson } from '../e2e/lesson.ts';
import { startLiveKit } from '../e2e/livekit.ts';
import { measureJoin, probeJoinSteps, type TJoinTimes } from '../e2e/measure-join.ts';

const RUNS = Number(process.env.BENCH_JOIN_RUNS ?? 12);
const API_PORT = 3950;
const JOIN_BUTTON = '[data-testid="join-button"]';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1]!;

async function main() {
  // Measure the client as it stands, not a stale build.
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('web build failed: run `npm run build -w web` to see why');
  const lk = await startLiveKit({
    port: 7990,
    udpFrom: 52000,
    webhookUrl: `http://127.0.0.1:${API_PORT}/api/livekit/webhook`,
  });
  const api = await startApi(
    { LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret },
    API_PORT,
  );
  const baseline = await serveBaselinePage();
  const browser = await launchChromium();
  try {
    const lesson = await bookConfirmedLesson(api.url, { startsInMinutes: 5, durationMinutes: 120 });
    const teacherCtx = await browser.newContext();
    await teacherCtx.addCookies([(await signIn(api.url, lesson.teacherEmail)).cookie]);
    const teacher = await teacherCtx.newPage();
    await teacher.goto(`${api.url}/events/${lesson.eventId}`);
    await measureJoin(teacher, JOIN_BUTTON).catch(() => null); // alone in the room: no remote frame to wait for
    const token = async (identity: string) => {
      const t = new AccessToken(lk.apiKey, lk.apiSecret, { identity, ttl: 600 });
      t.addGrant({ roomJoin: true, room: 'baseline', canPublish: true, canSubscribe: true });
      return t.toJwt();
    };
    const peerCtx = await browser.newContext();
    const peer = await peerCtx.newPage();
    await peer.goto(
      `${baseline.url}?autojoin=1&url=${encodeURIComponent(lk.url)}&token=${await token('peer')}`,
    );

    const app: TJoinTimes[] = [];
    const floor: TJoinTimes[] = [];
    const studentCookie = (await signIn(api.url, lesson.studentEmail)).cookie;
    for (let i = 0; i < RUNS + 1; i++) {
      const a = await browser.newContext();
      await probeJoinSteps(a);
      await a.addCookies([studentCookie]);
      const page = await a.newPage();
      await page.goto(`${api.url}/events/${lesson.eventId}`);
      const ms = await measureJoin(page, JOIN_BUTTON);
      await a.close();
      const b = await browser.newContext();
      await probeJoinSteps(b);
      const bp = await b.newPage();
      await bp.goto(`${baseline.url}?url=${encodeURIComponent(lk.url)}&token=${await token(`joiner-${i}`)}`);
      const bms = await measureJoin(bp, '#join');
      await b.close();
      if (process.env.BENCH_DEBUG) {
        console.log(`run ${i}: Telemost`, JSON.stringify(ms, null, 1));
        console.log(`run ${i}: baseline`, JSON.stringify({ ...bms, resources: undefined }));
      }
      // The first pair warms caches (page code, codecs) and is not counted.
      if (i > 0) {
        app.push(ms);
        floor.push(bms);
      }
    }
    console.log(
      `joins measured: ${app.length} Telemost, ${floor.length} baseline (click → first decoded remote video frame)`,
    );
    const frames = (xs: TJoinTimes[]) => xs.map((x) => x.frame);
    console.log(`join p50: ${p50(frames(app)).toFixed(0)} ms (p90 ${p90(frames(app)).toFixed(0)} ms)`);
    console.log(
      `baseline p50: ${p50(frames(floor)).toFixed(0)} ms (p90 ${p90(frames(floor)).toFixed(0)} ms)`,
    );
    console.log(`ratio: ${(p50(frames(app)) / p50(frames(floor))).toFixed(2)}`);
    // Where the time goes, step by step from the click (p50 of each), for both pages.
    const steps = ['peer', 'signal', 'track', 'frame'] as const;
    const at = (xs: TJoinTimes[], step: (typeof steps)[number]) => {
      const got = xs.map((x) => x[step]).filter((v): v is number => v !== undefined);
      return got.length ? `${p50(got).toFixed(0)} ms` : '–';
    };
    console.log(
      'steps p50 from the click (peer connection made, signal open, remote video track, first frame):',
    );
    console.log(`  Telemost: ${steps.map((s) => at(app, s)).join(' · ')}`);
    console.log(`  baseline: ${steps.map((s) => at(floor, s)).join(' · ')}`);
    console.log('targets: ratio ≤ 1.3, join p50 < 1500 ms');
  } finally {
    await browser.close();
    await baseline.close();
    await api.stop();
    await lk.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
