import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore } from '../store/lowdb-store.js';
import { isStoreName } from '../store/store-ids.js';

/** Every record a store holds: documents by collection, logs by name, ids sorted. */
export interface Inventory {
  documents: Map<string, string[]>;
  logs: Map<string, string[]>;
}

/**
 * Reads a whole store for a copy or a backup: what is there (`inventory`) and each record. A reader on
 * PostgreSQL reads one snapshot (one read-only transaction); one on a data directory reads files that a
 * running server may be changing, so the copy reads each case record twice around its logs and state
 * and retries when they moved (see copy-store.ts).
 */
export interface StoreReader {
  /** Where it reads (a directory, or a URL without its password), for messages. */
  readonly where: string;
  inventory(): Promise<Inventory>;
  get<T>(collection: string, id: string): Promise<T | undefined>;
  readLog<T>(log: string, id: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Folders of a data directory that are not store records (attachment bytes, by content address). */
export const ATTACHMENT_FILES = 'attachment-files';

/** A reader on an embedded store's data directory; `damaged` files reject as LowdbStore's reads do. */
export function lowdbReader(dir: string): StoreReader {
  const store = new LowdbStore(dir, { fsync: false });
  return {
    where: dir,
    inventory: () => lowdbInventory(dir),
    get: (collection, id) => store.get(collection, id),
    readLog: (log, id) => store.readLog(log, id),
    close: () => store.close(),
  };
}

/** The documents (`<folder>/<id>.json`) and logs (`<folder>/<id>.jsonl`) of a data directory. */
export async function lowdbInventory(dir: string): Promise<Inventory> {
  const inventory: Inventory = { documents: new Map(), logs: new Map() };
  for (const folder of await storeFolders(dir)) {
    const names = (await readdir(join(dir, folder))).sort();
    const documents: string[] = [];
    const logs: string[] = [];
    for (const name of names) {
      // Temp files (`.x.json.tmp`) and anything else foreign fail the name check and are skipped.
      if (name.endsWith('.jsonl') && isStoreName(name.slice(0, -'.jsonl'.length))) logs.push(name.slice(0, -6));
      else if (name.endsWith('.json') && isStoreName(name.slice(0, -'.json'.length))) documents.push(name.slice(0, -5));
    }
    if (documents.length > 0) inventory.documents.set(folder, documents);
    if (logs.length > 0) inventory.logs.set(folder, logs);
  }
  return inventory;
}

async function storeFolders(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isDirectory() && isStoreName(entry.name) && entry.name !== ATTACHMENT_FILES)
    .map((entry) => entry.name)
    .sort();
}
