import type { TActor } from '@telemost/core/permissions';
import { VIEWER_ZONE_FALLBACK } from '@telemost/core/presentation/clocks';
import type { TInstitutionCalendar } from '@telemost/core/scheduling/working-time';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import { type Db, PREPARED } from '@telemost/server/db/database';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { AppError, notFound } from '../../lib/app-error.ts';

export type TValidity = { validFrom: string; validTo: string | null };

/**
 * Refuses times outside the partnership's agreement: each activity must start on or after its
 * first day and end by its last day, read in the organiser's zone. The first occurrence out of
 * range is blamed on `start`, a later one of a series on `recurrence`.
 */
export function assertWithinValidity(
  validity: TValidity,
  occurrences: { start: Date; end: Date }[],
  zone: string,
  field: (index: number) => string = (i) => (i === 0 ? 'start' : 'recurrence'),
): void {
  for (const [i, o] of occurrences.entries()) {
    const startDate = DateTime.fromJSDate(o.start, { zone }).toISODate()!;
    // An activity ending at midnight belongs to the day before.
    const endDate = DateTime.fromJSDate(new Date(o.end.getTime() - 1), { zone }).toISODate()!;
    const message =
      startDate < validity.validFrom
        ? `must not be before the partnership starts (${validity.validFrom})`
        : validity.validTo !== null && endDate > validity.validTo
          ? `must not be after the partnership ends (${validity.validTo})`
          : null;
    if (message) {
      throw new AppError(
        'validation_failed',
        `This time is outside the partnership's agreement: it ${message}`,
        {
          fields: [{ field: field(i), message }],
        },
      );
    }
  }
}

type TMember = TInstitutionCalendar & { code: string; name: TLocalizedText; city: TLocalizedText };

export type TBookingContext = {
  partnershipId: string;
  /** The agreement's first and last day (`yyyy-MM-dd`; no last day: open-ended). */
  validity: TValidity;
  /** Member colleges, in the order an event view lists its sides (country descending, then code). */
  members: Map<string, TMember>;
  groups: { id: string; institutionId: string; name: string }[];
  teachers: { id: string; institutionId: string; name: string }[];
  rooms: { id: string; institutionId: string; name: string }[];
  /** The institutions taking part: the organiser's and those of every chosen group, teacher and room. */
  involved: TMember[];
  organizerInstitutionId: string;
  /** The actor's name and the zone they read times in, for the booking's own response. */
  actorName: string;
  viewerZone: string;
};

type TContextRow = {
  partnershipId: string | null;
  validFrom: string | null;
  validTo: string | null;
  members: TMember[];
  groups: { id: string; institutionId: string; name: string }[];
  teachers: { id: string; institutionId: string | null; role: string; name: string }[];
  rooms: { id: string; institutionId: string; name: string }[];
  actorName: string | null;
  viewerZone: string | null;
};

/**
 * Loads and checks what a booking refers to: the partnership, its member colleges, and the chosen
 * groups, teachers and rooms, which must all belong to member colleges. At least two colleges.
 * One round trip: everything comes back as JSON columns of a single row.
 */
