import type { TInternship } from '@telemost/core/schemas/internship';
import type { Db } from '@telemost/server/db/database';
import { AppError, notFound } from '../../lib/app-error.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The event, when it is an internship; 404 or 409 otherwise. */
export async function requireInternshipEvent(db: Db, eventId: string) {
  const event = await db
    .selectFrom('events')
    .select(['id', 'kind', 'status', 'startAt', 'endAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  if (event.kind !== 'internship') {
    throw new AppError(
      'invalid_state',
      'Only an event of kind internship has a programme of days and hours',
      {
        extra: { eventStatus: event.status },
      },
    );
  }
  return event;
}

export type TInternshipState = {
  eventId: string;
  hostInstitutionId: string;
  hostTimeZone: string;
  mentors: { id: string; name: string; institutionId: string | null }[];
  interns: { id: string; name: string; institutionId: string | null }[];
  days: {
    id: string;
    date: string;
    title: string;
    sessions: { title: string; hours: number; start?: string }[];
    hours: number;
    confirmedAt: Date | null;
    confirmedBy: { id: string; name: string; institutionId: string | null } | null;
    absentIds: string[];
  }[];
};

/** Interns: the event's teachers (booked, or its organiser when a teacher) not of the host college. */
export async function loadInternship(db: Db, eventId: string): Promise<TInternshipState> {
  const row = await db
    .selectFrom('internships as i')
    .innerJoin('institutions as h', 'h.id', 'i.hostInstitutionId')
    .select(['i.hostInstitutionId', 'h.timeZone'])
    .where('i.eventId', '=', eventId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('invalid_state', 'The internship has no programme yet: a host sets it up first');
  }
  const [mentors, participants, days] = await Promise.all([
    db
      .selectFrom('internshipMentors as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['u.id', 'u.name', 'u.institutionId'])
      .where('m.eventId', '=', eventId)
      .orderBy('u.name')
      .execute(),
    db
      .selectFrom('eventParticipants as p')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select(['u.id', 'u.name', 'p.institutionId'])
      .where('p.eventId', '=', eventId)
      .where('p.role', 'in', ['teacher', 'organizer'])
      .where('u.role', '=', 'teacher')
      .where('p.institutionId', '!=', row.hostInstitutionId)
      .orderBy('u.name')
      .execute(),
    db
      .selectFrom('internshipDays as d')
      .leftJoin('users as c', 'c.id', 'd.confirmedBy')
      .selectAll('d')
      .select(['c.name as confirmerName', 'c.institutionId as confirmerInstitutionId'])
      .where('d.eventId', '=', eventId)
      .orderBy('d.day')
      .execute(),
  ]);
  const interns = [...new Map(participants.map((p) => [p.id, p])).values()];
  return {
    eventId,
    hostInstitutionId: row.hostInstitutionId,
    hostTimeZone: row.timeZone,
    mentors,
    interns,
    days: days.map((d) => ({
      id: d.id,
      date: String(d.day).slice(0, 10),
      title: d.title,
      sessions: d.sessions,
      hours: d.hours,
      confirmedAt: d.confirmedAt ? new Date(d.confirmedAt) : null,
      confirmedBy: d.confirmedBy
        ? { id: d.confirmedBy, name: d.confirmerName ?? '', institutionId: d.confirmerInstitutionId ?? null }
        : null,
      absentIds: d.absentIds ?? [],
    })),
  };
}

/** Confirmed hours of one intern: the confirmed days they were not marked absent on. */
export function confirmedHoursOf(state: Pick<TInternshipState, 'days'>, internId: string): number {
  return round1(
    state.days
      .filter((d) => d.confirmedAt !== null && !d.absentIds.includes(internId))
      .reduce((s, d) => s + d.hours, 0),
  );
}

/** Hours of the confirmed days (the programme as held). */
export function confirmedProgrammeHours(state: Pick<TInternshipState, 'days'>): number {
  return round1(state.days.filter((d) => d.confirmedAt !== null).reduce((s, d) => s + d.hours, 0));
}

/** Whether a person is a mentor of the host college for this internship. */
export function isHostMentor(state: TInternshipState, actor: { id: string; institutionId: string | null }) {
  return (
    actor.institutionId === state.hostInstitutionId &&
    state.mentors.some((m) => m.id === actor.id && m.institutionId === state.hostInstitutionId)
  );
}

export function toInternshipView(
  state: TInternshipState,
  viewer: { id: string; institutionId: string | null },
): TInternship {
  return {
    eventId: state.eventId,
    hostInstitutionId: state.hostInstitutionId,
    mentors: state.mentors,
    interns: state.interns.map((i) => ({ ...i, confirmedHours: confirmedHoursOf(state, i.id) })),
    days: state.days.map((d) => ({
      id: d.id,
      date: d.date,
      title: d.title,
      sessions: d.sessions,
      hours: d.hours,
      confirmedAt: d.confirmedAt?.toISOString() ?? null,
      confirmedBy: d.confirmedBy,
      absentIds: d.absentIds,
    })),
    plannedHours: round1(state.days.reduce((s, d) => s + d.hours, 0)),
    confirmedHours: confirmedProgrammeHours(state),
    canConfirm: isHostMentor(state, viewer),
  };
}
