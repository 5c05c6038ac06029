import { canCreateUser, type TActor } from '@telemost/core/permissions';
import type { TCreateUserRequest, TUser } from '@telemost/core/schemas/user';
import { isValidZone } from '@telemost/core/time/zones';
import { hashPassword } from '@telemost/server/auth/password';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { insertUser } from './users.repository.ts';

/** Creates an account. Admins create anyone; coordinators non-admins of their own college. */
export async function createUser(ctx: AppContext, actor: TActor, input: TCreateUserRequest): Promise<TUser> {
  if (!canCreateUser(actor, input)) {
    throw forbidden('Coordinators can add people only to their own college, and never administrators');
  }
  if (input.timeZone && !isValidZone(input.timeZone)) {
    throw new AppError('validation_failed', 'Unknown time zone', {
      fields: [{ field: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone` }],
    });
  }
  const institution = await ctx.db
    .selectFrom('institutions')
    .select('id')
    .where('id', '=', input.institutionId)
    .executeTakeFirst();
  if (!institution) {
    throw new AppError('validation_failed', 'Unknown institution', {
      fields: [{ field: 'institutionId', message: 'no such institution' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email))
      .executeTakeFirst();
    if (existing) {
      throw new AppError('conflict', 'An account with this e-mail already exists', {
        fields: [{ field: 'email', message: 'already registered' }],
      });
    }
    const user = await insertUser(trx, {
      email: input.email,
      name: input.name,
      role: input.role,
      institutionId: input.institutionId,
      locale: input.locale ?? 'ru',
      timeZone: input.timeZone ?? null,
      passwordHash,
    });
    await writeAudit(trx, {
      actorId: actor.id,
      action: 'user.created',
      entity: 'user',
      entityId: user.id,
      data: { role: user.role },
    });
    return user;
  });
}
