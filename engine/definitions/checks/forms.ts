import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createFormAjv, INDICATORS_KEYWORD } from '../../forms/form-ajv.js';
import { checkFormPatterns } from './form-patterns.js';
import { RESERVED_VARIABLES } from '../conventions.js';
import { pointerToken, type FileProblems } from '../problems.js';
import type { FormSchema, Indicators } from '../types.js';
import { describeAjvErrors, parseJson } from './json.js';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
const FORM_KEY_PATTERN = /^[a-z][a-z0-9-]*$/;
const HAS_CHINESE = /[\u4e00-\u9fff]/;

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Labels a policy officer and a park administrator read: every field titled and described (in
 * Chinese), every choice labelled. Only the data-shaping keywords are walked; `if`/`then`/`else`
 * branches restate fields already labelled.
 */
function checkLabels(schema: Schema, pointer: string, problems: FileProblems): void {
  const label = (sub: Schema, at: string, what: string) => {
    for (const key of ['title', 'description'] as const) {
      const value = sub[key];
      // The pointer names the member the label belongs in, present or not: the designer tells a
      // missing 说明 from a missing 标题 by it, and opens that input.
      if (typeof value !== 'string' || value.trim() === '') {
        problems.warning('form-label', `${what} has no ${key}`, { pointer: `${at}/${key}` });
      } else if (!HAS_CHINESE.test(value)) {
        problems.warning('form-label', `${what}'s ${key} is not in Chinese`, { pointer: `${at}/${key}` });
      }
    }
  };
  if (Array.isArray(schema.enum)) {
    problems.warning('form-enum-label', 'bare enum: write choices as oneOf [{ const, title }] so each has a label', {
      pointer,
    });
  }
  if (Array.isArray(schema.oneOf)) {
    for (const [index, option] of (schema.oneOf as unknown[]).entries()) {
      if (isSchema(option) && 'const' in option && typeof option.title !== 'string') {
        problems.warning('form-enum-label', `choice ${JSON.stringify(option.const)} has no title`, {
          pointer: `${pointer}/oneOf/${index}`,
        });
      }
    }
  }
  if (isSchema(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (!isSchema(sub)) continue;
      const at = `${pointer}/properties/${pointerToken(name)}`;
      label(sub, at, `field "${name}"`);
      checkLabels(sub, at, problems);
    }
  }
  if (isSchema(schema.items)) {
    if (schema.items.type === 'object') label(schema.items, `${pointer}/items`, 'list item');
    checkLabels(schema.items, `${pointer}/items`, problems);
  }
  if (isSchema(schema.additionalProperties)) checkLabels(schema.additionalProperties, `${pointer}/additionalProperties`, problems);
}

/** Top-level fields marked `x-indicators`, by role. */
export function indicatorFields(schema: FormSchema): { scores?: string; vetoes?: string } {
  const found: { scores?: string; vetoes?: string } = {};
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const role = sub[INDICATORS_KEYWORD];
    if (role === 'scores' || role === 'vetoes') found[role] = name;
  }
  return found;
}

/** An example's indicator scores must be valid for every variant: the scenario runner merges onto it. */
function checkExampleIndicators(schema: FormSchema, example: unknown, indicators: Indicators, problems: FileProblems) {
  if (!isSchema(example)) return;
  const { scores, vetoes } = indicatorFields(schema);
  if (scores !== undefined && isSchema(example[scores])) {
    for (const [variant, list] of Object.entries(indicators.variants)) {
      const byId = new Map(list.map((indicator) => [indicator.id, indicator]));
      for (const [id, score] of Object.entries(example[scores])) {
        const indicator = byId.get(id);
        const at = `/examples/0/${pointerToken(scores)}/${pointerToken(id)}`;
        if (indicator === undefined) {
          problems.error('form-example-indicators', `indicator "${id}" is not in variant "${variant}"`, { pointer: at });
        } else if (typeof score !== 'number' || score < 0 || score > indicator.maxScore) {
          problems.error('form-example-indicators', `score ${String(score)} is outside 0–${indicator.maxScore} in variant "${variant}"`, {
            pointer: at,
          });
        }
      }
    }
  }
  const found = vetoes === undefined ? undefined : example[vetoes];
  if (vetoes !== undefined && Array.isArray(found)) {
    const known = new Set(indicators.vetoes.map((veto) => veto.id));
    for (const [index, id] of (found as unknown[]).entries()) {
      if (typeof id !== 'string' || !known.has(id)) {
        problems.error('form-example-indicators', `veto ${JSON.stringify(id)} is not in indicators.json`, {
          pointer: `/examples/0/${pointerToken(vetoes)}/${index}`,
        });
      }
    }
  }
}

