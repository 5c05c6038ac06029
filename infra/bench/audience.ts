/**
 * npm run bench:audience — how many listeners one LiveKit node holds in a hall, and how long a
 * speaker's word takes to reach them.
 *
 * On one LiveKit server on loopback: S speakers (@livekit/rtc-node, default 3) publish a
 * microphone (a tone, so never silent) and, five times a second, a small data message with their
 * clock. Listeners (@livekit/rtc-node, subscribe-only tokens, as the hall's audience gets) join in
 * steps (25, 50, 100, 200, …): each step adds listeners, lets them settle, then over a fixed window
 * every listener counts the audio frames it decodes from each speaker (100 ms frames: 10 a second
 * is the full rate) and the clock messages it gets; the latency is arrival minus the speaker's
 * clock (one process, one clock). A step is held when 95% of listeners receive at least 90% of the
 * audio frames, 98% of the clock messages sent in the window arrive within a second after it, and
 * their p99 is under a second; the ramp stops at the first step
 * that is not held, at the top step, or when the time budget is spent. With BENCH_AUDIENCE_VIDEO=1
 * the speakers also publish a camera (simulcast) and listeners receive the first speaker's.
 *
 * Speakers, listeners and the server share this machine: the figure is where the machine gives
 * out, which is the simulated listeners as much as the server (each listener is a full WebRTC
 * stack, decoding its audio).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { startLiveKit } from '../e2e/livekit.ts';
import { cpuBetween, cpuSnapshot, processCpuMs } from './support/proc-cpu.ts';
import { rtc, startPublishers, type TPublisher, tokenFor } from './support/simulated.ts';
import { ms, p50p99 } from './support/stats.ts';

const SPEAKERS = Number(process.env.BENCH_AUDIENCE_SPEAKERS ?? 3);
const STEPS = (process.env.BENCH_AUDIENCE_STEPS ?? '25,50,100,200,300,400').split(',').map(Number);
const SETTLE_MS = Number(process.env.BENCH_AUDIENCE_SETTLE_MS ?? 4000);
const WINDOW_MS = Number(process.env.BENCH_AUDIENCE_WINDOW_MS ?? 8000);
const BUDGET_MS = Number(process.env.BENCH_AUDIENCE_BUDGET_MS ?? 240_000);
const VIDEO = process.env.BENCH_AUDIENCE_VIDEO === '1';
const FRAME_MS = 100;
const CLOCK_EVERY_MS = 200;
const ROOM = 'hall';
/**
 * Listener processes: @livekit/rtc-node hands every event of its native side to every Room of the
 * process (each takes a lock to look at it), so one process with N listeners does N² work. Split
 * over a few processes, that stays small beside the media work.
 */
const PROCESSES = Number(process.env.BENCH_AUDIENCE_PROCESSES ?? 4);

type TListener = {
  room: InstanceType<typeof rtc.Room>;
  /** Audio frames received per speaker track since the counter was last read. */
  frames: Map<string, number>;
  videoFrames: number;
  /** Clock messages received: when the speaker sent each, and how long it took. */
  clocks: { sentAt: number; ms: number }[];
  counting: boolean;
};

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

type TKeys = { url: string; apiKey: string; apiSecret: string };

async function join(lk: TKeys, i: number): Promise<TListener> {
  const room = new rtc.Room();
  room.setMaxListeners(100);
  const l: TListener = { room, frames: new Map(), videoFrames: 0, clocks: [], counting: false };
  const decoder = new TextDecoder();
  room.on(rtc.RoomEvent.DataReceived, (payload, _p, _kind, topic) => {
    if (topic !== 'clock') return;
    const { sentAt } = JSON.parse(decoder.decode(payload)) as { sentAt: number };
    l.clocks.push({ sentAt, ms: performance.timeOrigin + performance.now() - sentAt });
    if (l.clocks.length > 10_000) l.clocks.splice(0, 5000);
  });
  room.on(rtc.RoomEvent.TrackSubscribed, (track, pub) => {
    if (track.kind === rtc.TrackKind.KIND_AUDIO) {
      const key = pub.sid ?? track.sid ?? '';
      void (async () => {
        for await (const _ of new rtc.AudioStream(track, {
          sampleRate: 16000,
          numChannels: 1,
          frameSizeMs: FRAME_MS,
        })) {
          if (l.counting) l.frames.set(key, (l.frames.get(key) ?? 0) + 1);
        }
      })().catch(() => {});
    } else if (track.kind === rtc.TrackKind.KIND_VIDEO) {
      void (async () => {
        for await (const _ of new rtc.VideoStream(track)) if (l.counting) l.videoFrames++;
      })().catch(() => {});
    }
  });
  // Audio of every speaker; with video on, the first speaker's camera too.
  room.on(rtc.RoomEvent.TrackPublished, (pub, participant) => {
    if (pub.kind === rtc.TrackKind.KIND_AUDIO || (VIDEO && participant.identity === 'speaker-1'))
      pub.setSubscribed(true);
  });
  const token = await tokenFor(lk, ROOM, `listener-${i}`, {
    grant: { canPublish: false, canPublishData: false },
  });
  await room.connect(lk.url, token, { autoSubscribe: false, dynacast: true });
  for (const p of room.remoteParticipants.values()) {
    for (const pub of p.trackPublications.values()) {
      if (pub.kind === rtc.TrackKind.KIND_AUDIO || (VIDEO && p.identity === 'speaker-1'))
        pub.setSubscribed(true);
    }
  }
  return l;
}

