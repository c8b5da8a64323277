import { EngineError, isEngineError } from '../errors.js';
import type { StoreExpectation, StoreWrite } from '../ports.js';
import { assertStoreName, toJsonText } from './store-ids.js';

/** A StoreWrite checked and turned into the JSON text a store keeps. */
export type PreparedWrite =
  | { kind: 'put'; collection: string; id: string; text: string }
  | { kind: 'delete'; collection: string; id: string }
  | { kind: 'append'; log: string; id: string; texts: string[] };

/**
 * Checks every write of a commit (names, JSON form) before any is applied, so a refused one leaves
 * the store untouched: throws `validation` for the first bad write.
 */
export function prepareWrites(writes: readonly StoreWrite[]): PreparedWrite[] {
  return writes.map((write) => {
    switch (write.kind) {
      case 'put':
        assertStoreName('collection', write.collection);
        assertStoreName('id', write.id);
        return {
          kind: 'put',
          collection: write.collection,
          id: write.id,
          text: toJsonText(write.value, `document ${write.collection}/${write.id}`),
        };
      case 'delete':
        assertStoreName('collection', write.collection);
        assertStoreName('id', write.id);
        return { kind: 'delete', collection: write.collection, id: write.id };
      case 'append':
        assertStoreName('log', write.log);
        assertStoreName('id', write.id);
        return {
          kind: 'append',
          log: write.log,
          id: write.id,
          texts: write.entries.map((entry, index) =>
            toJsonText(entry, `entry ${index} for log ${write.log}/${write.id}`),
          ),
        };
      default:
        throw new EngineError('validation', `unknown store write ${JSON.stringify(write)}`, { write });
    }
  });
}

export function assertExpectation(expect: StoreExpectation): void {
  assertStoreName('collection', expect.collection);
  assertStoreName('id', expect.id);
  const { revision } = expect;
  if (revision !== null && (typeof revision !== 'number' || !Number.isSafeInteger(revision))) {
    throw new EngineError('validation', `invalid expected revision ${String(revision)}`, { revision });
  }
}

/** The revision a stored document holds: null when there is none, NaN when it has no number `revision`. */
export function revisionOf(document: unknown): number | null {
  if (document === undefined) return null;
  if (typeof document === 'object' && document !== null && 'revision' in document) {
    const { revision } = document;
    if (typeof revision === 'number') return revision;
  }
  return Number.NaN;
}

/** Throws `conflict` unless the stored revision (see revisionOf) is the one the writer read. */
export function checkRevision(expect: StoreExpectation, found: number | null): void {
  if (found === expect.revision) return;
  const shown = (revision: number | null) => (revision === null ? '无' : Number.isNaN(revision) ? '未知' : revision);
  throw new EngineError(
    'conflict',
    `${expect.collection}/${expect.id} 已被另一次操作修改（读取时为第 ${shown(expect.revision)} 版，现为第 ${shown(found)} 版），请刷新后重试`,
    {
      collection: expect.collection,
      id: expect.id,
      expected: expect.revision,
      found: found === null || Number.isNaN(found) ? null : found,
    },
  );
}

/** Whether an error is checkRevision's refusal: another writer committed the document first. */
export function isRevisionConflict(error: unknown): boolean {
  return isEngineError(error, 'conflict') && 'expected' in error.context && 'found' in error.context;
}

/**
 * Runs work on keys one after another in call order: a job waits for every earlier job that shares a
 * key with it. A key is forgotten once nothing is pending on it, so memory does not grow with the data.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const before = unique.map((key) => this.#tails.get(key) ?? Promise.resolve());
    const result = Promise.all(before).then(work);
    const tail = result.then(ignore, ignore);
    for (const key of unique) this.#tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}

function ignore(): void {
  // A failed job is reported to its caller; the jobs queued after it still run.
}
