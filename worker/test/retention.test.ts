import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../src/jobs/index.ts';
import { pruneRetention } from '../src/retention/prune-retention.ts';
import { createEvent } from './support/create-event.ts';
import { openSeededDatabase, type SeededDatabase } from './support/test-database.ts';
import { workerEnv } from './support/test-worker.ts';

const DAY = 24 * 3600_000;
let database: SeededDatabase;

beforeAll(async () => {
  database = await openSeededDatabase('pglite');
});
afterAll(async () => {
  await database?.close();
});

const ago = (days: number) => new Date(Date.now() - days * DAY);

describe('retention', () => {
  it('when rows are past their retention, then they are deleted in batches and recent ones stay', async () => {
    const db = database.db;
    const old = await createEvent(db, { start: ago(4 * 365), outbox: false, title: 'Old' });
    const recent = await createEvent(db, { start: ago(10), outbox: false, title: 'Recent' });
    const user = old.participants[0]!.userId;

    // outbox: dispatched long ago (goes), dispatched yesterday (stays), pending old (stays).
    for (const [topic, dispatchedAt, createdAt] of [
      ['old.dispatched', ago(8), ago(8)],
      ['old.dispatched', ago(30), ago(30)],
      ['old.dispatched', ago(9), ago(9)],
      ['recent.dispatched', ago(1), ago(1)],
      ['old.pending', null, ago(30)],
    ] as const) {
      await db.insertInto('outbox').values({ topic, payload: '{}', dispatchedAt, createdAt }).execute();
    }
    // notifications: read 100 d ago (goes), unread 400 d old (goes), unread 100 d old (stays), read yesterday (stays).
    for (const [dedupeKey, createdAt, readAt] of [
      ['n-read-old', ago(120), ago(100)],
      ['n-unread-ancient', ago(400), null],
      ['n-unread-old', ago(100), null],
      ['n-read-recent', ago(5), ago(1)],
    ] as const) {
      await db
        .insertInto('notifications')
        .values({
          userId: user,
          kind: 'event.confirmed',
          eventId: old.id,
          dedupeKey,
          payload: '{}',
          createdAt,
          readAt,
        })
        .execute();
    }
    // reminders_sent: of an event that ended 4 years ago (go), of one that ended 10 days ago (stay).
    for (const [eventId, offsetMinutes] of [
      [old.id, 15],
      [old.id, 60],
      [old.id, 1440],
      [recent.id, 15],
    ] as const) {
      await db
        .insertInto('remindersSent')
        .values({ eventId, userId: user, offsetMinutes, channel: 'inapp', eventVersion: 1, sentAt: ago(1) })
        .execute();
    }
    // attendance: joined 4 years ago (goes), 10 days ago (stays).
    for (const [eventId, sid, joinedAt] of [
      [old.id, 'PA_old_1', ago(4 * 365)],
      [old.id, 'PA_old_2', ago(4 * 365)],
      [recent.id, 'PA_recent', ago(10)],
    ] as const) {
      await db
        .insertInto('attendance')
        .values({ eventId, userId: user, identity: user, participantSid: sid, joinedAt, leftAt: joinedAt })
        .execute();
    }
    // audit: 6 years old (goes), 4 years old (stays: audit is kept longest).
    for (const [action, at] of [
      ['ancient', ago(6 * 365)],
      ['ancient', ago(6 * 365 + 1)],
      ['four-years', ago(4 * 365)],
    ] as const) {
      await db
        .insertInto('auditLog')
        .values({ actorId: null, action, entity: 'test', entityId: null, data: '{}', at })
        .execute();
    }

    // Batches of 2: every kind with 3 old rows needs a second batch.
    const ctx = {
      db,
      env: workerEnv({ RETENTION_BATCH: 2 }),
      now: () => new Date(),
      logger: pino({ level: 'silent' }),
    };
    const outcome = await pruneRetention(ctx);
    expect(outcome).toEqual({ outbox: 3, notifications: 2, remindersSent: 3, attendance: 2, auditLog: 2 });

    expect(
      (await db.selectFrom('outbox').select('topic').orderBy('id').execute()).map((r) => r.topic),
    ).toEqual(['recent.dispatched', 'old.pending']);
    expect(
      (
        await db
          .selectFrom('notifications')
          .select('dedupeKey')
          .where('eventId', '=', old.id)
          .orderBy('dedupeKey')
          .execute()
      ).map((r) => r.dedupeKey),
    ).toEqual(['n-read-recent', 'n-unread-old']);
    expect(await db.selectFrom('remindersSent').select('eventId').execute()).toEqual([
      { eventId: recent.id },
    ]);
    expect(await db.selectFrom('attendance').select('participantSid').execute()).toEqual([
      { participantSid: 'PA_recent' },
    ]);
    expect(
      (await db.selectFrom('auditLog').select('action').where('entity', '=', 'test').execute()).map(
        (r) => r.action,
      ),
    ).toEqual(['four-years']);

    // A second run finds nothing; 0 keeps a kind for ever.
    expect(Object.values(await pruneRetention(ctx)).every((v) => v === 0)).toBe(true);
    await db
      .insertInto('auditLog')
      .values({ actorId: null, action: 'ancient', entity: 'test', entityId: null, data: '{}', at: ago(9000) })
      .execute();
    await pruneRetention({ ...ctx, env: workerEnv({ RETENTION_AUDIT_DAYS: 0 }) });
    const { count } = await db
      .selectFrom('auditLog')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('action', '=', 'ancient')
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });

  it('when the worker runs, then the retention job is one of its jobs', () => {
    expect(jobs.map((j) => j.name)).toContain('prune-retention');
  });
});

describe('retention settings', () => {
  it('when the audit log would be kept shorter than another kind, then the environment is refused naming the field', async () => {
    const { loadEnv } = await import('@telemost/server/config/env');
    expect(() => loadEnv({ RETENTION_AUDIT_DAYS: '30', RETENTION_ATTENDANCE_DAYS: '365' })).toThrow(
      /RETENTION_AUDIT_DAYS/,
    );
    expect(() => loadEnv({ RETENTION_AUDIT_DAYS: '365', RETENTION_ATTENDANCE_DAYS: '0' })).toThrow(
      /RETENTION_AUDIT_DAYS/,
    );
    expect(loadEnv({ RETENTION_AUDIT_DAYS: '0' }).RETENTION_AUDIT_DAYS).toBe(0);
    expect(loadEnv({}).RETENTION_AUDIT_DAYS).toBe(1825);
  });
});
