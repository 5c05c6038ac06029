import type { Page } from 'playwright-core';

/** Keeps every RTCPeerConnection the page makes, so the test can read real WebRTC stats. */
export const COLLECT_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  function Collected(...args) { const pc = new Original(...args); window.__pcs.push(pc); return pc; }
  Collected.prototype = Original.prototype;
  Object.setPrototypeOf(Collected, Original);
  window.RTCPeerConnection = Collected;
})();`;

/** Frames decoded and audio bytes received over every live peer connection of the page. */
export function inbound(page: Page): Promise<{ video: number; audio: number }> {
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

/** What the page's Room receives from each remote participant: frames decoded and audio bytes. */
export type TMediaByIdentity = Record<string, { video: number; audio: number }>;

/**
 * Per remote participant of the page's current LiveKit Room (the e2e build exposes it as
 * `__telemostRoom`): frames decoded from their camera and audio bytes from their microphone, read
 * from each subscribed track's own receiver stats.
 */
export function mediaByIdentity(page: Page): Promise<{ room: string; media: TMediaByIdentity }> {
  return page.evaluate(async () => {
    const room = (globalThis as any).__telemostRoom;
    const media: Record<string, { video: number; audio: number }> = {};
    for (const p of room?.remoteParticipants?.values() ?? []) {
      const entry = { video: 0, audio: 0 };
      for (const pub of p.trackPublications.values()) {
        const report: Map<string, any> | undefined = await pub.track?.getRTCStatsReport?.();
        report?.forEach((r: any) => {
          if (r.type !== 'inbound-rtp') return;
          if (r.kind === 'video') entry.video += r.framesDecoded ?? 0;
          if (r.kind === 'audio') entry.audio += r.bytesReceived ?? 0;
        });
      }
      media[p.identity] = entry;
    }
    return { room: room?.name ?? '', media };
  });
}

/**
 * Waits until, over 1.5 s, the page decodes new frames and receives new audio from every one of
 * `from`, and returns whom the page's room holds besides. Throws with what it saw when it does not.
 */
export async function expectMediaFrom(page: Page, from: string[], timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let before = await mediaByIdentity(page);
  for (;;) {
    await page.waitForTimeout(1500);
    const after = await mediaByIdentity(page);
    const flowing = from.every(
      (id) =>
        after.room === before.room &&
        (after.media[id]?.video ?? 0) > (before.media[id]?.video ?? 0) &&
        (after.media[id]?.audio ?? 0) > (before.media[id]?.audio ?? 0),
    );
    if (flowing) return Object.keys(after.media);
    if (Date.now() > deadline) {
      throw new Error(
        `no media from ${from.join(', ')} in room ${after.room}: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
      );
    }
    before = after;
  }
}
