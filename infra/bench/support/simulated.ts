import { AccessToken, type VideoGrant } from 'livekit-server-sdk';

// @livekit/rtc-node logs every FFI callback at debug level unless NODE_ENV is production; it reads
// NODE_ENV once, when it loads. The bench's child processes (the api) keep the bench's own NODE_ENV.
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
export const rtc = await import('@livekit/rtc-node');
if (nodeEnv === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = nodeEnv;

type TRoom = InstanceType<typeof rtc.Room>;

/** Where a simulated participant connects: the server and keys a token is signed with. */
export type TLiveKitKeys = { url: string; apiKey: string; apiSecret: string };

export async function tokenFor(
  lk: TLiveKitKeys,
  room: string,
  identity: string,
  options: {
    name?: string;
    grant?: Partial<VideoGrant>;
    ttlSeconds?: number;
    kind?: 'standard' | 'ingress';
  } = {},
): Promise<string> {
  const t = new AccessToken(lk.apiKey, lk.apiSecret, {
    identity,
    name: options.name ?? identity,
    ttl: options.ttlSeconds ?? 3600,
  });
  if (options.kind) t.kind = options.kind;
  t.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, ...options.grant });
  return t.toJwt();
}

/** A looped moving pattern (bars sliding sideways, a shade per publisher), as I420 frames. */
function movingPattern(width: number, height: number, frames: number, shade: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const lumaSize = width * height;
  for (let f = 0; f < frames; f++) {
    const buf = new Uint8Array((lumaSize * 3) / 2);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bar = (x + y / 2 + (f * width) / frames) % (width / 4) < width / 8;
        buf[y * width + x] = bar ? 200 : 40 + (shade % 120);
      }
    }
    buf.fill(128 + (shade % 60) - 30, lumaSize, lumaSize + lumaSize / 4);
    buf.fill(128 - (shade % 60) + 30, lumaSize + lumaSize / 4);
    out.push(buf);
  }
  return out;
}

export type TPublisherSpec = {
  identity: string;
  name: string;
  /** Camera resolution and frame rate; published with simulcast (the SDK picks the layers). */
  video?: { width: number; height: number; fps: number };
  /** Publishes a microphone: a 440 Hz tone (a speaker, for LiveKit's speaker detection) or silence. */
  audio?: 'tone' | 'silence';
  /** Sends a data message (topic `clock`) with the sender's clock this often, for latency probes. */
  clockEveryMs?: number;
  /**
   * LiveKit's participant kind. In a lesson's room, `ingress` (a camera fed in, as a classroom's
   * wall camera may be): the api and the worker put every standard participant without a seat in
   * the lesson out of its room, and simulated people have none. The media path is the same.
   */
  kind?: 'standard' | 'ingress';
};

export type TPublisher = {
  spec: TPublisherSpec;
  room: TRoom;
  /** Clock messages sent so far. */
  clockSent: () => number;
  stop: () => Promise<void>;
};

const SAMPLE_RATE = 48_000;
const AUDIO_FRAME_MS = 20;

/**
 * Joins one simulated participant with @livekit/rtc-node and publishes what the spec asks:
 * a simulcast camera with a moving pattern, a microphone, clock data messages.
 */
export async function startPublisher(
  lk: TLiveKitKeys,
  room: string,
  spec: TPublisherSpec,
): Promise<TPublisher> {
  const r = new rtc.Room();
  r.setMaxListeners(100);
  await r
    .connect(lk.url, await tokenFor(lk, room, spec.identity, { name: spec.name, kind: spec.kind }), {
      autoSubscribe: false,
      dynacast: true,
    })
    .catch(async (err) => {
      await r.disconnect().catch(() => {});
      throw err;
    });
  const local = r.localParticipant!;
  const timers: NodeJS.Timeout[] = [];
  const closers: (() => Promise<void>)[] = [];
  if (spec.video) {
    const { width, height, fps } = spec.video;
    const source = new rtc.VideoSource(width, height);
    const track = rtc.LocalVideoTrack.createVideoTrack('camera', source);
    await local.publishTrack(
      track,
      new rtc.TrackPublishOptions({
        source: rtc.TrackSource.SOURCE_CAMERA,
        simulcast: true,
        videoCodec: rtc.VideoCodec.VP8,
      }),
    );
    const shade = [...spec.identity].reduce((a, c) => a + c.charCodeAt(0), 0);
    const frames = movingPattern(width, height, fps * 2, shade);
    let n = shade;
    timers.push(
      setInterval(() => {
        source.captureFrame(
          new rtc.VideoFrame(frames[n++ % frames.length]!, width, height, rtc.VideoBufferType.I420),
        );
      }, 1000 / fps),
    );
    closers.push(() => source.close());
  }
  if (spec.audio) {
    const source = new rtc.AudioSource(SAMPLE_RATE, 1);
    const track = rtc.LocalAudioTrack.createAudioTrack('microphone', source);
    await local.publishTrack(
      track,
      new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_MICROPHONE, dtx: true }),
    );
    const samples = (SAMPLE_RATE * AUDIO_FRAME_MS) / 1000;
    let phase = 0;
    const frame = () => {
      const data = new Int16Array(samples);
      if (spec.audio === 'tone') {
        for (let i = 0; i < samples; i++)
          data[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * phase++) / SAMPLE_RATE));
      }
      return new rtc.AudioFrame(data, SAMPLE_RATE, 1, samples);
    };
    let stopped = false;
    // captureFrame resolves when the source wants the next frame: a paced loop, no timer drift.
    void (async () => {
      while (!stopped) await source.captureFrame(frame()).catch(() => {});
    })();
    closers.push(async () => {
      stopped = true;
      await source.close();
    });
  }
  let clockSent = 0;
  if (spec.clockEveryMs) {
    const enc = new TextEncoder();
    timers.push(
      setInterval(() => {
        clockSent++;
        // Reliable, as a chat line or a raised hand travels: lost packets are resent, and count.
        void local
          .publishData(enc.encode(JSON.stringify({ sentAt: performance.timeOrigin + performance.now() })), {
            reliable: true,
            topic: 'clock',
          })
          .catch(() => {});
      }, spec.clockEveryMs),
    );
  }
  return {
    spec,
    room: r,
    clockSent: () => clockSent,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      for (const close of closers) await close().catch(() => {});
      await r.disconnect().catch(() => {});
    },
  };
}

/** Starts publishers a few at a time (a connection each), so the server is not hit by all at once. */
export async function startPublishers(
  lk: TLiveKitKeys,
  room: string,
  specs: TPublisherSpec[],
  batch = 5,
): Promise<TPublisher[]> {
  // On a saturated machine rtc-node's connect sometimes fails ("handle not found"): try again.
  const start = async (spec: TPublisherSpec): Promise<TPublisher> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startPublisher(lk, room, spec);
      } catch (err) {
        if (attempt >= 3) throw err;
        console.log(`  ${spec.identity}: could not join (${err}); again`);
        await new Promise((r) => setTimeout(r, 2000 * attempt));
      }
    }
  };
  const out: TPublisher[] = [];
  for (let i = 0; i < specs.length; i += batch) {
    out.push(...(await Promise.all(specs.slice(i, i + batch).map(start))));
  }
  return out;
}
