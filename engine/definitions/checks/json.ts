import type { ErrorObject } from 'ajv';
import { createFormAjv } from '../../forms/form-ajv.js';
import type { FileProblems } from '../problems.js';
import { jsonSyntaxReason } from '../json-syntax.js';
import { unreadableMessage } from '../readable.js';

/** Parses a JSON file; a syntax error becomes a problem (naming the file, not quoting it) and undefined. */
export function parseJson(text: string, problems: FileProblems): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.error('json-syntax', unreadableMessage(problems.name, 'json', jsonSyntaxReason(error)), { pointer: '' });
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

/**
 * Ajv's errors as one line each for people: a choice written `oneOf: [{ const }, …]` fails once per
 * choice plus once for the `oneOf` — one line listing the allowed values instead; identical lines once.
 */
export function describeAjvErrors(errors: readonly ErrorObject[]): { pointer: string; message: string }[] {
  const choices = new Map<string, unknown[]>(); // `instancePath schemaPath` of a oneOf → its const values
  for (const error of errors) {
    const branch = /^(.*\/oneOf)\/\d+\/const$/.exec(error.schemaPath);
    if (error.keyword !== 'const' || branch === null) continue;
    const key = `${error.instancePath} ${branch[1] ?? ''}`;
    choices.set(key, [...(choices.get(key) ?? []), error.params.allowedValue]);
  }
  const seen = new Set<string>();
  const lines: { pointer: string; message: string }[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue; // the branches report the detail
    const branch = /^(.*\/oneOf)\/\d+\/const$/.exec(error.schemaPath);
    if (branch !== null && error.keyword === 'const' && choices.has(`${error.instancePath} ${branch[1] ?? ''}`)) continue;
    const allowed =
      error.keyword === 'oneOf'
        ? choices.get(`${error.instancePath} ${error.schemaPath}`)
        : error.keyword === 'enum'
          ? (error.params.allowedValues as unknown[])
          : undefined;
    const message =
      allowed === undefined
        ? describeAjvError(error)
        : `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
    const key = `${error.instancePath}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ pointer: error.instancePath, message });
  }
  return lines;
}

/** Checks a definition file against its shape; narrows `data` to the file's type when it conforms. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a type guard to the caller's type
export function checkShape<T>(data: unknown, schema: object, problems: FileProblems): data is T {
  if (data === undefined) return false; // parseJson already reported the syntax error
  const validate = fileAjv.compile(schema);
  if (validate(data)) return true;
  for (const { pointer, message } of describeAjvErrors(validate.errors ?? [])) {
    problems.error('file-shape', message, { pointer });
  }
  return false;
}
