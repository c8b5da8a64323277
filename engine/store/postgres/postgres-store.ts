import pg from 'pg';
import type { PoolClient } from 'pg';
import { EngineError } from '../../errors.js';
import type { Store, StoreExpectation, StoreWrite } from '../../ports.js';
import { assertExpectation, checkRevision, KeyedQueue, prepareWrites, type PreparedWrite } from '../commit-writes.js';
import { assertEntryCount, assertStoreName, toJsonText } from '../store-ids.js';
import { caseChildren, caseColumns } from './case-columns.js';
import { migrate } from './migrate.js';
import { PostgresSharedCases } from './shared-cases.js';

/** The collection kept in its own table with real columns (see migrations/001_initial.sql). */
const CASES = 'cases';

/** A PostgreSQL schema name this store may be pointed at (tests use one fresh schema each). */
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

type Queryable = Pick<PoolClient, 'query'>;

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (the DATABASE_URL). */
  connectionString: string;
  /** A schema to keep the tables in (it must exist); default: the connection's search_path (public). */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * The Store on PostgreSQL through a `pg` Pool. Documents are rows of `documents` (JSONB), except the
 * `cases` collection, which has its own table with real columns for status, process, version,
 * subject, region, dates, and child tables for due dates, open tasks (per group and scope) and timers
 * (due instants), indexed for the inbox, the lists and the timer scan; log entries are rows of
 * `log_entries`, numbered per log. The schema comes from versioned migrations (./migrations), applied
 * by `open` under an advisory lock.
 *
 * `commit` is one database transaction — one statement, `SELECT qbz_commit(…)`, so one round trip —
 * all its writes or none. With an expectation it takes a transaction-scoped advisory lock on the
 * guarded document, then compares the stored revision (the
 * `revision` column for a case), so of two writers — in this process or another — that read the same
 * revision, the second gets `conflict` and writes nothing. Appends lock their log the same way and
 * number their entries after the last committed one. Locks are taken in one sorted statement, so two
 * commits never wait on each other in a cycle.
 *
 * Within this process, writes to one document or log run in call order (the last of several puts
 * started together stays), as on the embedded store. Values PostgreSQL's JSONB cannot hold — a
 * `\u0000` in a string, a lone UTF-16 surrogate — are refused with `validation`, nothing written.
 * Nothing here can be torn, so `get`/`readLog` never report `damaged`.
 * Durability is the server's: a commit is acknowledged once PostgreSQL has it (fsync on by default).
 */
