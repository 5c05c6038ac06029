import type { TMeasuredScheme } from '@telemost/core/olympiad/scoring';
import type { Db } from '@telemost/server/db/database';
import { AppError, notFound } from '../../lib/app-error.ts';

export type TPerson = { id: string; name: string; institutionId: string | null };
/** A juror: a user (`account`), or someone who came by a jury invitation (`invitation`). */
export type TJurorPerson = TPerson & { kind: 'account' | 'invitation'; label: string | null };

export type TOlympiadState = {
  eventId: string;
  chiefExpertId: string;
  medals: { gold: number; silver: number; bronze: number };
  closedAt: Date | null;
  jurors: TJurorPerson[];
  competitors: TPerson[];
  tasks: {
    id: string;
    title: string;
    kind: 'measured' | 'judged';
    maxScore: number;
    scheme: TMeasuredScheme | null;
  }[];
};

/** The event, when it is an olympiad; 404 or 409 otherwise. */
export async function requireOlympiadEvent(db: Db, eventId: string) {
  const event = await db
    .selectFrom('events')
    .select(['id', 'kind', 'status'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  if (event.kind !== 'olympiad') {
    throw new AppError('invalid_state', 'Only an event of kind olympiad has a jury, tasks and results', {
      extra: { eventStatus: event.status },
    });
  }
  return event;
}

/**
 * The olympiad of an event: jury, competitors (the event's students), tasks; 409 before setup.
 * The jury is the users a host named, and everyone a host let in by a jury invitation of this
 * event that has not been revoked (with the college the invitation names). Taking a juror off
 * (a new setup, or revoking their invitation) stops their marking, and their marks stop counting;
 * the audit keeps them.
 */
export async function loadOlympiad(db: Db, eventId: string): Promise<TOlympiadState> {
  const row = await db.selectFrom('olympiads').selectAll().where('eventId', '=', eventId).executeTakeFirst();
  if (!row) throw new AppError('invalid_state', 'The olympiad has no jury yet: a host sets it up first');
  const [accounts, guests, competitors, tasks] = await Promise.all([
    db
      .selectFrom('olympiadJurors as j')
      .innerJoin('users as u', 'u.id', 'j.userId')
      .select(['u.id', 'u.name', 'u.institutionId'])
      .where('j.eventId', '=', eventId)
      .execute(),
    db
      .selectFrom('invitationGuests as g')
      .innerJoin('invitations as i', 'i.id', 'g.invitationId')
      .select(['g.id', 'g.displayName as name', 'i.institutionId', 'i.label'])
      .where('i.eventId', '=', eventId)
      .where('i.role', '=', 'jury')
      .where('i.revokedAt', 'is', null)
      .where('g.status', '=', 'admitted')
      .execute(),
    db
      .selectFrom('eventParticipants as p')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select(['u.id', 'u.name', 'p.institutionId'])
      .where('p.eventId', '=', eventId)
      .where('p.role', '=', 'student')
      .orderBy('u.name')
      .execute(),
    db
      .selectFrom('olympiadTasks')
      .select(['id', 'title', 'kind', 'maxScore', 'scheme'])
      .where('eventId', '=', eventId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
  ]);
  return {
    eventId,
    chiefExpertId: row.chiefExpertId,
    medals: { gold: row.gold, silver: row.silver, bronze: row.bronze },
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
    jurors: [
      ...accounts.map((a) => ({ ...a, kind: 'account' as const, label: null })),
      ...guests.map((g) => ({ ...g, kind: 'invitation' as const })),
    ].sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id)),
    competitors,
    tasks: tasks.map((t) => ({ ...t, scheme: (t.scheme as TMeasuredScheme | null) ?? null })),
  };
}

export function toOlympiadView(s: TOlympiadState) {
  return {
    eventId: s.eventId,
    chiefExpertId: s.chiefExpertId,
    medals: s.medals,
    jurors: s.jurors,
    competitors: s.competitors,
    tasks: s.tasks,
    closedAt: s.closedAt?.toISOString() ?? null,
  };
}

export function assertOpen(s: TOlympiadState) {
  if (s.closedAt) {
    throw new AppError('invalid_state', 'The chief expert has closed marking; the results are published', {
      extra: { endedAt: s.closedAt.toISOString() },
    });
  }
}
