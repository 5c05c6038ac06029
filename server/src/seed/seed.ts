import { sql } from 'kysely';
import { hashPassword } from '../auth/password.ts';
import type { TEnv } from '../config/env.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../lib/logger.ts';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_INSTITUTIONS,
  DEMO_PARTNERSHIP,
  DEMO_PASSWORD,
  demoEmail,
} from './demo-data.ts';

async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Key of the transaction-level advisory lock the start-up writes take (the first administrator,
 * the demo seed), so instances starting together on an empty database check and insert one at a
 * time instead of racing into a unique-key violation. Migrations have their own lock (Kysely's).
 */
const STARTUP_LOCK_KEY = 7_201_505;

/** Runs `fn` in a transaction that first takes the start-up lock; the others wait their turn. */
function underStartupLock<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${STARTUP_LOCK_KEY})`.execute(trx);
    return fn(trx);
  });
}

/** Creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD when there is none yet. */
export async function ensureAdmin(ctx: {
  db: Db;
  env: Pick<TEnv, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD'>;
  logger: Logger;
}): Promise<boolean> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = ctx.env;
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return false;
  if ((await countAdmins(ctx.db)) > 0) return false;
  const passwordHash = await hashPassword(ADMIN_PASSWORD);
  const created = await underStartupLock(ctx.db, async (trx) => {
    // Checked again under the lock: another instance may have created it meanwhile.
    if ((await countAdmins(trx)) > 0) return false;
    await trx
      .insertInto('users')
      .values({
        email: ADMIN_EMAIL.toLowerCase(),
        name: 'Administrator',
        role: 'admin',
        institutionId: null,
        passwordHash,
      })
      .execute();
    return true;
  });
  if (created) ctx.logger.info({ email: ADMIN_EMAIL }, 'created the first administrator');
  return created;
}

/**
 * Seeds the demo colleges, partnership, groups and people once; a no-op when any college exists.
 * Of several instances starting together, exactly one seeds (and answers true).
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  const any = await db.selectFrom('institutions').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return underStartupLock(db, async (trx) => {
    if (await trx.selectFrom('institutions').select('id').limit(1).executeTakeFirst()) return false;
    const partnership = await trx
      .insertInto('partnerships')
      .values({
        number: DEMO_PARTNERSHIP.number,
        title: JSON.stringify(DEMO_PARTNERSHIP.title),
        signedOn: DEMO_PARTNERSHIP.signedOn,
        validFrom: DEMO_PARTNERSHIP.validFrom,
        validTo: DEMO_PARTNERSHIP.validTo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('planItems')
      .values(
        DEMO_PARTNERSHIP.plan.map((p) => ({
          partnershipId: partnership.id,
          kind: p.kind,
          title: JSON.stringify({ ru: p.ru, kk: p.kk, en: p.en }),
          targetCount: p.target,
        })),
      )
      .execute();
    if ((await countAdmins(trx)) === 0) {
      await trx
        .insertInto('users')
        .values({
          email: DEMO_ADMIN_EMAIL,
          name: 'Администратор',
          role: 'admin',
          institutionId: null,
          passwordHash,
        })
        .execute();
    }
    for (const inst of DEMO_INSTITUTIONS) {
      const { id } = await trx
        .insertInto('institutions')
        .values({
          code: inst.code,
          name: JSON.stringify(inst.name),
          city: JSON.stringify(inst.city),
          country: inst.country,
          timeZone: inst.timeZone,
          workingHours: JSON.stringify(inst.workingHours),
          lessonPeriods: JSON.stringify(inst.lessonPeriods),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('partnershipMembers')
        .values({ partnershipId: partnership.id, institutionId: id })
        .execute();
      await trx
        .insertInto('rooms')
        .values({ institutionId: id, name: 'Студия телемоста', capacity: 30 })
        .execute();
      const person = (email: string, name: string, role: string) => ({
        email,
        name,
        role,
        institutionId: id,
        locale: inst.locale,
        passwordHash,
      });
      await trx
        .insertInto('users')
        .values([
          person(demoEmail('coordinator', inst.code), inst.people.coordinator, 'coordinator'),
          ...inst.people.teachers.map((n, i) => person(demoEmail('teacher', inst.code, i + 1), n, 'teacher')),
        ])
        .execute();
      let studentNo = 0;
      for (const [g, groupName] of inst.groups.entries()) {
        const group = await trx
          .insertInto('groups')
          .values({ institutionId: id, name: groupName })
          .returning('id')
          .executeTakeFirstOrThrow();
        const students = await trx
          .insertInto('users')
          .values(
            (inst.people.students[g] ?? []).map((n) =>
              person(demoEmail('student', inst.code, ++studentNo), n, 'student'),
            ),
          )
          .returning('id')
          .execute();
        if (students.length) {
          await trx
            .insertInto('groupMembers')
            .values(students.map((s) => ({ groupId: group.id, userId: s.id })))
            .execute();
        }
      }
    }
    return true;
  });
}
