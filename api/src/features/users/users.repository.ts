import type { TActor, TLocale, TRole, TUser } from '@telemost/core';
import type { Db } from '../../db/database.ts';

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

export async function findActor(db: Db, id: string): Promise<TActor | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'institutionId'])
    .where('id', '=', id)
    .where('disabledAt', 'is', null)
    .executeTakeFirst() as Promise<TActor | undefined>;
}

export async function listUsers(db: Db, filter: { institutionId?: string; role?: TRole }): Promise<TUser[]> {
  let q = db.selectFrom('users').select(USER_COLUMNS).where('disabledAt', 'is', null);
  if (filter.institutionId) q = q.where('institutionId', '=', filter.institutionId);
  if (filter.role) q = q.where('role', '=', filter.role);
  const rows = await q.orderBy('name').execute();
  return rows.map(toUserDto);
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

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
