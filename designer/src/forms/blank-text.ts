import type { FormValidation } from '@rjsf/utils';
import { isBlankText, stringValues } from '../../../engine/forms/text-safety.js';

type Schema = Record<string, unknown>;

const keysOf = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));

/** The schema of the field at a JSON Pointer (`/a/0/b`), following properties and items. */
function fieldAt(schema: Schema, path: string): Schema | undefined {
  let at: Schema | undefined = schema;
  for (const key of keysOf(path)) {
    const properties = at?.properties as Record<string, Schema> | undefined;
    at = /^\d+$/.test(key) && at?.items !== undefined ? (at.items as Schema) : properties?.[key];
  }
  return at;
}

/**
 * rjsf's customValidate: a text that must not be empty (minLength) must not look empty either — only
 * spaces or invisible characters — as the server refuses it (engine/forms/text-safety.ts). Said at
 * the field before anything is sent, not after a confirmation.
 */
export function blankTextCheck(schema: Schema, message: string) {
  return (data: unknown, errors: FormValidation): FormValidation => {
    for (const { path, text } of stringValues(data)) {
      if (text === '' || !isBlankText(text)) continue;
      const minLength = fieldAt(schema, path)?.minLength;
      if (typeof minLength !== 'number' || minLength < 1) continue;
      // rjsf's error handler mirrors the data: one node per key, each with addError.
      let node = errors as unknown as Record<string, unknown> | undefined;
      for (const key of keysOf(path)) node = node?.[key] as Record<string, unknown> | undefined;
      (node as Partial<FormValidation> | undefined)?.addError?.(message);
    }
    return errors;
  };
}