/** What a listener process reports for a window: per listener, frames per speaker; and the clock latencies. */
type TReport = { frames: number[][]; videoFrames: number[]; latencies: number[] };
type TToChild =
  | { type: 'add'; from: number; count: number }
  | { type: 'start' }
  | { type: 'stop'; from: number; to: number }
  | { type: 'exit' };
type TFromChild = { type: 'added'; joined: number; failed: number } | ({ type: 'report' } & TReport);

/** A listener process: joins listeners when told, counts when told, reports. */
async function child() {
  const lk = JSON.parse(process.env.BENCH_AUDIENCE_LK!) as TKeys;
  const listeners: TListener[] = [];
  const send = (m: TFromChild) => process.send!(m);
  process.on('message', async (m: TToChild) => {
    if (m.type === 'add') {
      let failed = 0;
      for (let i = 0; i < m.count; i += 5) {
        const got = await Promise.allSettled(
          Array.from({ length: Math.min(5, m.count - i) }, (_, k) => join(lk, m.from + i + k)),
        );
        for (const g of got) {
          if (g.status === 'fulfilled') listeners.push(g.value);
          else failed++;
        }
      }
      send({ type: 'added', joined: listeners.length, failed });
    } else if (m.type === 'start') {
      for (const l of listeners) {
        l.frames.clear();
        l.videoFrames = 0;
        l.clocks = [];
        l.counting = true;
      }
    } else if (m.type === 'stop') {
      for (const l of listeners) l.counting = false;
      // A moment for the last clock messages of the window to land (later than that is lost).
      await new Promise((r) => setTimeout(r, 1000));
      send({
        type: 'report',
        frames: listeners.map((l) => [...l.frames.values()]),
        videoFrames: listeners.map((l) => l.videoFrames),
        latencies: listeners.flatMap((l) =>
          l.clocks.filter((c) => c.sentAt >= m.from && c.sentAt < m.to).map((c) => c.ms),
        ),
      });
    } else if (m.type === 'exit') {
      await Promise.all(listeners.map((l) => l.room.disconnect().catch(() => {})));
      process.exit(0);
    }
  });
}

function ask(c: ChildProcess, m: TToChild, reply: TFromChild['type']): Promise<TFromChild> {
  return new Promise((resolve) => {
    const on = (r: TFromChild) => {
      if (r.type !== reply) return;
      c.off('message', on);
      resolve(r);
    };
    c.on('message', on);
    c.send(m);
  });
}

