import type { TActor } from '@telemost/core/permissions';
import type { TInternshipSetup } from '@telemost/core/schemas/internship';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError, type TFieldError } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { loadInternship, requireInternshipEvent, toInternshipView } from './internship.repository.ts';

const dayHours = (sessions: { hours: number }[]) =>
  Math.round(sessions.reduce((s, x) => s + x.hours, 0) * 100) / 100;

/**
 * A host of either college sets up (or changes) an internship: which college hosts it, its
 * mentors (teachers or coordinators of the host college) and the programme of days with sessions
 * and hours. A day a mentor has confirmed stays as it was: dropping or changing it is refused.
 */
export async function setupInternship(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: TInternshipSetup,
) {
  await requireInternshipEvent(ctx.db, eventId);
  const event = await requireHost(ctx, actor, eventId);
  const [sides, users, existing] = await Promise.all([
    ctx.db.selectFrom('eventInstitutions').select('institutionId').where('eventId', '=', event.id).execute(),
    ctx.db
      .selectFrom('users')
      .select(['id', 'role', 'institutionId'])
      .where('id', 'in', input.mentorIds)
      .where('disabledAt', 'is', null)
      .execute(),
    ctx.db.selectFrom('internshipDays').selectAll().where('eventId', '=', event.id).execute(),
  ]);
  if (!sides.some((s) => s.institutionId === input.hostInstitutionId)) {
    throw new AppError('validation_failed', 'The host college is one of the event’s colleges', {
      fields: [{ field: 'hostInstitutionId', message: 'not a college of this event' }],
    });
  }
  const fields: TFieldError[] = input.mentorIds.flatMap((id, i) => {
    const u = users.find((x) => x.id === id);
    return u &&
      (u.role === 'teacher' || u.role === 'coordinator') &&
      u.institutionId === input.hostInstitutionId
      ? []
      : [{ field: `mentorIds.${i}`, message: 'not a teacher or coordinator of the host college' }];
  });
  const confirmed = existing.filter((d) => d.confirmedAt !== null);
  for (const d of confirmed) {
    const date = String(d.day).slice(0, 10);
    const i = input.days.findIndex((x) => x.date === date);
    const same =
      i >= 0 &&
      input.days[i]!.title === d.title &&
      JSON.stringify(input.days[i]!.sessions) === JSON.stringify(d.sessions);
    if (!same) {
      fields.push({
        field: i >= 0 ? `days.${i}` : 'days',
        message: `the day ${date} is confirmed by a mentor and stays as it was`,
      });
    }
  }
  if (fields.length) throw new AppError('validation_failed', 'The internship is not valid', { fields });

  const confirmedDates = new Set(confirmed.map((d) => String(d.day).slice(0, 10)));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('internships')
      .values({ eventId: event.id, hostInstitutionId: input.hostInstitutionId })
      .onConflict((oc) => oc.column('eventId').doUpdateSet({ hostInstitutionId: input.hostInstitutionId }))
      .execute();
    await trx.deleteFrom('internshipMentors').where('eventId', '=', event.id).execute();
    await trx
      .insertInto('internshipMentors')
      .values([...new Set(input.mentorIds)].map((userId) => ({ eventId: event.id, userId })))
      .execute();
    await trx
      .deleteFrom('internshipDays')
      .where('eventId', '=', event.id)
      .where('confirmedAt', 'is', null)
      .execute();
    const fresh = input.days.filter((d) => !confirmedDates.has(d.date));
    if (fresh.length) {
      await trx
        .insertInto('internshipDays')
        .values(
          fresh.map((d) => ({
            eventId: event.id,
            day: d.date,
            title: d.title,
            sessions: JSON.stringify(d.sessions),
            hours: dayHours(d.sessions),
          })),
        )
        .execute();
    }
  });
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'internship.set_up',
    entity: 'event',
    entityId: event.id,
    data: { hostInstitutionId: input.hostInstitutionId, mentorIds: input.mentorIds, days: input.days },
  });
  return toInternshipView(await loadInternship(ctx.db, event.id), actor);
}
