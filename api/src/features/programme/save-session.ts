import { randomUUID } from 'node:crypto';
import type { TActor } from '@telemost/core/permissions';
import {
  isAudienceKind,
  type TCreateProgrammeSession,
  type TProgrammeSession,
  type TProgrammeSpeakerRef,
  type TUpdateProgrammeSession,
} from '@telemost/core/schemas/programme';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError, notFound, type TFieldError } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import {
  findSessionRow,
  loadSides,
  sessionRoomName,
  type TSessionRow,
  toSessionViews,
} from './programme.repository.ts';

type TProgrammeEvent = { id: string; kind: string; status: string; startAt: Date; endAt: Date };

/** The event, when the actor hosts it and it has a programme (a conference or cultural event). */
export async function requireProgrammeHost(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<TProgrammeEvent> {
  const event = await requireHost(ctx, actor, eventId);
  const { kind } = await ctx.db
    .selectFrom('events')
    .select('kind')
    .where('id', '=', event.id)
    .executeTakeFirstOrThrow();
  if (!isAudienceKind(kind)) {
    throw new AppError('invalid_state', 'Only conferences and cultural events have a programme', {
      extra: { kind },
    });
  }
  if (event.status === 'cancelled' || event.status === 'declined') {
    throw new AppError('invalid_state', 'The event is cancelled or declined', {
      extra: { eventStatus: event.status },
    });
  }
  return { ...event, kind };
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

/** Speakers must be people of the event's colleges, or speaker invitations of this event. */
async function checkSpeakers(
  ctx: AppContext,
  eventId: string,
  speakers: readonly TProgrammeSpeakerRef[],
): Promise<TFieldError[]> {
  const fields: TFieldError[] = [];
  const userIds = speakers.flatMap((s) => ('userId' in s ? [s.userId] : []));
  const invitationIds = speakers.flatMap((s) => ('invitationId' in s ? [s.invitationId] : []));
  const [users, invitations] = await Promise.all([
    userIds.length
      ? ctx.db
          .selectFrom('users as u')
          .innerJoin('eventInstitutions as ei', 'ei.institutionId', 'u.institutionId')
          .select('u.id')
          .where('ei.eventId', '=', eventId)
          .where('u.id', 'in', userIds)
          .where('u.disabledAt', 'is', null)
          .execute()
      : [],
    invitationIds.length
      ? ctx.db
          .selectFrom('invitations')
          .select(['id', 'role', 'revokedAt'])
          .where('eventId', '=', eventId)
          .where('id', 'in', invitationIds)
          .execute()
      : [],
  ]);
  const knownUsers = new Set(users.map((u) => u.id));
  const invitationById = new Map(invitations.map((i) => [i.id, i]));
  speakers.forEach((s, i) => {
    if ('userId' in s && !knownUsers.has(s.userId)) {
      fields.push({
        field: `speakers.${i}.userId`,
        message: 'not a person of a college of this event',
        code: 'unknown_speaker',
      });
    }
    if ('invitationId' in s) {
      const inv = invitationById.get(s.invitationId);
      const problem = !inv
        ? 'not an invitation of this event'
        : inv.role !== 'speaker'
          ? 'not a speaker invitation'
          : inv.revokedAt
            ? 'the invitation was revoked'
            : null;
      if (problem)
        fields.push({ field: `speakers.${i}.invitationId`, message: problem, code: 'unknown_speaker' });
    }
  });
  return fields;
}

/**
 * Checks a session's draft against the event: within its time, with known speakers, and not
 * overlapping another session in the same room (409 `conflict` naming the other session).
 */
async function checkDraft(
  ctx: AppContext,
  event: TProgrammeEvent,
  draft: { start: Date; end: Date; speakers: readonly TProgrammeSpeakerRef[]; hall: string },
  sessionId: string,
): Promise<void> {
  const fields: TFieldError[] = [];
  if (draft.end <= draft.start) fields.push({ field: 'end', message: 'must be after start' });
  if (draft.start < event.startAt || draft.start >= event.endAt) {
    fields.push({
      field: 'start',
      message: `must be within the event (${event.startAt.toISOString()} – ${event.endAt.toISOString()})`,
      code: 'outside_event',
    });
  }
  if (draft.end > event.endAt || draft.end <= event.startAt) {
    fields.push({
      field: 'end',
      message: `must be within the event (${event.startAt.toISOString()} – ${event.endAt.toISOString()})`,
      code: 'outside_event',
    });
  }
  fields.push(...(await checkSpeakers(ctx, event.id, draft.speakers)));
  if (fields.length) {
    throw new AppError('validation_failed', 'The session does not fit the event', { fields });
  }
  const clash = await ctx.db
    .selectFrom('programmeSessions')
    .select(['id', 'title', 'startsAt', 'endsAt'])
    .where('eventId', '=', event.id)
    .where('hall', '=', draft.hall)
    .where('id', '!=', sessionId)
    .where('startsAt', '<', draft.end)
    .where('endsAt', '>', draft.start)
    .executeTakeFirst();
  if (clash) throw overlap(clash);
}

function overlap(clash?: { id: string; title: string; startsAt: Date | string; endsAt: Date | string }) {
  const span = clash ? ` (${hhmm(new Date(clash.startsAt))}–${hhmm(new Date(clash.endsAt))} UTC)` : '';
  return new AppError('conflict', 'Another session takes the same room at this time', {
    fields: [
      {
        field: 'start',
        message: clash
          ? `overlaps “${clash.title}”${span} in the same room`
          : 'overlaps another session in the same room',
        code: 'session_overlap',
      },
    ],
    extra: clash ? { conflictingSessionId: clash.id } : {},
  });
}

const isExclusion = (err: unknown) => (err as { code?: string }).code === '23P01';

async function view(ctx: AppContext, event: TProgrammeEvent, row: TSessionRow): Promise<TProgrammeSession> {
  const sides = await loadSides(ctx.db, event.id, event.startAt);
  const [out] = await toSessionViews(ctx.db, [row], sides);
  return out!;
}

/** A host adds a session to the programme. */
export async function createSession(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: TCreateProgrammeSession,
): Promise<TProgrammeSession> {
  const event = await requireProgrammeHost(ctx, actor, eventId);
  const id = randomUUID();
  const hall = input.room === 'own' ? sessionRoomName(event.id, id) : event.id;
  const start = new Date(input.start);
  const end = new Date(input.end);
  await checkDraft(ctx, event, { start, end, speakers: input.speakers, hall }, id);
  try {
    await ctx.db
      .insertInto('programmeSessions')
      .values({
        id,
        eventId: event.id,
        title: input.title,
        description: input.description ?? null,
        startsAt: start,
        endsAt: end,
        ownRoom: input.room === 'own',
        hall,
        speakers: JSON.stringify(input.speakers),
        createdBy: actor.id,
        updatedAt: ctx.now(),
      })
      .execute();
  } catch (err) {
    if (isExclusion(err)) throw overlap();
    throw err;
  }
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'programme.session_created',
    entity: 'event',
    entityId: event.id,
    data: { sessionId: id, title: input.title },
  });
  return view(ctx, event, (await findSessionRow(ctx.db, event.id, id))!);
}

