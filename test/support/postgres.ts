import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the tests use (trust auth on this machine and in CI); TEST_DATABASE_URL overrides. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const required = process.env.REQUIRE_POSTGRES === '1';

/**
 * Whether PostgreSQL tests can run. When nothing answers they are skipped with a loud notice,
 * unless REQUIRE_POSTGRES=1 (as in CI), when a missing database is a failure.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  let problem: unknown;
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    problem = error;
  } finally {
    await client.end().catch(() => undefined);
  }
  const why = problem instanceof Error ? problem.message : String(problem);
  if (required) throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL does not answer at ${POSTGRES_URL}: ${why}`);
  console.warn(
    `\n${'!'.repeat(78)}\n!! POSTGRESQL TESTS SKIPPED: nothing answers at ${POSTGRES_URL} (${why}).\n!! Start PostgreSQL (apt-get install postgresql) or set REQUIRE_POSTGRES=1 to make this a failure.\n${'!'.repeat(78)}\n`,
  );
  return false;
}

/** Runs one statement on its own connection (schema setup and inspection in tests). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  values: unknown[] = [],
  schema?: string,
): Promise<R[]> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A new empty schema of its own for one test (parallel test files never share tables); drop() removes it. */
export async function freshSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `qbz_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const drop = async (): Promise<void> => {
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  };
  return { schema, drop };
}
