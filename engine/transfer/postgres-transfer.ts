import pg from 'pg';
import type { PoolClient } from 'pg';
import { prepareWrites } from '../store/commit-writes.js';
import { migrate } from '../store/postgres/migrate.js';
import { writeOne } from '../store/postgres/postgres-store.js';
import type { Inventory, StoreReader } from './store-reader.js';
import type { StoreTarget, TargetSession } from './store-target.js';
import { TransferError } from './transfer-error.js';

export interface PostgresPlace {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** A schema to use instead of the connection's search_path (tests use one fresh schema each). */
  schema?: string;
}

/** The URL without its password, for messages. */
export function shownUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A pool of two with the schema migrated (so an empty database reads as an empty store). */
async function openPool(place: PostgresPlace): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: place.connectionString,
    max: 2,
    ...(place.schema !== undefined && { options: `-c search_path=${place.schema}` }),
  });
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw new TransferError(
      'arguments',
      `无法连接或迁移数据库 ${shownUrl(place.connectionString)} / cannot open the database: ${(error as Error).message}`,
      { url: shownUrl(place.connectionString) },
      { cause: error },
    );
  }
  return pool;
}

/**
 * Reads a PostgreSQL store in one REPEATABLE READ, READ ONLY transaction: one consistent snapshot even
 * while servers keep writing (their later commits are simply not in it).
 */
export async function postgresReader(place: PostgresPlace): Promise<StoreReader> {
  const pool = await openPool(place);
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    client.release(true);
    await pool.end();
    throw error;
  }
  return clientReader(shownUrl(place.connectionString), client, async () => {
    await client.query('COMMIT').catch(() => undefined);
    client.release();
    await pool.end();
  });
}

/** A reader over one client (a snapshot, or a load transaction reading its own writes). */
function clientReader(where: string, client: PoolClient, close: () => Promise<void>): StoreReader {
  return {
    where,
    inventory: () => postgresInventory(client),
    async get<T>(collection: string, id: string) {
      const { rows } =
        collection === 'cases'
          ? await client.query<{ body: T }>('SELECT body FROM cases WHERE id = $1', [id])
          : await client.query<{ body: T }>('SELECT body FROM documents WHERE collection = $1 AND id = $2', [
              collection,
              id,
            ]);
      return rows[0]?.body;
    },
    async readLog<T>(log: string, id: string) {
      const { rows } = await client.query<{ entry: T }>(
        'SELECT entry FROM log_entries WHERE log = $1 AND id = $2 ORDER BY seq',
        [log, id],
      );
      return rows.map((row) => row.entry);
    },
    close,
  };
}

async function postgresInventory(client: PoolClient): Promise<Inventory> {
  const inventory: Inventory = { documents: new Map(), logs: new Map() };
  const add = (map: Map<string, string[]>, name: string, id: string) => {
    const ids = map.get(name) ?? [];
    ids.push(id);
    map.set(name, ids);
  };
  // Ids are ASCII: the C collation sorts them as the file store's listing does.
  const cases = await client.query<{ id: string }>('SELECT id FROM cases ORDER BY id COLLATE "C"');
  for (const row of cases.rows) add(inventory.documents, 'cases', row.id);
  const documents = await client.query<{ collection: string; id: string }>(
    'SELECT collection, id FROM documents ORDER BY collection COLLATE "C", id COLLATE "C"',
  );
  for (const row of documents.rows) add(inventory.documents, row.collection, row.id);
  const logs = await client.query<{ log: string; id: string }>(
    'SELECT log, id FROM log_entries GROUP BY log, id ORDER BY log COLLATE "C", id COLLATE "C"',
  );
  for (const row of logs.rows) add(inventory.logs, row.log, row.id);
  return inventory;
}

/**
 * PostgreSQL as the target: the whole copy is one transaction. It takes an advisory lock (two copies
 * never interleave), refuses a database holding any document, case or log entry unless `force`, when
 * it empties the tables first (TRUNCATE, inside the same transaction: servers reading them wait, and a
 * failed copy leaves the old content). The check after the copy reads inside the transaction; only
 * then does it commit. Attachment bytes are not in the database: `filesDir` is where the server that
 * will use it keeps them (its DATA_DIR), when given.
 */
export function postgresTarget(place: PostgresPlace, filesDir?: string): StoreTarget {
  const where = shownUrl(place.connectionString);
  return {
    where,
    async begin({ force }) {
      const pool = await openPool(place);
      const client = await pool.connect();
      const end = async (broken: boolean) => {
        client.release(broken);
        await pool.end();
      };
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('qbz:store-copy:' || current_schema(), 0))`);
        const { rows } = await client.query<{ used: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM log_entries) AS used`,
        );
        if (rows[0]?.used === true) {
          if (!force) {
            throw new TransferError(
              'target-not-empty',
              `目标数据库 ${where} 已有数据；如确需替换，请加 --force（在同一事务中清空后写入）/ target database ${where} holds data: add --force to replace it`,
              { url: where },
            );
          }
          await client.query('TRUNCATE documents, log_entries, cases CASCADE');
        }
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        await end(false);
        throw error;
      }
      return postgresSession(client, where, filesDir, end);
    },
  };
}

function postgresSession(
  client: PoolClient,
  where: string,
  filesDir: string | undefined,
  end: (broken: boolean) => Promise<void>,
): TargetSession {
  let done = false;
  const write = async (writes: Parameters<typeof prepareWrites>[0]) => {
    for (const prepared of prepareWrites(writes)) await writeOne(client, prepared);
  };
  return {
    filesDir,
    put: (collection, id, value) => write([{ kind: 'put', collection, id, value }]),
    append: (log, id, entries) => write([{ kind: 'append', log, id, entries }]),
    reader: () => clientReader(where, client, () => Promise.resolve()),
    async commit() {
      done = true;
      try {
        await client.query('COMMIT');
      } finally {
        await end(false);
      }
      return undefined;
    },
    async abort() {
      if (done) return;
      done = true;
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      await end(broken);
    },
  };
}
