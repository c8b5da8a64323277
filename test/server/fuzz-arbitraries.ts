import fc from 'fast-check';

/** The parts of a form's JSON Schema the generator reads; anything else becomes arbitrary JSON. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: string;
}

const hostileText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '‮gpj.exe',
  '\ud800',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  'a'.repeat(5000),
  '九一三二〇〇〇〇',
);

/**
 * Data shaped like a form: mostly the form's own fields with values near what it accepts (its
 * choices, numbers around its bounds, its example) and sometimes anything at all, so validation is
 * exercised in depth rather than refused at the first field.
 */
export function formDataArbitrary(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const anything = fc.jsonValue({ maxDepth: 2 });
  if (depth > 4) return anything;
  const choices = [...(schema.enum ?? []), ...(schema.const !== undefined ? [schema.const] : [])];
  for (const option of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
    if (option.const !== undefined) choices.push(option.const);
  }
  const shaped = shapedArbitrary(schema, depth);
  const options: fc.Arbitrary<unknown>[] = [shaped];
  if (choices.length > 0) options.push(fc.constantFrom(...choices));
  if (schema.examples?.[0] !== undefined) options.push(fc.constant(schema.examples[0]));
  return fc.oneof({ weight: 6, arbitrary: fc.oneof(...options) }, { weight: 1, arbitrary: anything });
}

function shapedArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const fields = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, field]) => [name, formDataArbitrary(field, depth + 1)]),
      );
      return fc.record(fields, { requiredKeys: [] });
    }
    case 'array':
      return fc.array(schema.items === undefined ? fc.jsonValue() : formDataArbitrary(schema.items, depth + 1), {
        maxLength: 4,
      });
    case 'number':
    case 'integer': {
      const low = schema.minimum ?? -10;
      const high = schema.maximum ?? 1000;
      return fc.oneof(
        fc.double({ min: low - 10, max: high + 10, noNaN: true }),
        fc.constantFrom(low, high, low - 1, high + 1, 0, -0, 1e308),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: schema.maxLength === undefined ? 40 : schema.maxLength + 2 }),
        hostileText,
        fc.constantFrom('2024-04-01', '2024-02-30', '91320000134812345A', 'a'.repeat(64)),
      );
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
