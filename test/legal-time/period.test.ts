import { describe, expect, it } from 'vitest';
import { nthPeriodLastDay, parsePeriod, periodBefore, periodLastDay } from '../../engine/legal-time/index.js';
import { expectEngineError } from './expect-error.js';

describe('parsePeriod', () => {
  it('reads ISO 8601 date durations as calendar periods, normalised', () => {
    expect(parsePeriod('P3Y')).toEqual({ kind: 'calendar', duration: 'P3Y' });
    expect(parsePeriod('P1Y6M')).toEqual({ kind: 'calendar', duration: 'P1Y6M' });
    expect(parsePeriod('P0Y6M')).toEqual({ kind: 'calendar', duration: 'P6M' });
    expect(parsePeriod('P2W')).toEqual({ kind: 'calendar', duration: 'P2W' });
    expect(parsePeriod('P10D')).toEqual({ kind: 'calendar', duration: 'P10D' });
  });

  it('reads a positive whole number as working days', () => {
    expect(parsePeriod(5)).toEqual({ kind: 'working-days', days: 5 });
    expect(parsePeriod(1)).toEqual({ kind: 'working-days', days: 1 });
  });

  it.each<[string, unknown]>([
    ['a time part', 'PT1H'],
    ['days with a time part', 'P1DT12H'],
    ['a fraction', 'P1.5Y'],
    ['a negative duration', '-P1Y'],
    ['a zero duration', 'P0D'],
    ['an empty duration', 'P'],
    ['lower case', 'p1y'],
    ['a number in a string', '5'],
    ['junk', 'three years'],
    ['an empty string', ''],
    ['zero working days', 0],
    ['negative working days', -5],
    ['fractional working days', 2.5],
    ['not a number', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('rejects %s', (_, value) => {
    expectEngineError(() => parsePeriod(value as string), 'invalid-period', { value });
  });
});

describe('periodLastDay (Civil Code Art. 201–202: start day not counted, corresponding day)', () => {
  it.each([
    // [start, period, last day]
    ['2024-03-14', 'P1Y', '2025-03-14'], // creation period from the measures' own date
    ['2024-02-29', 'P1Y', '2025-02-28'], // no 29 February in 2025: the month's last day
    ['2024-02-29', 'P4Y', '2028-02-29'], // leap year to leap year
    ['2024-08-31', 'P6M', '2025-02-28'], // no 31 February: month-end
    ['2023-08-31', 'P6M', '2024-02-29'], // month-end in a leap year
    ['2025-03-10', 'P3Y', '2028-03-10'], // demonstration period
    ['2024-01-31', 'P1M', '2024-02-29'],
    ['2025-01-31', 'P1M', '2025-02-28'],
    ['2024-03-31', 'P1M', '2024-04-30'],
    ['2024-05-31', 'P1M', '2024-06-30'],
    ['2024-08-31', 'P1Y6M', '2026-02-28'], // years and months together, clamped once
    ['2025-06-30', 'P8M', '2026-02-28'],
    ['2025-03-10', 'P10D', '2025-03-20'], // days 11…20 of March: ten days
    ['2025-02-20', 'P10D', '2025-03-02'],
    ['2024-02-20', 'P10D', '2024-03-01'],
    ['2024-12-25', 'P10D', '2025-01-04'],
    ['2025-03-10', 'P2W', '2025-03-24'],
    ['2025-10-01', 'P1Y', '2026-10-01'], // a rest day: not moved (the minimum periods are not extended)
  ])('%s + %s → %s', (start, period, expected) => {
    expect(periodLastDay(start, period)).toBe(expected);
    expect(periodLastDay(start, parsePeriod(period))).toBe(expected);
  });

  it('needs a calendar for working days', () => {
    expectEngineError(() => periodLastDay('2025-03-10', 5), 'calendar-missing');
  });

  it('rejects an invalid start or period', () => {
    expectEngineError(() => periodLastDay('2025-02-29', 'P1Y'), 'validation');
    expectEngineError(() => periodLastDay('2025-03-10', 'PT24H'), 'invalid-period');
    expectEngineError(() => periodLastDay('2025-03-10', { kind: 'calendar', duration: 'P1M1DT1H' }), 'invalid-period');
    expectEngineError(() => periodLastDay('2025-03-10', 'P999999Y'), 'invalid-period');
  });
});

describe('periodBefore', () => {
  it.each([
    ['2028-08-31', 'P6M', '2028-02-29'], // re-review window of a leap year
    ['2027-08-31', 'P6M', '2027-02-28'],
    ['2028-03-10', 'P6M', '2027-09-10'],
    ['2026-03-31', 'P1M', '2026-02-28'],
    ['2025-03-01', 'P1D', '2025-02-28'],
    ['2028-02-29', 'P1Y', '2027-02-28'],
  ])('%s − %s → %s', (anchor, period, expected) => {
    expect(periodBefore(anchor, period)).toBe(expected);
  });

  it('refuses working days', () => {
    expectEngineError(() => periodBefore('2025-10-10', 5), 'invalid-period');
  });
});

describe('nthPeriodLastDay (anchor + k × period, no drift)', () => {
  it('keeps anniversaries of 29 February', () => {
    expect([1, 2, 3, 4, 5].map((k) => nthPeriodLastDay('2024-02-29', 'P1Y', k))).toEqual([
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
      '2029-02-28',
    ]);
  });

  it('keeps month-ends that chained additions would lose', () => {
    // Chaining would give 2025-02-28 + P6M = 2025-08-28.
    expect(nthPeriodLastDay('2024-08-31', 'P6M', 1)).toBe('2025-02-28');
    expect(nthPeriodLastDay('2024-08-31', 'P6M', 2)).toBe('2025-08-31');
    expect(nthPeriodLastDay('2025-03-10', 'P1Y', 3)).toBe('2028-03-10');
    expect(nthPeriodLastDay('2025-01-31', 'P1M', 13)).toBe('2026-02-28');
    expect(nthPeriodLastDay('2025-03-10', 'P10D', 3)).toBe('2025-04-09');
  });

  it('rejects a bad index or working days', () => {
    expectEngineError(() => nthPeriodLastDay('2025-03-10', 'P1Y', 0), 'invalid-period');
    expectEngineError(() => nthPeriodLastDay('2025-03-10', 'P1Y', 1.5), 'invalid-period');
    expectEngineError(() => nthPeriodLastDay('2025-03-10', 5, 1), 'invalid-period');
  });
});
