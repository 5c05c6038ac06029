import { z } from 'zod';
import { ZMyBreakoutSchema } from './classroom.ts';
import { ZDateSchema, ZIdSchema, ZInstantSchema, ZLocalizedTextSchema } from './common.ts';
import { fromNotAfterTo, ZEventStatusSchema, ZRoomStatusSchema } from './event.ts';
import { ZEventKindSchema } from './partnership.ts';

/** Minutes before the start from which a participant may join the video room. */
export const JOIN_OPENS_BEFORE_MINUTES = 15;

/**
 * What someone may do in the video room. `host`: teachers, organisers, coordinators and staff of
 * an involved college (room admin, every source, screen share); `speaker`: students (camera and
 * microphone, screen share only when a host grants it); `listener`: guests (watch and listen).
 */
export const ZLiveAccessSchema = z.enum(['host', 'speaker', 'listener']);
export type TLiveAccess = z.infer<typeof ZLiveAccessSchema>;

/** LiveKit track sources, as `canPublishSources` names them. */
export const ZTrackSourceSchema = z.enum(['camera', 'microphone', 'screen_share', 'screen_share_audio']);
export type TTrackSource = z.infer<typeof ZTrackSourceSchema>;

/** The JSON a participant carries in LiveKit (`participant.metadata`), set by the api's token. */
export const ZParticipantMetadataSchema = z.object({
  /** The person's role in the event: organizer, teacher, coordinator, student, guest, or staff. */
  role: z.string(),
  access: ZLiveAccessSchema,
  institutionId: ZIdSchema.nullable(),
  /** Someone invited by link: the invitation's label ("Employer: …"), when it has one. */
  label: z.string().nullable().optional(),
  /** A phone camera (`<ownerId>#camera`): the person whose second video it is. */
  cameraOf: ZIdSchema.optional(),
});
export type TParticipantMetadata = z.infer<typeof ZParticipantMetadataSchema>;

/** `POST /api/events/:id/join`: what livekit-client needs to connect, and what it may do. */
export const ZJoinResponseSchema = z.object({
  serverUrl: z.string(),
  token: z.string(),
  expiresAt: ZInstantSchema,
  /** The participant identity in the room: the user id. */
  identity: z.string(),
  /** The room name: the event id. */
  room: z.string(),
  access: ZLiveAccessSchema,
  canPublishSources: z.array(ZTrackSourceSchema),
  /** The person's team while breakouts run (the client goes there; a reconnect lands back in it). */
  breakout: ZMyBreakoutSchema.nullable().optional(),
});
export type TJoinResponse = z.infer<typeof ZJoinResponseSchema>;

/** `POST /api/events/:id/participants/:userId/screen-share`: a host lets a student share (or not). */
export const ZScreenShareRequestSchema = z.strictObject({ allowed: z.boolean() });

/** `POST /api/events/:id/participants/:userId/mute`: a host mutes a participant's track. */
export const ZMuteRequestSchema = z.strictObject({
  source: z.enum(['microphone', 'camera', 'screen_share']).default('microphone'),
});

/** `POST /api/events/:id/end`: a host ended the video lesson for everyone (repeating it changes nothing). */
export const ZEndLessonResponseSchema = z.object({
  eventId: ZIdSchema,
  /** When the lesson was ended: the first call's time, whoever repeats it. */
  endedAt: ZInstantSchema,
  endedBy: ZIdSchema.nullable(),
  /** Whether this call ended it (false: it had been ended already). */
  ended: z.boolean(),
  /** Whether LiveKit still had the room and deleted it now. */
  roomDeleted: z.boolean(),
  /** Stays in the room that this call closed. */
  staysClosed: z.number().int(),
});
export type TEndLessonResponse = z.infer<typeof ZEndLessonResponseSchema>;

/** Someone in the room right now, as the live status shows them. */
export const ZLiveParticipantSchema = z.object({
  identity: z.string(),
  name: z.string(),
  institutionId: ZIdSchema.nullable(),
});

/** socket.io `room:status` (to `event:<id>`): the room's state and who is in it. */
export const ZRoomStatusMessageSchema = z.object({
  eventId: ZIdSchema,
  roomStatus: ZRoomStatusSchema,
  participants: z.array(ZLiveParticipantSchema),
});
export type TRoomStatusMessage = z.infer<typeof ZRoomStatusMessageSchema>;

/** socket.io `event:changed` (to `event:<id>`). */
export const ZEventChangedMessageSchema = z.object({
  eventId: ZIdSchema,
  status: ZEventStatusSchema,
  version: z.number().int(),
});

/** socket.io client → server `event:watch` / `event:unwatch`. */
export const ZEventWatchSchema = z.strictObject({ eventId: ZIdSchema });

