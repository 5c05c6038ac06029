import { type TCertificate, ZCertificateSchema } from '@telemost/core/schemas/certificate';
import { apiRequest } from '../../../lib/api-client.ts';

/** Public verification of a certificate by its code. */
export function getCertificate(code: string, signal?: AbortSignal): Promise<TCertificate> {
  return apiRequest(`/api/certificates/${encodeURIComponent(code)}`, ZCertificateSchema, { signal });
}