export class PostgresStore implements Store {
  readonly atomicCommit = true;
  /** Several server processes on this database: changes and timer leases (./shared-cases.ts). */
  readonly shared: PostgresSharedCases;
  readonly #pool: pg.Pool;
  readonly #order = new KeyedQueue();
  #closed: Promise<void> | undefined;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.shared = new PostgresSharedCases(pool);
  }

  /** Connects, applies pending migrations (under an advisory lock) and returns the store. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA.test(schema)) {
      throw new EngineError('validation', `invalid PostgreSQL schema name ${JSON.stringify(schema)}`, { schema });
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      ...(schema !== undefined && { options: `-c search_path=${schema}` }),
    });
    // An idle connection the server drops (restart, network) is replaced on the next query; it must
    // not crash the process as an unhandled 'error' event.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool);
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    assertStoreName('collection', collection);
    assertStoreName('id', id);
    const { rows } =
      collection === CASES
        ? await this.#pool.query<{ body: T }>('SELECT body FROM cases WHERE id = $1', [id])
        : await this.#pool.query<{ body: T }>('SELECT body FROM documents WHERE collection = $1 AND id = $2', [
            collection,
            id,
          ]);
    return rows[0]?.body;
  }

  async put(collection: string, id: string, value: unknown): Promise<void> {
    assertStoreName('collection', collection);
    assertStoreName('id', id);
    const text = toJsonText(value, `document ${collection}/${id}`);
    await this.#apply([{ kind: 'put', collection, id, text }]);
  }

  async delete(collection: string, id: string): Promise<void> {
    assertStoreName('collection', collection);
    assertStoreName('id', id);
    await this.#apply([{ kind: 'delete', collection, id }]);
  }

  async list(collection: string): Promise<string[]> {
    assertStoreName('collection', collection);
    // Ids are ASCII: the C collation sorts them as JavaScript's default sort does.
    const { rows } =
      collection === CASES
        ? await this.#pool.query<{ id: string }>('SELECT id FROM cases ORDER BY id COLLATE "C"')
        : await this.#pool.query<{ id: string }>(
            'SELECT id FROM documents WHERE collection = $1 ORDER BY id COLLATE "C"',
            [collection],
          );
    return rows.map((row) => row.id);
  }

  async append(log: string, id: string, entries: readonly unknown[]): Promise<void> {
    assertStoreName('log', log);
    assertStoreName('id', id);
    const texts = entries.map((entry, index) => toJsonText(entry, `entry ${index} for log ${log}/${id}`));
    if (texts.length === 0) return;
    await this.#apply([{ kind: 'append', log, id, texts }]);
  }

  async readLog<T>(log: string, id: string): Promise<T[]> {
    assertStoreName('log', log);
    assertStoreName('id', id);
    const { rows } = await this.#pool.query<{ entry: T }>(
      'SELECT entry FROM log_entries WHERE log = $1 AND id = $2 ORDER BY seq',
      [log, id],
    );
    return rows.map((row) => row.entry);
  }

  async truncateLog(log: string, id: string, count: number): Promise<void> {
    assertStoreName('log', log);
    assertStoreName('id', id);
    assertEntryCount(count);
    await this.#order.run([logKey(log, id)], () =>
      this.#pool.query('DELETE FROM log_entries WHERE log = $1 AND id = $2 AND seq > $3', [log, id, count]),
    );
  }

  async commit(writes: readonly StoreWrite[], expect?: StoreExpectation): Promise<void> {
    const prepared = prepareWrites(writes);
    if (expect !== undefined) assertExpectation(expect);
    await this.#apply(prepared, expect);
  }

  /** Waits for pending writes, then closes the pool; closing again is a no-op. */
  close(): Promise<void> {
    this.#closed ??= this.#order.idle().then(() => this.#pool.end());
    return this.#closed;
  }

  /**
   * Runs writes in call order per document and log: one plain statement alone, anything more as one
   * call of qbz_commit (migrations/003_commit_function.sql) — locks, the revision check and every
   * write in one statement, its own transaction, one round trip.
   */
  async #apply(writes: readonly PreparedWrite[], expect?: StoreExpectation): Promise<void> {
    const keys = writes.map((write) =>
      write.kind === 'append' ? logKey(write.log, write.id) : documentKey(write.collection, write.id),
    );
    if (expect !== undefined) keys.push(documentKey(expect.collection, expect.id));
    await this.#order.run(keys, async () => {
      try {
        const [only] = writes;
        if (expect === undefined && writes.length === 1 && only !== undefined && isSingleStatement(only)) {
          await writeOne(this.#pool, only);
          return;
        }
        await this.#pool.query('SELECT qbz_commit($1::jsonb, $2::jsonb, $3::text[])', [
          `[${writes.map(commitWriteText).join(',')}]`,
          expect === undefined ? null : JSON.stringify(expect),
          [...new Set(lockKeys(writes, expect))],
        ]);
      } catch (error) {
        if (expect !== undefined) {
          const found = conflictFound(error);
          if (found !== undefined) checkRevision(expect, found);
        }
        throw refusedValue(error) ?? error;
      }
    });
  }
}

function documentKey(collection: string, id: string): string {
  return `d:${collection}/${id}`;
}

function logKey(log: string, id: string): string {
  return `l:${log}/${id}`;
}

/** The advisory locks a transaction takes: the guarded document and every log it appends to. */
function lockKeys(writes: readonly PreparedWrite[], expect?: StoreExpectation): string[] {
  const keys = writes.filter((write) => write.kind === 'append').map((write) => logKey(write.log, write.id));
  if (expect !== undefined) keys.push(documentKey(expect.collection, expect.id));
  return keys;
}

function isSingleStatement(write: PreparedWrite): boolean {
  return write.kind === 'delete' || (write.kind === 'put' && write.collection !== CASES);
}

/**
 * The stored revision qbz_commit found when it refused a commit (SQLSTATE QB409; see revisionOf in
 * commit-writes.ts: null when absent, NaN when not a number); undefined for any other error.
 */
function conflictFound(error: unknown): number | null | undefined {
  if (!(error instanceof Error) || (error as Error & { code?: unknown }).code !== 'QB409') return undefined;
  const detail = (error as Error & { detail?: unknown }).detail;
  if (detail === 'null') return null;
  return typeof detail === 'string' && detail !== 'nan' ? Number(detail) : Number.NaN;
}

/** One write as qbz_commit takes it: the JSON texts already prepared go in as they are. */
function commitWriteText(write: PreparedWrite): string {
  if (write.kind === 'append') {
    return `{"kind":"append","log":${JSON.stringify(write.log)},"id":${JSON.stringify(write.id)},"entries":[${write.texts.join(',')}]}`;
  }
  if (write.kind === 'delete') return JSON.stringify(write);
  const names = `"collection":${JSON.stringify(write.collection)},"id":${JSON.stringify(write.id)}`;
  if (write.collection !== CASES) return `{"kind":"put",${names},"value":${write.text}}`;
  const value = JSON.parse(write.text) as unknown;
  const columns = JSON.stringify(caseColumns(value));
  return `{"kind":"case",${names},"value":${write.text},"columns":${columns},"children":${JSON.stringify(caseChildren(value))}}`;
}

