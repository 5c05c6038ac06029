import { canListUsers, type TActor, type TRole, type TUser } from '@telemost/core';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { listUsers as listUsersRows } from './users.repository.ts';

/**
 * Lists people. Admins see everyone; coordinators and teachers their own college (teachers need
 * colleagues to book with). Students and guests see no directory.
 */
export async function listUsers(
  ctx: AppContext,
  actor: TActor,
  filter: { institutionId?: string; role?: TRole },
): Promise<TUser[]> {
  if (!canListUsers(actor, filter.institutionId)) throw forbidden('You can list only your own college');
  const institutionId = actor.role === 'admin' ? filter.institutionId : (actor.institutionId ?? undefined);
  return listUsersRows(ctx.db, { ...filter, institutionId });
}
