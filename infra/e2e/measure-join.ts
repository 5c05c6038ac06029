import type { Page } from 'playwright-core';

/** Where the first decoded remote video frame shows up, for both the app and the baseline page. */
export const REMOTE_VIDEO = 'video[data-testid="remote-video"], [data-testid="remote-video"] video';

/**
 * Clicks the join button and waits, inside the page, for the first decoded frame of a remote
 * video. Returns milliseconds from the click to that frame, measured on the page's own clock.
 */
export async function measureJoin(page: Page, joinSelector: string, timeoutMs = 20_000): Promise<number> {
  await page.waitForSelector(`${joinSelector}:not([disabled])`, { timeout: timeoutMs });
  return page.evaluate(
    ({ joinSelector, remote, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        // Runs in the browser; the node-side program has no DOM types.
        const g = globalThis as any;
        const document = g.document;
        const requestAnimationFrame = g.requestAnimationFrame as (cb: () => void) => void;
        const button = document.querySelector(joinSelector);
        if (!button) return reject(new Error(`no ${joinSelector}`));
        const t0 = performance.now();
        button.click();
        const tick = () => {
          for (const v of document.querySelectorAll(remote)) {
            if ((v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) > 0 || v.videoWidth > 0) {
              resolve(performance.now() - t0);
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
