import type { Store, StoreExpectation, StoreWrite } from '../ports.js';
import { assertExpectation, checkRevision, prepareWrites, revisionOf } from './commit-writes.js';
import { assertEntryCount, assertStoreName, toJsonText } from './store-ids.js';

/**
 * A Store in memory, for tests and throwaway runs. Documents and log entries are kept as JSON text,
 * the form the file store writes, so every `get` and `readLog` parses a fresh deep copy (a caller
 * cannot mutate what is stored) and values behave as after a round trip through disk: a Date comes
 * back as a string, an undefined property is gone.
 *
 * `commit` is atomic: it checks every write and the expectation, then applies them all in one
 * synchronous step, so nothing else runs in between and a refused commit changes nothing.
 */
export class MemoryStore implements Store {
  readonly atomicCommit = true;
  readonly #collections = new Map<string, Map<string, string>>();
  readonly #logs = new Map<string, Map<string, string[]>>();

  get<T>(collection: string, id: string): Promise<T | undefined> {
    return settle(() => {
      assertDocument(collection, id);
      const text = this.#collections.get(collection)?.get(id);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    });
  }

  put(collection: string, id: string, value: unknown): Promise<void> {
    return settle(() => {
      assertDocument(collection, id);
      const text = toJsonText(value, `document ${collection}/${id}`);
      slot(this.#collections, collection, () => new Map<string, string>()).set(id, text);
    });
  }

  delete(collection: string, id: string): Promise<void> {
    return settle(() => {
      assertDocument(collection, id);
      this.#collections.get(collection)?.delete(id);
    });
  }

  list(collection: string): Promise<string[]> {
    return settle(() => {
      assertStoreName('collection', collection);
      return [...(this.#collections.get(collection)?.keys() ?? [])].sort();
    });
  }

  append(log: string, id: string, entries: readonly unknown[]): Promise<void> {
    return settle(() => {
      assertLog(log, id);
      // Serialise every entry before storing any, so a refused entry leaves the log untouched.
      const lines = entries.map((entry, index) => toJsonText(entry, `entry ${index} for log ${log}/${id}`));
      slot(
        slot(this.#logs, log, () => new Map<string, string[]>()),
        id,
        () => [],
      ).push(...lines);
    });
  }

  readLog<T>(log: string, id: string): Promise<T[]> {
    return settle(() => {
      assertLog(log, id);
      return (this.#logs.get(log)?.get(id) ?? []).map((line) => JSON.parse(line) as T);
    });
  }

  truncateLog(log: string, id: string, count: number): Promise<void> {
    return settle(() => {
      assertLog(log, id);
      assertEntryCount(count);
      this.#logs.get(log)?.get(id)?.splice(count);
    });
  }

  commit(writes: readonly StoreWrite[], expect?: StoreExpectation): Promise<void> {
    return settle(() => {
      const prepared = prepareWrites(writes);
      if (expect !== undefined) {
        assertExpectation(expect);
        const text = this.#collections.get(expect.collection)?.get(expect.id);
        checkRevision(expect, revisionOf(text === undefined ? undefined : JSON.parse(text)));
      }
      for (const write of prepared) {
        if (write.kind === 'put') {
          slot(this.#collections, write.collection, () => new Map<string, string>()).set(write.id, write.text);
        } else if (write.kind === 'delete') {
          this.#collections.get(write.collection)?.delete(write.id);
        } else {
          slot(
            slot(this.#logs, write.log, () => new Map<string, string[]>()),
            write.id,
            () => [],
          ).push(...write.texts);
        }
      }
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Runs `work` now and reports its result or error as a promise, like the file store's async methods. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

function assertDocument(collection: string, id: string): void {
  assertStoreName('collection', collection);
  assertStoreName('id', id);
}

function assertLog(log: string, id: string): void {
  assertStoreName('log', log);
  assertStoreName('id', id);
}

function slot<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
