import type { TActor } from '@telemost/core/permissions';
import type { TInvitation } from '@telemost/core/schemas/invitation';
import type { AppContext } from '../../context.ts';
import { requireHost } from '../join/require-host.ts';
import { listEventInvitations, toInvitation } from './invitations.repository.ts';

/** The event's invitations, for its hosts: who they are for, uses and state; never the tokens. */
export async function listInvitations(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<TInvitation[]> {
  const event = await requireHost(ctx, actor, eventId);
  const now = ctx.now();
  return (await listEventInvitations(ctx.db, event.id)).map((r) => toInvitation(r, now));
}
