import type { TActor } from '@telemost/core/permissions';
import type { TCreateInvitation } from '@telemost/core/schemas/invitation';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { publicBaseUrl } from '../calendar/routes.ts';
import { requireHost } from '../join/require-host.ts';
import { hashSecret, newSecret } from './invitations.repository.ts';

/**
 * A host of either college invites someone without an account. The link's token is shown in the
 * answer only; the database keeps its hash. The link lasts until `expiresAt` (default: the
 * event's end) and for `maxUses` people (default: any number). A jury invitation names the
 * college its jurors stand for: one of the event's, by default the inviting host's own.
 */
export async function createInvitation(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: TCreateInvitation,
): Promise<{ id: string; url: string; expiresAt: string }> {
  const event = await requireHost(ctx, actor, eventId);
  if (event.status === 'cancelled' || event.status === 'declined') {
    throw new AppError('invalid_state', 'Nobody can be invited to a cancelled or declined event', {
      extra: { eventStatus: event.status },
    });
  }
  const now = ctx.now();
  if (event.endAt <= now) throw new AppError('invalid_state', 'This event is over');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : event.endAt;
  if (expiresAt <= now) {
    throw new AppError('validation_failed', 'The invitation would have expired already', {
      fields: [{ field: 'expiresAt', message: 'must be in the future' }],
    });
  }
  const institutionId = input.role === 'jury' ? await juryCollege(ctx, actor, event.id, input) : null;
  const token = newSecret();
  const row = await ctx.db
    .insertInto('invitations')
    .values({
      eventId: event.id,
      role: input.role,
      label: input.label ?? null,
      tokenHash: hashSecret(token),
      expiresAt,
      maxUses: input.maxUses ?? null,
      lobby: input.lobby,
      institutionId,
      createdBy: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'invitation.created',
    entity: 'event',
    entityId: event.id,
    data: {
      invitationId: row.id,
      role: input.role,
      label: input.label ?? null,
      maxUses: input.maxUses ?? null,
      ...(institutionId ? { institutionId } : {}),
    },
  });
  return { id: row.id, url: `${publicBaseUrl(ctx)}/invite/${token}`, expiresAt: expiresAt.toISOString() };
}

/** The college a jury invitation's jurors stand for: the one asked for, or the host's; one of the event's. */
async function juryCollege(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: TCreateInvitation,
): Promise<string> {
  const sides = await ctx.db
    .selectFrom('eventInstitutions')
    .select('institutionId')
    .where('eventId', '=', eventId)
    .execute();
  const involved = new Set(sides.map((s) => s.institutionId));
  const wanted = input.institutionId ?? actor.institutionId;
  if (!wanted || !involved.has(wanted)) {
    throw new AppError('validation_failed', 'A juror stands for one of the event’s colleges', {
      fields: [
        {
          field: 'institutionId',
          message: input.institutionId
            ? 'not a college of this event'
            : 'required: your own college is not one of this event’s',
        },
      ],
    });
  }
  return wanted;
}
