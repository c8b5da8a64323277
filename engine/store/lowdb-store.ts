import { appendFileSync, closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TextFile, TextFileSync } from 'lowdb/node';
import { EngineError } from '../errors.js';
import type { Store } from '../ports.js';
import { assertEntryCount, assertStoreName, isStoreName, toJsonText } from './store-ids.js';

const NEWLINE = 0x0a;

/**
 * The embedded Store: one JSON file per document, `<dir>/<collection>/<id>.json`, so the cost of a
 * write does not grow with the number of documents; one JSON Lines file per log, `<dir>/<log>/<id>.jsonl`.
 *
 * Documents go through lowdb's `TextFile` adapter, whose writer (steno) writes a temp file beside the
 * target (`.<id>.json.tmp`) and renames it over: a reader or a crash sees the old or the new document,
 * never a torn one. A log entry counts once its newline is on disk: `readLog` ignores an unterminated
 * last line (a crash mid-append) and the next `append` cuts it off; an unreadable line before it is
 * corruption. Writes to one file run one after another in call order (see WriteQueue).
 *
 * Writes are synchronous (lowdb's `TextFileSync`, `appendFileSync`): a transition's few small files
 * cost far less than a trip each through libuv's thread pool (measured: 4.3 → ~0.6 ms a transition),
 * and the engine's work between them is synchronous anyway.
 *
 * One store per directory: nothing locks the files against a second process writing the same ones.
 * Nothing is fsynced either, so the guarantees hold against a crashed process, not a lost machine.
 */
export class LowdbStore implements Store {
  readonly #dir: string;
  readonly #writes = new WriteQueue();
  /** Folders known to exist, and logs known to end with a newline (checked once per process). */
  readonly #folders = new Set<string>();
  readonly #cleanLogs = new Set<string>();

  /** `dir` is created, with the collection and log folders inside it, on the first write. */
  constructor(dir: string) {
    this.#dir = dir;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const text = await new TextFile(this.#documentFile(collection, id)).read();
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new EngineError(
        'conflict',
        `document ${collection}/${id} is not valid JSON`,
        { collection, id },
        { cause },
      );
    }
  }

  async put(collection: string, id: string, value: unknown): Promise<void> {
    const file = this.#documentFile(collection, id);
    const text = toJsonText(value, `document ${collection}/${id}`);
    await this.#writes.run(file, () => {
      this.#folder(dirname(file));
      new TextFileSync(file).write(text);
      return Promise.resolve();
    });
  }

  async delete(collection: string, id: string): Promise<void> {
    const file = this.#documentFile(collection, id);
    await this.#writes.run(file, () => rm(file, { force: true }));
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
    const file = this.#logFile(log, id);
    // All entries of one call go out in one write, each ending with the newline that commits it.
    const text = entries
      .map((entry, index) => toJsonText(entry, `entry ${index} for log ${log}/${id}`) + '\n')
      .join('');
    if (text === '') return;
    await this.#writes.run(file, () => {
      this.#folder(dirname(file));
      if (!this.#cleanLogs.has(file)) {
        cutTornLine(file);
        this.#cleanLogs.add(file);
      }
      appendFileSync(file, text, 'utf8');
      return Promise.resolve();
    });
  }

  async readLog<T>(log: string, id: string): Promise<T[]> {
    const text = await new TextFile(this.#logFile(log, id)).read();
    return completeLines(text ?? '').map((line, index) => {
      try {
        return JSON.parse(line) as T;
      } catch (cause) {
        const message = `log ${log}/${id} is corrupt at line ${index + 1}`;
        throw new EngineError('conflict', message, { log, id, line: index + 1 }, { cause });
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
      if (rewritten !== text) await adapter.write(rewritten);
      this.#cleanLogs.add(file);
    });
  }

  async close(): Promise<void> {
    await this.#writes.idle();
  }

  #folder(dir: string): void {
    if (this.#folders.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.#folders.add(dir);
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
}

/** The lines of a log that end with a newline; what follows the last newline was cut short by a crash. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

/** Cuts off a torn last line (a crash mid-append) so that new entries start a line of their own. */
function cutTornLine(file: string): void {
  let handle: number;
  try {
    handle = openSync(file, 'r+');
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  try {
    const { size } = fstatSync(handle);
    if (size === 0) return;
    const last = Buffer.alloc(1);
    readSync(handle, last, 0, 1, size - 1);
    if (last[0] === NEWLINE) return;
    const content = Buffer.alloc(size);
    readSync(handle, content, 0, size, 0);
    // A newline byte never occurs inside a UTF-8 multi-byte character, so bytes are safe to search.
    ftruncateSync(handle, content.lastIndexOf(NEWLINE) + 1);
  } finally {
    closeSync(handle);
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
