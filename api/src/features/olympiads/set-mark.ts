import { isConflicted } from '@telemost/core/olympiad/scoring';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import { type TOlympiadViewer, viewerId } from './jury-guest.ts';
import { assertOpen, loadOlympiad, requireOlympiadEvent } from './olympiad.repository.ts';

type TMarkInput = { passed?: boolean; value?: number; score?: number };

/**
 * A juror marks a competitor on a task: pass or fail, or a value, on a measured task; 1–10 on a
 * judged one. A juror does not mark a competitor of their own college on a judged task (409
 * `conflict_of_interest`). Every mark set or changed is audited with what it was before. A juror
 * invited by link marks like one with an account, for the college their invitation names; the
 * audit names them by their display name and the invitation's label (it has no user to name).
 */
export async function setMark(
  ctx: AppContext,
  viewer: TOlympiadViewer,
  eventId: string,
  taskId: string,
  competitorId: string,
  input: TMarkInput,
) {
  await requireOlympiadEvent(ctx.db, eventId);
  const state = await loadOlympiad(ctx.db, eventId);
  const jurorId = viewerId(viewer);
  const juror = state.jurors.find((j) => j.id === jurorId);
  if (!juror) throw forbidden('Only the jury marks');
  assertOpen(state);
  const task = state.tasks.find((t) => t.id === taskId);
  if (!task) throw notFound('Task');
  const competitor = state.competitors.find((c) => c.id === competitorId);
  if (!competitor) throw notFound('Competitor');
  if (isConflicted(task, juror, competitor)) {
    throw new AppError(
      'conflict_of_interest',
      'A juror does not mark a competitor of their own college on a judged task',
    );
  }
  const wanted = task.kind === 'judged' ? 'score' : task.scheme?.type === 'value' ? 'value' : 'passed';
  const fields = (['passed', 'value', 'score'] as const)
    .filter((k) => (k === wanted ? input[k] === undefined : input[k] !== undefined))
    .map((k) => ({ field: k, message: k === wanted ? 'required for this task' : 'not used by this task' }));
  if (fields.length) throw new AppError('validation_failed', 'The mark does not fit the task', { fields });
  const values = {
    passed: input.passed ?? null,
    value: input.value ?? null,
    score: input.score ?? null,
  };
  const before = await ctx.db
    .selectFrom('olympiadMarks')
    .select(['passed', 'value', 'score'])
    .where('taskId', '=', taskId)
    .where('competitorId', '=', competitorId)
    .where('jurorId', '=', jurorId)
    .executeTakeFirst();
  const now = ctx.now();
  const who =
    viewer.kind === 'user'
      ? { jurorUserId: viewer.actor.id, jurorGuestId: null }
      : { jurorUserId: null, jurorGuestId: viewer.guest.guestId };
  await ctx.db
    .insertInto('olympiadMarks')
    .values({ taskId, competitorId, jurorId, ...who, ...values, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['taskId', 'competitorId', 'jurorId']).doUpdateSet({ ...values, updatedAt: now }),
    )
    .execute();
  const clean = (m: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null && v !== undefined));
  await writeAudit(ctx.db, {
    actorId: viewer.kind === 'user' ? viewer.actor.id : null,
    action: 'olympiad.mark_set',
    entity: 'event',
    entityId: eventId,
    data: {
      taskId,
      competitorId,
      jurorId,
      ...(viewer.kind === 'guest'
        ? {
            guest: {
              guestId: viewer.guest.guestId,
              invitationId: viewer.guest.invitationId,
              displayName: viewer.guest.displayName,
              label: viewer.guest.label,
              institutionId: viewer.guest.institutionId,
            },
          }
        : {}),
      from: before ? clean(before) : null,
      to: clean(values),
    },
  });
  return { taskId, competitorId, jurorId, ...values, updatedAt: now.toISOString() };
}
