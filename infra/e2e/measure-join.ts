import type { BrowserContext, Page } from 'playwright-core';

/** Where the first decoded remote video frame shows up, for both the app and the baseline page. */
export const REMOTE_VIDEO = 'video[data-testid="remote-video"], [data-testid="remote-video"] video';

/** Milliseconds from the click to each step of a join, as seen by the browser itself. */
export type TJoinTimes = {
  /** The first decoded remote video frame: what the bench reports. */
  frame: number;
  /** The signal WebSocket to LiveKit opened. */
  signal?: number;
  /** The first peer connection was created. */
  peer?: number;
  /** The first remote video track reached the page (RTCPeerConnection `track`). */
  track?: number;
  /** Every resource the page fetched (relative to the click, negative before it), for BENCH_DEBUG. */
  resources?: string[];
};

/**
 * Notes, in every page of the context, when the signal WebSocket opens, the first peer connection
 * is made and the first remote video track arrives. The same probe runs in the app and in the
 * baseline page, below both, so their steps compare like for like.
 */
export async function probeJoinSteps(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const g = globalThis as any;
    const marks: Record<string, number> = {};
    g.__joinMarks = marks;
    const mark = (name: string) => {
      marks[name] ??= performance.now();
    };
    const NativeWebSocket = g.WebSocket;
    g.WebSocket = class extends NativeWebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/rtc')) this.addEventListener('open', () => mark('signal'));
      }
    };
    const NativePeer = g.RTCPeerConnection;
    g.RTCPeerConnection = class extends NativePeer {
      constructor(...args: unknown[]) {
        super(...args);
        mark('peer');
        this.addEventListener('track', (e: { track?: { kind?: string } }) => {
          if (e.track?.kind === 'video') mark('track');
        });
      }
    };
  });
}

/**
 * Clicks the join button and waits, inside the page, for the first decoded frame of a remote
 * video. Returns milliseconds from the click to that frame (and to the steps on the way, when
 * the context was probed), measured on the page's own clock.
 */
export async function measureJoin(page: Page, joinSelector: string, timeoutMs = 20_000): Promise<TJoinTimes> {
  await page.waitForSelector(`${joinSelector}:not([disabled])`, { timeout: timeoutMs });
  return page.evaluate(
    ({ joinSelector, remote, timeoutMs }) =>
      new Promise<TJoinTimes>((resolve, reject) => {
        // Runs in the browser; the node-side program has no DOM types.
        const g = globalThis as any;
        const document = g.document;
        const requestAnimationFrame = g.requestAnimationFrame as (cb: () => void) => void;
        const button = document.querySelector(joinSelector);
        if (!button) return reject(new Error(`no ${joinSelector}`));
        const marks: Record<string, number> = g.__joinMarks ?? {};
        for (const key of Object.keys(marks)) delete marks[key]; // the click starts the count
        const t0 = performance.now();
        button.click();
        const since = (at?: number) => (at === undefined ? undefined : at - t0);
        const tick = () => {
          for (const v of document.querySelectorAll(remote)) {
            if ((v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) > 0 || v.videoWidth > 0) {
              resolve({
                frame: performance.now() - t0,
                signal: since(marks.signal),
                peer: since(marks.peer),
                track: since(marks.track),
                resources: performance
                  .getEntriesByType('resource')
                  .map(
                    (r: { name: string; startTime: number; responseEnd?: number }) =>
                      `${r.name.replace(/^https?:\/\/[^/]+/, '')} ${(r.startTime - t0).toFixed(0)}..${((r.responseEnd ?? 0) - t0).toFixed(0)}`,
                  ),
              });
              return;
            }
          }
          if (performance.now() - t0 > timeoutMs) reject(new Error('no remote video frame'));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { joinSelector, remote: REMOTE_VIDEO, timeoutMs },
  );
}
