import { mixColleges, mixRandom, reusePlan, type TTeams } from '@telemost/core/classroom/breakout-teams';
import type { TActor } from '@telemost/core/permissions';
import { breakoutRoomName, type TBreakouts, type TCreateBreakouts } from '@telemost/core/schemas/classroom';
import { createRoomService, roomSettings } from '@telemost/server/livekit/livekit-client';
import { recordChange, wakeOutbox } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { loadBreakouts, loadPlan, planScope, savePlan } from './breakouts.repository.ts';
import { handsKey, hostView, MINUTE, pushChanged, requireLiveHost, unavailable } from './breakouts-live.ts';

/**
 * A host splits the lesson into teams: mixed across colleges (each college dealt evenly round the
 * teams), at random, or as the host lists them. Only the event's students are placed; hosts visit.
 * For `colleges` and `random`, a plan saved for the series (or the event) with the same number of
 * teams is reused, so the same pairs meet week after week, unless `reshuffle`. Each team gets its
 * own LiveKit room, created before anything is stored (a LiveKit that does not answer is a 503
 * and changes nothing). Breakouts already running: 409.
 */
export async function createBreakouts(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: TCreateBreakouts,
): Promise<TBreakouts> {
  const { event: live, now } = await requireLiveHost(ctx, actor, eventId);
  if (await loadBreakouts(ctx.db, live.id)) {
    throw new AppError('invalid_state', 'Breakouts are already running; end them first');
  }
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'seriesId'])
    .where('id', '=', live.id)
    .executeTakeFirstOrThrow();
  const students = await ctx.db
    .selectFrom('eventParticipants')
    .select(['userId', 'institutionId'])
    .where('eventId', '=', event.id)
    .where('role', '=', 'student')
    .orderBy('userId')
    .execute();
  if (input.mix !== 'manual' && input.count > Math.max(1, students.length)) {
    throw new AppError('validation_failed', 'More teams than students', {
      fields: [
        { field: 'count', message: `at most ${students.length} teams for ${students.length} students` },
      ],
    });
  }
  const scope = planScope(event);
  let teams: TTeams;
  if (input.mix === 'manual') {
    const allowed = new Set(students.map((s) => s.userId));
    const seen = new Set<string>();
    const fields: { field: string; message: string }[] = [];
    input.assignments!.forEach((team, t) => {
      team.forEach((id, i) => {
        if (!allowed.has(id))
          fields.push({ field: `assignments.${t}.${i}`, message: 'not a student of this event' });
        else if (seen.has(id)) fields.push({ field: `assignments.${t}.${i}`, message: 'already in a team' });
        seen.add(id);
      });
    });
    if (fields.length) throw new AppError('validation_failed', 'The teams are not valid', { fields });
    teams = input.assignments!;
  } else {
    const saved = input.reshuffle ? undefined : await loadPlan(ctx.db, scope);
    const seed = Math.floor(Math.random() * 2 ** 31);
    teams =
      saved && saved.teamCount === input.count
        ? reusePlan(saved.teams, students, input.count)
        : input.mix === 'colleges'
          ? mixColleges(students, input.count, seed)
          : mixRandom(students, input.count, seed);
  }

  const rooms = createRoomService(ctx.env);
  try {
    for (let i = 1; i <= input.count; i++) {
      await rooms.createRoom({ name: breakoutRoomName(event.id, i), ...roomSettings(ctx.env) });
    }
  } catch {
    throw unavailable();
  }
  const endsAt = input.durationMinutes ? new Date(now.getTime() + input.durationMinutes * MINUTE) : null;
  const created = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('breakouts')
      .values({ eventId: event.id, teamCount: input.count, startedBy: actor.id, startedAt: now, endsAt })
      .onConflict((oc) => oc.column('eventId').doNothing())
      .returning('eventId')
      .executeTakeFirst();
    if (!inserted) return false;
    const members = teams.flatMap((team, i) =>
      team.map((userId) => ({ eventId: event.id, userId, team: i + 1 })),
    );
    if (members.length) await trx.insertInto('breakoutMembers').values(members).execute();
    await savePlan(trx, scope, teams, now);
    // With a timer, the worker ends the teams at `endsAt` (the outbox row, in this transaction).
    await recordChange(trx, {
      actorId: actor.id,
      action: 'live.breakouts_started',
      entity: 'event',
      entityId: event.id,
      data: { count: input.count, mix: input.mix, endsAt: endsAt?.toISOString() ?? null },
      outbox: endsAt
        ? [
            {
              topic: 'breakouts.started',
              aggregateId: event.id,
              payload: { eventId: event.id, startedAt: now.toISOString(), endsAt: endsAt.toISOString() },
            },
          ]
        : [],
    });
    return true;
  });
  if (created && endsAt) wakeOutbox(ctx.db);
  if (!created) throw new AppError('invalid_state', 'Breakouts are already running; end them first');
  await ctx.redis.del(handsKey(ctx, event.id)).catch(() => {});
  const loaded = await loadBreakouts(ctx.db, event.id);
  await pushChanged(ctx, event.id, loaded);
  return hostView(ctx, event.id, actor.id);
}
