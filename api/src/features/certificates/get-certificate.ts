import type { TCertificate } from '@telemost/core/schemas/certificate';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { publicBaseUrl } from '../calendar/routes.ts';
import { hoursOf, loadCertificate, type TCertificateRecord } from './certificates.repository.ts';

export const verifyUrlOf = (ctx: AppContext, code: string) =>
  `${publicBaseUrl(ctx)}/api/certificates/${code}`;

export function toCertificate(ctx: AppContext, c: TCertificateRecord): TCertificate {
  const verifyUrl = verifyUrlOf(ctx, c.code);
  return {
    code: c.code,
    valid: c.revokedAt === null,
    revokedAt: c.revokedAt ? new Date(c.revokedAt).toISOString() : null,
    holder: { name: c.holderName },
    event: {
      id: c.event.id,
      title: c.event.title,
      kind: c.event.kind as TCertificate['event']['kind'],
      start: new Date(c.event.startAt).toISOString(),
      end: new Date(c.event.endAt).toISOString(),
    },
    institutions: c.institutions.map((i) => ({ name: i.name, city: i.city, timeZone: i.timeZone })),
    hours: hoursOf(c.seconds),
    basis: c.basis,
    result: c.result,
    issuedAt: new Date(c.issuedAt).toISOString(),
    verifyUrl,
    pdfUrl: `${verifyUrl}/pdf`,
  };
}

/** Public verification: who, what, when, the hours, and whether it is still valid. */
export async function getCertificate(ctx: AppContext, code: string): Promise<TCertificate> {
  const c = await loadCertificate(ctx.db, code);
  if (!c) throw notFound('Certificate');
  return toCertificate(ctx, c);
}
