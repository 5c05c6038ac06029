import type { TLocalizedText } from '../schemas/common.ts';
import type { TCountryCalendar, TFixedHoliday } from './calendar-types.ts';

/** The legal acts the Russian table cites. */
export const RU_SOURCES = {
  holidays: 'Трудовой кодекс РФ, ч. 1 ст. 112 (нерабочие праздничные дни)',
  carryOver:
    'Трудовой кодекс РФ, ч. 2 ст. 112 (выходной день, совпавший с нерабочим праздничным, переносится на следующий рабочий день)',
  shortened:
    'Трудовой кодекс РФ, ст. 95 (продолжительность рабочего дня накануне нерабочего праздничного дня уменьшается на один час)',
  decree2024: 'Постановление Правительства РФ от 10.08.2023 № 1906 «О переносе выходных дней в 2024 году»',
  decree2025: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
  // verify: number of the decree. Signed by the Prime Minister on 24.09.2025 (government press release of
  // that day); its number was not at hand when this table was written.
  decree2026: 'Постановление Правительства РФ от 24.09.2025 «О переносе выходных дней в 2026 году»',
} as const;

const NEW_YEAR_HOLIDAYS: TLocalizedText = {
  ru: 'Новогодние каникулы',
  kk: 'Жаңа жылдық демалыс күндері',
  en: 'New Year holidays',
};
const CHRISTMAS: TLocalizedText = {
  ru: 'Рождество Христово',
  kk: 'Православиелік Рождество',
  en: 'Orthodox Christmas',
};

const fixed = (month: number, day: number, name: TLocalizedText, carriesOver: boolean): TFixedHoliday => ({
  month,
  day,
  name,
  source: RU_SOURCES.holidays,
  carriesOver,
});

/**
 * Russia's non-working public holidays (Labour Code art. 112 part 1). The rest of January 1–8 falling on
 * a weekend is not carried over by law: the Government distributes it by its yearly decree.
 */
export const RU_FIXED_HOLIDAYS: readonly TFixedHoliday[] = [
  fixed(1, 1, NEW_YEAR_HOLIDAYS, false),
  fixed(1, 2, NEW_YEAR_HOLIDAYS, false),
  fixed(1, 3, NEW_YEAR_HOLIDAYS, false),
  fixed(1, 4, NEW_YEAR_HOLIDAYS, false),
  fixed(1, 5, NEW_YEAR_HOLIDAYS, false),
  fixed(1, 6, NEW_YEAR_HOLIDAYS, false),
  fixed(1, 7, CHRISTMAS, false),
  fixed(1, 8, NEW_YEAR_HOLIDAYS, false),
  fixed(
    2,
    23,
    { ru: 'День защитника Отечества', kk: 'Отан қорғаушы күні', en: 'Defender of the Fatherland Day' },
    true,
  ),
  fixed(
    3,
    8,
    { ru: 'Международный женский день', kk: 'Халықаралық әйелдер күні', en: "International Women's Day" },
    true,
  ),
  fixed(
    5,
    1,
    { ru: 'Праздник Весны и Труда', kk: 'Көктем және Еңбек мерекесі', en: 'Spring and Labour Day' },
    true,
  ),
  fixed(5, 9, { ru: 'День Победы', kk: 'Жеңіс күні', en: 'Victory Day' }, true),
  fixed(6, 12, { ru: 'День России', kk: 'Ресей күні', en: 'Russia Day' }, true),
  fixed(11, 4, { ru: 'День народного единства', kk: 'Халық бірлігі күні', en: 'Unity Day' }, true),
];

/**
 * Russia's production calendar, 2024–2027 (five-day week). Days off that the Labour Code itself carries
 * over (a holiday other than January 1–8 on a Saturday or Sunday, when no decree moves it elsewhere) are
 * computed from `carryOverSource`, not listed here.
 */
export const RU_PRODUCTION_CALENDAR: TCountryCalendar = {
  country: 'RU',
  fixedHolidays: RU_FIXED_HOLIDAYS,
  carryOverSource: RU_SOURCES.carryOver,
  shortenedDaySource: RU_SOURCES.shortened,
  years: [
    {
      year: 2024,
      status: 'official',
      movableHolidays: [],
      transfers: [
        { from: '2024-01-06', to: '2024-05-10', source: RU_SOURCES.decree2024 },
        { from: '2024-01-07', to: '2024-12-31', source: RU_SOURCES.decree2024 },
        { from: '2024-04-27', to: '2024-04-29', source: RU_SOURCES.decree2024 },
        { from: '2024-11-02', to: '2024-04-30', source: RU_SOURCES.decree2024 },
        { from: '2024-12-28', to: '2024-12-30', source: RU_SOURCES.decree2024 },
      ],
      // 248 days × 8 h − 5 = 1979 h, the official 2024 norm for a 40-hour week.
      shortenedDays: ['2024-02-22', '2024-03-07', '2024-05-08', '2024-06-11', '2024-11-02'],
    },
    {
      year: 2025,
      status: 'official',
      movableHolidays: [],
      transfers: [
        { from: '2025-01-04', to: '2025-05-02', source: RU_SOURCES.decree2025 },
        { from: '2025-01-05', to: '2025-12-31', source: RU_SOURCES.decree2025 },
        // The decree moves these two elsewhere instead of the Labour Code's Monday carry-over.
        { from: '2025-02-23', to: '2025-05-08', source: RU_SOURCES.decree2025 },
        { from: '2025-03-08', to: '2025-06-13', source: RU_SOURCES.decree2025 },
        { from: '2025-11-01', to: '2025-11-03', source: RU_SOURCES.decree2025 },
      ],
      // 247 days × 8 h − 4 = 1972 h, the official 2025 norm for a 40-hour week.
      shortenedDays: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
    },
    {
      year: 2026,
      status: 'official',
      movableHolidays: [],
      // Mar 8 (Sun) → Mar 9 and May 9 (Sat) → May 11 follow from the Labour Code (carry-over rule).
      transfers: [
        { from: '2026-01-03', to: '2026-01-09', source: RU_SOURCES.decree2026 },
        { from: '2026-01-04', to: '2026-12-31', source: RU_SOURCES.decree2026 },
      ],
      // verify: derived from art. 95 (the working day right before a holiday), not read off the official
      // 2026 calendar; gives 247 × 8 − 4 = 1972 h.
      shortenedDays: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
    },
    {
      year: 2027,
      // verify: the decree on transfers in 2027 is expected in the second half of 2026. Until then this
      // year holds only what the Labour Code fixes by itself: the holidays and the carry-overs of
      // May 1 (Sat) → May 3, May 9 (Sun) → May 10 and June 12 (Sat) → June 14. The rest of January 2–3
      // (Sat–Sun) is left undistributed, and a reported draft (Nov 5 off, Sat Nov 13 working) is not included.
      status: 'provisional',
      movableHolidays: [],
      transfers: [],
      // verify: by art. 95 as above; Dec 31 may yet become a day off by the 2027 decree.
      shortenedDays: ['2027-02-22', '2027-04-30', '2027-06-11', '2027-11-03', '2027-12-31'],
    },
  ],
};
