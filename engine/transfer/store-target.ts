import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { runningServer } from '../store/data-dir-marker.js';
import { LowdbStore } from '../store/lowdb-store.js';
import { lowdbReader, type StoreReader } from './store-reader.js';
import { TransferError } from './transfer-error.js';

/**
 * Where a copy goes, written all-or-nothing: `begin` refuses a target that holds data (unless `force`),
 * the writes go somewhere no server reads yet, and only `commit` makes them the target's content.
 */
export interface StoreTarget {
  readonly where: string;
  begin(options: { force: boolean }): Promise<TargetSession>;
}

export interface TargetSession {
  /** A folder whose `attachment-files/` will be the target's attachment bytes, when the target has one. */
  readonly filesDir: string | undefined;
  put(collection: string, id: string, value: unknown): Promise<void>;
  append(log: string, id: string, entries: readonly unknown[]): Promise<void>;
  /** Reads what this session has written (before commit), for the check after the copy. */
  reader(): StoreReader;
  /** Makes the writes the target's content; returns a note when something was moved aside. */
  commit(): Promise<string | undefined>;
  /** Drops every write; the target is as it was. */
  abort(): Promise<void>;
}

/**
 * A data directory as the target. The copy is built in a folder beside it (`.<name>.incoming-…`, same
 * file system), flushed to disk, then renamed into place: a failure leaves the target as it was, a
 * crash at worst a stray `.incoming` folder. With `force`, a non-empty target is not deleted but moved
 * aside to `<name>.replaced-<time>`. A directory a running server marks (server.pid) is always refused.
 */
export function lowdbTarget(dir: string, now: () => Date = () => new Date()): StoreTarget {
  const target = resolve(dir);
  return {
    where: target,
    async begin({ force }) {
      const pid = runningServer(target);
      if (pid !== undefined) {
        throw new TransferError(
          'server-running',
          `目标目录 ${target} 正由运行中的服务器（进程 ${pid}）使用，请先停止服务器 / a server (pid ${pid}) is running on ${target}: stop it first`,
          { dir: target, pid },
        );
      }
      const entries = await entriesOf(target);
      if (entries !== undefined && entries.length > 0 && !force) {
        throw new TransferError(
          'target-not-empty',
          `目标目录 ${target} 不为空；如确需替换，请加 --force（原内容将移到旁边保留）/ target ${target} is not empty: add --force to replace it (the old content is moved aside)`,
          { dir: target },
        );
      }
      const incoming = join(
        dirname(target),
        `.${basename(target)}.incoming-${process.pid}-${randomBytes(4).toString('hex')}`,
      );
      await mkdir(incoming, { recursive: true });
      return lowdbSession(target, incoming, entries, now);
    },
  };
}

/** The session of lowdbTarget; `dir` is the folder being built (a backup adds its manifest there). */
export interface LowdbTargetSession extends TargetSession {
  readonly dir: string;
}

function lowdbSession(
  target: string,
  incoming: string,
  before: string[] | undefined,
  now: () => Date,
): LowdbTargetSession {
  // Flushed once at the end (syncTree) rather than per write: the folder is not the target until renamed.
  const store = new LowdbStore(incoming, { fsync: false });
  return {
    dir: incoming,
    filesDir: incoming,
    put: (collection, id, value) => store.put(collection, id, value),
    append: (log, id, entries) => store.append(log, id, entries),
    reader: () => lowdbReader(incoming),
    async commit() {
      await store.close();
      syncTree(incoming, await listTree(incoming));
      let note: string | undefined;
      if (before !== undefined && before.length > 0) {
        const aside = `${target}.replaced-${now().toISOString().replace(/[:.]/g, '-')}`;
        await rename(target, aside);
        note = `原目标内容已移到 ${aside} / the old content was moved to ${aside}`;
      } else if (before !== undefined) {
        await rmdir(target);
      }
      await rename(incoming, target);
      syncFolder(dirname(target));
      return note;
    },
    async abort() {
      await store.close().catch(() => undefined);
      await rm(incoming, { recursive: true, force: true });
    },
  };
}

/** The names in a directory; undefined when it does not exist. */
export async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOTDIR') {
      throw new TransferError('arguments', `${dir} 不是目录 / ${dir} is not a directory`, { dir });
    }
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every file and folder under `dir` (relative paths, folders first), for flushing and checksums. */
export async function listTree(dir: string): Promise<{ files: string[]; folders: string[] }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (entry.isDirectory()) folders.push(path);
    else if (entry.isFile()) files.push(path);
  }
  return { files: files.sort(), folders: folders.sort() };
}

/** fsyncs every file, then every folder (deepest first) and `dir` itself: the tree survives a power loss. */
export function syncTree(dir: string, tree: { files: string[]; folders: string[] }): void {
  for (const file of tree.files) syncPath(join(dir, file), 'r');
  for (const folder of [...tree.folders].reverse()) syncFolder(join(dir, folder));
  syncFolder(dir);
}

function syncFolder(dir: string): void {
  syncPath(dir, 'r');
}

function syncPath(path: string, flags: string): void {
  const handle = openSync(path, flags);
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}
