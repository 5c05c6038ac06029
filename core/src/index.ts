export {
  CALENDAR_COUNTRIES,
  DAY_KINDS,
  ZCalendarCountrySchema,
  ZDayInfoSchema,
  ZDayKindSchema,
} from './calendar/calendar-types.ts';
export * from './calendar/production-calendar.ts';
export * from './permissions.ts';
export * from './schemas/common.ts';
export * from './schemas/event.ts';
export * from './schemas/institution.ts';
export * from './schemas/live.ts';
export * from './schemas/notification.ts';
export * from './schemas/partnership.ts';
export * from './schemas/user.ts';
