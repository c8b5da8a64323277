/**
 * JSON Schemas of the definition files themselves (manifest, rules, indicators, directory), checked
 * with the same Ajv as the forms so every problem comes with a JSON Pointer.
 */

const text = { type: 'string', minLength: 1 } as const;
const article = { type: 'string', pattern: '^Art\\. \\d+$' } as const;
const name = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]*$' } as const;
const date = { type: 'string', format: 'date' } as const;
/** A subject's or region's name: a word clients write as a JSON key and a role's group (`park`). */
const scopeName = { type: 'string', pattern: '^[a-z][a-z0-9]*$' } as const;

export const MANIFEST_SCHEMA = {
  type: 'object',
  required: [
    'process',
    'version',
    'title',
    'effectiveFrom',
    'basis',
    'calendar',
    'subject',
    'region',
    'statuses',
    'dates',
    'groups',
  ],
  additionalProperties: false,
  properties: {
    process: name,
    version: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    title: text,
    effectiveFrom: date,
    basis: text,
    calendar: name,
    /** Who a case is about: the name clients use (`park`) and the title people read (`园区`). */
    subject: {
      type: 'object',
      required: ['name', 'title'],
      additionalProperties: false,
      properties: { name: scopeName, title: text },
    },
    /** Through whom a case goes (`province`), and the directory file listing its valid codes. */
    region: {
      type: 'object',
      required: ['name', 'title'],
      additionalProperties: false,
      properties: { name: scopeName, title: text, directory: name },
    },
    /** How many cases of the process one subject may have open at once (none: any number). */
    openCasesPerSubject: { type: 'integer', minimum: 1 },
    /** How many working days before a task's due date its holders are warned and the board shows it yellow (none: five). */
    dueSoonWorkingDays: { type: 'integer', minimum: 1, maximum: 60 },
    /** Parts of the diagram run as sub-processes (engine/definitions/execution-phases.ts). */
    executionPhases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'entry'],
        additionalProperties: false,
        properties: { name, entry: text, exit: text },
      },
    },
    /** What the public notices page offers: the message anyone may send, and the key naming the subject. */
    publicNotice: {
      type: 'object',
      required: ['message'],
      additionalProperties: false,
      properties: {
        message: name,
        subjectNameField: name,
        // What the notices page says of the programme's notices: all four, or none (its own words).
        title: text,
        articles: { type: 'array', minItems: 1, items: article },
        objectionArticle: article,
        reviewer: name,
      },
      dependentRequired: {
        title: ['articles', 'objectionArticle', 'reviewer'],
        articles: ['title'],
        objectionArticle: ['title'],
        reviewer: ['title'],
      },
    },
    /** What the workbench's button that starts a case says (none: the workbench's own words). */
    startTitle: text,
    /** The programme's name as the web app heads its pages and tabs (none: the web app's own). */
    shortTitle: text,
    /** The form field naming the case's subject (the subject's name), shown in lists and notices. */
    subjectName: name,
    /** What the statistics page counts: the date a subject holds the designation from, and its type. */
    statistics: {
      type: 'object',
      additionalProperties: false,
      properties: { designationDate: name, subjectTypeField: name },
    },
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
        properties: { title: text, article, event: { type: 'boolean' } },
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
          // The declared subject's or region's name, or `element` (checked against them by the validator).
          scope: name,
          /** This group is anyone at all, without an account (at most one group; never scoped). */
          anyone: { const: true },
          directory: name,
          members: { type: 'object', minProperties: 1, propertyNames: name, additionalProperties: text },
          supervises: { enum: ['all', 'subject'] },
          sees: { const: 'assigned' },
        },
      },
    },
    /** Groups that may read the public's submissions and senders (engine/redaction). */
    publicSubmissionReaders: { type: 'array', uniqueItems: true, items: name },
    /**
     * The document a revision rests on (issue 12): its title, 文号, date of issue and where it is
     * published. Written by the designer when a draft is published; absent in a first version.
     */
    revision: {
      type: 'object',
      required: ['title', 'documentNumber', 'issuedOn', 'url'],
      additionalProperties: false,
      properties: {
        title: text,
        documentNumber: text,
        issuedOn: date,
        url: { type: 'string', pattern: '^https?://[^\\s]+$' },
      },
    },
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
