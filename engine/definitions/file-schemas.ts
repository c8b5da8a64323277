/**
 * JSON Schemas of the definition files themselves (manifest, rules, indicators, directory), checked
 * with the same Ajv as the forms so every problem comes with a JSON Pointer.
 */

const text = { type: 'string', minLength: 1 } as const;
const article = { type: 'string', pattern: '^Art\\. \\d+$' } as const;
const name = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]*$' } as const;
const date = { type: 'string', format: 'date' } as const;

export const MANIFEST_SCHEMA = {
  type: 'object',
  required: ['process', 'version', 'title', 'effectiveFrom', 'basis', 'calendar', 'statuses', 'dates', 'groups'],
  additionalProperties: false,
  properties: {
    process: name,
    version: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    title: text,
    effectiveFrom: date,
    basis: text,
    calendar: name,
    /** The form field naming the case's subject (the park's name), shown in lists and notices. */
    subjectName: name,
    statuses: {
      type: 'object',
      minProperties: 1,
      propertyNames: name,
      additionalProperties: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: { title: text, article, final: { type: 'boolean' } },
      },
    },
    dates: {
      type: 'object',
      propertyNames: name,
      additionalProperties: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: { title: text, article },
      },
    },
    groups: {
      type: 'object',
      minProperties: 1,
      propertyNames: name,
      additionalProperties: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: {
          title: text,
          article,
          scope: { enum: ['park', 'province', 'element'] },
          directory: name,
          members: { type: 'object', minProperties: 1, propertyNames: name, additionalProperties: text },
          supervises: { enum: ['all', 'subject'] },
        },
      },
    },
    /** Groups that may read the public's submissions and senders (engine/redaction). */
    publicSubmissionReaders: { type: 'array', uniqueItems: true, items: name },
  },
} as const;

export const RULES_SCHEMA = {
  type: 'object',
  propertyNames: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' },
  additionalProperties: {
    type: 'object',
    required: ['value', 'article', 'title'],
    additionalProperties: false,
    properties: {
      value: {
        anyOf: [
          { type: 'string' },
          { type: 'number' },
          { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, uniqueItems: true },
        ],
      },
      article,
      title: text,
    },
  },
} as const;

const indicator = {
  type: 'object',
  required: ['id', 'dimension', 'title', 'article', 'maxScore', 'guidance'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]*$', maxLength: 64 },
    dimension: text,
    title: text,
    article,
    maxScore: { type: 'number', exclusiveMinimum: 0 },
    guidance: text,
  },
} as const;

export const INDICATORS_SCHEMA = {
  type: 'object',
  required: ['illustrative', 'passScore', 'variantField', 'variants', 'vetoes'],
  additionalProperties: false,
  properties: {
    illustrative: { type: 'boolean' },
    note: text,
    article,
    passScore: { type: 'number', exclusiveMinimum: 0 },
    variantField: name,
    dimensions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title'],
        additionalProperties: false,
        properties: { id: name, title: text, article },
      },
    },
    variants: {
      type: 'object',
      minProperties: 1,
      propertyNames: name,
      additionalProperties: { type: 'array', minItems: 1, items: indicator },
    },
    vetoes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'article'],
        additionalProperties: false,
        properties: { id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]*$', maxLength: 64 }, title: text, article },
      },
    },
  },
} as const;

export const DIRECTORY_SCHEMA = {
  type: 'object',
  required: ['title', 'entries'],
  additionalProperties: false,
  properties: {
    title: text,
    note: text,
    entries: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'name'],
        additionalProperties: false,
        properties: { code: text, name: text },
      },
    },
  },
} as const;
