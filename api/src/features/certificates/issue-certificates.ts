import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { getAttendance } from '../attendance/get-attendance.ts';
import { confirmedHoursOf, loadInternship } from '../internships/internship.repository.ts';
import { requireHost } from '../join/require-host.ts';
import { getResults } from '../olympiads/get-results.ts';
import { loadOlympiad } from '../olympiads/olympiad.repository.ts';
import { listEventCertificates, newCertificateCode } from './certificates.repository.ts';

/** One person to certify, and what for. */
type TCandidate = {
  userId: string;
  name: string;
  seconds: number;
  basis: 'attendance' | 'internship' | 'olympiad';
  medal?: 'gold' | 'silver' | 'bronze' | null;
  rank?: number;
  score?: number;
  maxScore?: number;
};

/**
 * Who really took part in a lesson or other activity: everyone with an account who was in the
 * room (stays merged, as in the attendance report) for at least CERT_MIN_SHARE of the event's
 * duration (until a host ended it, if one did), once it is over.
 */
async function attendanceCandidates(
  ctx: AppContext,
  actor: TActor,
  event: Awaited<ReturnType<typeof requireHost>>,
): Promise<TCandidate[]> {
  const report = await getAttendance(ctx, actor, event.id);
  const end = report.endedAt ? new Date(report.endedAt) : event.endAt;
  if (ctx.now() < end) {
    throw new AppError('invalid_state', 'Certificates are issued once the event is over', {
      extra: { endedAt: end.toISOString() },
    });
  }
  const durationSeconds = Math.max(1, (end.getTime() - event.startAt.getTime()) / 1000);
  const minShare = ctx.env.CERT_MIN_SHARE;
  return report.items
    .filter(
      (i): i is typeof i & { userId: string } =>
        i.userId !== null && i.seconds > 0 && i.seconds >= minShare * durationSeconds,
    )
    .map((i) => ({ userId: i.userId, name: i.name, seconds: i.seconds, basis: 'attendance' as const }));
}

/** An internship: every intern with confirmed hours, once every day is confirmed or it is over. */
async function internshipCandidates(
  ctx: AppContext,
  event: Awaited<ReturnType<typeof requireHost>>,
): Promise<TCandidate[]> {
  const state = await loadInternship(ctx.db, event.id);
  const allConfirmed = state.days.every((d) => d.confirmedAt !== null);
  // Over: its last programme day has passed on the host college's calendar (and its booked time).
  const today = DateTime.fromJSDate(ctx.now()).setZone(state.hostTimeZone).toISODate()!;
  const lastDay = state.days.at(-1)?.date ?? '';
  if (!allConfirmed && (today <= lastDay || ctx.now() < event.endAt)) {
    throw new AppError(
      'invalid_state',
      'Internship certificates are issued once every day is confirmed or the internship is over',
      { extra: { endedAt: event.endAt.toISOString() } },
    );
  }
  return state.interns.flatMap((i) => {
    const hours = confirmedHoursOf(state, i.id);
    return hours > 0
      ? [{ userId: i.id, name: i.name, seconds: Math.round(hours * 3600), basis: 'internship' as const }]
      : [];
  });
}

/** An olympiad: every competitor who was marked, with their rank and medal, once marking is closed. */
async function olympiadCandidates(
  ctx: AppContext,
  actor: TActor,
  event: Awaited<ReturnType<typeof requireHost>>,
): Promise<TCandidate[]> {
  const state = await loadOlympiad(ctx.db, event.id);
  if (!state.closedAt) {
    throw new AppError(
      'invalid_state',
      'Olympiad certificates are issued once the chief expert closes marking',
    );
  }
  const results = await getResults(ctx, { kind: 'user', actor }, event.id);
  const seconds = Math.round((event.endAt.getTime() - event.startAt.getTime()) / 1000);
  return results.results
    .filter((r) => r.tasks.some((t) => t.marksIn > 0))
    .map((r) => ({
      userId: r.competitorId,
      name: r.name,
      seconds,
      basis: 'olympiad' as const,
      medal: r.medal,
      rank: r.rank,
      score: r.total,
      maxScore: results.maxTotal,
    }));
}

/**
 * A host of either college issues certificates to the people who really took part: for a lesson
 * or similar, attendance of at least CERT_MIN_SHARE (see above); for an internship, the interns'
 * confirmed hours; for an olympiad, each marked competitor's result and medal. Idempotent: people
 * who have one keep it (revoked ones stay revoked); only the newly eligible get one. Each holder's
 * locale is kept, so their PDF pairs Russian with it.
 */
export async function issueCertificates(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await requireHost(ctx, actor, eventId);
  if (event.status !== 'confirmed') {
    throw new AppError('invalid_state', 'Certificates are for events that took place', {
      extra: { eventStatus: event.status },
    });
  }
  const kind = (
    await ctx.db.selectFrom('events').select('kind').where('id', '=', event.id).executeTakeFirstOrThrow()
  ).kind;
  const minShare = ctx.env.CERT_MIN_SHARE;
  const eligible =
    kind === 'internship'
      ? await internshipCandidates(ctx, event)
      : kind === 'olympiad'
        ? await olympiadCandidates(ctx, actor, event)
        : await attendanceCandidates(ctx, actor, event);
  let issued = 0;
  if (eligible.length) {
    const users = await ctx.db
      .selectFrom('users')
      .select(['id', 'name', 'locale'])
      .where(
        'id',
        'in',
        eligible.map((e) => e.userId),
      )
      .execute();
    const byId = new Map(users.map((u) => [u.id, u]));
    const inserted = await ctx.db
      .insertInto('certificates')
      .values(
        eligible.map((e) => ({
          code: newCertificateCode(),
          eventId: event.id,
          userId: e.userId,
          holderName: byId.get(e.userId)?.name ?? e.name,
          locale: byId.get(e.userId)?.locale ?? 'ru',
          seconds: e.seconds,
          issuedBy: actor.id,
          basis: e.basis,
          medal: e.medal ?? null,
          rank: e.rank ?? null,
          score: e.score ?? null,
          maxScore: e.maxScore ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['eventId', 'userId']).doNothing())
      .returning('code')
      .execute();
    issued = inserted.length;
    if (issued) {
      await writeAudit(ctx.db, {
        actorId: actor.id,
        action: 'certificates.issued',
        entity: 'event',
        entityId: event.id,
        data: { codes: inserted.map((r) => r.code), minShare, basis: eligible[0]!.basis },
      });
    }
  }
  return {
    eventId: event.id,
    minShare,
    issued,
    certificates: await listEventCertificates(ctx.db, event.id),
  };
}
