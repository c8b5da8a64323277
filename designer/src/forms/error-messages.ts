import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import type { Language } from '../i18n/messages.js';

/** A field error as the server reports it (422 `errors`): a JSON Pointer and a Chinese message. */
export interface FieldError {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** ajv-i18n leaves JSON type names in English (`应当是 number 类型`); the server says these. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  null: '空值',
};

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

function choiceTitles(schema: Schema | undefined): string[] | undefined {
  const options = schema?.oneOf;
  if (!Array.isArray(options)) return undefined;
  const titles = options.map((option: unknown) =>
    isSchema(option) && 'const' in option && typeof option.title === 'string' ? option.title : undefined,
  );
  return titles.every((title): title is string => title !== undefined) ? titles : undefined;
}

/** The Chinese message for one error at its field, said the way the server says it. */
function zhMessage(error: RJSFValidationError, schema: Schema | undefined): string {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const localized = error.message ?? '';
  switch (error.name) {
    case 'required':
      return schema?.const === true ? '须勾选' : '为必填项';
    case 'pattern':
    case 'format':
      if (schema?.format === 'attachment-id') return '请上传文件';
      return typeof schema?.description === 'string' ? `格式不正确：${schema.description}` : localized;
    case 'type':
      return `应当为${String(params.type)
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type)
        .join('或')}`;
    case 'oneOf': {
      const titles = choiceTitles(schema);
      return titles === undefined ? localized : `应当为下列选项之一：${titles.join('、')}`;
    }
    case 'const':
      return params.allowedValue === true ? '须勾选' : localized;
    case 'uniqueItems': {
      const [first = 0, second = 0] = [Number(params.j), Number(params.i)].sort((a, b) => a - b);
      return `不应当含有重复项（第 ${first + 1} 项与第 ${second + 1} 项重复）`;
    }
    default:
      return localized;
  }
}

function enMessage(error: RJSFValidationError, schema: Schema | undefined): string {
  if (error.name === 'required') return schema?.const === true ? 'must be ticked' : 'is required';
  if (schema?.format === 'attachment-id' && (error.name === 'pattern' || error.name === 'format'))
    return 'upload a file';
  return error.message ?? '';
}

/**
 * rjsf's `transformErrors` for a form: each error gets a message for its field (the label is beside
 * it) and a `stack` naming the field by its title for the list at the top. A missing field's error
 * moves to the field itself. `if` errors only repeat the failing branch's own error and are dropped,
 * as are length errors beside a pattern error (the pattern's message describes the format).
 */
export function errorTransformer(root: Schema, language: Language) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    // A malformed value says what the format is (length included): its length errors add nothing.
    const malformed = new Set(errors.filter((error) => error.name === 'pattern').map((error) => error.property));
    return errors
      .filter((error) => error.name !== 'if')
      .filter((error) => !(malformed.has(error.property) && (error.name === 'minLength' || error.name === 'maxLength')))
      .map((error) => {
        const tokens = propertyTokens(error.property);
        const schema = schemaAt(root, tokens);
        const message = language === 'zh' ? zhMessage(error, schema) : enMessage(error, schema);
        const title = typeof schema?.title === 'string' ? schema.title : (tokens.at(-1) ?? '');
        const label = tokens.length === 0 ? '' : language === 'zh' ? `「${title}」` : `${title}: `;
        return { ...error, message, stack: `${label}${message}` };
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

/** The rjsf field id of a JSON Pointer (`/applicantBody/name` → `root_applicantBody_name`). */
export function fieldIdOf(pointer: string, idPrefix = 'root'): string {
  return [idPrefix, ...pointerTokens(pointer)].join('_');
}
