import type { TLoginRequest, TUser } from '@telemost/core/schemas/user';
import { timingDummyHash, verifyPassword } from '@telemost/server/auth/password';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { findUserForLogin, toUserDto } from '../users/users.repository.ts';

/** Checks credentials. Unknown e-mail and wrong password answer alike, in the same time. */
export async function login(ctx: AppContext, input: TLoginRequest): Promise<TUser> {
  const row = await findUserForLogin(ctx.db, input.email);
  const ok = await verifyPassword(row?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!row || !ok) {
    throw new AppError('unauthenticated', 'Wrong e-mail or password', {
      fields: [{ field: 'password', message: 'wrong e-mail or password' }],
    });
  }
  await writeAudit(ctx.db, { actorId: row.id, action: 'auth.login', entity: 'user', entityId: row.id });
  return toUserDto(row);
}
