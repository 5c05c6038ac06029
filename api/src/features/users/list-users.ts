import { canListUsers, type TActor } from '@telemost/core/permissions';
import type { TRole, TUser } from '@telemost/core/schemas/user';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { listUsers as listUsersRows, partnerInstitutionIds } from './users.repository.ts';

/**
 * Lists people. Admins see everyone. Coordinators and teachers see their own college and the
 * teachers and coordinators of partner colleges: they book joint lessons with them. Students and
 * guests see no directory.
 */
export async function listUsers(
  ctx: AppContext,
  actor: TActor,
  filter: { institutionId?: string; role?: TRole },
): Promise<TUser[]> {
  if (actor.role === 'admin') return listUsersRows(ctx.db, filter);
  const partners = actor.institutionId
    ? await partnerInstitutionIds(ctx.db, actor.institutionId)
    : new Set<string>();
  if (!canListUsers(actor, filter.institutionId, partners))
    throw forbidden('You can list your own college and the teachers of partner colleges');
  return listUsersRows(ctx.db, {
    ...filter,
    visibleTo: { ownInstitutionId: actor.institutionId, partnerIds: [...partners] },
  });
}