/** The reply (ack) to `event:watch`. */
export const ZEventWatchAckSchema = z.union([
  z.object({ ok: z.literal(true), roomStatus: ZRoomStatusMessageSchema }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type TEventWatchAck = z.infer<typeof ZEventWatchAckSchema>;

const ZInstitutionRefSchema = z.object({ id: ZIdSchema, code: z.string(), name: ZLocalizedTextSchema });

/** One stay in the room (one LiveKit participant session). */
export const ZAttendanceSessionSchema = z.object({
  joinedAt: ZInstantSchema,
  /** Null while the person is still in the room. */
  leftAt: ZInstantSchema.nullable(),
  /** The breakout team whose room this stay was in (null: the main room). */
  team: z.number().int().nullable().optional(),
  /** The programme session whose own room this stay was in (null: the main hall or a team's room). */
  programmeSessionId: ZIdSchema.nullable().optional(),
});

/** One person's attendance of an event: every stay, merged into minutes present. */
export const ZAttendanceEntrySchema = z.object({
  userId: ZIdSchema.nullable(),
  identity: z.string(),
  name: z.string(),
  /** Role in the event (participants), or null for someone who joined without being one. */
  role: z.string().nullable(),
  /** Someone who came by an invitation link (no account): the invitation's label. */
  label: z.string().nullable().optional(),
  institution: ZInstitutionRefSchema.nullable(),
  /** The zone the person's times are read in: their college's. */
  timeZone: z.string(),
  attended: z.boolean(),
  present: z.boolean(),
  firstJoinedAt: ZInstantSchema.nullable(),
  lastLeftAt: ZInstantSchema.nullable(),
  /** Time in the room with overlapping stays (two tabs) counted once, rounded to whole minutes. */
  minutes: z.number().int(),
  /** The same time in whole seconds, for stays too short to show in minutes. */
  seconds: z.number().int(),
  sessions: z.array(ZAttendanceSessionSchema),
});
export type TAttendanceEntry = z.infer<typeof ZAttendanceEntrySchema>;

/** `GET /api/events/:id/attendance`. */
export const ZAttendanceReportSchema = z.object({
  eventId: ZIdSchema,
  title: z.string(),
  kind: ZEventKindSchema,
  status: ZEventStatusSchema,
  roomStatus: ZRoomStatusSchema,
  start: ZInstantSchema,
  end: ZInstantSchema,
  /** When a host ended the lesson for everyone; absent or null when it ran to its scheduled end. */
  endedAt: ZInstantSchema.nullable().optional(),
  items: z.array(ZAttendanceEntrySchema),
  byInstitution: z.array(
    ZInstitutionRefSchema.extend({
      expected: z.number().int(),
      attended: z.number().int(),
      minutes: z.number(),
    }),
  ),
});
export type TAttendanceReport = z.infer<typeof ZAttendanceReportSchema>;

export const ZAttendanceQuerySchema = z.strictObject({
  /** `csv` (text/csv) or `xlsx` (an Excel workbook with the times on both sides' clocks). */
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  /** Language of the file (headers, roles); default: the viewer's. */
  lang: z.enum(['ru', 'kk', 'en']).optional(),
  /**
   * CSV separator. Default: `semicolon` for a Russian or Kazakh file (what Excel set up for those
   * languages splits columns on), `comma` for English.
   */
  delimiter: z.enum(['comma', 'semicolon']).optional(),
});

export const ZPartnershipReportQuerySchema = z
  .strictObject({
    /** First and last day (UTC dates) counted; default: the whole agreement. */
    from: ZDateSchema.optional(),
    to: ZDateSchema.optional(),
    /** `xlsx`: an Excel workbook (by kind, by college, and each activity on both sides' clocks). */
    format: z.enum(['json', 'xlsx']).default('json'),
    /** Language of the workbook; default: the viewer's. */
    lang: z.enum(['ru', 'kk', 'en']).optional(),
  })
  .refine(fromNotAfterTo, { message: 'must not be before from', path: ['to'] });

/** One college's share of the joint activities. */
export const ZReportSideSchema = ZInstitutionRefSchema.extend({
  /** Distinct people who joined at least one done activity's room. */
  people: z.number().int(),
  /** Sum of everyone's time in the rooms, in hours (one decimal). */
  personHours: z.number(),
  /** Distinct people booked as participants of done activities. */
  expectedPeople: z.number().int(),
});

/** `GET /api/partnerships/:id/report`: the plan of activities against what was done. */
export const ZPartnershipReportSchema = z.object({
  partnership: z.object({ id: ZIdSchema, number: z.string(), title: ZLocalizedTextSchema }),
  from: ZDateSchema.nullable(),
  to: ZDateSchema.nullable(),
  generatedAt: ZInstantSchema,
  byKind: z.array(
    z.object({
      kind: ZEventKindSchema,
      /** The plan item's title, or null for a kind the plan does not name. */
      planTitle: ZLocalizedTextSchema.nullable(),
      target: z.number().int().nullable(),
      /**
       * Confirmed and ended; a conference or cultural event also needs attendance (someone was in
       * its hall), since it is held for an audience.
       */
      done: z.number().int(),
      /** Conferences and cultural events: confirmed and over, but nobody came to the hall. */
      notHeld: z.number().int().optional(),
      /** Confirmed, not ended yet. */
      upcoming: z.number().int(),
      /** Proposed, awaiting the other side. */
      proposed: z.number().int(),
      /** Declined by a college. */
      declined: z.number().int(),
      cancelled: z.number().int(),
      /** Scheduled hours of the done activities (one decimal). */
      hours: z.number(),
      sides: z.array(ZReportSideSchema),
    }),
  ),
  sides: z.array(ZReportSideSchema.extend({ done: z.number().int(), hours: z.number() })),
  totals: z.object({
    target: z.number().int(),
    done: z.number().int(),
    hours: z.number(),
    people: z.number().int(),
    personHours: z.number(),
  }),
});
export type TPartnershipReport = z.infer<typeof ZPartnershipReportSchema>;
