// Legal time without Node: what the designer (browser) may import. index.ts adds the fs loader.
export type { CalendarDay, CalendarFile, CalendarNotice, CalendarProblem, CalendarSource } from './calendar-file.js';
export { CHINA_TIME_ZONE, chinaDateOf, chinaMinuteOf, parseChinaInstant, startOfChinaDay } from './china-time.js';
export { addDays, compareDates, dayOfWeek, isLocalDate, isWeekend, type LocalDate } from './local-date.js';
export { nthPeriodLastDay, parsePeriod, periodBefore, periodLastDay, type Period, type PeriodInput } from './period.js';
export { validateCalendarFile, validateCalendarFiles } from './validate-calendar.js';
export { firstDayWithin, workingDaysLeft } from './working-days-left.js';
export { calendarFromFiles, type DayInfo, type DayKind, type WorkingDayCalendar } from './working-day-calendar.js';
export { EngineError, type ErrorCode } from '../errors.js';
export { serialiseCalendarFile } from './calendar-serialise.js';
export {
  ANNUAL_FESTIVALS,
  calendarYearFromEntry,
  entryFromCalendarYear,
  missingCalendarYear,
  type CalendarYearEntry,
  type EntryError,
  type HolidayRange,
} from './year-entry.js';
