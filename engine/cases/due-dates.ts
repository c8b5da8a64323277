import { EngineError } from '../errors.js';
import {
  addDays,
  compareDates,
  nthPeriodLastDay,
  parsePeriod,
  periodBefore,
  periodLastDay,
  type LocalDate,
  type WorkingDayCalendar,
} from '../legal-time/pure.js';
import type { DateSpec } from '../definitions/process-model.js';
import type { Rules } from '../definitions/types.js';
import type { DueBasis } from './case-record.js';

/** The most periods a cycle is searched over (a cycle is years of a demonstration, not centuries). */
const MAX_CYCLES = 1000;

/**
 * The date a timer or a `due` declaration stands for (README "Timer vocabulary"): counted from
 * `from` (or the entry day), forward or back, once or as the k-th period of a cycle. Throws
 * `calendar-missing` for a working-day period reaching a year without data, and `not-found` when
 * `from` names a date the case does not have yet.
 */
export function computeDate(
  spec: DateSpec,
  entryDay: LocalDate,
  due: Readonly<Record<string, LocalDate>>,
  rules: Rules,
  calendar: WorkingDayCalendar,
): DueBasis {
  const base = spec.from === undefined ? entryDay : due[spec.from];
  if (base === undefined) {
    throw new EngineError('not-found', `date ${spec.from ?? ''} is not set on the case`, { date: spec.from });
  }
  const rule = spec.rule === undefined ? undefined : rules[spec.rule];
  const basis = {
    element: spec.elementId,
    direction: spec.direction,
    dueIs: spec.dueIs,
    // Without `from`, the day the element was reached (a designation, a revocation): its date is said.
    ...(spec.from === undefined ? { fromDate: base } : { from: spec.from, fromDate: base }),
  };
  if (spec.rule === undefined || rule === undefined || Array.isArray(rule.value)) {
    // A `due` without a rule records the day itself.
    return { ...basis, lastDay: base, fireDay: addDays(base, 1) };
  }
  const period = parsePeriod(rule.value);
  let lastDay: LocalDate;
  // The k-th period of a cycle is k periods from `from`: said so, or the 6th annual date read as one year.
  let periods: number | undefined;
  if (spec.direction === 'before') {
    lastDay = addDays(periodBefore(base, period), -1);
  } else if (spec.cycle) {
    let k = 1;
    lastDay = nthPeriodLastDay(base, period, k);
    while (compareDates(lastDay, entryDay) < 0 && k < MAX_CYCLES) lastDay = nthPeriodLastDay(base, period, ++k);
    periods = k;
  } else {
    lastDay = periodLastDay(base, period, calendar);
  }
  const fireDay = addDays(lastDay, 1);
  const years = period.kind === 'working-days' ? yearsBetween(base, lastDay) : undefined;
  return {
    ...basis,
    rule: spec.rule,
    article: rule.article,
    value: rule.value,
    ...(periods !== undefined && { periods }),
    lastDay,
    fireDay,
    ...(years !== undefined && { calendar: calendar.id, calendarYears: years }),
  };
}

function yearsBetween(from: LocalDate, to: LocalDate): number[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** The day a declaration exposes: the period's last day or the day after it. */
export function exposedDay(basis: DueBasis): LocalDate {
  return basis.dueIs === 'fireDay' ? basis.fireDay : basis.lastDay;
}
