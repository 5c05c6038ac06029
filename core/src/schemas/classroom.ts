import { z } from 'zod';
import { ZIdSchema, ZInstantSchema, ZLocalizedTextSchema, ZTextSchema } from './common.ts';

/** At most this many breakout teams in one lesson. */
export const MAX_BREAKOUT_TEAMS = 20;

/** A team's number, 1…MAX_BREAKOUT_TEAMS, as a path parameter. */
export const ZBreakoutRoomIdSchema = z
  .string()
  .regex(/^([1-9]|1\d|20)$/, 'expected a team number, 1–20')
  .transform(Number);

/** The LiveKit room of team `n` of an event: never a ':' (LiveKit and our key spaces use it). */
export function breakoutRoomName(eventId: string, team: number): string {
  return `${eventId}~${team}`;
}

/** The event and team a LiveKit room name stands for: `<eventId>` (team null) or `<eventId>~<n>`. */
export function parseRoomName(name: string): { eventId: string; team: number | null } | null {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:~([1-9]\d?))?$/i.exec(name);
  if (!m) return null;
  const team = m[2] ? Number(m[2]) : null;
  if (team !== null && team > MAX_BREAKOUT_TEAMS) return null;
  return { eventId: m[1]!.toLowerCase(), team };
}

/** `POST /api/events/:id/breakouts`. */
export const ZCreateBreakoutsSchema = z
  .strictObject({
    count: z.number().int().min(1).max(MAX_BREAKOUT_TEAMS),
    mix: z.enum(['colleges', 'random', 'manual']),
    /** For `manual`: the user ids of each team, team 1 first; students left out stay in the main room. */
    assignments: z.array(z.array(ZIdSchema).max(200)).max(MAX_BREAKOUT_TEAMS).optional(),
    durationMinutes: z.number().int().min(1).max(240).optional(),
    /** Draw new teams even when the series has a saved plan (`colleges` and `random`). */
    reshuffle: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mix === 'manual' && !v.assignments) {
      ctx.addIssue({ code: 'custom', path: ['assignments'], message: 'manual teams need assignments' });
    }
    if (v.assignments && v.assignments.length !== v.count) {
      ctx.addIssue({ code: 'custom', path: ['assignments'], message: 'one list per team (count lists)' });
    }
  });
export type TCreateBreakouts = z.infer<typeof ZCreateBreakoutsSchema>;

export const ZBreakoutMemberSchema = z.object({
  userId: ZIdSchema,
  name: z.string(),
  institutionId: ZIdSchema,
});

/** Someone connected to a team's room now. */
export const ZBreakoutPresenceSchema = z.object({
  identity: z.string(),
  name: z.string(),
  institutionId: ZIdSchema.nullable(),
  handRaised: z.boolean(),
});

export const ZBreakoutRoomSchema = z.object({
  /** The team number (the `:roomId` of the team's routes). */
  id: z.number().int(),
  name: z.string(),
  /** The LiveKit room: `<eventId>~<id>`. */
  livekitRoom: z.string(),
  members: z.array(ZBreakoutMemberSchema),
  /** Who is in the team's room now (hosts only; empty for others). */
  present: z.array(ZBreakoutPresenceSchema),
});

/** The breakouts of a lesson; `active: false` with no rooms when there are none. */
export const ZBreakoutsSchema = z.object({
  eventId: ZIdSchema,
  active: z.boolean(),
  startedAt: ZInstantSchema.nullable(),
  /** When the timer runs out (null: no timer). */
  endsAt: ZInstantSchema.nullable(),
  rooms: z.array(ZBreakoutRoomSchema),
  /** The asking person's team, if they are in one. */
  myRoomId: z.number().int().nullable(),
});
export type TBreakouts = z.infer<typeof ZBreakoutsSchema>;

