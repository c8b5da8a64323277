import { describe, expect, it } from 'vitest';
import { CHINA_TIME_ZONE, chinaDateOf, parseChinaInstant, startOfChinaDay } from '../../engine/legal-time/index.js';
import { expectEngineError } from './expect-error.js';

// Run under TZ=Asia/Shanghai, TZ=America/Los_Angeles and the default: the answers must not change.
describe('China time', () => {
  it('is Asia/Shanghai', () => {
    expect(CHINA_TIME_ZONE).toBe('Asia/Shanghai');
  });

  it('gives the calendar day in China of an instant', () => {
    expect(chinaDateOf('2024-04-01T17:00:00Z')).toBe('2024-04-02');
    expect(chinaDateOf('2024-04-01T15:59:59Z')).toBe('2024-04-01'); // 23:59:59 in Beijing
    expect(chinaDateOf('2024-04-01T16:00:00Z')).toBe('2024-04-02'); // midnight in Beijing
    expect(chinaDateOf('2024-04-02T00:30:00+08:00')).toBe('2024-04-02');
    expect(chinaDateOf('2024-04-01T23:30:00-07:00')).toBe('2024-04-02'); // 14:30 next day in Beijing
    expect(chinaDateOf('2024-12-31T16:00:00.000Z')).toBe('2025-01-01');
  });

  it('accepts a Date', () => {
    expect(chinaDateOf(new Date('2024-04-01T17:00:00Z'))).toBe('2024-04-02');
    expect(chinaDateOf(new Date(Date.UTC(2025, 1, 28, 15, 59, 59)))).toBe('2025-02-28');
  });

  it('refuses an instant without an offset, which would depend on the reader', () => {
    expectEngineError(() => chinaDateOf('2024-04-01T17:00:00'), 'validation');
    expectEngineError(() => chinaDateOf('next tuesday'), 'validation');
    expectEngineError(() => chinaDateOf(new Date(Number.NaN)), 'validation');
  });

  it('gives 00:00 China time of a day as an ISO instant with +08:00', () => {
    expect(startOfChinaDay('2025-04-02')).toBe('2025-04-02T00:00:00+08:00');
    expect(new Date(startOfChinaDay('2025-04-02')).toISOString()).toBe('2025-04-01T16:00:00.000Z');
    expect(chinaDateOf(startOfChinaDay('2028-02-29'))).toBe('2028-02-29');
    expectEngineError(() => startOfChinaDay('2025-02-29'), 'validation');
  });

  it('reads a typed instant without an offset as China time, never the host zone (scenarios, the admin clock)', () => {
    const utc = (text: string) => parseChinaInstant(text).toISOString();
    expect(utc('2025-04-02T09:00:00+08:00')).toBe('2025-04-02T01:00:00.000Z');
    expect(utc('2025-04-02T01:00:00Z')).toBe('2025-04-02T01:00:00.000Z');
    expect(utc('2025-04-01T18:00:00-07:00')).toBe('2025-04-02T01:00:00.000Z');
    expect(utc('2025-04-02T09:00:00')).toBe('2025-04-02T01:00:00.000Z');
    expect(utc('2025-04-02T09:00')).toBe('2025-04-02T01:00:00.000Z');
    expect(utc('2025-04-02T00:30:00.250')).toBe('2025-04-01T16:30:00.250Z');
    expect(utc('2025-04-02')).toBe('2025-04-01T16:00:00.000Z'); // 00:00 in Beijing, not UTC midnight
    for (const text of [
      'tomorrow',
      '',
      '2025-02-29T09:00:00',
      '2025-04-02T25:00:00',
      '2025-04-02 09:00',
      '1743555600000',
    ]) {
      expectEngineError(() => parseChinaInstant(text), 'validation');
    }
  });
});
