import type { Logger } from '@telemost/server/lib/logger';
import type { Gauge } from 'prom-client';

/** Errors that mean LiveKit did not answer (as opposed to a LiveKit answer or our own bug). */
export function isUnreachable(err: unknown): boolean {
  const e = err as { message?: string; status?: number; cause?: { code?: string; message?: string } };
  if (typeof e?.status === 'number' && e.status >= 500) return true;
  const text = `${e?.message ?? ''} ${e?.cause?.code ?? ''} ${e?.cause?.message ?? ''}`;
  return /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN|socket hang up|timed? ?out|aborted/i.test(
    text,
  );
}

export type TLiveKitHealth = {
  /** Whether LiveKit was unreachable at the last room job. */
  readonly down: boolean;
  ok: () => void;
  failed: (err: unknown) => void;
};

/**
 * What the room jobs have seen of LiveKit: said once when it stops answering and once when it
 * answers again (with how many attempts failed meanwhile), instead of a warning per retry, and
 * kept in the `telemost_livekit_up` gauge.
 */
export function createLiveKitHealth(logger: Logger, gauge: Gauge): TLiveKitHealth {
  let down = false;
  let failedMeanwhile = 0;
  let since = 0;
  return {
    get down() {
      return down;
    },
    ok: () => {
      gauge.set(1);
      if (!down) return;
      down = false;
      logger.info(
        { failedAttempts: failedMeanwhile, downForSeconds: Math.round((Date.now() - since) / 1000) },
        'LiveKit answers again; room jobs resume',
      );
    },
    failed: (err) => {
      if (!isUnreachable(err)) return;
      gauge.set(0);
      if (down) {
        failedMeanwhile += 1;
        return;
      }
      down = true;
      failedMeanwhile = 1;
      since = Date.now();
      logger.warn(
        { err: (err as Error)?.message },
        'LiveKit does not answer: room jobs back off and retry; their failures are summed up when it is back',
      );
    },
  };
}
