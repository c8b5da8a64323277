type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * RFC 7396 JSON Merge Patch: objects merge recursively, `null` removes a key, arrays and scalars replace,
 * and a patch that is not an object replaces the whole target. The scenario runner applies a step's `data`
 * to the form's `examples[0]` this way (CONTRACT §5). Returns a new value sharing nothing with its inputs.
 *
 * Written here rather than taken from `json-merge-patch`: that package mutates its target, puts parts of
 * the patch into the result by reference, ships no types, and on a key named `constructor`, `prototype` or
 * `__proto__` silently stops applying the rest of the patch. Keys go through a Map and `Object.fromEntries`,
 * so a `__proto__` key stays an ordinary data property.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const merged = new Map<string, unknown>(isObject(target) ? Object.entries(structuredClone(target)) : []);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, applyMergePatch(merged.get(key), value));
  }
  return Object.fromEntries(merged);
}
