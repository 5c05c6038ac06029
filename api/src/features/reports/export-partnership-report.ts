import type { TActor } from '@telemost/core/permissions';
import { eventClocks } from '@telemost/core/presentation/clocks';
import { kindLabel } from '@telemost/core/presentation/kinds';
import type { TLocale } from '@telemost/core/schemas/common';
import type ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { addTableSheet, newWorkbook, wallClockCell } from '../../lib/xlsx.ts';
import { reportReader } from '../attendance/report-reader.ts';
import { loadActivityRecords } from './activity-records.ts';
import { getPartnershipReport, heldUntil, listPartnershipEvents } from './get-partnership-report.ts';

type TWords = {
  plan: string;
  colleges: string;
  activities: string;
  activity: string;
  target: string;
  held: string;
  upcoming: string;
  proposed: string;
  declined: string;
  cancelled: string;
  hours: string;
  total: string;
  college: string;
  people: string;
  personHours: string;
  expected: string;
  title: string;
  kind: string;
  state: string;
  start: string;
  end: string;
  minutes: string;
};

const WORDS: Record<TLocale, TWords> = {
  ru: {
    plan: 'План',
    colleges: 'Колледжи',
    activities: 'Мероприятия',
    activity: 'Мероприятие',
    target: 'По плану',
    held: 'Проведено',
    upcoming: 'Предстоит',
    proposed: 'Ожидает ответа',
    declined: 'Отклонено',
    cancelled: 'Отменено',
    hours: 'Часов',
    total: 'Итого',
    college: 'Колледж',
    people: 'Участников',
    personHours: 'Человеко-часов',
    expected: 'Записано',
    title: 'Название',
    kind: 'Вид',
    state: 'Состояние',
    start: 'Начало',
    end: 'Конец',
    minutes: 'Минут',
  },
  kk: {
    plan: 'Жоспар',
    colleges: 'Колледждер',
    activities: 'Іс-шаралар',
    activity: 'Іс-шара',
    target: 'Жоспар бойынша',
    held: 'Өткізілді',
    upcoming: 'Алда',
    proposed: 'Жауап күтуде',
    declined: 'Қабылданбады',
    cancelled: 'Болдырылмады',
    hours: 'Сағат',
    total: 'Барлығы',
    college: 'Колледж',
    people: 'Қатысушылар',
    personHours: 'Адам-сағат',
    expected: 'Жазылған',
    title: 'Атауы',
    kind: 'Түрі',
    state: 'Күйі',
    start: 'Басталуы',
    end: 'Аяқталуы',
    minutes: 'Минут',
  },
  en: {
    plan: 'Plan',
    colleges: 'Colleges',
    activities: 'Activities',
    activity: 'Activity',
    target: 'Target',
    held: 'Held',
    upcoming: 'Upcoming',
    proposed: 'Awaiting answer',
    declined: 'Declined',
    cancelled: 'Cancelled',
    hours: 'Hours',
    total: 'Total',
    college: 'College',
    people: 'People',
    personHours: 'Person-hours',
    expected: 'Booked',
    title: 'Title',
    kind: 'Kind',
    state: 'State',
    start: 'Start',
    end: 'End',
    minutes: 'Minutes',
  },
};

/**
 * The plan report as an Excel workbook in the reader's language: the plan by kind (with a total),
 * each college's share, and every activity of the range with its start and end on each college's
 * clock as real date cells. Same permissions and counts as the JSON report.
 */
export async function exportPartnershipReport(
  ctx: AppContext,
  actor: TActor,
  partnershipId: string,
  query: { from?: string; to?: string; lang?: TLocale },
): Promise<{ workbook: ExcelJS.Workbook; filename: string }> {
  const report = await getPartnershipReport(ctx, actor, partnershipId, query);
  const reader = await reportReader(ctx, actor, query.lang);
  const { locale } = reader;
  const w = WORDS[locale];
  const [events, members] = await Promise.all([
    listPartnershipEvents(ctx, partnershipId, query),
    ctx.db
      .selectFrom('partnershipMembers as m')
      .innerJoin('institutions as i', 'i.id', 'm.institutionId')
      .select(['i.timeZone', 'i.city'])
      .where('m.partnershipId', '=', partnershipId)
      .execute(),
  ]);
  const clocks = eventClocks(members, report.generatedAt, reader);
  const workbook = newWorkbook();

  const plan = addTableSheet(workbook, w.plan, [
    { header: w.activity, width: 48 },
    { header: w.target },
    { header: w.held },
    { header: w.upcoming },
    { header: w.proposed },
    { header: w.declined },
    { header: w.cancelled },
    { header: w.hours },
  ]);
  for (const k of report.byKind) {
    plan.addRow([
      k.planTitle ? k.planTitle[locale] : kindLabel(k.kind, locale),
      k.target,
      k.done,
      k.upcoming,
      k.proposed,
      k.declined,
      k.cancelled,
      k.hours,
    ]);
  }
  const sum = (pick: (k: (typeof report.byKind)[number]) => number) =>
    report.byKind.reduce((s, k) => s + pick(k), 0);
  const total = plan.addRow([
    w.total,
    report.totals.target,
    report.totals.done,
    sum((k) => k.upcoming),
    sum((k) => k.proposed),
    sum((k) => k.declined),
    sum((k) => k.cancelled),
    report.totals.hours,
  ]);
  total.font = { bold: true };

  const colleges = addTableSheet(workbook, w.colleges, [
    { header: w.college, width: 48 },
    { header: w.held },
    { header: w.hours },
    { header: w.people },
    { header: w.personHours },
    { header: w.expected },
  ]);
  for (const s of report.sides) {
    colleges.addRow([s.name[locale], s.done, s.hours, s.people, s.personHours, s.expectedPeople]);
  }

  const activities = addTableSheet(workbook, w.activities, [
    { header: w.title, width: 40 },
    { header: w.kind, width: 26 },
    { header: w.state, width: 18 },
    ...clocks.flatMap((c) => [
      { header: `${w.start} (${c.label})`, width: 20, dateTime: true },
      { header: `${w.end} (${c.label})`, width: 20, dateTime: true },
    ]),
    { header: w.minutes },
  ]);
  const nowMs = ctx.now().getTime();
  const records = await loadActivityRecords(ctx.db, events);
  for (const e of events) {
    // Olympiads are held once marking closed; internships once every day is confirmed.
    const over = records.heldByRecord(e) ?? heldUntil(e) <= nowMs;
    const state =
      e.status === 'confirmed'
        ? over
          ? w.held
          : w.upcoming
        : w[e.status as 'proposed' | 'declined' | 'cancelled'];
    const end = new Date(heldUntil(e));
    activities.addRow([
      e.title,
      kindLabel(e.kind, locale),
      state ?? e.status,
      ...clocks.flatMap((c) => [
        wallClockCell(new Date(e.startAt), c.timeZone),
        wallClockCell(end, c.timeZone),
      ]),
      Math.round((end.getTime() - new Date(e.startAt).getTime()) / 60_000),
    ]);
  }
  const range = [query.from, query.to].filter(Boolean).join('_');
  const number = report.partnership.number.replace(/[^\w.-]+/g, '-');
  return { workbook, filename: `plan-report-${number}${range ? `-${range}` : ''}.xlsx` };
}
