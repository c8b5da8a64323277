import { EngineError } from '../errors.js';

/** What a name addresses; it appears in the error so the caller sees which argument was refused. */
export type StoreNameKind = 'collection' | 'log' | 'id';

/**
 * A plain file name: letters, digits, `.`, `_`, `-`, at most 128 characters, no leading dot. Names
 * become path segments in the file store, so this is what keeps `../x`, `a/b`, NUL and hidden files
 * (including the writer's `.<name>.tmp` temp files) out of it. `.` and `..` fail the first character.
 */
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** True when `name` is a valid collection, log or document name. */
export function isStoreName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/** Throws `validation` naming the refused value unless `name` is a valid store name. */
export function assertStoreName(kind: StoreNameKind, name: unknown): asserts name is string {
  if (!isStoreName(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name) : typeof name;
    throw new EngineError('validation', `invalid store ${kind} ${shown}: use 1-128 letters, digits, ".", "_", "-"`, {
      kind,
      name,
    });
  }
}

/** Throws `validation` unless `count` (entries to keep in a log) is a whole number ≥ 0. */
export function assertEntryCount(count: unknown): asserts count is number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new EngineError('validation', `invalid log entry count ${String(count)}: use a whole number ≥ 0`, { count });
  }
}

/**
 * The JSON text a document or log entry is stored as. Both stores keep exactly this form, so a Date
 * comes back as a string and an undefined property is dropped in memory as on disk; a value with no
 * JSON form (undefined, a function, a cycle, a BigInt) is refused instead of being stored as nothing.
 */
export function toJsonText(value: unknown, where: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new EngineError('validation', `${where} is not JSON-serialisable`, { where }, { cause });
  }
  // JSON.stringify's declared return type omits the undefined it returns for undefined and functions.
  if ((text as string | undefined) === undefined) {
    throw new EngineError('validation', `${where} has no JSON form`, { where });
  }
  return text;
}
