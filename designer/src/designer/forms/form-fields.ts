/**
 * A form schema's top-level fields as rows a policy officer edits: title, type, required, choices
 * (`oneOf` of `const` + Chinese `title`), lengths and bounds. Composite fields (lists, objects) keep
 * their schema as it is and are edited as JSON.
 */
export type JsonSchema = Record<string, unknown>;

export const FIELD_KINDS = ['string', 'date', 'number', 'integer', 'boolean', 'attachment', 'complex'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface Choice {
  value: string;
  title: string;
}

export function fieldKind(schema: JsonSchema): FieldKind {
  const { type, format } = schema;
  if (type === 'string' && format === 'date') return 'date';
  if (type === 'string' && format === 'attachment-id') return 'attachment';
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  return 'complex';
}

const STRING_ONLY = ['minLength', 'maxLength', 'pattern', 'oneOf', 'enum', 'format'];
const NUMBER_ONLY = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

/** The field's schema with another kind: keywords of the old kind that do not apply are dropped. */
export function withKind(schema: JsonSchema, kind: FieldKind): JsonSchema {
  if (kind === 'complex') return { ...schema, type: 'array', items: { type: 'string', minLength: 1 } };
  const dropped = new Set([...STRING_ONLY, ...NUMBER_ONLY, 'items', 'properties', 'required', 'minItems', 'maxItems']);
  const kept = Object.fromEntries(Object.entries(schema).filter(([key]) => !dropped.has(key)));
  switch (kind) {
    case 'date':
      return { ...kept, type: 'string', format: 'date', maxLength: 10 };
    case 'attachment':
      return { ...kept, type: 'string', format: 'attachment-id' };
    default:
      return { ...kept, type: kind };
  }
}

/** Choices from `oneOf: [{ const, title }]` or a plain `enum`. */
export function choicesOf(schema: JsonSchema): Choice[] {
  if (Array.isArray(schema.oneOf))
    return (schema.oneOf as JsonSchema[])
      .filter((option) => option.const !== undefined)
      .map((option) => ({ value: String(option.const), title: typeof option.title === 'string' ? option.title : '' }));
  if (Array.isArray(schema.enum))
    return (schema.enum as unknown[]).map((value) => ({ value: String(value), title: '' }));
  return [];
}

/** Writes choices as `oneOf` with Chinese titles (none: no restriction). */
export function withChoices(schema: JsonSchema, choices: readonly Choice[]): JsonSchema {
  const { oneOf: _oneOf, enum: _enum, ...rest } = schema;
  if (choices.length === 0) return rest;
  return {
    ...rest,
    oneOf: choices.map((choice) => ({ const: choice.value, ...(choice.title !== '' && { title: choice.title }) })),
  };
}

/** A keyword set to a number, or removed when the number is cleared. */
export function withNumber(schema: JsonSchema, keyword: string, value: number | null): JsonSchema {
  const { [keyword]: _old, ...rest } = schema;
  return value === null ? rest : { ...rest, [keyword]: value };
}

export function withText(schema: JsonSchema, keyword: string, value: string): JsonSchema {
  const { [keyword]: _old, ...rest } = schema;
  return value === '' ? rest : { ...rest, [keyword]: value };
}

export function propertiesOf(form: JsonSchema): Record<string, JsonSchema> {
  return (form.properties ?? {}) as Record<string, JsonSchema>;
}

export function requiredOf(form: JsonSchema): string[] {
  return Array.isArray(form.required) ? (form.required as string[]) : [];
}

/** The form with one field's schema replaced (or added at the end). */
export function withField(form: JsonSchema, key: string, schema: JsonSchema): JsonSchema {
  return { ...form, properties: { ...propertiesOf(form), [key]: schema } };
}

export function withoutField(form: JsonSchema, key: string): JsonSchema {
  const { [key]: _removed, ...properties } = propertiesOf(form);
  const required = requiredOf(form).filter((name) => name !== key);
  return { ...form, properties, required };
}

export function withRequired(form: JsonSchema, key: string, required: boolean): JsonSchema {
  const others = requiredOf(form).filter((name) => name !== key);
  const order = Object.keys(propertiesOf(form));
  const next = required ? [...others, key].sort((a, b) => order.indexOf(a) - order.indexOf(b)) : others;
  return { ...form, required: next };
}

/** The form's `examples[0]` (the validator requires a complete, valid one). */
export function exampleOf(form: JsonSchema): unknown {
  return Array.isArray(form.examples) ? (form.examples as unknown[])[0] : undefined;
}

export function withExample(form: JsonSchema, example: unknown): JsonSchema {
  const rest = Array.isArray(form.examples) ? (form.examples as unknown[]).slice(1) : [];
  return { ...form, examples: [example, ...rest] };
}
