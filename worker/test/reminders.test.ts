import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@telemost/server/db/database';
import { wakeOutbox, writeOutbox } from '@telemost/server/outbox/record-change';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIcs } from '../../test/support/ics-check.ts';
import { ensureReminders } from '../src/reminders/ensure-reminders.ts';
import { reminderJobId } from '../src/reminders/reminder-job-id.ts';
import { sendReminderJob } from '../src/reminders/send-reminder.job.ts';
import { sendReminder } from '../src/reminders/send-reminder.ts';
import { changeEvent, createEvent, userId } from './support/create-event.ts';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.ts';
import { startSocketServer } from './support/socket-server.ts';
import { openSeededDatabase } from './support/test-database.ts';
import { dropPrefix, startTestWorker, TEST_REDIS_URL } from './support/test-worker.ts';
import { waitFor } from './support/wait-for.ts';

const MIN = 60_000;
const email = (role: string, code: string, n = 1) =>
  `${role}${role === 'coordinator' ? '' : n}.${code}@telemost.example`;

/** A wall clock the test can set: BullMQ delays run on real time, "now" for due times is shifted. */
const clock = {
  shift: 0,
  now: () => new Date(Date.now() + clock.shift),
  /** Makes "now" read `at`. */
  set(at: Date) {
    clock.shift = at.getTime() - Date.now();
  },
};

let database: DatabaseHandle & { url: string | null };
let sink: SmtpSink;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let sockets: Awaited<ReturnType<typeof startSocketServer>>;
let redis: Redis;

const reminderMails = (eventId: string) =>
  sink.messages.filter((m) => m.messageId.startsWith(`<reminder-${eventId}`));
const noticeMails = (eventId: string, kind: string) =>
  sink.messages.filter((m) => m.messageId.startsWith(`<notice-${eventId}-${kind}`));
const mailTo = (mails: typeof sink.messages, address: string) => mails.filter((m) => m.to === address);

beforeAll(async () => {
  database = await openSeededDatabase('postgres');
  await database.db
    .updateTable('users')
    .set({ locale: 'en' })
    .where('email', '=', email('student', 'msk-26', 2))
    .execute();
  sink = await startSmtpSink();
  sockets = await startSocketServer(TEST_REDIS_URL);
  redis = new Redis(TEST_REDIS_URL);
  worker = await startTestWorker(database, {
    now: clock.now,
    env: { SMTP_URL: sink.url },
    config: { REMINDER_SWEEP_SECONDS: 3600, OUTBOX_POLL_MS: 1000 },
  });
});

afterAll(async () => {
  await worker?.close();
  await dropPrefix(worker?.prefix ?? 'none');
  await sockets?.close();
  redis?.disconnect();
  await sink?.close();
  await database?.close();
});

