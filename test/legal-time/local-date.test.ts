import { describe, expect, it } from 'vitest';
import { addDays, compareDates, isLocalDate } from '../../engine/legal-time/index.js';
import { expectEngineError } from './expect-error.js';

describe('LocalDate', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-12-31')).toBe(true);
    for (const value of [
      '2025-02-29',
      '2025-13-01',
      '2025-04-31',
      '20250101',
      '2025-1-01',
      '2025-01-01T00:00',
      '',
      20250101,
      null,
    ]) {
      expect(isLocalDate(value), String(value)).toBe(false);
    }
  });

  it('adds and subtracts days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-03-10', 0)).toBe('2025-03-10');
  });

  it('compares dates', () => {
    expect(compareDates('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(compareDates('2025-10-10', '2025-09-30')).toBe(1);
  });

  it('rejects malformed dates as validation errors', () => {
    expectEngineError(() => addDays('2025-02-30', 1), 'validation');
    expectEngineError(() => compareDates('2025/01/01', '2025-01-01'), 'validation');
    expectEngineError(() => addDays('2025-01-01', 1.5), 'validation');
  });
});
