import type { TLiveAccess, TTrackSource } from '@telemost/core/schemas/live';
import type { AppContext } from '../../context.ts';

function screenShareKey(ctx: AppContext, eventId: string, userId: string) {
  return `${ctx.env.QUEUE_PREFIX}:screen-share:${eventId}:${userId}`;
}

/** Whether a host let this student share their screen (kept in Redis until the event is over). */
export async function isScreenShareGranted(
  ctx: AppContext,
  eventId: string,
  userId: string,
): Promise<boolean> {
  try {
    return (await ctx.redis.exists(screenShareKey(ctx, eventId, userId))) === 1;
  } catch {
    // Redis away: the safe default is the student's ordinary seat, camera and microphone.
    return false;
  }
}

/** Records (or withdraws) a host's screen-share grant until `until`. */
export async function storeScreenShareGrant(
  ctx: AppContext,
  eventId: string,
  userId: string,
  allowed: boolean,
  until: Date,
): Promise<void> {
  const key = screenShareKey(ctx, eventId, userId);
  if (!allowed) {
    await ctx.redis.del(key);
    return;
  }
  const ttl = Math.max(60, Math.ceil((until.getTime() - ctx.now().getTime()) / 1000));
  await ctx.redis.set(key, '1', 'EX', ttl);
}

/** What each seat may publish. */
export function publishSources(access: TLiveAccess, screenShareGranted: boolean): TTrackSource[] {
  if (access === 'host') return ['camera', 'microphone', 'screen_share', 'screen_share_audio'];
  if (access === 'speaker') {
    return screenShareGranted
      ? ['camera', 'microphone', 'screen_share', 'screen_share_audio']
      : ['camera', 'microphone'];
  }
  return [];
}
