import type { Store } from '../ports.js';
import type { DamageListener } from './damage.js';
import { markServedDirectory } from './data-dir-marker.js';
import { LowdbStore } from './lowdb-store.js';
import { PostgresStore } from './postgres/postgres-store.js';

export interface StoreSettings {
  /** DATABASE_URL: a `postgres://` or `postgresql://` URL selects PostgreSQL; unset or empty, the embedded store. */
  databaseUrl?: string | undefined;
  /** The embedded store's data directory. */
  dataDir: string;
  onDamaged?: DamageListener;
}

/** Which store a server runs on, and where (for its start-up log line; no password in it). */
export interface OpenedStore {
  store: Store;
  kind: 'postgres' | 'lowdb';
  where: string;
}

/**
 * The store a process runs on: PostgreSQL when DATABASE_URL is set (migrations applied before it is
 * returned), else the embedded LowdbStore in the data directory, as always (marked as served by this
 * process: data-dir-marker.ts).
 */
export async function openStore(settings: StoreSettings): Promise<OpenedStore> {
  const url = settings.databaseUrl?.trim() ?? '';
  if (url === '') {
    // Marked so that `npm run restore` / `store:copy` refuse to overwrite the data of a running server.
    markServedDirectory(settings.dataDir);
    const store = new LowdbStore(settings.dataDir, {
      ...(settings.onDamaged !== undefined && { onDamaged: settings.onDamaged }),
    });
    return { store, kind: 'lowdb', where: settings.dataDir };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is not a URL: use postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`);
  }
  const store = await PostgresStore.open({ connectionString: url });
  parsed.password = '';
  return { store, kind: 'postgres', where: parsed.toString() };
}