export async function loadBookingContext(
  db: Db,
  actor: TActor,
  input: {
    partnershipId: string;
    groupIds: string[];
    teacherIds: string[];
    roomIds: string[];
    institutionIds: string[];
  },
): Promise<TBookingContext> {
  const uniq = (a: string[]) => [...new Set(a)];
  const { rows } = await sql<TContextRow>`${sql.raw(PREPARED)}
    SELECT
      (SELECT id FROM partnerships WHERE id = ${input.partnershipId}) AS "partnershipId",
      (SELECT valid_from::text FROM partnerships WHERE id = ${input.partnershipId}) AS "validFrom",
      (SELECT valid_to::text FROM partnerships WHERE id = ${input.partnershipId}) AS "validTo",
      coalesce((
        SELECT json_agg(json_build_object('id', i.id, 'code', i.code, 'country', i.country,
            'timeZone', i.time_zone, 'workingHours', i.working_hours, 'lessonPeriods', i.lesson_periods,
            'name', i.name, 'city', i.city) ORDER BY i.country DESC, i.code)
        FROM partnership_members m JOIN institutions i ON i.id = m.institution_id
        WHERE m.partnership_id = ${input.partnershipId}), '[]') AS "members",
      coalesce((
        SELECT json_agg(json_build_object('id', id, 'institutionId', institution_id, 'name', name) ORDER BY name)
        FROM groups WHERE id = ANY(${uniq(input.groupIds)}::uuid[])), '[]') AS "groups",
      coalesce((
        SELECT json_agg(json_build_object('id', id, 'institutionId', institution_id, 'role', role, 'name', name) ORDER BY name)
        FROM users WHERE id = ANY(${uniq(input.teacherIds)}::uuid[]) AND disabled_at IS NULL), '[]') AS "teachers",
      coalesce((
        SELECT json_agg(json_build_object('id', id, 'institutionId', institution_id, 'name', name) ORDER BY name)
        FROM rooms WHERE id = ANY(${uniq(input.roomIds)}::uuid[])), '[]') AS "rooms",
      (SELECT name FROM users WHERE id = ${actor.id}) AS "actorName",
      (SELECT coalesce(u.time_zone, i.time_zone) FROM users u LEFT JOIN institutions i ON i.id = u.institution_id
        WHERE u.id = ${actor.id}) AS "viewerZone"
  `.execute(db);
  const row = rows[0]!;
  if (!row.partnershipId) {
    throw new AppError('validation_failed', 'Unknown partnership', {
      fields: [{ field: 'partnershipId', message: 'no such partnership' }],
    });
  }
  const members = new Map(row.members.map((m) => [m.id, m]));
  if (actor.role !== 'admin' && !members.has(actor.institutionId ?? '')) {
    throw notFound('Partnership');
  }
  const { groups, teachers, rooms } = row;
  const fields: { field: string; message: string }[] = [];
  const check = (name: string, wanted: string[], found: { id: string; institutionId: string | null }[]) => {
    for (const [i, id] of wanted.entries()) {
      const row = found.find((f) => f.id === id);
      if (!row) fields.push({ field: `${name}.${i}`, message: 'not found' });
      else if (!row.institutionId || !members.has(row.institutionId)) {
        fields.push({ field: `${name}.${i}`, message: 'belongs to a college outside this partnership' });
      }
    }
  };
  check('groupIds', input.groupIds, groups);
  check('teacherIds', input.teacherIds, teachers);
  check('roomIds', input.roomIds, rooms);
  for (const [i, t] of teachers.entries()) {
    if (t.role !== 'teacher' && t.role !== 'coordinator')
      fields.push({ field: `teacherIds.${i}`, message: 'is not a teacher' });
  }
  for (const [i, id] of input.institutionIds.entries()) {
    if (!members.has(id))
      fields.push({ field: `institutionIds.${i}`, message: 'is not a member of this partnership' });
  }
  if (fields.length)
    throw new AppError('validation_failed', 'Some participants do not fit this partnership', { fields });

  // An admin organises on behalf of the side of the first group (or teacher) they chose.
  const firstChosen = (wanted: string[], found: { id: string; institutionId: string | null }[]) =>
    found.find((f) => f.id === wanted[0])?.institutionId ?? undefined;
  const organizerInstitutionId =
    actor.institutionId ??
    firstChosen(input.groupIds, groups) ??
    firstChosen(input.teacherIds, teachers) ??
    input.institutionIds[0];
  if (!organizerInstitutionId) {
    throw new AppError('validation_failed', 'Choose at least one group or teacher', {
      fields: [{ field: 'groupIds', message: 'empty' }],
    });
  }
  const involvedIds = uniq([
    organizerInstitutionId,
    ...groups.map((g) => g.institutionId),
    ...teachers.map((t) => t.institutionId!),
    ...rooms.map((r) => r.institutionId),
    ...input.institutionIds,
  ]);
  if (involvedIds.length < 2) {
    throw new AppError(
      'validation_failed',
      'A joint activity needs at least two colleges: add a partner college’s group or teacher',
      {
        fields: [{ field: 'groupIds', message: 'involves only one college' }],
      },
    );
  }
  return {
    partnershipId: input.partnershipId,
    validity: { validFrom: row.validFrom!, validTo: row.validTo },
    members,
    groups,
    teachers: teachers.map((t) => ({ id: t.id, institutionId: t.institutionId!, name: t.name })),
    rooms,
    involved: involvedIds.map((id) => members.get(id)!),
    organizerInstitutionId,
    actorName: row.actorName ?? '',
    viewerZone: row.viewerZone ?? VIEWER_ZONE_FALLBACK,
  };
}
