import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { adminQuery, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';
import { runCli } from './run-cli.js';
import { buildFixture, continueEveryCase, EngineHarness, engineOn, START } from './transfer-fixture.js';

const run = promisify(execFile);

/** pg_dump and pg_restore on this machine (the README's backup of a PostgreSQL store uses them). */
async function dumpToolsFound(): Promise<boolean> {
  try {
    await run('pg_dump', ['--version']);
    await run('pg_restore', ['--version']);
    return true;
  } catch {
    if (process.env.REQUIRE_POSTGRES === '1')
      throw new Error('REQUIRE_POSTGRES=1 but pg_dump / pg_restore are not installed');
    console.warn(
      `\n${'!'.repeat(78)}\n!! PG_DUMP TEST SKIPPED: pg_dump / pg_restore not found (apt-get install postgresql-client).\n${'!'.repeat(78)}\n`,
    );
    return false;
  }
}

const ready = (await postgresAvailable()) && (await dumpToolsFound());

/** The test server's URL with another database in its path. */
function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.skipIf(!ready)('PostgreSQL: pg_dump, then pg_restore into an empty database', { timeout: 300_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function database(): Promise<string> {
    const name = `qbz_dump_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined));
    return databaseUrl(name);
  }

  it('continues every case on the restored database, every chain verifying', async () => {
    const h = await EngineHarness.open({ start: START });
    cleanups.push(() => h.close());
    const f = await buildFixture(h);
    const source = await database();
    const copied = await runCli('store-copy', ['--from', h.dataDir, '--to', source]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stdout).toContain('案件 / cases: 3');

    // The README's commands: a custom-format dump, restored into a new empty database.
    const dir = await mkdtemp(join(tmpdir(), 'qbz-dump-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dump = join(dir, 'qbz.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, source]);
    const restored = await database();
    await run('pg_restore', ['--no-owner', `--dbname=${restored}`, dump]);

    // A server started on the restored database: migrations already recorded, every case moves on.
    const store = await PostgresStore.open({ connectionString: restored, poolSize: 4 });
    const clock = new SimulatedClock(h.clock.now());
    const engine = await engineOn(store, clock);
    try {
      await continueEveryCase(engine, clock, f);
    } finally {
      await engine.close();
      await store.close();
    }
  });
});
