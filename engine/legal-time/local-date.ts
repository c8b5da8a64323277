import { Temporal } from 'temporal-polyfill';
import { EngineError } from '../errors.js';

/**
 * A calendar day as 'YYYY-MM-DD' (ISO 8601 extended, four-digit year), with no time and no zone: the
 * day in China (see china-time.ts). Plain strings keep case state and definition files plain JSON.
 */
export type LocalDate = string;

const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written exactly 'YYYY-MM-DD' ('2025-02-29' is false). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string' || !LOCAL_DATE_PATTERN.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** Parses a LocalDate; throws `validation` for anything else. */
export function toPlainDate(date: LocalDate): Temporal.PlainDate {
  if (!isLocalDate(date)) {
    throw new EngineError('validation', `not a date (YYYY-MM-DD): ${JSON.stringify(date)}`, { date });
  }
  return Temporal.PlainDate.from(date);
}

export function fromPlainDate(date: Temporal.PlainDate): LocalDate {
  return date.toString();
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isSafeInteger(days)) {
    throw new EngineError('validation', `not a whole number of days: ${days}`, { days });
  }
  return fromPlainDate(toPlainDate(date).add({ days }));
}

/** -1, 0 or 1 as `a` is before, on or after `b`. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const order = Temporal.PlainDate.compare(toPlainDate(a), toPlainDate(b));
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: LocalDate): number {
  return toPlainDate(date).dayOfWeek;
}

export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

export function yearOf(date: LocalDate): number {
  return toPlainDate(date).year;
}
