import type { FormValidation } from '@rjsf/utils';
import { isBlankText, stringValues } from '../../../engine/forms/text-safety.js';
import { pointerTokens, schemaAt } from './error-messages.js';

/**
 * rjsf's customValidate: a text that must not be empty (minLength) must not look empty either — only
 * spaces or invisible characters — as the server refuses it (engine/forms/text-safety.ts). Said at
 * the field before anything is sent, not after a confirmation.
 */
export function blankTextCheck(schema: Record<string, unknown>, message: string) {
  return (data: unknown, errors: FormValidation): FormValidation => {
    for (const { path, text } of stringValues(data)) {
      if (text === '' || !isBlankText(text)) continue;
      const minLength = schemaAt(schema, pointerTokens(path))?.minLength;
      if (typeof minLength !== 'number' || minLength < 1) continue;
      addErrorAt(errors, path, message);
    }
    return errors;
  };
}

/** Adds `message` at the field of `path` (a JSON Pointer): rjsf's error handler mirrors the data, one node per key, each with addError. */
export function addErrorAt(errors: FormValidation, path: string, message: string): void {
  let node = errors as unknown as Record<string, unknown> | undefined;
  for (const key of pointerTokens(path)) node = node?.[key] as Record<string, unknown> | undefined;
  (node as Partial<FormValidation> | undefined)?.addError?.(message);
}
