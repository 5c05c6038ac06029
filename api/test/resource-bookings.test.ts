import type { DatabaseHandle } from '@telemost/server/db/database';
import { seedDemoData } from '@telemost/server/seed/seed';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  overlappingBookings,
  overlappingBookingsQuery,
} from '../src/features/events/resource-bookings.repository.ts';
import { DRIVERS, openTestDatabase } from './support/test-db.ts';

const DAYS = 100;
const T0 = Date.UTC(2027, 8, 6, 6);
const DAY = 86_400_000;
const groupId = (g: number) => `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`;

/** The busy-time query as it was written before: an OR of (type, id) pairs next to the range test. */
async function orQuery(
  db: DatabaseHandle['db'],
  resources: { type: string; id: string }[],
  span: { start: Date; end: Date },
) {
  return db
    .selectFrom('eventResources')
    .select(['eventId', 'resourceType', 'resourceId'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or(resources.map((r) => eb.and([eb('resourceType', '=', r.type), eb('resourceId', '=', r.id)]))),
    )
    .where(
      sql<boolean>`during && tstzrange(${span.start.toISOString()}::timestamptz, ${span.end.toISOString()}::timestamptz, '[)')`,
    )
    .execute();
}

const key = (r: { eventId: string; resourceType: string; resourceId: string }) =>
  `${r.eventId}|${r.resourceType}|${r.resourceId}`;

describe.each(DRIVERS)('bookings of chosen resources in a span (%s)', (driver) => {
  // A calendar of the size where the old query's growth showed (bench:scheduling:scale at 20,000).
  const GROUPS = driver === 'postgres' ? 200 : 40;
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
    await seedDemoData(database.db);
    // GROUPS × 100 days, one 90-minute booking a day each, every tenth one cancelled (inactive),
    // plus a teacher on every fourth booking (20,000 events on PostgreSQL), written in one statement.
    await sql`
      WITH partnership AS (SELECT id FROM partnerships LIMIT 1),
        organiser AS (SELECT id, institution_id FROM users WHERE institution_id IS NOT NULL LIMIT 1),
        slots AS (
          SELECT g, d, ${new Date(T0).toISOString()}::timestamptz + d * interval '1 day' + (g % 4) * interval '2 hours' AS s
          FROM generate_series(0, ${GROUPS - 1}) g, generate_series(0, ${DAYS - 1}) d),
        ev AS (
          INSERT INTO events (partnership_id, kind, title, status, start_at, end_at, organizer_id,
            organizer_institution_id, origin_zone)
          SELECT p.id, 'joint_lesson', 'g' || g || ' d' || d, 'confirmed', s, s + interval '90 minutes',
            o.id, o.institution_id, 'Europe/Moscow'
          FROM slots, partnership p, organiser o
          RETURNING id, title, start_at, end_at)
      INSERT INTO event_resources (event_id, resource_type, resource_id, during, active)
      SELECT ev.id, r.type, r.id, tstzrange(ev.start_at, ev.end_at, '[)'), (split_part(ev.title, ' d', 2)::int % 10) <> 0
      FROM ev CROSS JOIN LATERAL (
        SELECT 'group' AS type, ('00000000-0000-4000-8000-' || lpad(substr(split_part(ev.title, ' ', 1), 2), 12, '0'))::uuid AS id
        UNION ALL
        SELECT 'teacher', ('00000000-0000-4000-9000-' || lpad(substr(split_part(ev.title, ' ', 1), 2), 12, '0'))::uuid
        WHERE split_part(ev.title, ' d', 2)::int % 4 = 0) r`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('when the busy times of some groups and a teacher are asked, then they are exactly the active overlapping rows, as before', async () => {
    const cases = [
      { resources: [groupId(0), groupId(1)], from: 0, days: 140 },
      { resources: [groupId(5)], from: 10, days: 3 },
      { resources: [groupId(7), groupId(7), groupId(39)], from: 95, days: 30 },
      { resources: [groupId(2), groupId(3), groupId(12)], from: -5, days: 7 },
    ];
    for (const c of cases) {
      const resources = [
        ...c.resources.map((id) => ({ type: 'group', id })),
        { type: 'teacher', id: groupId(3).replace('-8000-', '-9000-') },
      ];
      const span = { start: new Date(T0 + c.from * DAY), end: new Date(T0 + (c.from + c.days) * DAY) };
      const expected = (await orQuery(database.db, resources, span)).map(key).sort();
      const rows = (await overlappingBookings(database.db, resources, [span])).rows;
      expect(rows.map(key).sort()).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(new Date(r.start).getTime()).toBeLessThan(span.end.getTime());
        expect(new Date(r.end).getTime()).toBeGreaterThan(span.start.getTime());
      }
    }
  });

  it('when a booking overlaps several of the spans, then it comes back once', async () => {
    // Day 1: group 0 has an active booking (every tenth day, from day 0, is cancelled).
    const span = { start: new Date(T0 + DAY), end: new Date(T0 + 2 * DAY) };
    const rows = (await overlappingBookings(database.db, [{ type: 'group', id: groupId(0) }], [span, span]))
      .rows;
    expect(rows).toHaveLength(1);
  });

  it.runIf(driver === 'postgres')(
    'when two groups are asked over a term, then PostgreSQL reads their bookings only, not every group in the range',
    async () => {
      const resources = [groupId(0), groupId(1)].map((id) => ({ type: 'group', id }));
      const span = { start: new Date(T0), end: new Date(T0 + DAYS * DAY) };
      const q = overlappingBookingsQuery(resources, [span]);
      const plan = (
        await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (ANALYZE, FORMAT JSON) ${q}`.execute(database.db)
      ).rows[0]!['QUERY PLAN'] as [{ Plan: TPlanNode }];
      const read = rowsReadFromEventResources(plan[0].Plan);
      // 2 groups × 90 active bookings; before, the range test alone picked the rows: all 200 groups'.
      expect(read).toBeLessThanOrEqual(2 * DAYS);
    },
  );
});

type TPlanNode = {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: TPlanNode[];
};
/** Rows the plan's scans of event_resources produced or threw away, over all their loops. */
function rowsReadFromEventResources(node: TPlanNode): number {
  const own =
    node['Relation Name'] === 'event_resources'
      ? ((node['Actual Rows'] ?? 0) +
          (node['Rows Removed by Filter'] ?? 0) +
          (node['Rows Removed by Index Recheck'] ?? 0)) *
        (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((a, p) => a + rowsReadFromEventResources(p), 0);
}
