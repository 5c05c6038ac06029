import type { TActor } from '@telemost/core/permissions';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { assertOpen, loadOlympiad, requireOlympiadEvent } from './olympiad.repository.ts';

/** A host or the chief expert adds a task with its marking scheme (until marking closes). */
export async function addTask(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: {
    title: string;
    kind: 'measured' | 'judged';
    maxScore: number;
    scheme?: { type: 'pass_fail' } | { type: 'value'; target: number; tolerance: number };
  },
) {
  await requireOlympiadEvent(ctx.db, eventId);
  const state = await loadOlympiad(ctx.db, eventId);
  const seat = await findLiveSeat(ctx.db, actor, eventId);
  if (seat?.access !== 'host' && state.chiefExpertId !== actor.id) {
    throw forbidden('Tasks are set by a host or the chief expert');
  }
  assertOpen(state);
  const scheme = input.kind === 'measured' ? (input.scheme ?? { type: 'pass_fail' as const }) : null;
  const task = await ctx.db
    .insertInto('olympiadTasks')
    .values({
      eventId,
      title: input.title,
      kind: input.kind,
      maxScore: input.maxScore,
      scheme: scheme ? JSON.stringify(scheme) : null,
    })
    .returning(['id', 'title', 'kind', 'maxScore'])
    .executeTakeFirstOrThrow();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'olympiad.task_added',
    entity: 'event',
    entityId: eventId,
    data: { taskId: task.id, title: input.title, kind: input.kind, maxScore: input.maxScore, scheme },
  });
  return { ...task, scheme };
}
