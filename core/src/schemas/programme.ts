import { z } from 'zod';
import { ZIdSchema, ZInstantSchema, ZLocalizedTextSchema, ZTextSchema } from './common.ts';
import { ZEventStatusSchema } from './event.ts';
import { type TEventKind, ZEventKindSchema } from './partnership.ts';

/**
 * Kinds of event held in audience mode: a hall where only speakers and hosts publish, and the
 * audience watches, listens and raises hands (a host may promote a hand to speaker).
 */
export const AUDIENCE_KINDS: readonly TEventKind[] = ['conference', 'cultural_event'];

/** Whether events of this kind have a programme and run their hall in audience mode. */
export const isAudienceKind = (kind: string): boolean => (AUDIENCE_KINDS as readonly string[]).includes(kind);

/**
 * A speaker of a session, as a host names them: a person of either college (`userId`), someone
 * invited by link with the speaker role (`invitationId`), or anyone by name (`name`).
 */
export const ZProgrammeSpeakerRefSchema = z.union([
  z.strictObject({ userId: ZIdSchema }),
  z.strictObject({ invitationId: ZIdSchema }),
  z.strictObject({ name: ZTextSchema.trim().min(1).max(200) }),
]);
export type TProgrammeSpeakerRef = z.infer<typeof ZProgrammeSpeakerRefSchema>;

/** `POST /api/events/:id/programme/sessions`. Times are instants within the event's time. */
export const ZCreateProgrammeSessionSchema = z
  .strictObject({
    title: ZTextSchema.trim().min(1).max(300),
    description: ZTextSchema.trim().max(4000).optional(),
    start: ZInstantSchema,
    end: ZInstantSchema,
    speakers: z.array(ZProgrammeSpeakerRefSchema).max(30).default([]),
    /** `main`: in the event's main hall (its room); `own`: a LiveKit room of the session's own. */
    room: z.enum(['main', 'own']).default('main'),
  })
  .refine((s) => Date.parse(s.end) > Date.parse(s.start), { message: 'must be after start', path: ['end'] });
export type TCreateProgrammeSession = z.infer<typeof ZCreateProgrammeSessionSchema>;

/** `PATCH /api/events/:id/programme/sessions/:sessionId`: any of the fields; the rest stay. */
export const ZUpdateProgrammeSessionSchema = z
  .strictObject({
    title: ZTextSchema.trim().min(1).max(300).optional(),
    description: ZTextSchema.trim().max(4000).nullable().optional(),
    start: ZInstantSchema.optional(),
    end: ZInstantSchema.optional(),
    speakers: z.array(ZProgrammeSpeakerRefSchema).max(30).optional(),
    room: z.enum(['main', 'own']).optional(),
  })
  .refine((s) => s.start === undefined || s.end === undefined || Date.parse(s.end) > Date.parse(s.start), {
    message: 'must be after start',
    path: ['end'],
  });
export type TUpdateProgrammeSession = z.infer<typeof ZUpdateProgrammeSessionSchema>;

const ZInstitutionRefSchema = z.object({ id: ZIdSchema, code: z.string(), name: ZLocalizedTextSchema });

/** A speaker as the programme shows them. */
export const ZProgrammeSpeakerSchema = z.object({
  kind: z.enum(['user', 'invitation', 'name']),
  name: z.string(),
  userId: ZIdSchema.nullable(),
  invitationId: ZIdSchema.nullable(),
  /** The speaker's college (people of either college); null for invited and named speakers. */
  institution: ZInstitutionRefSchema.nullable(),
});
export type TProgrammeSpeaker = z.infer<typeof ZProgrammeSpeakerSchema>;

/** A time on one college's clock. */
export const ZProgrammeLocalTimeSchema = z.object({
  timeZone: z.string(),
  city: ZLocalizedTextSchema,
  /** ISO 8601 with the zone's offset, e.g. `2027-02-10T10:00:00+03:00`. */
  start: z.string(),
  end: z.string(),
});

/** One session of the programme. */
export const ZProgrammeSessionSchema = z.object({
  id: ZIdSchema,
  eventId: ZIdSchema,
  title: z.string(),
  description: z.string().nullable(),
  /** UTC instants (`…Z`). */
  start: ZInstantSchema,
  end: ZInstantSchema,
  /** The same times on each college's clock (Moscow and Karaganda), west to east. */
  localTimes: z.array(ZProgrammeLocalTimeSchema),
  room: z.enum(['main', 'own']),
  /** The LiveKit room it runs in: the event id (main hall) or the session's own room. */
  livekitRoom: z.string(),
  speakers: z.array(ZProgrammeSpeakerSchema),
});
export type TProgrammeSession = z.infer<typeof ZProgrammeSessionSchema>;

/** `GET /api/events/:id/programme` (public): the event and its sessions in time order. */
export const ZProgrammeSchema = z.object({
  event: z.object({
    id: ZIdSchema,
    kind: ZEventKindSchema,
    title: z.string(),
    description: z.string().nullable(),
    status: ZEventStatusSchema,
    start: ZInstantSchema,
    end: ZInstantSchema,
    localTimes: z.array(ZProgrammeLocalTimeSchema),
    institutions: z.array(ZInstitutionRefSchema.extend({ timeZone: z.string(), city: ZLocalizedTextSchema })),
  }),
  sessions: z.array(ZProgrammeSessionSchema),
});
export type TProgramme = z.infer<typeof ZProgrammeSchema>;

/** `POST /api/events/:id/speakers`: a host promotes someone of the audience (a LiveKit identity). */
export const ZPromoteSpeakerSchema = z.strictObject({
  identity: ZTextSchema.trim().min(1).max(200),
});

/** Someone promoted to speaker, and whether LiveKit applied it to them in the room right now. */
export const ZPromotedSpeakerSchema = z.object({
  identity: z.string(),
  name: z.string().nullable(),
  promoted: z.boolean(),
  promotedAt: ZInstantSchema.nullable(),
  /** The person was in the room and LiveKit changed their permissions at once. */
  appliedLive: z.boolean(),
});
export type TPromotedSpeaker = z.infer<typeof ZPromotedSpeakerSchema>;

/**
 * The event and programme session a LiveKit room name stands for, when it is a session's own room
 * (`<eventId>~session-<sessionId>`, as the api names it); else null.
 */
export function parseSessionRoomName(name: string): { eventId: string; sessionId: string } | null {
  const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  const m = new RegExp(`^(${uuid})~session-(${uuid})$`, 'i').exec(name);
  return m ? { eventId: m[1]!.toLowerCase(), sessionId: m[2]!.toLowerCase() } : null;
}
