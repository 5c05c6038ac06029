import type { Logger } from '@telemost/server/lib/logger';
import { createRoomService, liveKitHttpUrl, type TLiveKitEnv } from '@telemost/server/livekit/livekit-client';

/**
 * What the api knows of its LiveKit server: `ok` (it accepts our key pair), `misconfigured` (it
 * answers but refuses the key pair), `unreachable` (no answer), `unknown` (not checked yet).
 */
export type TLiveKitState = {
  status: 'unknown' | 'ok' | 'misconfigured' | 'unreachable';
  detail?: string;
  checkedAt?: string;
};

export type TLiveKitMonitor = {
  state: () => TLiveKitState;
  /** Checks now (also what the timer does); resolves with the new state. */
  check: () => Promise<TLiveKitState>;
  stop: () => void;
};

function classify(env: TLiveKitEnv, err: unknown): TLiveKitState {
  const e = err as { status?: number; code?: string; message?: string };
  const where = liveKitHttpUrl(env.LIVEKIT_URL);
  if (
    e.status === 401 ||
    e.status === 403 ||
    e.code === 'unauthenticated' ||
    e.code === 'permission_denied'
  ) {
    return {
      status: 'misconfigured',
      detail:
        `the LiveKit server at ${where} refuses the key pair LIVEKIT_API_KEY=${env.LIVEKIT_API_KEY}: ` +
        'the key is not among its keys, or LIVEKIT_API_SECRET differs from its secret for it',
    };
  }
  if (e.status !== undefined && e.status > 0) {
    return {
      status: 'misconfigured',
      detail: `the LiveKit server at ${where} answered ${e.status} ${e.code ?? ''}`.trim(),
    };
  }
  return {
    status: 'unreachable',
    detail: `no LiveKit server answers at ${where} (${e.message ?? String(err)})`,
  };
}

/**
 * Checks the LiveKit key pair against the server with a RoomService call (listRooms), now and
 * every LIVEKIT_CHECK_SECONDS. Video is optional, so a problem never stops the api: it is logged
 * once each time the state changes and shown on /readyz.
 */
export function monitorLiveKit(
  env: TLiveKitEnv & { LIVEKIT_CHECK_SECONDS: number },
  logger: Logger,
  options: { checkNow?: boolean } = {},
): TLiveKitMonitor {
  const rooms = createRoomService(env, Math.min(5, env.LIVEKIT_CHECK_SECONDS));
  let current: TLiveKitState = { status: 'unknown' };
  let running: Promise<TLiveKitState> | null = null;
  const check = () => {
    running ??= rooms
      .listRooms()
      .then(
        (): TLiveKitState => ({ status: 'ok' }),
        (err) => classify(env, err),
      )
      .then((next) => {
        next.checkedAt = new Date().toISOString();
        if (next.status !== current.status || next.detail !== current.detail) {
          if (next.status === 'ok') logger.info({ livekit: env.LIVEKIT_URL }, 'LiveKit accepts the key pair');
          else if (next.status === 'misconfigured')
            logger.error({ livekit: next.detail }, 'LiveKit is misconfigured: video will not work');
          else
            logger.warn(
              { livekit: next.detail },
              'LiveKit is unreachable: video will not work until it is back',
            );
        }
        current = next;
        return next;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (options.checkNow !== false) void check();
  const timer = setInterval(() => void check(), env.LIVEKIT_CHECK_SECONDS * 1000);
  timer.unref();
  return { state: () => current, check, stop: () => clearInterval(timer) };
}
