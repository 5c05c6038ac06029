import type { TActor } from '@telemost/core/permissions';
import { eventClocks, type TClock, viewerZoneOf } from '@telemost/core/presentation/clocks';
import { type TLocale, ZLocaleSchema } from '@telemost/core/schemas/common';
import type { AppContext } from '../../context.ts';

/** Who a downloaded report is written for: its language (asked for, else the viewer's) and clock. */
export type TReportReader = { locale: TLocale; timeZone: string };

export async function reportReader(
  ctx: AppContext,
  actor: TActor,
  lang: TLocale | undefined,
): Promise<TReportReader> {
  const user = await ctx.db
    .selectFrom('users as u')
    .leftJoin('institutions as i', 'i.id', 'u.institutionId')
    .select(['u.locale', 'u.timeZone', 'i.timeZone as collegeZone'])
    .where('u.id', '=', actor.id)
    .executeTakeFirst();
  return {
    locale: lang ?? ZLocaleSchema.catch('ru').parse(user?.locale),
    timeZone: viewerZoneOf(user?.timeZone, user?.collegeZone),
  };
}

/** The clocks of an event's colleges, in the one order (core's eventClocks), for this reader. */
export async function eventClocksFor(
  ctx: AppContext,
  eventIds: readonly string[],
  at: string | Date,
  reader: TReportReader,
): Promise<TClock[]> {
  if (eventIds.length === 0) return eventClocks([], at, reader);
  const sides = await ctx.db
    .selectFrom('eventInstitutions as ei')
    .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
    .select(['i.timeZone', 'i.city'])
    .where('ei.eventId', 'in', eventIds)
    .execute();
  return eventClocks(sides, at, reader);
}
