import { z } from 'zod';
import { ZIdSchema, ZInstantSchema } from './common.ts';
import { ZPublicEventFields, ZPublicSideSchema } from './partnership.ts';

/** A certificate's code: 16 characters of base32 (80 random bits), as printed and in the QR link. */
export const ZCertificateCodeSchema = z
  .string()
  .regex(/^[A-Za-z2-7]{16}$/, 'not a certificate code')
  .transform((s) => s.toUpperCase());

/**
 * What a certificate proves: time in the room (lessons, conferences: at least the minimum share),
 * a mentor's confirmed internship hours, or an olympiad result with its medal.
 */
export const ZCertificateBasisSchema = z.enum(['attendance', 'internship', 'olympiad']);

/** `GET /api/certificates/:code`: what anyone holding the code (or the QR) can check. */
export const ZCertificateSchema = z.object({
  code: z.string(),
  /** False once revoked. */
  valid: z.boolean(),
  revokedAt: ZInstantSchema.nullable(),
  holder: z.object({ name: z.string() }),
  event: z.object({ id: ZIdSchema, ...ZPublicEventFields }),
  institutions: z.array(ZPublicSideSchema),
  /** Time attended, or confirmed internship hours, in hours (one decimal). */
  hours: z.number(),
  basis: ZCertificateBasisSchema,
  /** An olympiad's result: rank, points of the maximum, and the medal if any. */
  result: z
    .object({
      medal: z.enum(['gold', 'silver', 'bronze']).nullable(),
      rank: z.number().int(),
      score: z.number(),
      maxScore: z.number(),
    })
    .nullable(),
  issuedAt: ZInstantSchema,
  /** The page the QR code points to (this document for a program, a page for a person). */
  verifyUrl: z.string(),
  pdfUrl: z.string(),
});
export type TCertificate = z.infer<typeof ZCertificateSchema>;

/** One certificate of an event, as its hosts list them. */
export const ZCertificateListItemSchema = z.object({
  code: z.string(),
  userId: ZIdSchema,
  holderName: z.string(),
  hours: z.number(),
  basis: ZCertificateBasisSchema,
  medal: z.enum(['gold', 'silver', 'bronze']).nullable(),
  issuedAt: ZInstantSchema,
  revokedAt: ZInstantSchema.nullable(),
  valid: z.boolean(),
});

/** `POST /api/events/:id/certificates`: everyone eligible has one (only the new ones counted). */
export const ZIssueCertificatesResponseSchema = z.object({
  eventId: ZIdSchema,
  minShare: z.number(),
  issued: z.number().int(),
  certificates: z.array(ZCertificateListItemSchema),
});
