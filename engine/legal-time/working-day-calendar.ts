import { EngineError } from '../errors.js';
import { ENGINE_SAYS } from '../messages.js';
import type { CalendarFile } from './calendar-file.js';
import { addDays, isWeekend, toPlainDate, type LocalDate } from './local-date.js';
import { validateCalendarFiles } from './validate-calendar.js';

/** Why a day is or is not a working day. */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  /** The festival, for holidays and make-up working days. */
  name?: string;
}

/**
 * Working days (CONTRACT §3): Monday–Friday, minus the statutory holidays, plus the make-up working
 * days (调休), as published year by year. A question about a year without data throws
 * `calendar-missing` (context: `calendar`, `year`) rather than guessing from weekdays.
 */
export interface WorkingDayCalendar {
  readonly id: string;
  /** The years with data, ascending. */
  readonly years: readonly number[];
  isWorkingDay(date: LocalDate): boolean;
  describeDay(date: LocalDate): DayInfo;
  /** The Nth working day after `date` (n ≥ 1); `date` itself is not counted, whatever it is. */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
}

class FileWorkingDayCalendar implements WorkingDayCalendar {
  readonly years: readonly number[];
  private readonly holidays = new Map<LocalDate, string>();
  private readonly workdays = new Map<LocalDate, string>();

  constructor(
    readonly id: string,
    files: readonly CalendarFile[],
  ) {
    this.years = Object.freeze(files.map((file) => file.year).sort((a, b) => a - b));
    for (const file of files) {
      for (const day of file.holidays) this.holidays.set(day.date, day.name);
      for (const day of file.workdays) this.workdays.set(day.date, day.name);
    }
  }

  describeDay(date: LocalDate): DayInfo {
    const { year } = toPlainDate(date);
    if (!this.years.includes(year)) {
      throw new EngineError('calendar-missing', ENGINE_SAYS.calendarYearMissing(this.id, year, date), {
        calendar: this.id,
        year,
        date,
      });
    }
    const holiday = this.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday };
    const workday = this.workdays.get(date);
    if (workday !== undefined) return { date, working: true, kind: 'make-up-workday', name: workday };
    return isWeekend(date) ? { date, working: false, kind: 'weekend' } : { date, working: true, kind: 'weekday' };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.describeDay(date).working;
  }

  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new EngineError('invalid-period', `working days must be a positive whole number, got ${n}`, { days: n });
    }
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }
}

/**
 * Builds a calendar from parsed files (pure: usable in the browser). Throws `invalid-definition` with
 * the `problems` in context when the files fail validation (e.g. two files for one year).
 */
export function calendarFromFiles(files: readonly CalendarFile[], id?: string): WorkingDayCalendar {
  const problems = validateCalendarFiles(files.map((data) => ({ file: `${data.calendar}/${data.year}.json`, data })));
  const calendarId = id ?? files[0]?.calendar;
  if (calendarId === undefined) {
    throw new EngineError('invalid-definition', 'a calendar needs at least one file or an id', {});
  }
  const foreign = files.find((file) => file.calendar !== calendarId);
  if (foreign !== undefined) {
    problems.push({
      file: `${foreign.calendar}/${foreign.year}.json`,
      pointer: '/calendar',
      message: `not calendar ${calendarId}`,
    });
  }
  if (problems.length > 0) {
    const [first] = problems;
    throw new EngineError(
      'invalid-definition',
      `calendar ${calendarId} is invalid: ${first?.file}${first?.pointer}: ${first?.message}`,
      { calendar: calendarId, problems },
    );
  }
  return new FileWorkingDayCalendar(calendarId, files);
}