async function main() {
  const started = performance.now();
  const lk = await startLiveKit({
    port: await freePort(),
    udpFrom: 40_000 + Math.floor(Math.random() * 150) * 100,
  });
  const speakers: TPublisher[] = [];
  const children: ChildProcess[] = [];
  const lkPid = () => cpuSnapshot(process.pid, /livekit/);
  let held = 0;
  let heldLatency: { p50: number; p99: number } | null = null;
  let reason = 'the top step was held';
  let joined = 0;
  try {
    speakers.push(
      ...(await startPublishers(
        lk,
        ROOM,
        Array.from({ length: SPEAKERS }, (_, i) => ({
          identity: `speaker-${i + 1}`,
          name: `Докладчик ${i + 1}`,
          audio: 'tone' as const,
          clockEveryMs: CLOCK_EVERY_MS,
          ...(VIDEO ? { video: { width: 640, height: 360, fps: 15 } } : {}),
        })),
      )),
    );
    for (let i = 0; i < PROCESSES; i++) {
      children.push(
        fork(new URL(import.meta.url).pathname, [], {
          env: { ...process.env, BENCH_AUDIENCE_CHILD: '1', BENCH_AUDIENCE_LK: JSON.stringify(lk) },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
    }
    console.log(
      `speakers: ${SPEAKERS} (audio${VIDEO ? ' + a 640×360 simulcast camera' : ''}, a clock message every ${CLOCK_EVERY_MS} ms); listeners in ${PROCESSES} processes, in steps of ${STEPS.join(', ')}`,
    );
    for (const n of STEPS) {
      if (performance.now() - started > BUDGET_MS) {
        reason = 'the time budget ran out';
        break;
      }
      const joinStart = performance.now();
      const add = n - joined;
      const shares = children.map((_, i) => Math.floor(add / PROCESSES) + (i < add % PROCESSES ? 1 : 0));
      let from = joined;
      const added = await Promise.all(
        children.map((c, i) => {
          const m: TToChild = { type: 'add', from, count: shares[i]! };
          from += shares[i]!;
          return ask(c, m, 'added') as Promise<Extract<TFromChild, { type: 'added' }>>;
        }),
      );
      joined = added.reduce((a, r) => a + r.joined, 0);
      const failed = added.reduce((a, r) => a + r.failed, 0);
      const joinSeconds = (performance.now() - joinStart) / 1000;
      if (joined < n) {
        console.log(`  ${n} listeners: only ${joined} could join (${failed} failed)`);
        reason = 'listeners could not join';
        break;
      }
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const cpu0 = {
        me: process.cpuUsage(),
        lk: lkPid(),
        kids: children.reduce((a, c) => a + processCpuMs(c.pid!), 0),
      };
      const sent0 = speakers.reduce((a, sp) => a + sp.clockSent(), 0);
      for (const c of children) c.send({ type: 'start' } satisfies TToChild);
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const t1 = performance.now();
      const seconds = (t1 - t0) / 1000;
      const sent = speakers.reduce((a, sp) => a + sp.clockSent(), 0) - sent0;
      const reports = (await Promise.all(
        children.map((c) =>
          ask(
            c,
            { type: 'stop', from: performance.timeOrigin + t0, to: performance.timeOrigin + t1 },
            'report',
          ),
        ),
      )) as (TReport & { type: 'report' })[];
      const me = process.cpuUsage(cpu0.me);
      const lkCpu = cpuBetween(cpu0.lk, lkPid()) / 10 / seconds;
      const kidsCpu = (children.reduce((a, c) => a + processCpuMs(c.pid!), 0) - cpu0.kids) / 10 / seconds;
      const frames = reports.flatMap((r) => r.frames);
      const expected = (seconds * 1000) / FRAME_MS;
      const fullRate = frames.filter(
        (f) => f.length >= SPEAKERS && f.every((x) => x >= expected * 0.9),
      ).length;
      const latencies = reports.flatMap((r) => r.latencies);
      const clockExpected = joined * sent;
      const lat = p50p99(latencies);
      const audioRate =
        frames.reduce((a, f) => a + f.reduce((x, y) => x + y, 0), 0) / (joined * SPEAKERS * seconds);
      const videoFps = reports.flatMap((r) => r.videoFrames).reduce((a, x) => a + x, 0) / joined / seconds;
      console.log(
        `  ${n} listeners (joined in ${joinSeconds.toFixed(1)} s): ${fullRate} at full audio rate (mean ${audioRate.toFixed(1)} of 10 frames/s per speaker)` +
          `${VIDEO ? `, video ${videoFps.toFixed(1)} fps` : ''}` +
          `, clock messages ${((latencies.length / clockExpected) * 100).toFixed(0)}% in, latency p50 ${ms(lat.p50)} ms p99 ${ms(lat.p99)} ms;` +
          ` cpu: livekit-server ${lkCpu.toFixed(0)}%, speakers ${((me.user + me.system) / 10_000 / seconds).toFixed(0)}%, listeners ${kidsCpu.toFixed(0)}%`,
      );
      const ok = fullRate >= joined * 0.95 && lat.p99 <= 1000 && latencies.length >= clockExpected * 0.98;
      if (!ok) {
        reason = `frames dropped at ${n} listeners`;
        break;
      }
      held = n;
      heldLatency = lat;
    }
    console.log(`stopped: ${reason}`);
    console.log(`audience: ${held} subscribers held`);
    console.log(
      heldLatency
        ? `speaker to listener latency p50/p99: ${ms(heldLatency.p50)} ms / ${ms(heldLatency.p99)} ms`
        : 'speaker to listener latency p50/p99: – (no step was held)',
    );
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((r) => {
            c.once('exit', r);
            c.send({ type: 'exit' } satisfies TToChild);
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await Promise.all(speakers.map((s) => s.stop()));
    await lk.stop();
  }
}

if (process.env.BENCH_AUDIENCE_CHILD) {
  void child();
} else {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
