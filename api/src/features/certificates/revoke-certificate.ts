import { canActForInstitution, type TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { getCertificate } from './get-certificate.ts';

/**
 * A coordinator of a college of the event (or an admin) revokes a certificate: from then on its
 * verification says `valid: false` with when. Revoking again keeps the first time.
 */
export async function revokeCertificate(ctx: AppContext, actor: TActor, code: string) {
  const row = await ctx.db
    .selectFrom('certificates')
    .select(['eventId'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound('Certificate');
  if (actor.role !== 'admin') {
    const sides = await ctx.db
      .selectFrom('eventInstitutions')
      .select('institutionId')
      .where('eventId', '=', row.eventId)
      .execute();
    if (!sides.some((s) => canActForInstitution(actor, s.institutionId))) {
      throw forbidden('This event does not involve your college');
    }
  }
  await ctx.db
    .updateTable('certificates')
    .set({
      revokedAt: sql`coalesce(revoked_at, ${ctx.now()}::timestamptz)`,
      revokedBy: sql`coalesce(revoked_by, ${actor.id}::uuid)`,
    })
    .where('code', '=', code)
    .execute();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'certificate.revoked',
    entity: 'event',
    entityId: row.eventId,
    data: { code },
  });
  return getCertificate(ctx, code);
}
