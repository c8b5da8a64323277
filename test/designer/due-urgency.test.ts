import { describe, expect, it } from 'vitest';
import { dueSoonWorkingDays } from '../../engine/definitions/due-soon.js';
import { dueUrgency } from '../../designer/src/workbench/due-urgency.js';

describe("the overdue board's colours", () => {
  it('is red when overdue or due today, yellow from when the holders are warned: five working days unless the programme says', () => {
    const five = dueSoonWorkingDays({});
    expect([-2, 0, 1, 5, 6].map((left) => dueUrgency(left, five))).toEqual([
      'red',
      'red',
      'yellow',
      'yellow',
      undefined,
    ]);
    expect(dueUrgency(undefined, five)).toBeUndefined();
    // A programme declaring ten (manifest dueSoonWorkingDays): yellow, as its holders were told, ten days before.
    const ten = dueSoonWorkingDays({ dueSoonWorkingDays: 10 });
    expect([6, 10, 11].map((left) => dueUrgency(left, ten))).toEqual(['yellow', 'yellow', undefined]);
  });
});