/** One prepared write on a connection or a transaction's client (also the bulk load of `npm run store:copy`). */
export async function writeOne(db: Queryable, write: PreparedWrite): Promise<void> {
  if (write.kind === 'append') {
    if (write.texts.length === 0) return;
    await db.query(
      `INSERT INTO log_entries (log, id, seq, entry)
       SELECT $1, $2, last.seq + t.n, t.entry
       FROM (SELECT coalesce(max(seq), 0) AS seq FROM log_entries WHERE log = $1 AND id = $2) AS last,
            unnest($3::jsonb[]) WITH ORDINALITY AS t(entry, n)`,
      [write.log, write.id, write.texts],
    );
  } else if (write.kind === 'delete') {
    if (write.collection === CASES) await db.query('DELETE FROM cases WHERE id = $1', [write.id]);
    else await db.query('DELETE FROM documents WHERE collection = $1 AND id = $2', [write.collection, write.id]);
  } else if (write.collection === CASES) {
    await putCase(db, write.id, write.text);
  } else {
    await db.query(
      `INSERT INTO documents (collection, id, body) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (collection, id) DO UPDATE SET body = EXCLUDED.body`,
      [write.collection, write.id, write.text],
    );
  }
}

/** A case record: its row (real columns and body), then its due dates, open tasks and timers anew. */
async function putCase(db: Queryable, id: string, text: string): Promise<void> {
  const value = JSON.parse(text) as unknown;
  const c = caseColumns(value);
  await db.query(
    `INSERT INTO cases (id, revision, process, version, subject, region, status, status_date, final,
                        started_at, updated_at, ended_at, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
     ON CONFLICT (id) DO UPDATE SET
       revision = EXCLUDED.revision, process = EXCLUDED.process, version = EXCLUDED.version,
       subject = EXCLUDED.subject, region = EXCLUDED.region, status = EXCLUDED.status,
       status_date = EXCLUDED.status_date, final = EXCLUDED.final, started_at = EXCLUDED.started_at,
       updated_at = EXCLUDED.updated_at, ended_at = EXCLUDED.ended_at, body = EXCLUDED.body,
       changed_xid = pg_current_xact_id()`,
    [
      id,
      c.revision,
      c.process,
      c.version,
      c.subject,
      c.region,
      c.status,
      c.statusDate,
      c.final,
      c.startedAt,
      c.updatedAt,
      c.endedAt,
      text,
    ],
  );
  await db.query(
    `WITH due AS (DELETE FROM case_due_dates WHERE case_id = $1),
          tasks AS (DELETE FROM case_open_tasks WHERE case_id = $1)
     DELETE FROM case_timers WHERE case_id = $1`,
    [id],
  );
  const { due, tasks, timers } = caseChildren(value);
  if (due.length + tasks.length + timers.length === 0) return;
  await db.query(
    `WITH due AS (
       INSERT INTO case_due_dates (case_id, name, due_on)
       SELECT $1, name, due_on FROM jsonb_to_recordset($2::jsonb) AS t(name text, due_on date)
     ), tasks AS (
       INSERT INTO case_open_tasks (case_id, ref, group_name, scope, task_id, form_key, created_at, due_on)
       SELECT $1, ref, group_name, scope, task_id, form_key, created_at, due_on
       FROM jsonb_to_recordset($3::jsonb) AS t(ref text, group_name text, scope text, task_id text,
                                                form_key text, created_at timestamptz, due_on date)
     )
     INSERT INTO case_timers (case_id, execution_id, element_id, fire_on, fire_at)
     SELECT $1, execution_id, element_id, fire_on, fire_at
     FROM jsonb_to_recordset($4::jsonb) AS t(execution_id text, element_id text, fire_on date, fire_at timestamptz)`,
    [id, JSON.stringify(due), JSON.stringify(tasks), JSON.stringify(timers)],
  );
}

/** A value JSONB cannot hold, as `validation` (the write was refused, nothing written); else undefined. */
function refusedValue(error: unknown): EngineError | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const { code } = error as Error & { code?: unknown };
  // 22P02 invalid_text_representation (a lone surrogate), 22P05 untranslatable_character (\u0000).
  if (code !== '22P02' && code !== '22P05') return undefined;
  return new EngineError(
    'validation',
    `数据含有数据库无法保存的字符（\\u0000 或不成对的代理项）/ a value PostgreSQL cannot store: ${error.message}`,
    { code },
    { cause: error },
  );
}
