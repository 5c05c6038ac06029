import type { TInstitution } from '@telemost/core/schemas/institution';
import type { TGroup, TPartnership } from '@telemost/core/schemas/partnership';
import type { Db } from '@telemost/server/db/database';
import { sql } from 'kysely';

export async function listInstitutions(db: Db): Promise<TInstitution[]> {
  const rows = await db
    .selectFrom('institutions')
    .select(['id', 'code', 'name', 'city', 'country', 'timeZone', 'workingHours', 'lessonPeriods'])
    .orderBy('country', 'desc')
    .orderBy('code')
    .execute();
  return rows;
}

/** Institutions that share a partnership with `institutionId` (itself included). */
export async function partnerInstitutionIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('partnershipMembers as mine')
    .innerJoin('partnershipMembers as other', 'other.partnershipId', 'mine.partnershipId')
    .select('other.institutionId')
    .distinct()
    .where('mine.institutionId', '=', institutionId)
    .execute();
  const ids = new Set(rows.map((r) => r.institutionId));
  ids.add(institutionId);
  return [...ids];
}

export async function listPartnerships(db: Db, memberInstitutionId: string | null): Promise<TPartnership[]> {
  let q = db
    .selectFrom('partnerships as p')
    .select([
      'p.id',
      'p.number',
      'p.title',
      'p.signedOn',
      'p.validFrom',
      'p.validTo',
      sql<
        string[]
      >`(select coalesce(array_agg(m.institution_id order by m.institution_id), '{}') from partnership_members m where m.partnership_id = p.id)`.as(
        'institutionIds',
      ),
      sql<
        TPartnership['planItems']
      >`(select coalesce(json_agg(json_build_object('id', i.id, 'kind', i.kind, 'title', i.title, 'targetCount', i.target_count) order by i.kind), '[]') from plan_items i where i.partnership_id = p.id)`.as(
        'planItems',
      ),
    ])
    .orderBy('p.signedOn', 'desc');
  if (memberInstitutionId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partnershipMembers as pm')
          .select('pm.partnershipId')
          .whereRef('pm.partnershipId', '=', 'p.id')
          .where('pm.institutionId', '=', memberInstitutionId),
      ),
    );
  }
  return q.execute();
}

export async function listGroups(
  db: Db,
  filter: { institutionIds?: string[]; memberUserId?: string },
): Promise<TGroup[]> {
  let q = db
    .selectFrom('groups as g')
    .select([
      'g.id',
      'g.institutionId',
      'g.name',
      sql<number>`(select count(*)::int from group_members gm where gm.group_id = g.id)`.as('size'),
    ])
    .orderBy('g.name');
  if (filter.institutionIds) {
    if (filter.institutionIds.length === 0) return [];
    q = q.where('g.institutionId', 'in', filter.institutionIds);
  }
  if (filter.memberUserId) {
    const uid = filter.memberUserId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('groupMembers as gm')
          .select('gm.groupId')
          .whereRef('gm.groupId', '=', 'g.id')
          .where('gm.userId', '=', uid),
      ),
    );
  }
  return q.execute();
}
