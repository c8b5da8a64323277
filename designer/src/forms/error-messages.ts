import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { isUploadList, PHONE_PATTERN, zhFieldMessage } from '../../../engine/forms/field-messages.js';
import { englishCount } from '../../../engine/english-count.js';
import type { Language } from '../i18n/messages.js';

/** A field error as the server reports it (422 `errors`): a JSON Pointer and a Chinese message. */
export interface FieldError {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `.applicantBody.name` / `.targets.0.indicator` (rjsf's `property`) as path tokens. */
export function propertyTokens(property: string | undefined): string[] {
  if (property === undefined || property === '' || property === '.') return [];
  return property
    .replace(/^\./, '')
    .split('.')
    .map((token) => token.replace(/^\['(.*)'\]$/, '$1'));
}

/** JSON Pointer tokens ('' is the whole form). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The sub-schema at a data path, walking properties (also inside if/then/else and allOf), items and maps. */
export function schemaAt(root: Schema, tokens: readonly string[]): Schema | undefined {
  let schema: Schema | undefined = root;
  for (const token of tokens) {
    if (schema === undefined) return undefined;
    const properties: unknown = schema.properties;
    const field: unknown = isSchema(properties) ? properties[token] : undefined;
    if (isSchema(field)) schema = field;
    else if (isSchema(schema.items) && /^\d+$/.test(token)) schema = schema.items;
    else if (isSchema(schema.additionalProperties)) schema = schema.additionalProperties;
    else schema = undefined;
  }
  return schema;
}

/** The value at a data path (undefined where there is none). */
function valueAt(data: unknown, tokens: readonly string[]): unknown {
  let value = data;
  for (const token of tokens) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

/**
 * A scalar field's type error on nothing: its input gives text or a number, or nothing when emptied
 * (a list's item left blank reads as null), so the field is empty, not of the wrong kind. A number
 * where a whole one is wanted (3.5 家) is of the wrong kind, and says so.
 */
const emptied = (error: RJSFValidationError, schema: Schema | undefined, value: unknown) =>
  error.name === 'type' &&
  schema !== undefined &&
  schema.type !== 'object' &&
  schema.type !== 'array' &&
  (value === undefined || value === null || value === '');

/** The Chinese message for one error at its field, said the way the server says it. */
function zhMessage(error: RJSFValidationError, schema: Schema | undefined, value: unknown): string {
  const params = (error.params ?? {}) as Record<string, unknown>;
  if (emptied(error, schema, value)) return '为必填项';
  // rjsf reports a missing field at the field itself, and an upload by its attachment-id format; a
  // missing upload asks for the file.
  const upload = schema?.format === 'attachment-id';
  if (error.name === 'required') return upload ? '请上传文件' : schema?.const === true ? '须勾选' : '为必填项';
  if (upload && (error.name === 'pattern' || error.name === 'format')) return '请上传文件';
  return zhFieldMessage(error.name ?? '', params, schema, error.message ?? '');
}

/** A malformed value of a format, in English words (as FORMAT_MESSAGES says it in Chinese). */
const EN_FORMATS: Readonly<Record<string, string>> = {
  date: 'must be a valid date, e.g. 2024-05-20',
  'date-time': 'must be a valid date and time',
  time: 'must be a valid time',
  email: 'must be a valid email address',
  uri: 'must be a valid web address',
  'unified-social-credit-code': 'is not a valid unified social credit code (its check character does not match)',
};

/** What a value of a shared pattern must look like, in English words (as PATTERN_MESSAGES says it in Chinese). */
const EN_PATTERNS: Readonly<Record<string, string>> = {
  [PHONE_PATTERN]:
    'must be an 11-digit mobile number (starting 13 to 19, e.g. 13912345678) or a landline with its area code (an area code of 3 or 4 digits starting with 0, a number of 7 or 8 digits, e.g. 0512-66881234; the "-" may be left out)',
};

/** JSON types as a person reads them (as TYPE_NAMES says them in Chinese). */
const EN_TYPES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'yes or no',
};

function enMessage(error: RJSFValidationError, schema: Schema | undefined, value: unknown): string {
  const upload = schema?.format === 'attachment-id';
  if (emptied(error, schema, value)) return 'is required';
  if (error.name === 'required')
    return upload ? 'upload a file' : schema?.const === true ? 'must be ticked' : 'is required';
  if (upload && (error.name === 'pattern' || error.name === 'format')) return 'upload a file';
  const params = (error.params ?? {}) as Record<string, unknown>;
  const limit = String(params.limit);
  const files = isUploadList(schema);
  const count = (noun: string) => englishCount(Number(params.limit), noun);
  switch (error.name) {
    case 'minItems':
      return files ? `upload at least ${count('file')}` : `add at least ${count('item')}`;
    case 'maxItems':
      return files ? `upload at most ${count('file')}` : `add at most ${count('item')}`;
    case 'minLength':
      return limit === '1' ? 'must not be empty' : `must be at least ${limit} characters`;
    case 'maxLength':
      return `must be at most ${limit} characters`;
    case 'pattern':
      return EN_PATTERNS[String(params.pattern)] ?? 'is not in the right format';
    case 'format':
      return EN_FORMATS[String(params.format)] ?? 'is not in the right format';
    case 'type':
      return `must be ${String(params.type)
        .split(',')
        .map((type) => EN_TYPES[type] ?? type)
        .join(' or ')}`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    // ajv's own read "must be > 0" (a park's area).
    case 'exclusiveMinimum':
      return `must be more than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'uniqueItems': {
      // ajv counts from 0 and names the later row first (as zhFieldMessage reads it for Chinese).
      const [first = 0, second = 0] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return `must not repeat a row (rows ${String(first + 1)} and ${String(second + 1)} are the same)`;
    }
    default:
      return error.message ?? '';
  }
}

/** How the error list names a field before its message: 「园区名称」 / `Park name: `; nothing for the form. */
export function fieldLabel(schema: Schema | undefined, tokens: readonly string[], language: Language): string {
  if (tokens.length === 0) return '';
  const title = typeof schema?.title === 'string' ? schema.title : (tokens.at(-1) ?? '');
  return language === 'zh' ? `「${title}」` : `${title}: `;
}

/**
 * A field named for the error list, with the row of each list it is in: 「创建目标」第 2 项「指标名称」
 * (「指标名称」alone did not say which of twenty targets lacked it).
 */
export function fieldPlace(root: Schema, tokens: readonly string[], language: Language): string {
  const rows = tokens.flatMap((token, index) => {
    if (index === 0 || !/^\d+$/.test(token)) return [];
    const list = schemaAt(root, tokens.slice(0, index));
    const title = typeof list?.title === 'string' ? list.title : (tokens[index - 1] ?? '');
    const row = Number(token) + 1;
    return [language === 'zh' ? `「${title}」第 ${row} 项` : `${title} row ${row}, `];
  });
  // A list's own error (too few rows) is named by the list alone.
  const last = tokens.at(-1) ?? '';
  if (/^\d+$/.test(last) && rows.length > 0) {
    const own = rows.join('');
    return language === 'zh' ? own : `${own.replace(/, $/, '')}: `;
  }
  return `${rows.join('')}${fieldLabel(schemaAt(root, tokens), tokens, language)}`;
}

/**
 * A field's place and its message as one line of the error list. English joins a message that goes on
 * from its subject (is required, must be …) with a space — Telephone is required, not Telephone: is
 * required — and the rest (upload a file, add at least …) after the colon; Chinese as it is.
 */
function placed(place: string, message: string, language: Language): string {
  if (language === 'en' && place.endsWith(': ') && /^(?:is|are|must) /.test(message)) {
    return `${place.slice(0, -2)} ${message}`;
  }
  return `${place}${message}`;
}

/**
 * An error list entry's text: the field named before the message. Errors found by the form's own
 * checks (customValidate: a text of spaces only) come as `.field message` and get their label here;
 * so do the server's, which name their field already (「指标评分」缺少…): they are shown as they are.
 */
export function errorListText(root: Schema, error: RJSFValidationError, language: Language): string {
  if (!error.stack.startsWith('.')) return error.stack;
  const message = error.message ?? '';
  if (message.startsWith('「')) return message;
  const tokens = propertyTokens(error.property);
  return placed(fieldPlace(root, tokens, language), message, language);
}

/**
 * rjsf's `transformErrors` for a form: each error gets a message for its field (the label is beside
 * it) and a `stack` naming the field by its title for the list at the top. A missing field's error
 * moves to the field itself. `if` errors only repeat the failing branch's own error and are dropped,
 * as are length errors beside a pattern error (the pattern's message describes the format).
 * `validated` gives the data the errors are about (watchingValidator), to tell an emptied field
 * from one of the wrong kind.
 */
export function errorTransformer(root: Schema, language: Language, validated: () => unknown = () => undefined) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    // A malformed value says what the format is (length included): its length errors add nothing.
    const malformed = new Set(errors.filter((error) => error.name === 'pattern').map((error) => error.property));
    return errors
      .filter((error) => error.name !== 'if')
      .filter((error) => !(malformed.has(error.property) && (error.name === 'minLength' || error.name === 'maxLength')))
      .map((error) => {
        const tokens = propertyTokens(error.property);
        const schema = schemaAt(root, tokens);
        const value = valueAt(validated(), tokens);
        const message = language === 'zh' ? zhMessage(error, schema, value) : enMessage(error, schema, value);
        return { ...error, message, stack: placed(fieldPlace(root, tokens, language), message, language) };
      });
  };
}

/** Server field errors (JSON Pointers) as rjsf's `extraErrors` tree; '' lands on the form itself. */
export function toErrorSchema(errors: readonly FieldError[]): ErrorSchema {
  const tree: Record<string, unknown> = {};
  for (const error of errors) {
    let node = tree;
    for (const token of pointerTokens(error.path)) {
      const child = node[token];
      node[token] = isSchema(child) ? child : {};
      node = node[token] as Record<string, unknown>;
    }
    const list = Array.isArray(node.__errors) ? (node.__errors as string[]) : [];
    node.__errors = [...list, error.message];
  }
  return tree as ErrorSchema;
}

/** An rjsf error property (`.scores.I1`) for a JSON Pointer (`/scores/I1`). */
export function propertyOf(pointer: string): string {
  return pointerTokens(pointer)
    .map((token) => `.${token}`)
    .join('');
}

/** The rjsf field id of a JSON Pointer (`/applicantBody/name` → `root_applicantBody_name`). */
export function fieldIdOf(pointer: string, idPrefix = 'root'): string {
  return [idPrefix, ...pointerTokens(pointer)].join('_');
}