/** Whether a schema names nothing outside itself nor for others: no `$id` or anchor, no `$ref` but `#…`. */
function selfContained(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(selfContained);
  if (!isSchema(value)) return true;
  for (const [key, member] of Object.entries(value)) {
    if (key === '$id' || key === '$anchor' || key === '$dynamicAnchor') return false;
    if ((key === '$ref' || key === '$dynamicRef') && !(typeof member === 'string' && member.startsWith('#'))) return false;
    if (!selfContained(member)) return false;
  }
  return true;
}

/**
 * Validators compiled before, by the form file's text, the most recently used last. A version's
 * validation compiles each of its forms, and Ajv's code generation was most of its time; a draft is
 * validated again and again with most forms unchanged (and the validator's tests check hundreds of
 * copies of one version). Only self-contained schemas are kept: one that declares an id or refers
 * to another resolves against the version's own Ajv, where two forms claiming one id, or a reference
 * to a form no longer there, must still be refused.
 */
const COMPILED_KEPT = 64;
const compiledForms = new Map<string, ValidateFunction>();

function compileForm(text: string, schema: FormSchema, ajv: () => Ajv2020): ValidateFunction {
  const known = compiledForms.get(text);
  if (known !== undefined) {
    compiledForms.delete(text);
    compiledForms.set(text, known);
    return known;
  }
  // A copy of its own: the validator keeps parts of the schema it was compiled from, and the parsed one
  // goes on to the version (which may be changed by whoever reads it).
  const validate = ajv().compile(structuredClone(schema));
  if (selfContained(schema)) {
    compiledForms.set(text, validate);
    const oldest = compiledForms.keys().next();
    if (compiledForms.size > COMPILED_KEPT && oldest.done !== true) compiledForms.delete(oldest.value);
  }
  return validate;
}

/**
 * One form schema: compiles strictly, has a valid complete example, labels, no reserved field names.
 * `ajv` gives the version's Ajv, made when a form is first compiled on it.
 */
export function checkForm(
  formKey: string,
  text: string,
  indicators: Indicators | undefined,
  problems: FileProblems,
  ajv: () => Ajv2020 = createFormAjv,
): FormSchema | undefined {
  if (!FORM_KEY_PATTERN.test(formKey)) {
    problems.error('form-key', `form key "${formKey}" must be kebab-case (a-z, 0-9, -)`);
  }
  const data = parseJson(text, problems);
  if (data === undefined) return undefined;
  if (!isSchema(data)) {
    problems.error('form-compile', 'a form schema must be a JSON object', { pointer: '' });
    return undefined;
  }
  const schema = data as FormSchema;
  if (schema.$schema !== DRAFT_2020_12) {
    problems.error('form-draft', `$schema must be ${DRAFT_2020_12}`, { pointer: '/$schema' });
  }
  if (schema.type !== 'object' || !isSchema(schema.properties)) {
    problems.error('form-compile', 'a form is an object schema with properties', { pointer: '/type' });
    return undefined;
  }
  if (!checkFormPatterns(schema, problems)) return undefined;
  let validate;
  try {
    validate = compileForm(text, schema, ajv);
  } catch (error) {
    problems.error('form-compile', `does not compile (ajv strict): ${(error as Error).message}`, { pointer: '' });
    return undefined;
  }
  for (const name of Object.keys(schema.properties)) {
    if (RESERVED_VARIABLES.has(name)) {
      problems.error('form-reserved-field', `field name "${name}" is reserved by the engine`, {
        pointer: `/properties/${pointerToken(name)}`,
      });
    }
  }
  const example = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  if (example === undefined) {
    problems.error('form-example', 'examples[0] is missing: every form needs a complete, valid example', {
      pointer: '/examples',
    });
  } else if (!validate(example)) {
    for (const { pointer, message } of describeAjvErrors(validate.errors ?? [])) {
      problems.error('form-example', `examples[0] is invalid: ${message}`, { pointer: `/examples/0${pointer}` });
    }
  } else if (indicators !== undefined) {
    checkExampleIndicators(schema, example, indicators, problems);
  }
  label(schema, problems);
  checkLabels(schema, '', problems);
  return schema;
}

function label(schema: FormSchema, problems: FileProblems): void {
  if (typeof schema.title !== 'string' || !HAS_CHINESE.test(schema.title)) {
    problems.warning('form-label', 'the form has no Chinese title', { pointer: '/title' });
  }
}

/** The choices a field offers: `oneOf` consts or `enum` values. */
export function fieldChoices(schema: FormSchema | undefined): string[] | undefined {
  if (schema === undefined) return undefined;
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String);
  if (Array.isArray(schema.oneOf)) {
    return (schema.oneOf as unknown[]).filter(isSchema).map((option) => String(option.const));
  }
  return undefined;
}
