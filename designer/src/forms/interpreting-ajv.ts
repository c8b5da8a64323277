import type { ErrorObject } from 'ajv';
import { linearRegExp, type LinearRegExp } from '../../../engine/forms/linear-regexp.js';
import { messageOf } from './ajv-messages.js';
import { duplicateOf, equal, escapeToken, hasType, isObject, type Json } from './json-values.js';

/**
 * An Ajv stand-in that interprets JSON Schema (draft 2020-12) instead of generating code. Ajv
 * compiles each schema into a function with `new Function`, which the server's Content Security
 * Policy (`script-src 'self'`, no `'unsafe-eval'`) forbids. This class offers the part of Ajv's
 * interface @rjsf/validator-ajv8 uses (compile, add/get/removeSchema, addFormat, addKeyword) and
 * reports errors exactly as Ajv does (keyword, instancePath, schemaPath, params, message), so
 * ajv-i18n localizes them and rjsf places them unchanged. The server's Ajv stays the authority;
 * test/browser/workbench-validator.test.ts checks that both agree on every definition form.
 */

type Schema = boolean | Json;
type FormatDefinition = RegExp | string | ((value: string) => boolean) | { type?: string; validate: unknown };

export interface InterpretedValidate {
  (data: unknown): boolean;
  errors: ErrorObject[] | null;
  schema: Schema;
}

interface Run {
  errors: ErrorObject[];
  root: Schema;
}

/** Where a keyword is checked: the data and its pointer, the schema and its path. */
interface At {
  data: unknown;
  path: string;
  schemaPath: string;
  parent: Json;
}

export class InterpretingAjv {
  /** ajv-formats writes here; nothing reads it. */
  readonly opts = { code: {} as Json };
  readonly #formats = new Map<string, FormatDefinition>();
  readonly #schemas = new Map<string, InterpretedValidate>();
  readonly #patterns = new Map<string, LinearRegExp>();

  addFormat(name: string, format: FormatDefinition): this {
    this.#formats.set(name, format);
    return this;
  }

  /** Keywords added to Ajv here are annotations (`x-indicators`, rjsf's flag): nothing to check. */
  addKeyword(): this {
    return this;
  }

  addMetaSchema(): this {
    return this;
  }

  addSchema(schema: Schema, key?: string): this {
    const id = key ?? (isObject(schema) && typeof schema.$id === 'string' ? schema.$id : undefined);
    if (id !== undefined) this.#schemas.set(id, this.compile(schema));
    return this;
  }

  getSchema(key: string): InterpretedValidate | undefined {
    return this.#schemas.get(key);
  }

  removeSchema(key?: unknown): this {
    if (key === undefined) this.#schemas.clear();
    else if (typeof key === 'string') this.#schemas.delete(key);
    return this;
  }

  compile(schema: Schema): InterpretedValidate {
    const validate = ((data: unknown) => {
      const run: Run = { errors: [], root: schema };
      const valid = this.#check(schema, data, '', '#', run);
      validate.errors = valid ? null : run.errors;
      return valid;
    }) as InterpretedValidate;
    validate.errors = null;
    validate.schema = schema;
    return validate;
  }

