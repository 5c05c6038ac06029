import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { loadOlympiad, requireOlympiadEvent, toOlympiadView } from './olympiad.repository.ts';

/**
 * A host sets up (or changes, until marking closes) an olympiad's jury, drawn from both colleges
 * (teachers and coordinators of the colleges involved), its chief expert, and the medal thresholds.
 */
export async function setupOlympiad(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: {
    jurorIds: string[];
    chiefExpertId: string;
    medals: { gold: number; silver: number; bronze: number };
  },
) {
  await requireOlympiadEvent(ctx.db, eventId);
  const event = await requireHost(ctx, actor, eventId);
  const existing = await ctx.db
    .selectFrom('olympiads')
    .select('closedAt')
    .where('eventId', '=', event.id)
    .executeTakeFirst();
  if (existing?.closedAt) {
    throw new AppError('invalid_state', 'The chief expert has closed marking; the jury stays as it was');
  }
  const ids = [...new Set(input.jurorIds)];
  const [users, sides] = await Promise.all([
    ctx.db
      .selectFrom('users')
      .select(['id', 'role', 'institutionId'])
      .where('id', 'in', ids)
      .where('disabledAt', 'is', null)
      .execute(),
    ctx.db.selectFrom('eventInstitutions').select('institutionId').where('eventId', '=', event.id).execute(),
  ]);
  const involved = new Set(sides.map((s) => s.institutionId));
  const fields = input.jurorIds.flatMap((id, i) => {
    const u = users.find((x) => x.id === id);
    return u &&
      (u.role === 'teacher' || u.role === 'coordinator') &&
      u.institutionId !== null &&
      involved.has(u.institutionId)
      ? []
      : [{ field: `jurorIds.${i}`, message: 'not a teacher or coordinator of a college of this event' }];
  });
  if (fields.length) throw new AppError('validation_failed', 'The jury is not valid', { fields });
  if (new Set(users.map((u) => u.institutionId)).size < 2) {
    throw new AppError('validation_failed', 'The jury must come from both colleges', {
      fields: [{ field: 'jurorIds', message: 'jurors of at least two colleges of the event' }],
    });
  }
  if (!ids.includes(input.chiefExpertId)) {
    throw new AppError('validation_failed', 'The chief expert is one of the jury', {
      fields: [{ field: 'chiefExpertId', message: 'must be one of jurorIds' }],
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('olympiads')
      .values({ eventId: event.id, chiefExpertId: input.chiefExpertId, ...input.medals })
      .onConflict((oc) =>
        oc.column('eventId').doUpdateSet({ chiefExpertId: input.chiefExpertId, ...input.medals }),
      )
      .execute();
    await trx.deleteFrom('olympiadJurors').where('eventId', '=', event.id).execute();
    await trx
      .insertInto('olympiadJurors')
      .values(ids.map((userId) => ({ eventId: event.id, userId })))
      .execute();
  });
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'olympiad.set_up',
    entity: 'event',
    entityId: event.id,
    data: { jurorIds: ids, chiefExpertId: input.chiefExpertId, medals: input.medals },
  });
  return toOlympiadView(await loadOlympiad(ctx.db, event.id));
}
