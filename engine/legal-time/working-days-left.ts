import { addDays, compareDates, type LocalDate } from './local-date.js';
import type { WorkingDayCalendar } from './working-day-calendar.js';

/**
 * Working days after today up to and including `date` (today is not counted, as in Civil Code
 * Art. 201), with statutory holidays off and make-up days on. Undefined when a year in between has
 * no calendar data: the count would be a guess.
 */
export function workingDaysLeft(
  calendar: WorkingDayCalendar | undefined,
  today: string,
  date: string,
): number | undefined {
  if (calendar === undefined || compareDates(date, today) < 0) return undefined;
  const first = Number(today.slice(0, 4));
  const last = Number(date.slice(0, 4));
  for (let year = first; year <= last; year += 1) if (!calendar.years.includes(year)) return undefined;
  let count = 0;
  for (let day = addDays(today, 1); compareDates(day, date) <= 0; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}

/**
 * The first day on which at most `days` working days are left until `date` (workingDaysLeft ≤ `days`
 * from then on): the (`days` + 1)-th working day counted back from `date`, `date` itself counted.
 * Counting back stops at a year without calendar data: the first day after it stands.
 */
export function firstDayWithin(calendar: WorkingDayCalendar, date: LocalDate, days: number): LocalDate {
  let counted = 0;
  for (let day = date; ; day = addDays(day, -1)) {
    if (!calendar.years.includes(Number(day.slice(0, 4)))) return addDays(day, 1);
    if (calendar.isWorkingDay(day)) counted += 1;
    if (counted > days) return day;
  }
}
