import type { Db } from './database.ts';

/**
 * The colleges of events, joined to their institutions, in side order: Russia's first (country
 * descending), then by code. Every view that lists an event's two sides reads them in this order,
 * so the Moscow and Karaganda columns never swap between pages. The caller picks its columns.
 */
export function eventSidesQuery(db: Db, eventIds: string | readonly string[]) {
  return db
    .selectFrom('eventInstitutions as ei')
    .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
    .where('ei.eventId', 'in', typeof eventIds === 'string' ? [eventIds] : [...eventIds])
    .orderBy('i.country', 'desc')
    .orderBy('i.code');
}
