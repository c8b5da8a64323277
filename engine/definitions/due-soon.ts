import type { Manifest } from './types.js';

/** Working days before a task's due date when the manifest declares none: five. */
export const DEFAULT_DUE_SOON_WORKING_DAYS = 5;

/**
 * How many working days before a task's due date the programme counts it due soon (manifest
 * `dueSoonWorkingDays`, default five): its holders are warned (`task.dueSoon`) and the overdue board
 * shows it yellow from then on.
 */
export function dueSoonWorkingDays(manifest: Pick<Manifest, 'dueSoonWorkingDays'> | undefined): number {
  return manifest?.dueSoonWorkingDays ?? DEFAULT_DUE_SOON_WORKING_DAYS;
}
