import {
  ZCertificateCodeSchema,
  ZCertificateListItemSchema,
  ZCertificateSchema,
  ZIssueCertificatesResponseSchema,
} from '@telemost/core/schemas/certificate';
import { ZIdSchema } from '@telemost/core/schemas/common';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { defineRoute } from '../../lib/route.ts';
import { renderCertificatePage } from './certificate-page.ts';
import { loadCertificate } from './certificates.repository.ts';
import { getCertificate, verifyUrlOf } from './get-certificate.ts';
import { issueCertificates } from './issue-certificates.ts';
import { listCertificates } from './list-certificates.ts';
import { renderCertificatePdf } from './render-certificate-pdf.ts';
import { revokeCertificate } from './revoke-certificate.ts';

const ZCodeParams = z.strictObject({ code: ZCertificateCodeSchema });

export function certificateRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/certificates',
      summary:
        'A host issues certificates to everyone who attended at least CERT_MIN_SHARE of the event (idempotent)',
      tags: ['certificates'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      response: ZIssueCertificatesResponseSchema,
      errors: { 403: 'Not a host of this event', 409: 'The event is not confirmed, or not over yet' },
      handler: ({ actor, params }) => issueCertificates(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/certificates',
      summary: 'The event’s certificates (staff of its colleges: all; a participant: their own)',
      tags: ['certificates'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      response: z.array(ZCertificateListItemSchema),
      errors: { 403: 'Not one of the event’s people' },
      handler: ({ actor, params }) => listCertificates(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/certificates/:code',
      summary:
        'Public verification (the QR code’s link): who, what, when, hours and `valid`; a page for a browser (Accept: text/html)',
      tags: ['certificates'],
      auth: false,
      params: ZCodeParams,
      response: ZCertificateSchema,
      produces: 'text/html',
      errors: { 404: 'No such certificate' },
      handler: async ({ params, req, res }) => {
        const certificate = await getCertificate(ctx, params.code);
        if (req.accepts(['application/json', 'text/html']) === 'text/html') {
          res.type('html').send(renderCertificatePage(certificate));
          return undefined;
        }
        return certificate;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/certificates/:code/pdf',
      summary: 'The certificate as a bilingual PDF (Russian with Kazakh or English), with its QR code',
      tags: ['certificates'],
      auth: false,
      params: ZCodeParams,
      produces: 'application/pdf',
      errors: { 404: 'No such certificate', 410: 'Revoked (`certificate_revoked`, with `revokedAt`)' },
      handler: async ({ params, res }) => {
        const record = await loadCertificate(ctx.db, params.code);
        if (!record) throw notFound('Certificate');
        if (record.revokedAt) {
          throw new AppError('certificate_revoked', 'This certificate was revoked', {
            extra: { revokedAt: new Date(record.revokedAt).toISOString() },
          });
        }
        const bytes = await renderCertificatePdf(record, verifyUrlOf(ctx, record.code));
        res
          .status(200)
          .type('application/pdf')
          .setHeader('content-disposition', `inline; filename="certificate-${record.code}.pdf"`)
          .send(Buffer.from(bytes));
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/certificates/:code/revoke',
      summary: 'A coordinator of a college of the event (or an admin) revokes a certificate (idempotent)',
      tags: ['certificates'],
      auth: ['coordinator', 'admin'],
      params: ZCodeParams,
      response: ZCertificateSchema,
      errors: { 403: 'Not a coordinator of a college of this event' },
      handler: ({ actor, params }) => revokeCertificate(ctx, actor, params.code),
    }),
  ];
}
