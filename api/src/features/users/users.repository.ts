import { PARTNER_VISIBLE_ROLES } from '@telemost/core/permissions';
import type { TLocale } from '@telemost/core/schemas/common';
import type { TRole, TUser } from '@telemost/core/schemas/user';
import type { Db } from '@telemost/server/db/database';

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'institutionId', 'locale', 'timeZone'] as const;

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  institutionId: string | null;
  locale: string;
  timeZone: string | null;
};

export function toUserDto(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as TRole,
    institutionId: row.institutionId,
    locale: row.locale as TLocale,
    timeZone: row.timeZone,
  };
}

export async function findUserForLogin(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'passwordHash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<TUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  return row ? toUserDto(row) : undefined;
}

/**
 * Active people, by name. `visibleTo` narrows the list to what a non-admin may see: everyone of
 * their own college, and only the teachers and coordinators of partner colleges.
 */
export async function listUsers(
  db: Db,
  filter: {
    institutionId?: string;
    role?: TRole;
    visibleTo?: { ownInstitutionId: string | null; partnerIds: string[] };
  },
): Promise<TUser[]> {
  let q = db.selectFrom('users').select(USER_COLUMNS).where('disabledAt', 'is', null);
  if (filter.institutionId) q = q.where('institutionId', '=', filter.institutionId);
  if (filter.role) q = q.where('role', '=', filter.role);
  const visible = filter.visibleTo;
  if (visible) {
    q = q.where((eb) =>
      eb.or([
        visible.ownInstitutionId ? eb('institutionId', '=', visible.ownInstitutionId) : eb.val(false),
        visible.partnerIds.length
          ? eb.and([eb('institutionId', 'in', visible.partnerIds), eb('role', 'in', PARTNER_VISIBLE_ROLES)])
          : eb.val(false),
      ]),
    );
  }
  const rows = await q.orderBy('name').execute();
  return rows.map(toUserDto);
}

/** Colleges that share a partnership with this one (not itself). */
export async function partnerInstitutionIds(db: Db, institutionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('partnershipMembers as m')
    .select('m.institutionId')
    .distinct()
    .where('m.partnershipId', 'in', (eb) =>
      eb.selectFrom('partnershipMembers').select('partnershipId').where('institutionId', '=', institutionId),
    )
    .where('m.institutionId', '!=', institutionId)
    .execute();
  return new Set(rows.map((r) => r.institutionId));
}

export async function insertUser(
  db: Db,
  user: {
    email: string;
    name: string;
    role: TRole;
    institutionId: string | null;
    locale: TLocale;
    timeZone: string | null;
    passwordHash: string;
  },
): Promise<TUser> {
  const row = await db.insertInto('users').values(user).returning(USER_COLUMNS).executeTakeFirstOrThrow();
  return toUserDto(row);
}
