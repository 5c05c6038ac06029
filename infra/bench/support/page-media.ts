import type { BrowserContext, Page } from 'playwright-core';

/** Keeps every RTCPeerConnection a page of the context makes, for `mediaSnapshot`. Same probe on every page measured. */
export async function probePeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const g = globalThis as any;
    const pcs: unknown[] = [];
    g.__pcs = pcs;
    const Native = g.RTCPeerConnection;
    g.RTCPeerConnection = class extends Native {
      constructor(...args: unknown[]) {
        super(...args);
        pcs.push(this);
      }
    };
  });
}

/** What a page received so far: bytes of every inbound RTP stream, and frames decoded per video stream. */
export type TMediaSnapshot = {
  at: number;
  /** Bytes received per inbound RTP stream (peer connection index and stats id). */
  bytes: Record<string, number>;
  framesDecoded: Record<string, number>;
  /** Inbound audio streams (ids as in `bytes`). */
  audio: string[];
  /** The MediaStreamTrack each video stream feeds (its `trackIdentifier`). */
  trackOf: Record<string, string>;
  /** The MediaStreamTracks the page's tiles (`[data-identity] video`) show. */
  shownTracks: string[];
  /** Peer connections the page has made so far: more than at the start of a window means it reconnected. */
  peerConnections: number;
};

export async function mediaSnapshot(page: Page): Promise<TMediaSnapshot> {
  return page.evaluate(async () => {
    const g = globalThis as any;
    const bytes: Record<string, number> = {};
    const framesDecoded: Record<string, number> = {};
    const trackOf: Record<string, string> = {};
    const audio: string[] = [];
    const pcs = (g.__pcs ?? []) as any[];
    for (let i = 0; i < pcs.length; i++) {
      const pc = pcs[i];
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: any) => {
        if (s.type !== 'inbound-rtp') return;
        bytes[`${i}:${s.id}`] = s.bytesReceived ?? 0;
        if (s.kind === 'audio') audio.push(`${i}:${s.id}`);
        if (s.kind === 'video') {
          framesDecoded[`${i}:${s.id}`] = s.framesDecoded ?? 0;
          trackOf[`${i}:${s.id}`] = s.trackIdentifier ?? '';
        }
      });
    }
    const shownTracks = [...g.document.querySelectorAll('[data-identity] video')].flatMap((v: any) =>
      v.srcObject ? v.srcObject.getVideoTracks().map((t: any) => t.id as string) : [],
    );
    return { at: Date.now(), bytes, framesDecoded, audio, trackOf, shownTracks, peerConnections: pcs.length };
  });
}

/** Downlink (kbps) and the video streams that decoded frames between two snapshots, with their frame rates and how many of them no tile shows. */
export function mediaBetween(a: TMediaSnapshot, b: TMediaSnapshot) {
  const seconds = (b.at - a.at) / 1000;
  const decoding = Object.entries(b.framesDecoded)
    .map(([id, n]) => ({ id, fps: (n - (a.framesDecoded[id] ?? 0)) / seconds }))
    .filter((x) => x.fps > 0);
  const rates = decoding.map((x) => x.fps);
  // Streams decoding in the window whose video no tile showed at its end (nor at its start).
  const shown = new Set([...a.shownTracks, ...b.shownTracks]);
  const offScreen = decoding.filter((x) => !shown.has(b.trackOf[x.id] ?? '')).length;
  // A stream that ended in the window (its connection closed) is not counted; a new one from zero.
  const bytes = Object.entries(b.bytes).reduce((sum, [id, n]) => sum + n - (a.bytes[id] ?? 0), 0);
  return {
    kbps: (bytes * 8) / 1000 / seconds,
    reconnected: b.peerConnections > a.peerConnections,
    decodedTiles: rates.length,
    /** Videos decoding that no tile shows (an off-page camera still subscribed). */
    offScreen,
    /** Audio streams that received in the window (every microphone, silent ones too). */
    audioStreams: b.audio.filter((id) => (b.bytes[id] ?? 0) > (a.bytes[id] ?? 0)).length,
    fps: rates.length ? rates.reduce((x, y) => x + y, 0) / rates.length : 0,
  };
}
