import { Temporal } from 'temporal-polyfill';
import { EngineError } from '../errors.js';
import { ENGINE_SAYS } from '../messages.js';
import { fromPlainDate, toPlainDate, type LocalDate } from './local-date.js';
import type { WorkingDayCalendar } from './working-day-calendar.js';

/**
 * A rule's period: a calendar duration (ISO 8601, years/months/weeks/days only, normalised as
 * Temporal prints it, e.g. 'P1Y6M') or a number of working days (a positive whole number in rules.json).
 */
export type Period = { kind: 'calendar'; duration: string } | { kind: 'working-days'; days: number };

/** What the period functions accept: a parsed Period or a raw rule value. */
export type PeriodInput = Period | string | number;

// Years, months, weeks, days; no time part, no sign, no fractions; up to six digits a component.
const DATE_DURATION_PATTERN = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?$/;

function invalidPeriod(value: unknown, why: string): EngineError {
  return new EngineError('invalid-period', `invalid period ${JSON.stringify(value)}: ${why}`, { value });
}

/** Reads a rule value: 'P3Y' is a calendar period, 5 is five working days; anything else throws `invalid-period`. */
export function parsePeriod(value: string | number): Period {
  const raw: unknown = value; // rule values come from JSON: check the type at run time too
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 1) throw invalidPeriod(raw, 'working days must be a positive whole number');
    return { kind: 'working-days', days: raw };
  }
  if (typeof raw !== 'string') throw invalidPeriod(raw, 'expected an ISO 8601 duration or a whole number');
  const match = DATE_DURATION_PATTERN.exec(raw);
  if (match === null || raw === 'P') {
    throw invalidPeriod(raw, 'expected an ISO 8601 duration of years, months, weeks and days (e.g. P1Y, P6M, P10D)');
  }
  const [, years, months, weeks, days] = match;
  const duration = Temporal.Duration.from({
    years: Number(years ?? 0),
    months: Number(months ?? 0),
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
  });
  if (duration.blank) throw invalidPeriod(value, 'a period must not be zero');
  return { kind: 'calendar', duration: duration.toString() };
}

function toPeriod(period: PeriodInput): Period {
  if (typeof period === 'string' || typeof period === 'number') return parsePeriod(period);
  // Re-parse so a hand-built Period gets the same checks as a rule value.
  return period.kind === 'calendar' ? parsePeriod(period.duration) : parsePeriod(period.days);
}

function calendarDuration(period: PeriodInput, operation: string): Temporal.Duration {
  const parsed = toPeriod(period);
  if (parsed.kind !== 'calendar') {
    throw invalidPeriod(parsed.days, `${operation} needs a calendar period, not working days`);
  }
  return Temporal.Duration.from(parsed.duration);
}

// Temporal adds years and months first and then clamps the day to the month's end ('constrain'):
// exactly Civil Code Art. 202 ("没有对应日的，月末日为期间的最后一日"). Days and weeks follow.
function shift(date: LocalDate, duration: Temporal.Duration, period: unknown): LocalDate {
  try {
    return fromPlainDate(toPlainDate(date).add(duration, { overflow: 'constrain' }));
  } catch (cause) {
    if (cause instanceof EngineError) throw cause;
    throw new EngineError(
      'invalid-period',
      `period ${JSON.stringify(period)} from ${date} leaves the supported range`,
      { value: period, date },
      { cause },
    );
  }
}

/**
 * The last day of `period` counted from the event day `start`, which is not counted (Civil Code
 * Art. 201–202): the corresponding day for years/months (month-end when there is none), start + N for
 * days, the Nth working day after `start` for working days (needs `calendar`). Never moved for rest days.
 */
export function periodLastDay(start: LocalDate, period: PeriodInput, calendar?: WorkingDayCalendar): LocalDate {
  const parsed = toPeriod(period);
  if (parsed.kind === 'working-days') {
    if (calendar === undefined) {
      throw new EngineError('calendar-missing', ENGINE_SAYS.calendarNeeded(parsed.days), { start, days: parsed.days });
    }
    return calendar.addWorkingDays(start, parsed.days);
  }
  return shift(start, Temporal.Duration.from(parsed.duration), parsed.duration);
}

/** The corresponding day `period` before `anchor` (2028-08-31 − P6M → 2028-02-29); calendar periods only. */
export function periodBefore(anchor: LocalDate, period: PeriodInput): LocalDate {
  const duration = calendarDuration(period, 'a period before a date');
  return shift(anchor, duration.negated(), duration.toString());
}

/**
 * The last day of the k-th consecutive period from `anchor` (k ≥ 1), computed as anchor + k × period
 * each time so month-end clamping never accumulates: 2024-02-29 + 1×P1Y = 2025-02-28, + 4×P1Y = 2028-02-29.
 */
export function nthPeriodLastDay(anchor: LocalDate, period: PeriodInput, k: number): LocalDate {
  const duration = calendarDuration(period, 'the k-th period');
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new EngineError('invalid-period', `period index must be a whole number from 1, got ${k}`, { k });
  }
  const multiplied = Temporal.Duration.from({
    years: duration.years * k,
    months: duration.months * k,
    weeks: duration.weeks * k,
    days: duration.days * k,
  });
  return shift(anchor, multiplied, `${k} × ${duration.toString()}`);
}