/** A host changes a session: any of its fields, checked again as a whole. */
export async function updateSession(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  sessionId: string,
  input: TUpdateProgrammeSession,
): Promise<TProgrammeSession> {
  const event = await requireProgrammeHost(ctx, actor, eventId);
  const row = await findSessionRow(ctx.db, event.id, sessionId);
  if (!row) throw notFound('Session');
  const ownRoom = input.room === undefined ? row.ownRoom : input.room === 'own';
  const hall = ownRoom ? sessionRoomName(event.id, row.id) : event.id;
  const start = input.start ? new Date(input.start) : row.startsAt;
  const end = input.end ? new Date(input.end) : row.endsAt;
  const speakers = input.speakers ?? row.speakers;
  await checkDraft(ctx, event, { start, end, speakers, hall }, row.id);
  try {
    await ctx.db
      .updateTable('programmeSessions')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        startsAt: start,
        endsAt: end,
        ownRoom,
        hall,
        speakers: JSON.stringify(speakers),
        updatedAt: ctx.now(),
      })
      .where('id', '=', row.id)
      .execute();
  } catch (err) {
    if (isExclusion(err)) throw overlap();
    throw err;
  }
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'programme.session_updated',
    entity: 'event',
    entityId: event.id,
    data: { sessionId: row.id, changed: Object.keys(input) },
  });
  return view(ctx, event, (await findSessionRow(ctx.db, event.id, row.id))!);
}

/** A host removes a session from the programme. */
export async function deleteSession(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  sessionId: string,
): Promise<{ id: string; deleted: true }> {
  const event = await requireProgrammeHost(ctx, actor, eventId);
  const deleted = await ctx.db
    .deleteFrom('programmeSessions')
    .where('eventId', '=', event.id)
    .where('id', '=', sessionId)
    .returning('id')
    .executeTakeFirst();
  if (!deleted) throw notFound('Session');
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'programme.session_deleted',
    entity: 'event',
    entityId: event.id,
    data: { sessionId },
  });
  return { id: sessionId, deleted: true };
}
