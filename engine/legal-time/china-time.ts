import { Temporal } from 'temporal-polyfill';
import { EngineError } from '../errors.js';
import { fromPlainDate, toPlainDate, type LocalDate } from './local-date.js';

/** Every date in the measures and in case state is a day in China Standard Time (UTC+8). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

function toInstant(instant: string | Date): Temporal.Instant {
  try {
    if (typeof instant === 'string') return Temporal.Instant.from(instant);
    return Temporal.Instant.fromEpochMilliseconds(instant.getTime());
  } catch (cause) {
    // An instant needs an offset or 'Z': a bare local time would silently depend on the reader's zone.
    const shown = typeof instant === 'string' ? instant : String(instant);
    throw new EngineError(
      'validation',
      `not an instant with an offset: ${JSON.stringify(shown)}`,
      { instant: shown },
      { cause },
    );
  }
}

/** The calendar day in China at `instant` ('2024-04-01T17:00:00Z' → '2024-04-02'), whatever the process zone. */
export function chinaDateOf(instant: string | Date): LocalDate {
  return fromPlainDate(toInstant(instant).toZonedDateTimeISO(CHINA_TIME_ZONE).toPlainDate());
}

/**
 * 00:00 China time on `date`, as an ISO 8601 instant string with an explicit offset and no bracketed
 * zone, e.g. '2025-04-02T00:00:00+08:00' — accepted by `new Date()` and `Temporal.Instant.from()`.
 */
export function startOfChinaDay(date: LocalDate): string {
  return toPlainDate(date).toZonedDateTime({ timeZone: CHINA_TIME_ZONE }).toString({ timeZoneName: 'never' });
}
