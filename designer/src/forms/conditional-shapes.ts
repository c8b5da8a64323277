/**
 * The forms' conditional shapes, made fit for rjsf. Review forms say "a comment is required unless the
 * decision is approve" as `if: { decision: approve }, else: { properties: { comments: true }, required:
 * [comments] }` (and the same with `then`, inside `allOf`, or on a `not const` condition). For Ajv the
 * `comments: true` is a no-op; rjsf, resolving the branch, merges it over the field's own schema and
 * the field becomes `true`: it disappears, its value is dropped, and the `required` it carries can no
 * longer be met on screen. Removing those no-op entries renders the field with its own schema and
 * validates exactly as before.
 */

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose values are schemas (one, a list, or a map of them) that may hold a branch. */
const ONE = ['if', 'then', 'else', 'not', 'items', 'additionalProperties', 'contains'] as const;
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs'] as const;

/**
 * `properties: { x: true }` constrains nothing; it only marks `x` as evaluated, which matters to
 * `unevaluatedProperties` alone. A form using that keyword keeps its entries.
 */
function usesUnevaluated(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesUnevaluated);
  if (!isSchema(value)) return false;
  return 'unevaluatedProperties' in value || Object.values(value).some(usesUnevaluated);
}

function withoutTrueProperties(schema: Schema): Schema {
  const result: Schema = { ...schema };
  // Beside `additionalProperties` an entry does matter: it lets the field in.
  if (isSchema(schema.properties) && !('additionalProperties' in schema) && !('patternProperties' in schema)) {
    const kept = Object.entries(schema.properties).filter(([, property]) => property !== true);
    if (kept.length === 0 && Object.keys(schema.properties).length > 0) delete result.properties;
    else result.properties = Object.fromEntries(kept);
  }
  for (const key of ONE) if (isSchema(schema[key])) result[key] = withoutTrueProperties(schema[key]);
  for (const key of LIST) {
    const list = schema[key];
    if (Array.isArray(list))
      result[key] = (list as unknown[]).map((item) => (isSchema(item) ? withoutTrueProperties(item) : item));
  }
  for (const key of MAP) {
    const map = result[key];
    if (isSchema(map))
      result[key] = Object.fromEntries(
        Object.entries(map).map(([name, item]) => [name, isSchema(item) ? withoutTrueProperties(item) : item]),
      );
  }
  return result;
}

/** The schema rjsf renders: the same validation, without `{ field: true }` entries that hide fields. */
export function schemaForRendering(schema: Schema): Schema {
  return usesUnevaluated(schema) ? schema : withoutTrueProperties(schema);
}
