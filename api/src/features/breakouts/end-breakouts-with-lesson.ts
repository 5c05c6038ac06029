import { endRunningBreakouts } from '@telemost/server/classroom/end-breakouts';
import type { AppContext } from '../../context.ts';

/** The lesson ended: its breakouts end too (rooms deleted as far as LiveKit answers; never throws for LiveKit). */
export async function endBreakoutsWithLesson(ctx: AppContext, eventId: string): Promise<void> {
  await endRunningBreakouts(ctx, eventId, { actorId: null, reason: 'lesson_ended' });
}
