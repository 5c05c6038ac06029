import type { Db } from '@telemost/server/db/database';

/**
 * What the real records say about olympiads and internships, for the plan report: an olympiad is
 * held once its chief expert closed marking (not when its time is up); an internship is done when
 * a mentor has confirmed every day of its programme, and its hours are the confirmed ones, which
 * count as soon as each day is confirmed.
 */
export async function loadActivityRecords(db: Db, events: { id: string; kind: string }[]) {
  const olympiadIds = events.filter((e) => e.kind === 'olympiad').map((e) => e.id);
  const internshipIds = events.filter((e) => e.kind === 'internship').map((e) => e.id);
  const [olympiads, days] = await Promise.all([
    olympiadIds.length
      ? db
          .selectFrom('olympiads')
          .select(['eventId', 'closedAt'])
          .where('eventId', 'in', olympiadIds)
          .execute()
      : [],
    internshipIds.length
      ? db
          .selectFrom('internshipDays')
          .select(['eventId', 'hours', 'confirmedAt'])
          .where('eventId', 'in', internshipIds)
          .execute()
      : [],
  ]);
  const closedOlympiads = new Set(olympiads.filter((o) => o.closedAt !== null).map((o) => o.eventId));
  const confirmedMs = new Map<string, number>();
  const open = new Set<string>();
  for (const d of days) {
    if (d.confirmedAt === null) open.add(d.eventId);
    else confirmedMs.set(d.eventId, (confirmedMs.get(d.eventId) ?? 0) + d.hours * 3_600_000);
  }
  const withDays = new Set(days.map((d) => d.eventId));
  return {
    /** Whether the record says the activity took place; undefined: decide by the clock. */
    heldByRecord(e: { id: string; kind: string }): boolean | undefined {
      if (e.kind === 'olympiad') return closedOlympiads.has(e.id);
      if (e.kind === 'internship') return withDays.has(e.id) && !open.has(e.id);
      return undefined;
    },
    /** An internship's confirmed hours in ms; undefined for other kinds. */
    confirmedMs(e: { id: string; kind: string }): number | undefined {
      return e.kind === 'internship' ? (confirmedMs.get(e.id) ?? 0) : undefined;
    },
  };
}
