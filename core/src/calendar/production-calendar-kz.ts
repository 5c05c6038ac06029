import type { TLocalizedText } from '../schemas/common.ts';
import type { TCountryCalendar, TFixedHoliday, TMovableHoliday } from './calendar-types.ts';

/** The legal acts the Kazakh table cites. */
export const KZ_SOURCES = {
  holidays: 'Закон РК от 13.12.2001 № 267-II «О праздниках в Республике Казахстан»',
  carryOver:
    'Закон РК «О праздниках в Республике Казахстан», ст. 5 (при совпадении праздничного дня с выходным следующий рабочий день является выходным)',
  religiousDaysOff:
    'Трудовой кодекс РК, ст. 84 (православное Рождество и первый день Курбан айта — выходные дни, без переноса)',
  // Since 2024 the transfers are ordered by the Minister of Labour under art. 85 §3 of the Labour Code
  // (before that, by Government decree).
  order2024:
    'Приказ и.о. Министра труда и социальной защиты населения РК от 17.04.2024 «О переносе дня отдыха в 2024 году» (п. 3 ст. 85 Трудового кодекса РК)',
  // verify: date and title of the order. The ministry reported it "approved on 21 November 2024".
  order2025:
    'Приказ Министра труда и социальной защиты населения РК от 21.11.2024 «О переносе дня отдыха в 2025 году» (п. 3 ст. 85 Трудового кодекса РК)',
} as const;

const fixed = (month: number, day: number, name: TLocalizedText): TFixedHoliday => ({
  month,
  day,
  name,
  source: KZ_SOURCES.holidays,
  carriesOver: true,
});

const NEW_YEAR: TLocalizedText = { ru: 'Новый год', kk: 'Жаңа жыл', en: 'New Year' };
const NAURYZ: TLocalizedText = { ru: 'Наурыз мейрамы', kk: 'Наурыз мейрамы', en: 'Nauryz Meyramy' };

/**
 * Kazakhstan's public holidays (Law "On holidays", arts. 2–3 and 5) and Orthodox Christmas (Labour Code
 * art. 84). Independence Day has been December 16 only since the 2022 amendments (December 17 is no longer
 * a holiday). Christmas is a day off that is never carried over.
 */
export const KZ_FIXED_HOLIDAYS: readonly TFixedHoliday[] = [
  fixed(1, 1, NEW_YEAR),
  fixed(1, 2, NEW_YEAR),
  {
    month: 1,
    day: 7,
    name: { ru: 'Православное Рождество', kk: 'Православиелік Рождество', en: 'Orthodox Christmas' },
    source: KZ_SOURCES.religiousDaysOff,
    carriesOver: false,
  },
  fixed(3, 8, {
    ru: 'Международный женский день',
    kk: 'Халықаралық әйелдер күні',
    en: "International Women's Day",
  }),
  fixed(3, 21, NAURYZ),
  fixed(3, 22, NAURYZ),
  fixed(3, 23, NAURYZ),
  fixed(5, 1, {
    ru: 'Праздник единства народа Казахстана',
    kk: 'Қазақстан халқының бірлігі мерекесі',
    en: 'Day of Unity of the People of Kazakhstan',
  }),
  fixed(5, 7, {
    ru: 'День защитника Отечества',
    kk: 'Отан қорғаушы күні',
    en: 'Defender of the Fatherland Day',
  }),
  fixed(5, 9, { ru: 'День Победы', kk: 'Жеңіс күні', en: 'Victory Day' }),
  fixed(7, 6, { ru: 'День Столицы', kk: 'Астана күні', en: 'Capital City Day' }),
  fixed(8, 30, {
    ru: 'День Конституции Республики Казахстан',
    kk: 'Қазақстан Республикасының Конституциясы күні',
    en: 'Constitution Day',
  }),
  fixed(10, 25, { ru: 'День Республики', kk: 'Республика күні', en: 'Republic Day' }),
  fixed(12, 16, { ru: 'День Независимости', kk: 'Тәуелсіздік күні', en: 'Independence Day' }),
];

const KURBAN_AIT: TLocalizedText = {
  ru: 'Курбан айт (первый день)',
  kk: 'Құрбан айт (бірінші күні)',
  en: 'Kurban Ait (Eid al-Adha), first day',
};

const kurbanAit = (date: string, dateSource: string): TMovableHoliday => ({
  date,
  name: KURBAN_AIT,
  source: `${KZ_SOURCES.religiousDaysOff}; дата — ${dateSource}`,
});

/**
 * Kazakhstan's production calendar, 2024–2027 (five-day week). The days off carried over from holidays on
 * a Saturday or Sunday (Law "On holidays" art. 5) are computed from `carryOverSource`, not listed here;
 * the table lists only what the Ministry of Labour moved by order, and the first day of Kurban ait.
 * Kazakh law has no pre-holiday shortened day, so `shortenedDays` stays empty.
 */
export const KZ_PRODUCTION_CALENDAR: TCountryCalendar = {
  country: 'KZ',
  fixedHolidays: KZ_FIXED_HOLIDAYS,
  carryOverSource: KZ_SOURCES.carryOver,
  years: [
    {
      year: 2024,
      status: 'official',
      // The ministry's 2024 calendar had Monday June 17; the Spiritual Administration of Muslims of
      // Kazakhstan (ДУМК) fixed Sunday June 16 on 07.06.2024, and the ministry confirmed June 17 stays working.
      movableHolidays: [kurbanAit('2024-06-16', 'объявлена ДУМК 07.06.2024')],
      transfers: [{ from: '2024-05-04', to: '2024-05-08', source: KZ_SOURCES.order2024 }],
      shortenedDays: [],
    },
    {
      year: 2025,
      status: 'official',
      movableHolidays: [kurbanAit('2025-06-06', 'по календарю ДУМК на 2025 год')],
      // The Sunday's rest moves, so Sunday January 5 is a working day for the five-day week too.
      transfers: [{ from: '2025-01-05', to: '2025-01-03', source: KZ_SOURCES.order2025 }],
      shortenedDays: [],
    },
    {
      year: 2026,
      status: 'official',
      // ДУМК may still shift it by a day with the sighting of the moon.
      movableHolidays: [kurbanAit('2026-05-27', 'по календарю ДУМК на 2026 год (опубликован 06.11.2025)')],
      // No transfer order for 2026 was known when this table was written (the ministry's 2026 calendar of
      // December 2025 lists only the carry-overs by law).
      transfers: [],
      shortenedDays: [],
    },
    {
      year: 2027,
      // verify: ДУМК publishes the 2027 dates in late 2026, and any transfer order comes later still.
      status: 'provisional',
      // verify: astronomical estimate of 10 Dhu al-Hijjah 1448; a Monday (May 17) would add a day off.
      movableHolidays: [
        kurbanAit('2027-05-16', 'предварительная, календарь ДУМК на 2027 год ещё не опубликован'),
      ],
      transfers: [],
      shortenedDays: [],
    },
  ],
};
