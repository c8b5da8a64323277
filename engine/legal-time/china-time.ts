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

/** The minute in China at `instant` as people read it ('2024-04-01T01:05:00Z' → '2024-04-01 09:05'). */
export function chinaMinuteOf(instant: string | Date): string {
  const time = toInstant(instant).toZonedDateTimeISO(CHINA_TIME_ZONE);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${fromPlainDate(time.toPlainDate())} ${pad(time.hour)}:${pad(time.minute)}`;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?$/;

/**
 * An instant a person typed (a scenario's `clock` and `advanceTo`, `POST /api/admin/clock`,
 * `CLOCK_START`): ISO 8601 with an offset or `Z` is taken as written; a date-time or a date without an
 * offset is China time ('2025-04-02T09:00' → 09:00 in Beijing; '2025-04-02' → 00:00 in Beijing), never
 * the host's zone, so a script means the same on every machine (CONTRACT §5). Anything else is
 * refused with `validation`.
 */
export function parseChinaInstant(text: string): Date {
  try {
    if (WITH_OFFSET.test(text)) return new Date(Temporal.Instant.from(text).epochMilliseconds);
    if (WITHOUT_OFFSET.test(text)) {
      const local = text.includes('T')
        ? Temporal.PlainDateTime.from(text)
        : Temporal.PlainDate.from(text).toPlainDateTime();
      return new Date(local.toZonedDateTime(CHINA_TIME_ZONE).epochMilliseconds);
    }
  } catch (cause) {
    throw new EngineError('validation', `not a valid instant: ${JSON.stringify(text)}`, { instant: text }, { cause });
  }
  throw new EngineError(
    'validation',
    `not an ISO 8601 instant: ${JSON.stringify(text)} (e.g. 2025-04-02T09:00:00+08:00; without an offset it is China time)`,
    { instant: text },
  );
}

/**
 * 00:00 China time on `date`, as an ISO 8601 instant string with an explicit offset and no bracketed
 * zone, e.g. '2025-04-02T00:00:00+08:00' — accepted by `new Date()` and `Temporal.Instant.from()`.
 */
export function startOfChinaDay(date: LocalDate): string {
  return toPlainDate(date).toZonedDateTime({ timeZone: CHINA_TIME_ZONE }).toString({ timeZoneName: 'never' });
}
