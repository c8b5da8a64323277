import type { EntryError } from '../../../engine/legal-time/pure.js';

/**
 * The calendar editor's fields named by the JSON Pointer the shared checks report (`/holidays/0/from`),
 * so that an error is marked at its field and the focus can go there.
 */

/** The element id of the field at `path`. */
export function entryFieldId(path: string): string {
  return `calendar-entry${path.replaceAll('/', '-')}`;
}

/** The element id of the `index`th error in the list under the form. */
export function entryErrorId(index: number): string {
  return `calendar-entry-error-${index}`;
}

/** A row's own problem (an overlap, a block of weekend days): said at the row's dates. */
const ROW = /^\/(holidays|workdays)\/\d+$/;

function marks(errorPath: string, fieldPath: string): boolean {
  if (errorPath === fieldPath) return true;
  return ROW.test(errorPath) && fieldPath.startsWith(`${errorPath}/`) && !fieldPath.endsWith('/name');
}

/** The places in `errors` of those said at the field at `path`. */
export function errorsAt(errors: readonly EntryError[], path: string): number[] {
  return errors.flatMap((error, index) => (marks(error.path, path) ? [index] : []));
}

/** The fields an error may be said at, in the order the focus prefers them. */
export function fieldsFor(error: EntryError): string[] {
  return ROW.test(error.path) ? [`${error.path}/from`, `${error.path}/date`] : [error.path];
}
