import type { TOutboxTopic } from '@telemost/core/contracts/outbox';
import type { Db } from '@telemost/server/db/database';
import { wakeOutbox, writeOutbox } from '@telemost/server/outbox/record-change';

/** A participant as the tests look at them. */
export type TTestParticipant = { userId: string; email: string; locale: string; institutionCode: string };

export type TEventOverrides = {
  title?: string;
  kind?: string;
  status?: 'proposed' | 'confirmed' | 'declined' | 'cancelled';
  start?: Date;
  durationMinutes?: number;
  reminderOffsets?: number[];
  /** Colleges involved; the first organises. Default Moscow No. 26 and Karaganda Construction. */
  institutionCodes?: string[];
  /** Participants by e-mail. Default: teacher 1 and students 1–3 of every involved college. */
  participantEmails?: string[];
  /** Write the outbox row a booking writes (`event.confirmed` or `event.proposed`). Default true. */
  outbox?: boolean;
};

/**
 * Inserts an event the way a booking leaves it: the event row, its colleges with their decisions,
 * its participants, and the outbox row, all in one transaction. Tests that do not go through the
 * api build their data with this.
 */
export async function createEvent(
  db: Db,
  overrides: TEventOverrides = {},
): Promise<{ id: string; version: number; participants: TTestParticipant[] }> {
  const codes = overrides.institutionCodes ?? ['msk-26', 'krg-construction'];
  const institutions = await db
    .selectFrom('institutions')
    .select(['id', 'code', 'timeZone'])
    .where('code', 'in', codes)
    .execute();
  const byCode = new Map(institutions.map((i) => [i.code, i]));
  const organiserInstitution = byCode.get(codes[0]!)!;
  const emails =
    overrides.participantEmails ??
    codes.flatMap((c) => [
      `teacher1.${c}@telemost.example`,
      ...[1, 2, 3].map((n) => `student${n}.${c}@telemost.example`),
    ]);
  const users = await db
    .selectFrom('users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institutionId')
    .select(['u.id', 'u.email', 'u.locale', 'u.role', 'u.institutionId', 'i.code'])
    .where('u.email', 'in', emails)
    .execute();
  if (users.length !== emails.length) throw new Error(`unknown participants among ${emails.join(', ')}`);
  const organiser =
    users.find((u) => u.role === 'teacher' && u.institutionId === organiserInstitution.id) ?? users[0]!;
  const start = overrides.start ?? new Date(Date.now() + 24 * 3600_000);
  const end = new Date(start.getTime() + (overrides.durationMinutes ?? 90) * 60_000);
  const status = overrides.status ?? 'confirmed';
  const created = await db.transaction().execute(async (trx) => {
    const event = await trx
      .insertInto('events')
      .values({
        partnershipId: (await trx.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id,
        kind: overrides.kind ?? 'joint_lesson',
        title: overrides.title ?? 'Совместный урок: BIM-моделирование',
        description: null,
        status,
        startAt: start,
        endAt: end,
        organizerId: organiser.id,
        organizerInstitutionId: organiserInstitution.id,
        originZone: organiserInstitution.timeZone,
        seriesId: null,
        seriesIndex: null,
        overrideNote: null,
        ...(overrides.reminderOffsets ? { reminderOffsets: overrides.reminderOffsets } : {}),
        updatedAt: new Date(),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('eventInstitutions')
      .values(
        codes.map((c) => ({
          eventId: event.id,
          institutionId: byCode.get(c)!.id,
          decision: status === 'confirmed' || c === codes[0] ? 'confirmed' : 'pending',
        })),
      )
      .execute();
    await trx
      .insertInto('eventParticipants')
      .values(
        users.map((u) => ({
          eventId: event.id,
          userId: u.id,
          institutionId: u.institutionId!,
          groupId: null,
          role: u.id === organiser.id ? 'organizer' : u.role,
        })),
      )
      .execute();
    if (overrides.outbox ?? true) {
      await writeOutbox(trx, {
        topic: status === 'confirmed' ? 'event.confirmed' : 'event.proposed',
        aggregateId: event.id,
        payload: { eventId: event.id, version: event.version, actorId: organiser.id },
      });
    }
    return {
      id: event.id,
      version: event.version,
      participants: users.map((u) => ({
        userId: u.id,
        email: u.email,
        locale: u.locale,
        institutionCode: u.code,
      })),
    };
  });
  // Wake the relay after the commit, as the api does.
  wakeOutbox(db);
  return created;
}

/**
 * Changes an event as the api's use cases do, with the outbox row in the same transaction:
 * `reschedule` moves it (new version, back to proposed), `confirm` confirms every side,
 * `cancel` cancels it (new version).
 */
export async function changeEvent(
  db: Db,
  eventId: string,
  change:
    | { kind: 'reschedule'; start: Date }
    | { kind: 'confirm' }
    | { kind: 'cancel' }
    | { kind: 'decline' },
  actorId: string | null = null,
): Promise<{ version: number }> {
  const changed = await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('events')
      .select(['startAt', 'endAt', 'organizerInstitutionId'])
      .where('id', '=', eventId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    let topic: TOutboxTopic;
    let q = trx.updateTable('events').set({ updatedAt: new Date() }).where('id', '=', eventId);
    if (change.kind === 'reschedule') {
      const duration = new Date(current.endAt).getTime() - new Date(current.startAt).getTime();
      q = q.set((eb) => ({
        startAt: change.start,
        endAt: new Date(change.start.getTime() + duration),
        status: 'proposed',
        version: eb('version', '+', 1),
      }));
      await trx
        .updateTable('eventInstitutions')
        .set({ decision: 'pending' })
        .where('eventId', '=', eventId)
        .where('institutionId', '<>', current.organizerInstitutionId)
        .execute();
      topic = 'event.rescheduled';
    } else if (change.kind === 'confirm') {
      q = q.set({ status: 'confirmed' });
      await trx
        .updateTable('eventInstitutions')
        .set({ decision: 'confirmed' })
        .where('eventId', '=', eventId)
        .execute();
      topic = 'event.confirmed';
    } else if (change.kind === 'decline') {
      q = q.set({ status: 'declined' });
      await trx
        .updateTable('eventInstitutions')
        .set({ decision: 'declined' })
        .where('eventId', '=', eventId)
        .where('decision', '=', 'pending')
        .execute();
      topic = 'event.declined';
    } else {
      q = q.set((eb) => ({ status: 'cancelled', version: eb('version', '+', 1) }));
      topic = 'event.cancelled';
    }
    const { version } = await q.returning('version').executeTakeFirstOrThrow();
    await writeOutbox(trx, { topic, aggregateId: eventId, payload: { eventId, version, actorId } });
    return { version };
  });
  wakeOutbox(db);
  return changed;
}

/** A demo user's id by e-mail. */
export async function userId(db: Db, email: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
