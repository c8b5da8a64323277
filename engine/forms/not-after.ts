import { pointerToken } from '../definitions/problems.js';
import { NOT_AFTER_KEYWORD } from './form-ajv.js';

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A calendar date written `YYYY-MM-DD` (these compare as text): 2025-02-30 is the schema's to refuse. */
const isDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().startsWith(text);

/**
 * The dates marked `x-not-after: "today"` that are later than `today` (`YYYY-MM-DD`), by JSON Pointer,
 * walking the data through the schema's fields and list items. Pure: the form in the browser says it
 * at the field as the server refuses it.
 */
export function datesAfterToday(schema: Schema, data: unknown, today: string): { path: string; date: string }[] {
  const found: { path: string; date: string }[] = [];
  const walk = (at: Schema, value: unknown, path: string): void => {
    if (at[NOT_AFTER_KEYWORD] === 'today' && typeof value === 'string' && isDate(value) && value > today)
      found.push({ path, date: value });
    if (isSchema(at.properties) && isSchema(value))
      for (const [name, field] of Object.entries(at.properties))
        if (isSchema(field) && Object.hasOwn(value, name)) walk(field, value[name], `${path}/${pointerToken(name)}`);
    if (isSchema(at.items) && Array.isArray(value))
      for (const [index, item] of value.entries()) walk(at.items, item, `${path}/${String(index)}`);
  };
  walk(schema, data, '');
  return found;
}