describe('reminders', () => {
  it('when a confirmed event reaches its 15-minute reminder, then every participant gets one e-mail and one in-app notification in their language, with both colleges’ local times', async () => {
    const start = new Date('2027-02-10T07:00:00Z'); // Wednesday: 10:00 in Moscow, 12:00 in Karaganda
    clock.set(new Date(start.getTime() - 15 * MIN - 3000));
    // The reminder falls due 3 s after the clock was set, however long the set-up below takes.
    const dueReal = Date.now() + 3000;
    const ruTeacher = email('teacher', 'msk-26');
    const enStudent = email('student', 'msk-26', 2);
    const kkTeacher = email('teacher', 'krg-construction');
    const kkStudent = email('student', 'krg-construction');
    const pushed = await sockets.connectAs(await userId(database.db, ruTeacher));
    const event = await createEvent(database.db, {
      start,
      reminderOffsets: [15],
      participantEmails: [ruTeacher, enStudent, kkTeacher, kkStudent],
    });

    const mails = await waitFor(
      '4 reminder e-mails',
      () => reminderMails(event.id).length >= 4 && reminderMails(event.id),
    );
    const url = `https://telemost.test/events/${event.id}`;

    const [ru] = mailTo(mails, ruTeacher);
    expect(ru!.subject).toBe('Напоминание: «Совместный урок: BIM-моделирование» через 15 минут');
    expect(ru!.text).toContain('Когда: среда, 10 февраля 2027 г., 10:00 Москва / 12:00 Караганда.');
    expect(ru!.text).toContain(`Подключиться к телемосту: ${url}`);

    const [en] = mailTo(mails, enStudent);
    expect(en!.subject).toBe('Reminder: “Совместный урок: BIM-моделирование” in 15 minutes');
    expect(en!.text).toContain('When: Wednesday, February 10, 2027, 10:00 Moscow / 12:00 Karaganda.');

    for (const kk of [...mailTo(mails, kkTeacher), ...mailTo(mails, kkStudent)]) {
      expect(kk.subject).toBe('Еске салу: «Совместный урок: BIM-моделирование» 15 минуттан кейін');
      expect(kk.text).toContain('12:00 Қарағанды / 10:00 Мәскеу');
      expect(kk.text).toContain(`Телекөпірге қосылу: ${url}`);
    }

    for (const m of mails) {
      const ics = m.attachments.find((a) => a.filename === 'telemost-event.ics');
      expect(ics?.content).toContain(`UID:${event.id}@telemost`);
      expect(ics?.content).toContain('SEQUENCE:0');
      expect(ics?.content).toContain('DTSTART:20270210T070000Z');
      // Core's one builder: it parses with ical.js and node-ical and names an ORGANIZER.
      expect(checkIcs(ics!.content).events[0]?.organizer).toMatch(/^mailto:/);
      // Sent when due, not before; and promptly.
      expect(m.acceptedAt).toBeGreaterThanOrEqual(dueReal - 100);
      expect(m.acceptedAt).toBeLessThan(dueReal + 3000);
    }

    const notifications = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('eventId', '=', event.id)
      .where('kind', '=', 'reminder')
      .execute();
    expect(notifications).toHaveLength(4);
    const sent = await database.db
      .selectFrom('remindersSent')
      .selectAll()
      .where('eventId', '=', event.id)
      .execute();
    expect(sent.map((s) => `${s.channel}/${s.offsetMinutes}/v${s.eventVersion}`).sort()).toEqual(
      [...Array(4).fill('email/15/v1'), ...Array(4).fill('inapp/15/v1')].sort(),
    );

    await waitFor('the socket.io push', () =>
      pushed.some(
        (n) =>
          (n as { kind: string; eventId: string }).kind === 'reminder' &&
          (n as { eventId: string }).eventId === event.id,
      ),
    );
    const push = pushed.find((n) => (n as { kind: string }).kind === 'reminder') as {
      payload: { times: string; url: string };
    };
    expect(push.payload.times).toBe('10:00 Москва / 12:00 Караганда');
    expect(push.payload.url).toBe(url);
  });

  it('when a confirmed event is rescheduled and confirmed again, then the old reminders are removed and each participant is reminded once, of the new time', async () => {
    const start = new Date('2027-02-11T07:00:00Z');
    clock.set(new Date('2027-02-11T06:43:56Z'));
    const teacher = email('teacher', 'msk-26');
    const student = email('student', 'krg-construction', 2);
    const event = await createEvent(database.db, {
      start,
      reminderOffsets: [15],
      participantEmails: [teacher, student],
    });
    const queue = new Queue('reminders', { connection: redis, prefix: worker.prefix });
    const key = {
      eventId: event.id,
      userId: await userId(database.db, teacher),
      offsetMinutes: 15,
      version: 1,
    };
    await waitFor(
      'the v1 reminder job',
      async () => (await queue.getJobState(reminderJobId(key))) === 'delayed',
    );

    await changeEvent(database.db, event.id, { kind: 'reschedule', start: new Date('2027-02-11T06:59:00Z') });
    await waitFor(
      'the v1 reminder job to go',
      async () => (await queue.getJob(reminderJobId(key))) === undefined,
    );
    await changeEvent(database.db, event.id, { kind: 'confirm' });

    const mails = await waitFor(
      '2 reminders',
      () => reminderMails(event.id).length >= 2 && reminderMails(event.id),
    );
    expect(mailTo(mails, teacher)[0]!.text).toContain('09:59 Москва / 11:59 Караганда');
    expect(mailTo(mails, student)[0]!.text).toContain('11:59 Қарағанды / 09:59 Мәскеу');
    expect(mails.every((m) => m.messageId.includes('-v2@'))).toBe(true);
    expect(mails.every((m) => m.attachments[0]!.content.includes('SEQUENCE:1'))).toBe(true);
    // A v1 job that was already running when the reschedule came in does nothing.
    expect(await sendReminder(worker.ctx, key)).toEqual({ skipped: 'stale_version' });
    await waitFor('reschedule notices', () => noticeMails(event.id, 'rescheduled').length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(reminderMails(event.id)).toHaveLength(2);
    await queue.close();
  });

  it('when a confirmed event is cancelled, then its pending reminders are removed and nobody is reminded', async () => {
    const start = new Date('2027-02-12T07:00:00Z');
    clock.set(new Date(start.getTime() - 15 * MIN - 4000));
    const event = await createEvent(database.db, { start, reminderOffsets: [15] });
    const queue = new Queue('reminders', { connection: redis, prefix: worker.prefix });
    const ids = event.participants.map((p) =>
      reminderJobId({ eventId: event.id, userId: p.userId, offsetMinutes: 15, version: 1 }),
    );
    await waitFor('the reminder jobs', async () =>
      (await Promise.all(ids.map((id) => queue.getJobState(id)))).every((s) => s === 'delayed'),
    );

    await changeEvent(database.db, event.id, { kind: 'cancel' });
    await waitFor('the jobs to go', async () =>
      (await Promise.all(ids.map((id) => queue.getJob(id)))).every((j) => j === undefined),
    );
    // Wait for the two people checked below, not for a count: notices go out in any order.
    const notices = await waitFor('cancellation notices', () => {
      const sent = noticeMails(event.id, 'cancelled');
      return (
        mailTo(sent, email('teacher', 'msk-26')).length > 0 &&
        mailTo(sent, email('student', 'krg-construction')).length > 0 &&
        sent
      );
    });
    expect(mailTo(notices, email('teacher', 'msk-26'))[0]!.subject).toBe(
      'Отменено: «Совместный урок: BIM-моделирование»',
    );
    expect(mailTo(notices, email('student', 'krg-construction'))[0]!.subject).toBe(
      'Болдырылмады: «Совместный урок: BIM-моделирование»',
    );
    const ics = notices[0]!.attachments[0]!;
    expect(ics.content).toContain('METHOD:CANCEL');
    expect(ics.content).toContain('STATUS:CANCELLED');
    expect(checkIcs(ics.content).method).toBe('CANCEL');
    // Past the due time: still nothing.
    await new Promise((r) => setTimeout(r, 5000));
    expect(reminderMails(event.id)).toHaveLength(0);
    await queue.close();
  });

  it('when sending fails and the job is retried or delivered twice, then the reminder still goes out exactly once', async () => {
    const start = new Date('2027-02-15T07:00:00Z');
    clock.set(new Date(start.getTime() - 15 * MIN - 2000));
    const teacher = email('teacher', 'msk-26', 2);
    let refusals = 0;
    sink.setPolicy((_n, raw) =>
      /Message-ID:\s*<reminder-/.test(raw) && refusals++ < 2 ? { refuse: true } : {},
    );
    const event = await createEvent(database.db, {
      start,
      reminderOffsets: [15],
      participantEmails: [teacher],
    });
    const key = {
      eventId: event.id,
      userId: await userId(database.db, teacher),
      offsetMinutes: 15,
      version: 1,
    };
    await waitFor('the reminder', () => reminderMails(event.id).length === 1, 30_000);
    sink.setPolicy(() => ({}));
    const queue = new Queue('reminders', { connection: redis, prefix: worker.prefix });
    const job = await queue.getJob(reminderJobId(key));
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(2);

    // The same reminder again: by a duplicate job, by two runs at once, by a re-delivered outbox row, by the sweep.
    await worker.ctx.enqueue(sendReminderJob, key, { jobId: `${reminderJobId(key)}-duplicate` });
    const outcomes = await Promise.allSettled([sendReminder(worker.ctx, key), sendReminder(worker.ctx, key)]);
    for (const o of outcomes) {
      if (o.status === 'fulfilled') expect(o.value).toEqual({ inapp: 'already_sent', email: 'already_sent' });
      else expect(o.reason.name).toBe('SendLockBusyError');
    }
    await database.db.transaction().execute((trx) =>
      writeOutbox(trx, {
        topic: 'event.confirmed',
        aggregateId: event.id,
        payload: { eventId: event.id, version: 1, actorId: null },
      }),
    );
    wakeOutbox(database.db);
    expect((await ensureReminders(worker.ctx)).scheduled).toBe(0);
    await waitFor(
      'the duplicate job to finish',
      async () => (await queue.getJobState(`${reminderJobId(key)}-duplicate`)) === 'completed',
    );
    await waitFor(
      'the outbox row',
      async () =>
        (
          await database.db
            .selectFrom('outbox')
            .select('id')
            .where('aggregateId', '=', event.id)
            .where('dispatchedAt', 'is', null)
            .execute()
        ).length === 0,
    );
    await new Promise((r) => setTimeout(r, 1000));

    expect(reminderMails(event.id)).toHaveLength(1);
    const rows = await database.db
      .selectFrom('remindersSent')
      .select('channel')
      .where('eventId', '=', event.id)
      .execute();
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'inapp']);
    const inApp = await database.db
      .selectFrom('notifications')
      .select('id')
      .where('eventId', '=', event.id)
      .where('kind', '=', 'reminder')
      .execute();
    expect(inApp).toHaveLength(1);
    await queue.close();
  });

  it('when a reminder job is picked up before its due time, then it waits and sends no earlier; far too early, it refuses and retries later', async () => {
    const start = new Date('2027-02-17T07:00:00Z');
    const due = start.getTime() - 15 * MIN;
    clock.set(new Date(due - 60 * MIN)); // an hour early: the queue does not run it yet
    const teacher = email('teacher', 'krg-construction');
    const event = await createEvent(database.db, {
      start,
      reminderOffsets: [15],
      participantEmails: [teacher],
      outbox: false,
    });
    const key = {
      eventId: event.id,
      userId: await userId(database.db, teacher),
      offsetMinutes: 15,
      version: 1,
    };
    const dueAt = new Date(due).toISOString();

    clock.set(new Date(due - 6000));
    await expect(sendReminder(worker.ctx, key, dueAt)).rejects.toThrow(/early/);
    expect(reminderMails(event.id)).toHaveLength(0);

    clock.set(new Date(due - 700));
    const outcome = await sendReminder(worker.ctx, key, dueAt);
    const sentAt = clock.now().getTime();
    expect(outcome).toEqual({ inapp: 'sent', email: 'sent' });
    expect(sentAt).toBeGreaterThanOrEqual(due);
    const notes = await database.db
      .selectFrom('notifications')
      .select('createdAt')
      .where('eventId', '=', event.id)
      .execute();
    expect(notes).toHaveLength(1);
    // created_at is the database's clock (real time); the test clock is shifted, so compare real times.
    expect(new Date(notes[0]!.createdAt).getTime()).toBeGreaterThanOrEqual(due - clock.shift);
  });

  it('when the reminder jobs are lost from Redis, then the sweep re-creates them and they are sent once', async () => {
    const start = new Date('2027-02-16T07:00:00Z');
    clock.set(new Date(start.getTime() - 15 * MIN - 3000));
    // No outbox row: as if the jobs had been scheduled and then lost with Redis's data.
    const event = await createEvent(database.db, { start, reminderOffsets: [15, 1440], outbox: false });
    const first = await ensureReminders(worker.ctx);
    // The 24-hour reminder is long past and not worth sending any more; the 15-minute one is due soon.
    expect(first.scheduled).toBeGreaterThanOrEqual(8);
    await waitFor('8 reminders', () => reminderMails(event.id).length >= 8);
    // The SMTP sink has a mail a moment before its job records it as sent: wait for the records,
    // then a sweep must find nothing left to schedule.
    await waitFor('8 e-mails recorded', async () => {
      const rows = await database.db
        .selectFrom('remindersSent')
        .select('userId')
        .where('eventId', '=', event.id)
        .where('channel', '=', 'email')
        .execute();
      return rows.length >= 8;
    });
    expect((await ensureReminders(worker.ctx)).scheduled).toBe(0);
    expect(reminderMails(event.id).every((m) => m.messageId.includes('-15-v1@'))).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(reminderMails(event.id)).toHaveLength(8);
  });
});

