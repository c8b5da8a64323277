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
 * Transactions: `commit` takes a transition's writes (documents, deletions, log entries) and an
 * optional expectation on one document's `revision` (optimistic concurrency). What is atomic depends
 * on the store, and is said by each: PostgresStore commits them in one database transaction;
 * LowdbStore and MemoryStore check the expectation and refuse bad input before writing anything,
 * then apply the writes in the order given — on LowdbStore a crash may leave a prefix of them, so a
 * caller puts its commit point last (the case repository does: the case record is its last write).
 * Every implementation passes the same contract suite (test/store/store-contract.ts).
 */
export interface Store {
  /**
   * True when `commit` is all-or-nothing even across a crash (PostgresStore, MemoryStore): nothing
   * half-written can be read back, so callers never clean up after an interrupted commit — and must
   * not, since with several processes on one database a log longer than the record just read is
   * another process's commit, not debris.
   */
  readonly atomicCommit: boolean;
  /**
   * Present on a store several processes may share (PostgresStore): what they need to act as one
   * system. Absent (LowdbStore, MemoryStore): this process is the only writer.
   */
  readonly shared?: SharedCases;
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
  /**
   * Applies `writes` as one unit (see above). With `expect`, the document it names must hold a number
   * `revision` equal to `expect.revision` (null: the document must not exist); otherwise the commit
   * rejects with EngineError `conflict` and writes nothing: a second writer that read the same
   * revision never overwrites the first (no lost update). A write that would be refused on its own
   * (`validation`: a bad name, a value with no JSON form) refuses the whole commit, nothing written.
   */
  commit(writes: readonly StoreWrite[], expect?: StoreExpectation): Promise<void>;
  /** Waits for pending writes; the store is not used afterwards. */
  close(): Promise<void>;
}

/**
 * What several processes on one store share beyond documents: which cases the others changed, and
 * who fires which due timers. The timer lease only keeps processes from doing the same work twice;
 * that a timer fires once rests on the case revision every commit checks.
 */
export interface SharedCases {
  /**
   * The case records committed (by any process) since `cursor` — undefined: every case — and the
   * cursor to ask from next. A record may come more than once; callers keep the higher revision.
   */
  changedSince(cursor: string | undefined): Promise<{ records: unknown[]; cursor: string }>;
  /**
   * Leases to `holder` for `leaseMs` up to `limit` running cases with the earliest timers due by
   * `now` that no other holder's lease covers, earliest first; empty when there is none to take.
   */
  claimDueTimers(now: Date, holder: string, leaseMs: number, limit: number): Promise<string[]>;
  /** Ends the holder's lease on a case (a lease of another holder is left alone). */
  releaseTimer(caseId: string, holder: string): Promise<void>;
  /** How many running cases have a timer due by `now`, leased or not. */
  dueTimerCases(now: Date): Promise<number>;
  /** Rate-limit counters every process sees at once (a login's failures, a sender's objections). */
  readonly counters: RateCounters;
}

/** A rate-limit counter: hits, and instants in milliseconds on the counters' own clock. */
export interface RateCounter {
  count: number;
  /** When it was last changed. */
  last: number;
  /** From this instant on the counter is gone: it reads as absent. */
  expires: number;
}

/** What a `RateCounters.update` decides: the counters to write (undefined: delete) and its answer. */
export interface RateCounterChange<T> {
  set: ReadonlyMap<string, RateCounter | undefined>;
  result: T;
}

/**
 * Counters that rate limits read and change in one step. `update` hands the live counters among
 * `keys` (absent: none, or expired) and the counters' clock to `change`, writes what it decides and
 * answers its result; no other update of those keys — in this process or another on the same
 * store — comes between the read and the write, so concurrent requests cannot all slip under a
 * limit. The clock is the counters' own (the database's on PostgreSQL), never the case clock.
 */
export interface RateCounters {
  update<T>(
    keys: readonly string[],
    change: (current: ReadonlyMap<string, RateCounter>, now: number) => RateCounterChange<T>,
  ): Promise<T>;
}

/** One write of a `Store.commit`: what `put`, `delete` or `append` would do on its own. */
export type StoreWrite =
  | { kind: 'put'; collection: string; id: string; value: unknown }
  | { kind: 'delete'; collection: string; id: string }
  | { kind: 'append'; log: string; id: string; entries: readonly unknown[] };

/** Optimistic concurrency for a commit: the revision the writer read (null: it read no document). */
export interface StoreExpectation {
  collection: string;
  id: string;
  revision: number | null;
}

/** Where "now" comes from. The engine never reads the machine's clock itself. */
export interface Clock {
  now(): Date;
}

/** New ids for cases, task instances and incidents. */
export interface IdGenerator {
  next(kind: 'case' | 'task' | 'incident'): string;
}
