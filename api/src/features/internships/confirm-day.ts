import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import {
  isHostMentor,
  loadInternship,
  requireInternshipEvent,
  toInternshipView,
} from './internship.repository.ts';

/**
 * A mentor of the host college confirms a day of the programme (once it has come, on the host
 * college's calendar): its hours then count for every intern not marked absent, and against the
 * partnership's plan. Anyone else gets 403. Confirming again changes nothing.
 */
export async function confirmInternshipDay(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  dayId: string,
  input: { absentIds: string[] },
) {
  const event = await requireInternshipEvent(ctx.db, eventId);
  const state = await loadInternship(ctx.db, eventId);
  if (!isHostMentor(state, actor)) throw forbidden('Only a mentor of the host college confirms a day');
  const day = state.days.find((d) => d.id === dayId);
  if (!day) throw notFound('Internship day');
  if (event.status !== 'confirmed') {
    throw new AppError('invalid_state', 'Days are confirmed for an internship both colleges agreed', {
      extra: { eventStatus: event.status },
    });
  }
  const today = DateTime.fromJSDate(ctx.now()).setZone(state.hostTimeZone).toISODate()!;
  if (day.date > today) {
    throw new AppError('invalid_state', 'A day is confirmed once it has come', { extra: { date: day.date } });
  }
  const fields = input.absentIds.flatMap((id, i) =>
    state.interns.some((x) => x.id === id) ? [] : [{ field: `absentIds.${i}`, message: 'not an intern' }],
  );
  if (fields.length) throw new AppError('validation_failed', 'Unknown interns', { fields });
  if (!day.confirmedAt) {
    const absentIds = [...new Set(input.absentIds)];
    await ctx.db
      .updateTable('internshipDays')
      .set({ confirmedAt: ctx.now(), confirmedBy: actor.id, absentIds: JSON.stringify(absentIds) })
      .where('id', '=', day.id)
      .where('confirmedAt', 'is', null)
      .execute();
    await writeAudit(ctx.db, {
      actorId: actor.id,
      action: 'internship.day_confirmed',
      entity: 'event',
      entityId: eventId,
      data: { dayId: day.id, date: day.date, hours: day.hours, absentIds },
    });
  }
  return toInternshipView(await loadInternship(ctx.db, eventId), actor);
}
