// JSON values as JSON Schema compares them (for interpreting-ajv.ts).

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => equal(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return false;
}

/**
 * The first duplicate as Ajv reports it: scanning from the end, for items declared scalar the earlier
 * index `i` and the later `j` it repeats; otherwise the later `i` and the earlier `j`.
 */
export function duplicateOf(items: readonly unknown[], itemSchema: unknown): { i: number; j: number } | undefined {
  const declared = isObject(itemSchema) ? itemSchema.type : undefined;
  const types = declared === undefined ? [] : Array.isArray(declared) ? declared : [declared];
  // Ajv's shortcut when the item schema declares only scalar types.
  if (types.length > 0 && !types.some((type) => type === 'object' || type === 'array')) {
    const seen = new Map<string, number>();
    for (let i = items.length - 1; i >= 0; i -= 1) {
      const key = `${typeOf(items[i])}:${String(items[i])}`;
      const j = seen.get(key);
      if (j !== undefined) return { i, j };
      seen.set(key, i);
    }
    return undefined;
  }
  for (let i = items.length - 1; i > 0; i -= 1)
    for (let j = i - 1; j >= 0; j -= 1) if (equal(items[i], items[j])) return { i, j };
  return undefined;
}

export const escapeToken = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
