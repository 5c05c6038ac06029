import type { Db } from '@telemost/server/db/database';
import { sql } from 'kysely';

export type TResourceRef = { type: string; id: string };
export type TSpan = { start: Date; end: Date };

/**
 * The active bookings of the given resources that overlap any of the spans: one row per booking
 * row (event_resources), however many spans it overlaps.
 *
 * Written as a join against the (resource × span) pairs so that each pair is one probe of the
 * exclusion constraint's GiST index on (resource_type, resource_id, during). An OR of
 * `(type = … AND id = …)` pairs next to the range test let PostgreSQL use only
 * `resource_type` and `during` from the index and filter `resource_id` afterwards: it read every
 * group's bookings in the range, so an availability search grew with the whole calendar
 * (36,616 rows read for 184 kept at 20,000 events; see `npm run bench:scheduling:scale`).
 */
export function overlappingBookings(db: Db, resources: TResourceRef[], spans: TSpan[]) {
  return overlappingBookingsQuery(resources, spans).execute(db);
}

/** The statement of {@link overlappingBookings}, unexecuted (for EXPLAIN in the tests). */
export function overlappingBookingsQuery(resources: TResourceRef[], spans: TSpan[]) {
  const wanted = [...new Map(resources.map((r) => [`${r.type}|${r.id}`, r])).values()];
  return sql<{ eventId: string; resourceType: string; resourceId: string; start: Date; end: Date }>`
    SELECT DISTINCT r.event_id AS "eventId", r.resource_type AS "resourceType",
      r.resource_id AS "resourceId", lower(r.during) AS "start", upper(r.during) AS "end"
    FROM unnest(${wanted.map((r) => r.type)}::text[], ${wanted.map((r) => r.id)}::uuid[]) AS want(type, id)
    CROSS JOIN unnest(${spans.map((s) => s.start.toISOString())}::timestamptz[],
      ${spans.map((s) => s.end.toISOString())}::timestamptz[]) AS span(s, e)
    -- OFFSET 0 keeps the subquery a probe per pair, whatever the statistics say about the range.
    CROSS JOIN LATERAL (
      SELECT event_id, resource_type, resource_id, during FROM event_resources
      WHERE active AND resource_type = want.type AND resource_id = want.id
        AND during && tstzrange(span.s, span.e, '[)')
      OFFSET 0) r`;
}