describe('notices', () => {
  it('when an event is proposed, then the other college’s coordinator and teachers are asked to confirm, in their language', async () => {
    clock.shift = 0;
    const start = new Date('2027-03-03T07:00:00Z');
    const event = await createEvent(database.db, { start, status: 'proposed' });
    const proposals = await waitFor(
      'proposal notices',
      () => noticeMails(event.id, 'proposed').length >= 2 && noticeMails(event.id, 'proposed'),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(
      noticeMails(event.id, 'proposed')
        .map((m) => m.to)
        .sort(),
    ).toEqual([email('coordinator', 'krg-construction'), email('teacher', 'krg-construction')].sort());
    const mail = proposals[0]!;
    expect(mail.subject).toBe('Ұсыныс: бірлескен сабақ «Совместный урок: BIM-моделирование»');
    expect(mail.text).toContain(
      'Анна Смирнова (№ 26 сәулет, дизайн және реинжиниринг колледжі) «Совместный урок: BIM-моделирование»',
    );
    expect(mail.text).toContain('12:00 Қарағанды / 10:00 Мәскеу');
    const inApp = await database.db
      .selectFrom('notifications')
      .select(['kind', 'payload'])
      .where('eventId', '=', event.id)
      .execute();
    expect(inApp.map((n) => n.kind)).toEqual(['event.proposed', 'event.proposed']);
    expect(reminderMails(event.id)).toHaveLength(0);

    await changeEvent(
      database.db,
      event.id,
      { kind: 'decline' },
      await userId(database.db, email('coordinator', 'krg-construction')),
    );
    const declines = await waitFor(
      'decline notices',
      () => noticeMails(event.id, 'declined').length >= 8 && noticeMails(event.id, 'declined'),
    );
    const ru = mailTo(declines, email('teacher', 'msk-26'))[0]!;
    expect(ru.subject).toBe('Отклонено: «Совместный урок: BIM-моделирование»');
    expect(ru.text).toContain('Отклонил: Карагандинский строительный колледж');
    // The coordinator who declined is not told what they did.
    expect(mailTo(declines, email('coordinator', 'krg-construction'))).toHaveLength(0);
  });
});

describe('jobs and the outbox relay', () => {
  it('when a job payload is invalid, then it fails once and is not retried', async () => {
    const queue = new Queue('reminders', { connection: redis, prefix: worker.prefix });
    const job = await queue.add(
      'send-reminder',
      { eventId: 'not-a-uuid' },
      { attempts: 5, jobId: 'bad-payload' },
    );
    await waitFor('the failure', async () => (await queue.getJobState(job.id!)) === 'failed');
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toContain('invalid send-reminder payload');
    await queue.close();
  });

  it('when a change is committed, then NOTIFY wakes the relay well before its poll and the row is marked dispatched', async () => {
    // The poll is 1 s in this file; a NOTIFY-driven relay answers in far less.
    await new Promise((r) => setTimeout(r, 1100));
    const t0 = Date.now();
    // An event that does not exist: the row is relayed and the job finds nothing to do.
    const pingId = randomUUID();
    await database.db.transaction().execute((trx) =>
      writeOutbox(trx, {
        topic: 'event.updated',
        aggregateId: pingId,
        payload: { eventId: pingId, version: 1, actorId: null },
      }),
    );
    wakeOutbox(database.db);
    const row = await waitFor(
      'dispatch',
      async () =>
        database.db
          .selectFrom('outbox')
          .select(['id', 'jobKey', 'dispatchedAt'])
          .where('aggregateId', '=', pingId)
          .where('dispatchedAt', 'is not', null)
          .executeTakeFirst(),
      5000,
      10,
    );
    expect(Date.now() - t0).toBeLessThan(500);
    const queue = new Queue('domain-events', { connection: redis, prefix: worker.prefix });
    expect(await queue.getJob(`outbox-${row.jobKey}`)).toBeDefined();
    await queue.close();
  });
});
