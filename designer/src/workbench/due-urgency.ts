/**
 * The overdue board's two alarms for a task `left` working days from its due date (negative: overdue):
 * red when overdue or due today, yellow within the working days its programme counts due soon
 * (manifest `dueSoonWorkingDays`, default five: when its holders were warned in the bell).
 */
export function dueUrgency(left: number | undefined, dueSoonDays: number): 'red' | 'yellow' | undefined {
  if (left === undefined) return undefined;
  if (left <= 0) return 'red';
  return left <= dueSoonDays ? 'yellow' : undefined;
}
