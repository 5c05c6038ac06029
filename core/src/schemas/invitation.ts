import { z } from 'zod';
import { ZIdSchema, ZInstantSchema, ZTextSchema } from './common.ts';
import { ZJoinResponseSchema } from './live.ts';
import { ZPublicEventFields, ZPublicSideSchema } from './partnership.ts';

/** What an invitation lets its holder do: guests watch and listen; speakers and jury publish. */
export const ZInvitationRoleSchema = z.enum(['guest', 'speaker', 'jury']);
export type TInvitationRole = z.infer<typeof ZInvitationRoleSchema>;

/** A link token: 32 random bytes, base64url (43 characters). */
export const ZInvitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation token');

/** `POST /api/events/:id/invitations`. */
export const ZCreateInvitationSchema = z
  .strictObject({
    role: ZInvitationRoleSchema,
    /** Who the link is for, as hosts see it in the lobby and attendance ("Employer: KazMunayGas"). */
    label: ZTextSchema.trim().min(1).max(200).optional(),
    /** Default: the event's end. */
    expiresAt: ZInstantSchema.optional(),
    /** How many people may come by this link; default: no limit. */
    maxUses: z.number().int().min(1).max(10_000).optional(),
    /** Guests wait in a lobby until a host of either college admits them. */
    lobby: z.boolean().default(false),
    /**
     * Jury invitations: the college (one of the event's) its jurors stand for, so they do not judge
     * that college's competitors; default: the inviting host's college.
     */
    institutionId: ZIdSchema.optional(),
  })
  .refine((i) => i.role === 'jury' || i.institutionId === undefined, {
    message: 'only a jury invitation names a college',
    path: ['institutionId'],
  });
export type TCreateInvitation = z.infer<typeof ZCreateInvitationSchema>;

export const ZCreatedInvitationSchema = z.object({
  id: ZIdSchema,
  /** The link to share; its last path segment is the token, shown only this once. */
  url: z.string(),
  expiresAt: ZInstantSchema,
});

/** One invitation as hosts list it (never its token). */
export const ZInvitationSchema = z.object({
  id: ZIdSchema,
  eventId: ZIdSchema,
  role: ZInvitationRoleSchema,
  label: z.string().nullable(),
  expiresAt: ZInstantSchema,
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  lobby: z.boolean(),
  createdAt: ZInstantSchema,
  createdBy: ZIdSchema,
  revokedAt: ZInstantSchema.nullable(),
  /** Jury invitations: the college its jurors stand for. */
  institutionId: ZIdSchema.nullable(),
  /** `active`, or why the link no longer lets anyone in. */
  state: z.enum(['active', 'revoked', 'expired', 'used_up']),
});
export type TInvitation = z.infer<typeof ZInvitationSchema>;

/** `GET /api/invitations/:token`: what the link's page shows before anyone signs in or joins. */
export const ZInvitationInfoSchema = z.object({
  role: ZInvitationRoleSchema,
  lobby: z.boolean(),
  expiresAt: ZInstantSchema,
  event: z.object({
    ...ZPublicEventFields,
    /** The colleges involved, with their zones, so the page shows the event on both clocks. */
    institutions: z.array(ZPublicSideSchema),
  }),
});
export type TInvitationInfo = z.infer<typeof ZInvitationInfoSchema>;

/** `POST /api/invitations/:token/join`. */
export const ZInvitationJoinSchema = z.strictObject({
  displayName: ZTextSchema.trim().min(1).max(100),
  /** The key a previous join gave: a fresh room token for the same person, no new use. */
  guestKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'not a guest key')
    .optional(),
});

/** Straight in: the LiveKit token, and the key to ask for a fresh one later. */
export const ZInvitationJoinedSchema = ZJoinResponseSchema.extend({
  status: z.literal('admitted'),
  lobbyId: ZIdSchema,
  guestKey: z.string(),
});
export type TInvitationJoined = z.infer<typeof ZInvitationJoinedSchema>;

/** In the lobby (202): poll `GET /api/invitations/:token/lobby/:lobbyId` until a host decides. */
export const ZInvitationWaitingSchema = z.object({
  status: z.literal('waiting'),
  lobbyId: ZIdSchema,
  guestKey: z.string(),
});

/** `GET /api/invitations/:token/lobby/:lobbyId`. */
export const ZLobbyPollSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('waiting'), lobbyId: ZIdSchema }),
  z.object({ status: z.literal('denied'), lobbyId: ZIdSchema }),
  ZJoinResponseSchema.extend({ status: z.literal('admitted'), lobbyId: ZIdSchema }),
]);
export type TLobbyPoll = z.infer<typeof ZLobbyPollSchema>;

/** `GET /api/invitations/:token/lobby/:lobbyId?key=`: the guest key proves it is the guest asking. */
export const ZLobbyPollQuerySchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a guest key'),
});

/** One person waiting in an event's lobby, as hosts see them. */
export const ZLobbyEntrySchema = z.object({
  lobbyId: ZIdSchema,
  invitationId: ZIdSchema,
  displayName: z.string(),
  label: z.string().nullable(),
  role: ZInvitationRoleSchema,
  since: ZInstantSchema,
});

/** `POST /api/events/:id/lobby/:lobbyId/admit|deny`. */
export const ZLobbyDecisionSchema = z.object({
  lobbyId: ZIdSchema,
  status: z.enum(['admitted', 'denied']),
});

/** `POST /api/invitations/:token/jury-credential`: the guest key of a juror who came by the link. */
export const ZJuryCredentialRequestSchema = z.strictObject({
  guestKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a guest key'),
});

/**
 * A short-lived credential for the olympiad's jury routes, bound to this guest and this event;
 * sent as `Authorization: Bearer <credential>`. Ask for a fresh one with the guest key before
 * `expiresAt`. It never stands for a user account.
 */
export const ZJuryCredentialSchema = z.object({
  credential: z.string(),
  expiresAt: ZInstantSchema,
  /** The juror's id on the jury (their place in the lobby's id). */
  jurorId: ZIdSchema,
  event: z.object({
    id: ZIdSchema,
    ...ZPublicEventFields,
    institutions: z.array(ZPublicSideSchema.extend({ id: ZIdSchema })),
  }),
});
export type TJuryCredential = z.infer<typeof ZJuryCredentialSchema>;
