import type { TActor } from '@telemost/core/permissions';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { loadInternship, requireInternshipEvent, toInternshipView } from './internship.repository.ts';

/** The internship's programme, mentors, interns and hours, for its people and the colleges' staff. */
export async function getInternship(ctx: AppContext, actor: TActor, eventId: string) {
  await requireInternshipEvent(ctx.db, eventId);
  const state = await loadInternship(ctx.db, eventId);
  const seat = await findLiveSeat(ctx.db, actor, eventId);
  if (!seat && !state.mentors.some((m) => m.id === actor.id)) throw forbidden('Not one of this internship');
  return toInternshipView(state, actor);
}
