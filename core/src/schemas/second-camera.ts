import { z } from 'zod';
import { ZIdSchema, ZInstantSchema } from './common.ts';

/** How long a pairing code (the QR code on the lesson page) can be used: once, within this. */
export const SECOND_CAMERA_PAIR_MINUTES = 5;

const CAMERA_SUFFIX = '#camera';

/** The LiveKit identity of a person's phone camera: `<ownerId>#camera`. */
export function secondCameraIdentity(ownerId: string): string {
  return `${ownerId}${CAMERA_SUFFIX}`;
}

/** The owner a phone camera's identity names, or null when the identity is not a phone camera. */
export function cameraOwnerOf(identity: string): string | null {
  if (!identity.endsWith(CAMERA_SUFFIX)) return null;
  const owner = identity.slice(0, -CAMERA_SUFFIX.length);
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(owner) ? owner : null;
}

/** The secret in a pairing link (`/camera/<code>`): 24 random bytes, base64url. */
export const ZPairCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'not a pairing code');

/** `POST /api/events/:id/second-camera`: the link (and QR code) a phone opens, once, before `expiresAt`. */
export const ZSecondCameraPairSchema = z.object({
  pairUrl: z.string(),
  expiresAt: ZInstantSchema,
});
export type TSecondCameraPair = z.infer<typeof ZSecondCameraPairSchema>;

/** `POST /api/events/:id/participants/:userId/second-camera`: a host lets a student use a phone camera. */
export const ZSecondCameraAllowSchema = z.strictObject({ allowed: z.boolean() });

/** Whether the signed-in person may show a phone camera in this lesson (`GET /api/events/:id/second-camera`). */
export const ZSecondCameraStatusSchema = z.object({
  allowed: z.boolean(),
  /** Hosts may always; a student once a host allowed it. */
  reason: z.enum(['host', 'allowed_by_host', 'not_allowed']),
});

/** `POST /api/second-camera/:code/join`: what the phone page needs to publish its camera. */
export const ZSecondCameraJoinSchema = z.object({
  serverUrl: z.string(),
  token: z.string(),
  expiresAt: ZInstantSchema,
  identity: z.string(),
  room: z.string(),
  ownerId: ZIdSchema,
  ownerName: z.string(),
  eventTitle: z.string(),
});
export type TSecondCameraJoin = z.infer<typeof ZSecondCameraJoinSchema>;
