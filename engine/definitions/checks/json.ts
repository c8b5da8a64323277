import type { ErrorObject } from 'ajv';
import { createFormAjv } from '../../forms/form-ajv.js';
import type { FileProblems } from '../problems.js';

/** Parses a JSON file; a syntax error becomes a problem and undefined. */
export function parseJson(text: string, problems: FileProblems): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.error('json-syntax', `not valid JSON: ${(error as Error).message}`, { pointer: '' });
    return undefined;
  }
}

const fileAjv = createFormAjv();

/** Describes one Ajv error in English for the validator's output. */
export function describeAjvError(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return `missing required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown property "${String(error.params.additionalProperty)}"`;
    default:
      return error.message ?? error.keyword;
  }
}

/** Checks a definition file against its shape; narrows `data` to the file's type when it conforms. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a type guard to the caller's type
export function checkShape<T>(data: unknown, schema: object, problems: FileProblems): data is T {
  if (data === undefined) return false; // parseJson already reported the syntax error
  const validate = fileAjv.compile(schema);
  if (validate(data)) return true;
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue; // the branches report the detail
    problems.error('file-shape', describeAjvError(error), { pointer: error.instancePath });
  }
  return false;
}
