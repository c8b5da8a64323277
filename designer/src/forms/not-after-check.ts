import type { FormValidation } from '@rjsf/utils';
import { datesAfterToday } from '../../../engine/forms/not-after.js';
import { fill } from '../i18n/fill.js';
import { addErrorAt } from './blank-text.js';

/**
 * rjsf's customValidate: a date of what has happened (`x-not-after: "today"`) later than today — the
 * server's day, a sandbox's on a sandbox — is said at the field before anything is sent, as the server
 * refuses it (engine/forms/form-validator.ts). `message` takes `{today}`.
 */
export function notAfterTodayCheck(schema: Record<string, unknown>, today: string, message: string) {
  return (data: unknown, errors: FormValidation): FormValidation => {
    for (const { path } of datesAfterToday(schema, data, today)) addErrorAt(errors, path, fill(message, { today }));
    return errors;
  };
}
