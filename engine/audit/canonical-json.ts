import { EngineError } from '../errors.js';

/**
 * JSON text for hashing: every object's keys sorted by UTF-16 code units (the order RFC 8785 uses),
 * arrays in their own order, no whitespace. The same data gives the same text whatever order its keys
 * were written in.
 *
 * Values are taken the way JSON.stringify takes them (toJSON applied, so a Date is its ISO string;
 * undefined and function properties left out, in arrays written as null; non-finite numbers as null),
 * so a value hashes the same before and after a round trip through a store.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, '', new Set());
  if (text === undefined) throw new EngineError('validation', `a value of type ${typeof value} has no JSON form`);
  return text;
}

function write(raw: unknown, key: string, ancestors: Set<object>): string | undefined {
  const value = applyToJson(raw, key);
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'bigint') throw new EngineError('validation', `a BigInt (at "${key}") has no JSON form`);
  if (typeof value !== 'object') return undefined; // undefined, a function or a symbol: no JSON form
  if (ancestors.has(value)) throw new EngineError('validation', `a value refers to itself (at "${key}")`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown, index) => write(item, String(index), ancestors) ?? 'null').join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .flatMap((name) => {
        const text = write(record[name], name, ancestors);
        return text === undefined ? [] : [`${JSON.stringify(name)}:${text}`];
      });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function applyToJson(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null && 'toJSON' in value && typeof value.toJSON === 'function') {
    return (value.toJSON as (key: string) => unknown).call(value, key);
  }
  return value;
}
