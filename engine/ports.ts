/**
 * The engine's outside world (STYLE.md): storage, time and ids come in through these ports, so a
 * test swaps a store or runs four years of a lifecycle on a simulated clock in seconds.
 */

/**
 * Durable storage: JSON documents and append-only logs, each addressed by a collection and an id.
 * Ids are plain names (letters, digits, `.`, `_`, `-`; no leading dot); anything else is refused.
 * Values must be JSON (undefined, functions, cycles and BigInt are refused with `validation`) and
 * come back in their JSON form. One `append` is not atomic across a crash (a prefix of its entries
 * may survive): callers that need all-or-nothing count what they committed and `truncateLog` the
 * rest, as the case repository does.
 *
 * Durability: a write's promise resolves only once the write would survive a crash of the process
 * and, for a durable store, a power loss (LowdbStore fsyncs the file and its folder).
 * Damage: a record that cannot be read back whole (a truncated document, a log line before the last
 * that is not JSON) is never guessed at or skipped silently: `get`/`readLog` reject with EngineError
 * `damaged` whose context is a StoreDamage (engine/store/damage.ts: `file`, `name`, `id`, `line?`);
 * the rest of the store stays readable, and `list` still names a damaged document. Callers
 * quarantine what is damaged (the engine: the case; accounts: the user) and go on.
 * Every implementation passes the same contract suite (test/store/store-contract.ts).
 */
export interface Store {
  /** A document, or undefined when there is none; rejects with `damaged` when it cannot be read. */
  get<T>(collection: string, id: string): Promise<T | undefined>;
  /** Writes a document atomically: a reader sees the old or the new one, never a mix or a torn file. */
  put(collection: string, id: string, value: unknown): Promise<void>;
  /** Removes a document; removing a missing one is not an error. */
  delete(collection: string, id: string): Promise<void>;
  /** The ids of a collection's documents, sorted. */
  list(collection: string): Promise<string[]>;
  /** Appends entries to a log, in order. */
  append(log: string, id: string, entries: readonly unknown[]): Promise<void>;
  /**
   * Every entry of a log, oldest first; an empty list when there is none. An unterminated last entry
   * (a crash mid-append) is not an entry; an unreadable one before it rejects with `damaged`.
   */
  readLog<T>(log: string, id: string): Promise<T[]>;
  /** Keeps the first `count` entries (drops what an interrupted transition appended). */
  truncateLog(log: string, id: string, count: number): Promise<void>;
  /** Waits for pending writes; the store is not used afterwards. */
  close(): Promise<void>;
}

/** Where "now" comes from. The engine never reads the machine's clock itself. */
export interface Clock {
  now(): Date;
}

/** New ids for cases, task instances and incidents. */
export interface IdGenerator {
  next(kind: 'case' | 'task' | 'incident'): string;
}
