import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TextFile } from 'lowdb/node';
import type { Store, StoreExpectation, StoreWrite } from '../ports.js';
import { assertExpectation, checkRevision, KeyedQueue, prepareWrites, revisionOf } from './commit-writes.js';
import { damagedError, type DamageListener, type StoreDamage } from './damage.js';
import { DurableFiles } from './durable-files.js';
import { assertEntryCount, assertStoreName, isStoreName, toJsonText } from './store-ids.js';

const NEWLINE = 0x0a;

/**
 * The embedded Store: one JSON file per document, `<dir>/<collection>/<id>.json`, so the cost of a
 * write does not grow with the number of documents; one JSON Lines file per log, `<dir>/<log>/<id>.jsonl`.
 *
 * A document is written to a temp file beside the target (`.<id>.json.tmp`) and renamed over: a
 * reader or a crash sees the old or the new document, never a torn one. A log entry counts once its
 * newline is on disk: `readLog` ignores an unterminated last line (a crash mid-append) and the next
 * `append` cuts it off. Writes to one file run one after another in call order (see WriteQueue).
 *
 * Durability: by default every write is fsynced — the file, and the folder whose entries it changed —
 * before its promise resolves, so what was acknowledged survives a power loss (`fsync: false` drops
 * that guarantee for scratch stores). Writes are synchronous: a transition's few small files cost far
 * less than a trip each through libuv's thread pool, and the engine's work between them is
 * synchronous anyway (the cost of the flushes is measured in the README's Storage section).
 *
 * A file that cannot be read back (a document that is not JSON, a log line before the last that is
 * not) is reported as `damaged` with its path, and told to `onDamaged` — never guessed at.
 *
 * `commit` (a transition) is NOT atomic across a crash; exactly this holds: every write is checked
 * (names, JSON form) and the expectation compared with the stored document's `revision` before
 * anything is written — a refused or conflicting commit writes nothing — and commits guarded on the
 * same document run one at a time in this process, so of two writers that read the same revision
 * the second gets `conflict`. The writes then land one after another in the order given, each
 * durable before the next starts; a crash (or a failing disk) part-way leaves a prefix of them. The
 * caller puts its commit point last: the case repository appends audit and submission entries and
 * writes the process state first, the case record last, and drops on load whatever an interrupted
 * commit left beyond what the record counts.
 *
 * One store per directory: nothing locks the files against a second process writing the same ones
 * (so the revision check holds within one process only).
 */
export class LowdbStore implements Store {
  readonly atomicCommit = false;
  readonly #dir: string;
  readonly #writes = new WriteQueue();
  /** Commits guarded on one document, one at a time (the revision check and the writes). */
  readonly #guards = new KeyedQueue();
  /** Revisions of guarded documents as last written or read (see #revision). */
  readonly #revisions = new Map<string, number | null>();
  /** Folders known to exist, and logs known to end with a newline (checked once per process). */
  readonly #folders = new Set<string>();
  readonly #cleanLogs = new Set<string>();

  readonly #files: DurableFiles;
  readonly #onDamaged: DamageListener;

  /** `dir` is created, with the collection and log folders inside it, on the first write. */
  constructor(dir: string, options: { fsync?: boolean; onDamaged?: DamageListener } = {}) {
    this.#dir = dir;
    this.#files = new DurableFiles(options.fsync ?? true);
    this.#onDamaged = options.onDamaged ?? ignore;
  }

