import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { indicatorFields } from '../definitions/checks/forms.js';
import { pointerToken } from '../definitions/problems.js';
import type { FormSchema, Indicator, Indicators } from '../definitions/types.js';
import { EngineError } from '../errors.js';
import { articleText } from './article-text.js';
import { zhFieldMessage } from './field-messages.js';
import { createFormAjv } from './form-ajv.js';
import { datesAfterToday } from './not-after.js';
import { nestedDeeperThan } from './json-depth.js';
import { BLANK_TEXT_MESSAGE, isBlankText, stringValues, UNSAFE_TEXT_MESSAGE, unsafeTextPaths } from './text-safety.js';

/** One error at one field: what the form shows beside the input. */
export interface FieldError {
  /** JSON Pointer into the submitted data; '' is the whole form. */
  path: string;
  /** Chinese, naming the field by its schema title, e.g. `「园区名称」不应少于 1 个字符`. */
  message: string;
}

export interface CheckOptions {
  /** The case's indicator variant (its park type, e.g. `industry`): scores are checked against it (Art. 19). */
  variant?: string;
  /** The day it is sent (`YYYY-MM-DD`, China): no field marked `x-not-after: "today"` may be later. */
  today?: string;
}

type Schema = Record<string, unknown>;
type Localize = (errors?: ErrorObject[] | null) => void;

/** Far deeper than any form's fields nest; deeper data is refused before anything walks it. */
const MAX_FORM_DEPTH = 32;

/**
 * The most errors one check words (a form has a few dozen fields): 9,000 names a form does not take, in
 * a 70 KB body, made 9,000 errors, each located and worded — up to half a second of the server's one
 * thread and a 556 KB answer a request, and a loop of them held the server (found by the attacker's walk).
 */
export const MAX_FIELD_ERRORS = 100;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * ajv-i18n's `.d.ts` says `export default`, but its files are CommonJS `module.exports = fn`: Node's ESM
 * loader and Vite hand over the function itself as the default import, while TypeScript (NodeNext) types it
 * as `{ default: fn }`, whose `.default` is undefined at run time. Accept either shape.
 */
function unwrapLocalize(module: unknown): Localize {
  const candidate = typeof module === 'function' ? module : (module as { default?: unknown } | undefined)?.default;
  if (typeof candidate !== 'function') throw new Error('ajv-i18n: the zh localizer did not load');
  return candidate as Localize;
}
const localizeZh = unwrapLocalize(localizeZhModule);

const quote = (title: unknown, fallback: string): string => `「${typeof title === 'string' ? title : fallback}」`;

/** Label and message, with a space between a trailing id (`org-1`) and the message. */
const join = (label: string, message: string): string =>
  /[\w-]$/.test(label) && !message.startsWith(' ') ? `${label} ${message}` : `${label}${message}`;

function tokensOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * How messages name the data at `pointer`, walking the form's data-shaping keywords (so fields required
 * only in a `then` branch still get their title): a field by its title (「联系电话」), a list element by
 * position (「评审组成员」第 2 项), a field of a list row after the row (「创建目标」第 1 项的「指标名称」),
 * a map entry by key (「指标评分」中的 org-1), the whole form by the form's title. Also returns the schema.
 */
function locate(root: Schema, pointer: string): { label: string; schema: Schema | undefined } {
  let schema: Schema | undefined = root;
  let label = quote(root.title, '表单');
  let row = '';
  for (const token of tokensOf(pointer)) {
    const field: unknown = isSchema(schema?.properties) ? schema.properties[token] : undefined;
    if (isSchema(field)) {
      schema = field;
      label = row + quote(field.title, token);
    } else if (isSchema(schema?.items) && /^\d+$/.test(token)) {
      schema = schema.items;
      label = `${label}第 ${Number(token) + 1} 项`;
      row = `${label}的`;
    } else {
      schema = isSchema(schema?.additionalProperties) ? schema.additionalProperties : undefined;
      label = `${label}中的 ${token}`;
    }
  }
  return { label, schema };
}

