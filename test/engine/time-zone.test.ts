import { describe, expect, it } from 'vitest';

// npm test runs the suites under TZ=America/Los_Angeles and the date-sensitive ones again under
// TZ=Asia/Shanghai: this makes sure the zone really applies, so the matrix cannot silently be a no-op.
describe('time zone of the test run', () => {
  it('is the zone named by TZ', () => {
    const offset = new Date('2024-07-01T00:00:00Z').getTimezoneOffset();
    const expected: Record<string, number> = { 'America/Los_Angeles': 420, 'Asia/Shanghai': -480, UTC: 0 };
    const zone = process.env.TZ;
    if (zone !== undefined && zone in expected) expect(offset).toBe(expected[zone]);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(
      zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
  });
});
