import { retrieveSchema, type FormContextType, type RJSFSchema, type ValidatorType } from '@rjsf/utils';
import { isObject } from './json-values.js';

/** Nothing filled in: no value, an empty text, or a list or group holding only such. */
function blank(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.every(blank);
  if (isObject(value)) return Object.values(value).every(blank);
  return false;
}

/**
 * Form data without the lists left blank that the data does not require. The form shows a list's
 * first rows before anything is chosen (SAMR's 专家评审组成员, three empty names; 评估验收形式, none);
 * a list needed only for one decision (Art. 21: the panel when SAMR organises the evaluation) was
 * still sent, and checked, when another was taken — 退回修改 was refused for three empty expert
 * names, and could not be sent. A list the data's own shape requires (its conditions resolved as
 * rjsf resolves them) stays, so its rows are said to be empty as before.
 */
export function withoutBlankOptionalLists(
  validator: ValidatorType<unknown, RJSFSchema, FormContextType>,
  schema: RJSFSchema,
  data: unknown,
): unknown {
  if (!isObject(data)) return data;
  const candidates = Object.entries(data).filter(([, value]) => Array.isArray(value) && blank(value));
  if (candidates.length === 0) return data;
  const required = new Set(retrieveSchema(validator, schema, schema, data).required ?? []);
  const dropped = new Set(candidates.map(([key]) => key).filter((key) => !required.has(key)));
  if (dropped.size === 0) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !dropped.has(key)));
}