/** One Ajv error as a field error; undefined for errors that only repeat a more concrete one. */
function toFieldError(root: Schema, error: ErrorObject): FieldError | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing then/else branch reports the concrete error
    case 'required': {
      const path = `${error.instancePath}/${pointerToken(String(params.missingProperty))}`;
      return { path, message: `${locate(root, path).label}为必填项` };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const { label } = locate(root, error.instancePath);
      return { path: `${error.instancePath}/${pointerToken(name)}`, message: `${label}中没有字段 ${name}，不允许填写` };
    }
    default: {
      const { label, schema } = locate(root, error.instancePath);
      return {
        path: error.instancePath,
        message: join(
          label,
          zhFieldMessage(
            error.keyword,
            error.params as Record<string, unknown>,
            schema,
            error.message ?? error.keyword,
          ),
        ),
      };
    }
  }
}

function schemaErrors(root: Schema, ajvErrors: readonly ErrorObject[]): FieldError[] {
  // A field may give several (a choice's branches and the choice): a few times the most worded.
  const errors = ajvErrors.slice(0, 4 * MAX_FIELD_ERRORS).map((error) => ({ ...error })); // ajv-i18n rewrites messages in place
  localizeZh(errors);
  // A failing oneOf (a choice list) or anyOf says it all; its branches' errors would only confuse.
  const composites = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => `${e.schemaPath}/`);
  const found = new Map<string, FieldError>();
  for (const error of errors) {
    if (error.propertyName !== undefined) continue; // reported once by the propertyNames error
    if (composites.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const fieldError = toFieldError(root, error);
    if (fieldError !== undefined) found.set(`${fieldError.path}\n${fieldError.message}`, fieldError);
    if (found.size === MAX_FIELD_ERRORS) break;
  }
  return [...found.values()];
}

/** The dates marked `x-not-after: "today"` later than `today`, each at its field. */
function lateDateErrors(root: Schema, data: unknown, today: string): FieldError[] {
  return datesAfterToday(root, data, today).map(({ path, date }) => ({
    path,
    message: `${locate(root, path).label}不能晚于今天（${today}），填写的是 ${date}`,
  }));
}

/** A score outside its indicator's range, named by the indicator's title and id. */
const scoreMessage = (label: string, indicator: Indicator, score: unknown): string =>
  `${label}中「${indicator.title}」（${indicator.id}）的得分应为 0 至 ${indicator.maxScore} 分，填写的是 ${JSON.stringify(score)}`;

/** Chinese names of the variants (`industry` → 工业), from the choices of the form field that picks them. */
function variantTitles(
  forms: ReadonlyMap<string, FormSchema>,
  indicators: Indicators | undefined,
): Map<string, string> {
  const titles = new Map<string, string>();
  if (indicators === undefined) return titles;
  for (const schema of forms.values()) {
    const options = schema.properties?.[indicators.variantField]?.oneOf;
    if (!Array.isArray(options)) continue;
    for (const option of options as unknown[]) {
      if (isSchema(option) && typeof option.const === 'string' && typeof option.title === 'string') {
        titles.set(option.const, option.title);
      }
    }
  }
  return titles;
}

/**
 * Validates submitted form data: the form's JSON Schema first (messages in Chinese at the field), then,
 * when the schema passes, the indicator rules of CONTRACT §4 on the fields marked `x-indicators`.
 * Pure (no Node APIs): the designer's browser bundle uses it too.
 */
