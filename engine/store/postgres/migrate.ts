import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { EngineError } from '../../errors.js';

/** engine/store/postgres/migrations: `NNN_name.sql`, applied in order of NNN. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (match === null) throw new Error(`migration file name ${file}: use NNN_name.sql`);
    const sql = await readFile(`${dir}/${file}`, 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  const versions = migrations.map((migration) => migration.version);
  if (new Set(versions).size !== versions.length) throw new Error(`two migrations share a number: ${files.join(', ')}`);
  return migrations;
}

/**
 * Brings the schema (the connection's current schema) up to date: every migration not yet recorded
 * in `schema_migrations` is applied, in order, each in its own transaction with its record. The whole
 * run holds a session advisory lock on the schema, so processes starting at once apply each migration
 * exactly once: the others wait, then find it recorded. A recorded migration whose file has changed
 * stops the start (`conflict`): migrations are append-only, a change goes in a new file.
 * Returns the versions it applied.
 */
export async function migrate(pool: Pool, migrations?: readonly Migration[]): Promise<number[]> {
  const all = migrations ?? (await readMigrations());
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('qbz:migrations:' || current_schema(), 0))`);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = new Map(
        (
          await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')
        ).rows.map((row) => [row.version, row.checksum]),
      );
      const done: number[] = [];
      for (const migration of all) {
        const checksum = applied.get(migration.version);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new EngineError(
              'conflict',
              `数据库迁移 ${migration.version}_${migration.name} 已执行，但文件已被修改 / migration changed after it was applied`,
              { version: migration.version },
            );
          }
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client
        .query(`SELECT pg_advisory_unlock(hashtextextended('qbz:migrations:' || current_schema(), 0))`)
        .catch(() => {
          broken = true;
        });
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A connection whose unlock failed is not handed out again (it may still hold the lock).
    client.release(broken);
  }
}
