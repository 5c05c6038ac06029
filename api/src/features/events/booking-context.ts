import type { TActor } from '@telemost/core';
import type { TInstitutionCalendar } from '@telemost/core/scheduling/working-time';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';

export type TBookingContext = {
  partnershipId: string;
  members: Map<string, TInstitutionCalendar & { code: string }>;
  groups: { id: string; institutionId: string }[];
  teachers: { id: string; institutionId: string }[];
  rooms: { id: string; institutionId: string }[];
  /** The institutions taking part: the organiser's and those of every chosen group, teacher and room. */
  involved: (TInstitutionCalendar & { code: string })[];
  organizerInstitutionId: string;
};

/**
 * Loads and checks what a booking refers to: the partnership, its member colleges, and the chosen
 * groups, teachers and rooms, which must all belong to member colleges. At least two colleges.
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
  const partnership = await db
    .selectFrom('partnerships')
    .select('id')
    .where('id', '=', input.partnershipId)
    .executeTakeFirst();
  if (!partnership) {
    throw new AppError('validation_failed', 'Unknown partnership', {
      fields: [{ field: 'partnershipId', message: 'no such partnership' }],
    });
  }
  const memberRows = await db
    .selectFrom('partnershipMembers as m')
    .innerJoin('institutions as i', 'i.id', 'm.institutionId')
    .select(['i.id', 'i.code', 'i.country', 'i.timeZone', 'i.workingHours', 'i.lessonPeriods'])
    .where('m.partnershipId', '=', input.partnershipId)
    .execute();
  const members = new Map(memberRows.map((m) => [m.id, m]));
  if (actor.role !== 'admin' && !members.has(actor.institutionId ?? '')) {
    throw notFound('Partnership');
  }
  const uniq = (a: string[]) => [...new Set(a)];
  const [groups, teachers, rooms] = await Promise.all([
    input.groupIds.length
      ? db
          .selectFrom('groups')
          .select(['id', 'institutionId'])
          .where('id', 'in', uniq(input.groupIds))
          .execute()
      : [],
    input.teacherIds.length
      ? db
          .selectFrom('users')
          .select(['id', 'institutionId', 'role'])
          .where('id', 'in', uniq(input.teacherIds))
          .where('disabledAt', 'is', null)
          .execute()
      : [],
    input.roomIds.length
      ? db
          .selectFrom('rooms')
          .select(['id', 'institutionId'])
          .where('id', 'in', uniq(input.roomIds))
          .execute()
      : [],
  ]);
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

  const organizerInstitutionId =
    actor.institutionId ?? groups[0]?.institutionId ?? teachers[0]?.institutionId ?? input.institutionIds[0];
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
    members,
    groups,
    teachers: teachers.map((t) => ({ id: t.id, institutionId: t.institutionId! })),
    rooms,
    involved: involvedIds.map((id) => members.get(id)!),
    organizerInstitutionId,
  };
}