export class FormValidator {
  private readonly forms: ReadonlyMap<string, FormSchema>;
  private readonly indicators: Indicators | undefined;
  private readonly variantTitles: Map<string, string>;
  /** How messages name the variant field (its form title, e.g. 园区类型) and cite the articles. */
  private readonly variantLabel: string;
  private readonly article: string;
  private readonly vetoArticle: string;
  private readonly ajv = createFormAjv();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(forms: ReadonlyMap<string, FormSchema>, indicators: Indicators | undefined) {
    this.forms = forms;
    this.indicators = indicators;
    this.variantTitles = variantTitles(forms, indicators);
    const field = indicators?.variantField ?? '';
    const title = [...forms.values()]
      .map((schema) => schema.properties?.[field]?.title)
      .find((found) => typeof found === 'string');
    this.variantLabel = title ?? field;
    this.article = articleText(indicators?.article);
    const vetoArticles = new Set(indicators?.vetoes.map((veto) => veto.article));
    this.vetoArticle = vetoArticles.size === 1 ? articleText([...vetoArticles][0]) : '';
  }

  /** Field errors of `data` for form `formKey` ([] = valid); throws `not-found` for an unknown form. */
  check(formKey: string, data: unknown, options: CheckOptions = {}): FieldError[] {
    const schema = this.forms.get(formKey);
    if (schema === undefined) throw new EngineError('not-found', `form "${formKey}" not found`, { formKey });
    const validate = this.validatorOf(formKey, schema);
    if (!isSchema(data)) return [{ path: '', message: '表单数据应为对象' }];
    if (nestedDeeperThan(data, MAX_FORM_DEPTH)) {
      return [{ path: '', message: `表单数据嵌套层级过深（最多 ${MAX_FORM_DEPTH} 层）` }];
    }
    const unsafe = unsafeTextPaths(data)
      .slice(0, MAX_FIELD_ERRORS)
      .map((path) => ({
        path,
        message: locate(schema, path).label + UNSAFE_TEXT_MESSAGE,
      }));
    // A text that must not be empty (minLength) must not look empty either. ('' fails minLength itself.)
    for (const { path, text } of stringValues(data)) {
      if (unsafe.length >= MAX_FIELD_ERRORS) break;
      if (text === '' || !isBlankText(text)) continue;
      const { label, schema: field } = locate(schema, path);
      if (typeof field?.minLength === 'number' && field.minLength > 0)
        unsafe.push({ path, message: label + BLANK_TEXT_MESSAGE });
    }
    if (!validate(data)) {
      const refused = this.namedScores(schema, schemaErrors(schema, validate.errors ?? []), data, options.variant);
      return [...refused, ...unsafe].slice(0, MAX_FIELD_ERRORS);
    }
    const late = options.today === undefined ? [] : lateDateErrors(schema, data, options.today);
    return [...this.indicatorErrors(schema, data, options.variant), ...late, ...unsafe].slice(0, MAX_FIELD_ERRORS);
  }

  /** Throws EngineError `validation` with `{ formKey, errors }` when `check` finds errors. */
  assertValid(formKey: string, data: unknown, options: CheckOptions = {}): void {
    const errors = this.check(formKey, data, options);
    const [first] = errors;
    if (first === undefined) return;
    const form = quote(this.forms.get(formKey)?.title, formKey);
    const more =
      errors.length >= MAX_FIELD_ERRORS
        ? `等 ${errors.length} 余处错误`
        : errors.length > 1
          ? `等 ${errors.length} 处错误`
          : '';
    throw new EngineError('validation', `${form}填写有误：${first.message}${more}`, { formKey, errors });
  }