  #error(run: Run, keyword: string, params: Json, at: At) {
    run.errors.push({
      instancePath: at.path,
      schemaPath: `${at.schemaPath}/${keyword}`,
      keyword,
      params,
      message: messageOf(keyword, params),
      schema: at.parent[keyword],
      parentSchema: at.parent,
      data: at.data,
    });
  }

  #resolve(ref: string, run: Run): Schema | undefined {
    const [base = '', pointer = ''] = ref.split('#');
    const document = base === '' ? run.root : this.#schemas.get(base)?.schema;
    let node: unknown = document;
    for (const token of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
      node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    }
    return typeof node === 'boolean' || isObject(node) ? node : undefined;
  }

  /** Validates `data` against `schema`, appending Ajv-shaped errors to `run`; true when valid. */
  #check(schema: Schema, data: unknown, path: string, schemaPath: string, run: Run): boolean {
    if (schema === true) return true;
    if (schema === false) {
      run.errors.push({
        instancePath: path,
        schemaPath,
        keyword: 'false schema',
        params: {},
        message: 'boolean schema is false',
      });
      return false;
    }
    const before = run.errors.length;
    const at: At = { data, path, schemaPath, parent: schema };
    if (typeof schema.$ref === 'string') {
      const target = this.#resolve(schema.$ref, run);
      if (target !== undefined) this.#check(target, data, path, schema.$ref, run);
    }
    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      if (!types.some((type) => hasType(data, type))) this.#error(run, 'type', { type: types.join(',') }, at);
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((value) => equal(value, data)))
      this.#error(run, 'enum', { allowedValues: schema.enum }, at);
    if ('const' in schema && !equal(schema.const, data)) this.#error(run, 'const', { allowedValue: schema.const }, at);
    if (typeof data === 'string') this.#checkString(schema, data, at, run);
    if (typeof data === 'number') this.#checkNumber(schema, data, at, run);
    if (Array.isArray(data)) this.#checkArray(schema, data, at, run);
    if (isObject(data)) this.#checkObject(schema, data, at, run);
    this.#checkCombinations(schema, data, at, run);
    return run.errors.length === before;
  }

  #checkString(schema: Json, data: string, at: At, run: Run) {
    // Code points, as Ajv counts (a character outside the BMP is one).
    const length = Array.from(data).length;
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      this.#error(run, 'minLength', { limit: schema.minLength }, at);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      this.#error(run, 'maxLength', { limit: schema.maxLength }, at);
    if (typeof schema.pattern === 'string' && !this.#pattern(schema.pattern).test(data))
      this.#error(run, 'pattern', { pattern: schema.pattern }, at);
    if (typeof schema.format === 'string' && !this.#formatValid(schema.format, data))
      this.#error(run, 'format', { format: schema.format }, at);
  }

  /** Patterns run on the server's linear-time engine (RE2): a pattern cannot freeze the page (ReDoS). */
  #pattern(source: string): LinearRegExp {
    let pattern = this.#patterns.get(source);
    if (pattern === undefined) {
      pattern = linearRegExp(source, 'u');
      this.#patterns.set(source, pattern);
    }
    return pattern;
  }

  /** Unknown formats pass (Ajv, not strict: ignored); a format for numbers does not apply to strings. */
  #formatValid(name: string, value: string): boolean {
    const format = this.#formats.get(name);
    if (format === undefined) return true;
    if (typeof format === 'object' && !(format instanceof RegExp)) {
      if (format.type !== undefined && format.type !== 'string') return true;
      return this.#formatCheck(format.validate as FormatDefinition, value);
    }
    return this.#formatCheck(format, value);
  }

  #formatCheck(format: FormatDefinition, value: string): boolean {
    if (format instanceof RegExp) return format.test(value);
    if (typeof format === 'string') return this.#pattern(format).test(value);
    if (typeof format === 'function') return format(value);
    return true;
  }

  #checkNumber(schema: Json, data: number, at: At, run: Run) {
    const limits: [string, string, (limit: number) => boolean][] = [
      ['maximum', '<=', (limit) => data <= limit],
      ['minimum', '>=', (limit) => data >= limit],
      ['exclusiveMaximum', '<', (limit) => data < limit],
      ['exclusiveMinimum', '>', (limit) => data > limit],
    ];
    for (const [keyword, comparison, holds] of limits) {
      const limit = schema[keyword];
      if (typeof limit === 'number' && !holds(limit)) this.#error(run, keyword, { comparison, limit }, at);
    }
    if (typeof schema.multipleOf === 'number') {
      const division = data / schema.multipleOf;
      // rjsf's Ajv options: multipleOfPrecision 8.
      if (Math.abs(Math.round(division) - division) > 1e-8)
        this.#error(run, 'multipleOf', { multipleOf: schema.multipleOf }, at);
    }
  }

  #checkArray(schema: Json, data: unknown[], at: At, run: Run) {
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems)
      this.#error(run, 'maxItems', { limit: schema.maxItems }, at);
    if (typeof schema.minItems === 'number' && data.length < schema.minItems)
      this.#error(run, 'minItems', { limit: schema.minItems }, at);
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    data.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : (schema.items as Schema | undefined);
      const keyword = index < prefix.length ? `prefixItems/${index}` : 'items';
      if (itemSchema !== undefined)
        this.#check(itemSchema, item, `${at.path}/${index}`, `${at.schemaPath}/${keyword}`, run);
    });
    if (schema.uniqueItems === true) {
      const duplicate = duplicateOf(data, schema.items);
      if (duplicate !== undefined) this.#error(run, 'uniqueItems', duplicate, at);
    }
    if (schema.contains !== undefined) {
      const contains = schema.contains as Schema;
      const matches = data.filter((item) => this.#check(contains, item, '', '', { errors: [], root: run.root })).length;
      const min = typeof schema.minContains === 'number' ? schema.minContains : 1;
      if (matches < min) this.#error(run, 'contains', { minContains: min }, at);
    }
  }

  #checkObject(schema: Json, data: Json, at: At, run: Run) {
    const keys = Object.keys(data);
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties)
      this.#error(run, 'maxProperties', { limit: schema.maxProperties }, at);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties)
      this.#error(run, 'minProperties', { limit: schema.minProperties }, at);
    if (Array.isArray(schema.required))
      for (const name of schema.required as string[])
        if (data[name] === undefined) this.#error(run, 'required', { missingProperty: name }, at);
    if (isObject(schema.dependentRequired))
      for (const [name, deps] of Object.entries(schema.dependentRequired)) {
        if (data[name] === undefined || !Array.isArray(deps)) continue;
        const missing = (deps as string[]).filter((dep) => data[dep] === undefined);
        for (const dep of missing)
          this.#error(
            run,
            'dependentRequired',
            { property: name, missingProperty: dep, depsCount: deps.length, deps: deps.join(', ') },
            at,
          );
      }
    if (schema.propertyNames !== undefined)
      for (const key of keys) {
        const trial: Run = { errors: [], root: run.root };
        if (this.#check(schema.propertyNames as Schema, key, at.path, `${at.schemaPath}/propertyNames`, trial))
          continue;
        run.errors.push(...trial.errors.map((error) => ({ ...error, propertyName: key })));
        this.#error(run, 'propertyNames', { propertyName: key }, at);
      }
    const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
    const patterns = isObject(schema.patternProperties)
      ? Object.entries(schema.patternProperties as Record<string, Schema>)
      : [];
    for (const key of keys) {
      const value = data[key];
      const child = `${at.path}/${escapeToken(key)}`;
      let known = false;
      if (Object.hasOwn(properties, key)) {
        known = true;
        const property = properties[key];
        if (value !== undefined && property !== undefined)
          this.#check(property, value, child, `${at.schemaPath}/properties/${escapeToken(key)}`, run);
      }
      for (const [source, pattern] of patterns) {
        if (!this.#pattern(source).test(key)) continue;
        known = true;
        this.#check(pattern, value, child, `${at.schemaPath}/patternProperties/${escapeToken(source)}`, run);
      }
      if (known || schema.additionalProperties === undefined) continue;
      if (schema.additionalProperties === false)
        this.#error(run, 'additionalProperties', { additionalProperty: key }, at);
      else
        this.#check(schema.additionalProperties as Schema, value, child, `${at.schemaPath}/additionalProperties`, run);
    }
  }

  #checkCombinations(schema: Json, data: unknown, at: At, run: Run) {
    const sub = (subSchema: Schema, keyword: string) => {
      const trial: Run = { errors: [], root: run.root };
      const valid = this.#check(subSchema, data, at.path, `${at.schemaPath}/${keyword}`, trial);
      return { valid, errors: trial.errors };
    };
    if (Array.isArray(schema.allOf))
      (schema.allOf as Schema[]).forEach((part, index) =>
        this.#check(part, data, at.path, `${at.schemaPath}/allOf/${index}`, run),
      );
    if (Array.isArray(schema.anyOf)) {
      const results = (schema.anyOf as Schema[]).map((part, index) => sub(part, `anyOf/${index}`));
      if (!results.some((result) => result.valid)) {
        run.errors.push(...results.flatMap((result) => result.errors));
        this.#error(run, 'anyOf', {}, at);
      }
    }
    if (Array.isArray(schema.oneOf)) {
      const results = (schema.oneOf as Schema[]).map((part, index) => sub(part, `oneOf/${index}`));
      const passing = results.flatMap((result, index) => (result.valid ? [index] : []));
      if (passing.length === 0) {
        run.errors.push(...results.flatMap((result) => result.errors));
        this.#error(run, 'oneOf', { passingSchemas: null }, at);
      } else if (passing.length > 1) this.#error(run, 'oneOf', { passingSchemas: passing.slice(0, 2) }, at);
    }
    if (schema.not !== undefined && sub(schema.not as Schema, 'not').valid) this.#error(run, 'not', {}, at);
    if (schema.if !== undefined && (schema.then !== undefined || schema.else !== undefined)) {
      const branch = sub(schema.if as Schema, 'if').valid ? 'then' : 'else';
      const target = schema[branch] as Schema | undefined;
      if (target !== undefined && !this.#check(target, data, at.path, `${at.schemaPath}/${branch}`, run))
        this.#error(run, 'if', { failingKeyword: branch }, at);
    }
  }
}