export const ZMoveBreakoutMemberSchema = z.strictObject({ userId: ZIdSchema });
export const ZBreakoutBroadcastSchema = z.strictObject({ message: ZTextSchema.min(1).max(500) });
export const ZBreakoutHandSchema = z.strictObject({ raised: z.boolean() });

export const ZBreakoutBroadcastResultSchema = z.object({
  delivered: z.number().int(),
  rooms: z.number().int(),
});
export const ZEndBreakoutsResponseSchema = z.object({
  eventId: ZIdSchema,
  ended: z.boolean(),
  roomsDeleted: z.number().int(),
});

/** The team a person belongs to in the running breakouts, answered with the main room's join. */
export const ZMyBreakoutSchema = z.object({
  roomId: z.number().int(),
  livekitRoom: z.string(),
  endsAt: ZInstantSchema.nullable(),
});

/** socket.io `breakouts:changed` to `event:<id>`: started, someone moved, or ended (active false). */
export const ZBreakoutsChangedMessageSchema = z.object({
  eventId: ZIdSchema,
  active: z.boolean(),
  endsAt: ZInstantSchema.nullable(),
  rooms: z.array(z.object({ id: z.number().int(), livekitRoom: z.string(), memberIds: z.array(ZIdSchema) })),
  /** Raised hands in teams, by identity. */
  hands: z.array(z.string()),
});
export type TBreakoutsChangedMessage = z.infer<typeof ZBreakoutsChangedMessageSchema>;

/** socket.io `breakouts:broadcast` to `event:<id>` (and a LiveKit data message on `broadcast` in each team). */
export const ZBreakoutBroadcastMessageSchema = z.object({
  eventId: ZIdSchema,
  message: z.string(),
  fromName: z.string(),
  at: ZInstantSchema,
});

// Polls

export const ZCreatePollSchema = z.strictObject({
  question: ZTextSchema.min(1).max(300),
  options: z.array(ZTextSchema.min(1).max(200)).min(2).max(10),
  /** Hosts see who answered what unless the poll is anonymous. */
  anonymous: z.boolean().optional(),
});
export const ZPollAnswerSchema = z.strictObject({
  /** The index of the chosen option, 0-based. */
  option: z.number().int().min(0).max(9),
});

export const ZPollResultSchema = z.object({
  /** Answers per option, in option order. */
  counts: z.array(z.number().int()),
  answered: z.number().int(),
});
export const ZPollSchema = z.object({
  id: ZIdSchema,
  eventId: ZIdSchema,
  question: z.string(),
  options: z.array(z.string()),
  anonymous: z.boolean(),
  createdAt: ZInstantSchema,
  closedAt: ZInstantSchema.nullable(),
  total: ZPollResultSchema,
  /** Per college, with its city for people to read (the code is for machines). */
  byInstitution: z.array(
    ZPollResultSchema.extend({ institutionId: ZIdSchema, code: z.string(), city: ZLocalizedTextSchema }),
  ),
  /** The asking person's answer (null: not answered). */
  myAnswer: z.number().int().nullable(),
  /** Who answered what: hosts only, never for an anonymous poll. */
  voters: z.array(z.object({ userId: ZIdSchema, name: z.string(), option: z.number().int() })).optional(),
});
export type TPoll = z.infer<typeof ZPollSchema>;
export const ZPollListSchema = z.object({ items: z.array(ZPollSchema) });

/** socket.io `poll:updated` to `event:<id>`: a poll was asked, answered or closed (no voters, no myAnswer). */
export const ZPollUpdatedMessageSchema = ZPollSchema.omit({ voters: true, myAnswer: true });

// Materials

export const ZMaterialSchema = z.object({
  id: ZIdSchema,
  eventId: ZIdSchema,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: ZIdSchema.nullable(),
  uploadedAt: ZInstantSchema,
});
export type TMaterial = z.infer<typeof ZMaterialSchema>;
export const ZMaterialListSchema = z.object({ items: z.array(ZMaterialSchema) });
export type TMyBreakout = z.infer<typeof ZMyBreakoutSchema>;