  private validatorOf(formKey: string, schema: FormSchema): ValidateFunction {
    let validate = this.compiled.get(formKey);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.compiled.set(formKey, validate);
    }
    return validate;
  }

  private indicatorErrors(schema: FormSchema, data: Schema, variant: string | undefined): FieldError[] {
    const fields = indicatorFields(schema);
    const errors: FieldError[] = [];
    const scores = fields.scores === undefined ? undefined : data[fields.scores];
    if (fields.scores !== undefined && isSchema(scores))
      errors.push(...this.scoreErrors(schema, fields.scores, scores, variant));
    const vetoes = fields.vetoes === undefined ? undefined : data[fields.vetoes];
    if (fields.vetoes !== undefined && Array.isArray(vetoes))
      errors.push(...this.vetoErrors(schema, fields.vetoes, vetoes));
    return errors;
  }

  /** Scores follow the indicator system of the case's variant (park type), each within its maximum. */
  private scoreErrors(schema: FormSchema, field: string, scores: Schema, variant: string | undefined): FieldError[] {
    if (this.indicators === undefined) return [];
    const path = `/${pointerToken(field)}`;
    const label = quote(schema.properties?.[field]?.title, field);
    const variants = this.indicators.variants;
    const list = variant !== undefined && Object.hasOwn(variants, variant) ? variants[variant] : undefined;
    if (variant === undefined || list === undefined) {
      const why = variant === undefined ? `未确定${this.variantLabel}` : `${this.variantLabel} ${variant} 未知`;
      return [{ path, message: `${label}无法核对：${why}，评估指标按${this.variantLabel}分类适用${this.article}` }];
    }
    const system = `${this.variantLabel}为「${this.variantTitles.get(variant) ?? variant}」的评估指标体系`;
    const byId = new Map(list.map((indicator) => [indicator.id, indicator]));
    const errors: FieldError[] = [];
    for (const [id, score] of Object.entries(scores)) {
      const indicator = byId.get(id);
      const at = `${path}/${pointerToken(id)}`;
      if (indicator === undefined) {
        errors.push({ path: at, message: `${label}中的指标 ${id} 不在${system}中${this.article}` });
      } else if (typeof score !== 'number' || score < 0 || score > indicator.maxScore) {
        errors.push({ path: at, message: scoreMessage(label, indicator, score) });
      }
    }
    const missing = list.filter((indicator) => !Object.hasOwn(scores, indicator.id));
    if (missing.length > 0) {
      const names = missing.map((indicator) => `${indicator.id}「${indicator.title}」`).join('、');
      errors.push({ path, message: `${label}缺少${system}中以下指标的评分：${names}${this.article}` });
    }
    return errors;
  }

  /**
   * A score the schema refuses (below 0, not a number) named by its indicator and the variant's
   * maximum, as one above that maximum is: the schema's words named it by its key alone
   * (「指标评分」中的 org-1 不能小于 0).
   */
  private namedScores(schema: FormSchema, errors: FieldError[], data: Schema, variant: string | undefined) {
    const field = indicatorFields(schema).scores;
    const variants = this.indicators?.variants;
    const list =
      variants !== undefined && variant !== undefined && Object.hasOwn(variants, variant)
        ? variants[variant]
        : undefined;
    const scores = field === undefined ? undefined : data[field];
    if (field === undefined || list === undefined || !isSchema(scores)) return errors;
    const label = quote(schema.properties?.[field]?.title, field);
    const at = (id: string) => `/${pointerToken(field)}/${pointerToken(id)}`;
    const named = new Map<string, FieldError>();
    for (const error of errors) {
      const indicator = list.find((item) => at(item.id) === error.path);
      const said =
        indicator === undefined
          ? error
          : { path: error.path, message: scoreMessage(label, indicator, scores[indicator.id]) };
      named.set(`${said.path}\n${said.message}`, said);
    }
    return [...named.values()];
  }

  /** Only the vetoes of the indicator system. */
  private vetoErrors(schema: FormSchema, field: string, vetoes: unknown[]): FieldError[] {
    if (this.indicators === undefined) return [];
    const label = quote(schema.properties?.[field]?.title, field);
    const known = new Set(this.indicators.vetoes.map((veto) => veto.id));
    const errors: FieldError[] = [];
    for (const [index, id] of vetoes.entries()) {
      if (typeof id === 'string' && known.has(id)) continue;
      const name = typeof id === 'string' ? id : JSON.stringify(id);
      errors.push({
        path: `/${pointerToken(field)}/${index}`,
        message: `${label}中的 ${name} 不是规定的否决项${this.vetoArticle}`,
      });
    }
    return errors;
  }
}
