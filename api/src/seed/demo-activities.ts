import type { TActor } from '@telemost/core/permissions';
import type { TEventKind } from '@telemost/core/schemas/partnership';
import { DEMO_INSTITUTIONS, demoEmail } from '@telemost/server/seed/demo-data';
import { DateTime } from 'luxon';
import type { AppContext } from '../context.ts';
import { bookEvent } from '../features/events/book-event.ts';
import { decideEvent } from '../features/events/decide-event.ts';
import { findAvailability } from '../features/events/find-availability.ts';

/** Who can try the video bridge at once after a first `npm start` (printed, and in the README). */
export const DEMO_LIVE_LESSON = {
  title: 'Телемост: основы BIM-моделирования',
  teacher: demoEmail('teacher', 'msk-26', 2),
  student: demoEmail('student', 'krg-construction', 4),
} as const;

const DAY = 86_400_000;

/**
 * A first `npm start` also books a few joint activities, so that the calendar, the lesson pages,
 * the telebridge and the coordinators' dashboard have something to show. They are made the way a
 * coordinator makes them: through the product's own booking (both working calendars, no double
 * booking), its free-slot finder and the partner's confirmation.
 * - A joint lesson starting in about ten minutes, confirmed by both colleges: its join window is
 *   open, so the telebridge can be tried at once (booked outside working time, as an extra lesson).
 * - A weekly series of four joint lessons at the first time that suits both colleges, confirmed.
 * - A master class next week, proposed by Moscow and waiting for Karaganda's confirmation.
 *
 * The demo activities use the second groups and teachers of the colleges, so that the first ones
 * stay free for trying out booking. Returns when the lesson to join right away runs.
 */
export async function seedDemoActivities(ctx: AppContext): Promise<{ start: Date; end: Date }> {
  const actor = async (email: string): Promise<TActor> => {
    const user = await ctx.db
      .selectFrom('users')
      .select(['id', 'role', 'institutionId'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return { ...user, role: user.role as TActor['role'] };
  };
  const partnership = await ctx.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
  const institutions = await ctx.db.selectFrom('institutions').select(['id', 'code']).execute();
  const groups = await ctx.db.selectFrom('groups').select(['id', 'institutionId', 'name']).execute();
  /** The college's second group (its first stays free for trying out booking). */
  const group = (code: string) => {
    const institutionId = institutions.find((i) => i.code === code)!.id;
    const name = DEMO_INSTITUTIONS.find((i) => i.code === code)!.groups[1];
    return groups.find((g) => g.institutionId === institutionId && g.name === name)!.id;
  };
  const coordinator = (code: string) => actor(demoEmail('coordinator', code));
  const teacher = async (code: string) => (await actor(demoEmail('teacher', code, 2))).id;
  const confirmAll = async (code: string, ids: string[]) => {
    const by = await coordinator(code);
    for (const id of ids) await decideEvent(ctx, by, id, 'confirmed');
  };
  const now = ctx.now().getTime();

  // A lesson to join right away: starts at the next five minutes after ten from now.
  const soon = new Date(Math.ceil((now + 10 * 60_000) / 300_000) * 300_000);
  const live = await bookEvent(ctx, await coordinator('msk-26'), {
    partnershipId: partnership.id,
    kind: 'joint_lesson',
    title: DEMO_LIVE_LESSON.title,
    description: 'Демо-занятие: откройте его и войдите в телемост.',
    start: soon.toISOString(),
    durationMinutes: 90,
    groupIds: [group('msk-26'), group('krg-construction')],
    teacherIds: [await teacher('msk-26'), await teacher('krg-construction')],
    roomIds: [],
    institutionIds: [],
    overrideCalendar: true,
    overrideNote: 'Демо: дополнительное занятие, чтобы сразу попробовать телемост',
  });
  await confirmAll(
    'krg-construction',
    live.items.map((e) => e.id),
  );

  // Activities at times that suit both colleges, found by the product's own slot finder.
  const firstFreeSlot = async (by: TActor, groupIds: string[], teacherIds: string[], fromDays: number) => {
    const found = await findAvailability(ctx, by, {
      partnershipId: partnership.id,
      groupIds,
      teacherIds,
      institutionIds: [],
      durationMinutes: 90,
      from: new Date(now + fromDays * DAY).toISOString(),
      to: new Date(now + (fromDays + 14) * DAY).toISOString(),
      bufferMinutes: 10,
      limit: 1,
    });
    const slot = found.items[0];
    if (!slot) throw new Error('no free time for a demo activity');
    return new Date(slot.start);
  };
  const book = async (
    code: string,
    partner: string,
    fromDays: number,
    activity: { kind: TEventKind; title: string; weeks?: number },
  ) => {
    const by = await coordinator(code);
    const groupIds = [group(code), group(partner)];
    const teacherIds = [await teacher(code), await teacher(partner)];
    const start = await firstFreeSlot(by, groupIds, teacherIds, fromDays);
    return bookEvent(ctx, by, {
      partnershipId: partnership.id,
      kind: activity.kind,
      title: activity.title,
      start: start.toISOString(),
      durationMinutes: 90,
      groupIds,
      teacherIds,
      roomIds: [],
      institutionIds: [],
      overrideCalendar: false,
      ...(activity.weeks
        ? {
            recurrence: {
              weekdays: [DateTime.fromJSDate(start, { zone: 'Europe/Moscow' }).weekday],
              count: activity.weeks,
            },
          }
        : {}),
    });
  };
  const series = await book('msk-23', 'krg-service', 1, {
    kind: 'joint_lesson',
    title: 'Сервис и гостеприимство: совместный практикум',
    weeks: 4,
  });
  await confirmAll(
    'krg-service',
    series.items.map((e) => e.id),
  );
  await book('msk-7', 'krg-service', 7, {
    kind: 'masterclass',
    title: 'Мастер-класс: современные отделочные материалы',
  });
  const lesson = live.items[0]!;
  return { start: new Date(lesson.start), end: new Date(lesson.end) };
}