  get dir(): string {
    return this.#dir;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const file = this.#documentFile(collection, id);
    const text = await new TextFile(file).read();
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw this.#damaged({ file, name: collection, id, reason: 'not JSON (truncated or overwritten)' }, cause);
    }
  }

  async put(collection: string, id: string, value: unknown): Promise<void> {
    this.#documentFile(collection, id);
    await this.#putText(collection, id, toJsonText(value, `document ${collection}/${id}`), revisionOf(value));
  }

  async #putText(collection: string, id: string, text: string, revision: number | null): Promise<void> {
    const file = this.#documentFile(collection, id);
    const key = `${collection}/${id}`;
    if (this.#revisions.has(key)) this.#revisions.set(key, revision);
    await this.#writes
      .run(file, () => {
        this.#folder(dirname(file));
        this.#files.replace(file, text);
        return Promise.resolve();
      })
      .catch((error: unknown) => {
        this.#revisions.delete(key);
        throw error;
      });
  }

  async delete(collection: string, id: string): Promise<void> {
    const file = this.#documentFile(collection, id);
    const key = `${collection}/${id}`;
    if (this.#revisions.has(key)) this.#revisions.set(key, null);
    await this.#writes
      .run(file, () => {
        this.#files.remove(file);
        return Promise.resolve();
      })
      .catch((error: unknown) => {
        this.#revisions.delete(key);
        throw error;
      });
  }

  async list(collection: string): Promise<string[]> {
    assertStoreName('collection', collection);
    let names: string[];
    try {
      names = await readdir(join(this.#dir, collection));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    // Skips the logs sharing the folder (`.jsonl`) and temp files (`.x.json.tmp`, refused as ids).
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isStoreName)
      .sort();
  }

  async append(log: string, id: string, entries: readonly unknown[]): Promise<void> {
    this.#logFile(log, id);
    await this.#appendTexts(
      log,
      id,
      entries.map((entry, index) => toJsonText(entry, `entry ${index} for log ${log}/${id}`)),
    );
  }

  async #appendTexts(log: string, id: string, texts: readonly string[]): Promise<void> {
    const file = this.#logFile(log, id);
    // All entries of one call go out in one write, each ending with the newline that commits it.
    const text = texts.map((line) => line + '\n').join('');
    if (text === '') return;
    await this.#writes.run(file, () => {
      this.#folder(dirname(file));
      let created = false;
      if (!this.#cleanLogs.has(file)) {
        created = !cutTornLine(file);
        this.#cleanLogs.add(file);
      }
      this.#files.append(file, text, created);
      return Promise.resolve();
    });
  }

  async readLog<T>(log: string, id: string): Promise<T[]> {
    const file = this.#logFile(log, id);
    const text = await new TextFile(file).read();
    return completeLines(text ?? '').map((line, index) => {
      try {
        return JSON.parse(line) as T;
      } catch (cause) {
        throw this.#damaged({ file, name: log, id, line: index + 1, reason: 'a line is not JSON' }, cause);
      }
    });
  }

  async truncateLog(log: string, id: string, count: number): Promise<void> {
    const file = this.#logFile(log, id);
    assertEntryCount(count);
    await this.#writes.run(file, async () => {
      const adapter = new TextFile(file);
      const text = await adapter.read();
      if (text === null) return;
      const kept = completeLines(text).slice(0, count);
      const rewritten = kept.map((line) => line + '\n').join('');
      // Rewritten through a temp file and a rename, like a document, so a crash keeps the old log whole.
      if (rewritten !== text) this.#files.replace(file, rewritten);
      this.#cleanLogs.add(file);
    });
  }

  async commit(writes: readonly StoreWrite[], expect?: StoreExpectation): Promise<void> {
    const prepared = prepareWrites(writes);
    if (expect !== undefined) assertExpectation(expect);
    const apply = async (): Promise<void> => {
      if (expect !== undefined) checkRevision(expect, await this.#revision(expect.collection, expect.id));
      for (const [index, write] of prepared.entries()) {
        const original = writes[index];
        if (write.kind === 'put') {
          const revision = original?.kind === 'put' ? revisionOf(original.value) : Number.NaN;
          await this.#putText(write.collection, write.id, write.text, revision);
        } else if (write.kind === 'delete') await this.delete(write.collection, write.id);
        else await this.#appendTexts(write.log, write.id, write.texts);
      }
    };
    await (expect === undefined ? apply() : this.#guards.run([`${expect.collection}/${expect.id}`], apply));
  }

  /**
   * The revision of a guarded document: read from its file the first time, then kept in memory and
   * updated by every put and delete of it through this store (one store per directory), so a commit
   * does not read the record it is about to replace. A failed write forgets it (read again next time).
   */
  async #revision(collection: string, id: string): Promise<number | null> {
    const key = `${collection}/${id}`;
    const known = this.#revisions.get(key);
    if (known !== undefined || this.#revisions.has(key)) return known ?? null;
    const found = revisionOf(await this.get(collection, id));
    this.#revisions.set(key, found);
    return found;
  }

  async close(): Promise<void> {
    await this.#guards.idle();
    await this.#writes.idle();
  }

  #folder(dir: string): void {
    if (this.#folders.has(dir)) return;
    const created = mkdirSync(dir, { recursive: true });
    // A new folder is an entry in its parent (and the data folder in its own parent): flushed too.
    if (created !== undefined)
      for (let up = dir; up !== dirname(created); up = dirname(up)) this.#files.syncFolder(dirname(up));
    this.#folders.add(dir);
  }

  #damaged(damage: StoreDamage, cause: unknown): Error {
    this.#onDamaged(damage);
    return damagedError(damage, cause);
  }

  #documentFile(collection: string, id: string): string {
    assertStoreName('collection', collection);
    assertStoreName('id', id);
    return join(this.#dir, collection, `${id}.json`);
  }

  #logFile(log: string, id: string): string {
    assertStoreName('log', log);
    assertStoreName('id', id);
    return join(this.#dir, log, `${id}.jsonl`);
  }
}

/**
 * Runs the writes to one file one after another, in call order: the last `put` is the one that stays,
 * a delete or truncate never races a write in flight, and steno never sees two writers on one temp
 * file. A file is forgotten once nothing is pending on it, so memory does not grow with the data.
 */
class WriteQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(file: string, write: () => Promise<T>): Promise<T> {
    const result = (this.#tails.get(file) ?? Promise.resolve()).then(write);
    const tail = result.then(ignore, ignore);
    this.#tails.set(file, tail);
    void tail.then(() => {
      if (this.#tails.get(file) === tail) this.#tails.delete(file);
    });
    return result;
  }

  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}

function ignore(): void {
  // A failed write is reported to its caller; the writes queued after it still run.
  // (Also the default damage listener: the error itself still reaches the caller.)
}

/** The lines of a log that end with a newline; what follows the last newline was cut short by a crash. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

/**
 * Cuts off a torn last line (a crash mid-append) so that new entries start a line of their own.
 * Returns false when there is no file yet.
 */
function cutTornLine(file: string): boolean {
  let handle: number;
  try {
    handle = openSync(file, 'r+');
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  try {
    const { size } = fstatSync(handle);
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(handle, last, 0, 1, size - 1);
    if (last[0] === NEWLINE) return true;
    const content = Buffer.alloc(size);
    readSync(handle, content, 0, size, 0);
    // A newline byte never occurs inside a UTF-8 multi-byte character, so bytes are safe to search.
    ftruncateSync(handle, content.lastIndexOf(NEWLINE) + 1);
    return true;
  } finally {
    closeSync(handle);
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
