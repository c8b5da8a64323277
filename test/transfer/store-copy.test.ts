import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { LowdbStore } from '../../engine/store/lowdb-store.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { copyStore } from '../../engine/transfer/copy-store.js';
import { postgresReader, postgresTarget } from '../../engine/transfer/postgres-transfer.js';
import { lowdbReader } from '../../engine/transfer/store-reader.js';
import { lowdbTarget } from '../../engine/transfer/store-target.js';
import { isTransferError } from '../../engine/transfer/transfer-error.js';
import { adminQuery, freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';
import { runCli } from './run-cli.js';
import { buildFixture, continueEveryCase, EngineHarness, engineOn, START, type Fixture } from './transfer-fixture.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

describe('npm run store:copy: bad arguments', { timeout: 120_000 }, () => {
  it('says what is wrong, in Chinese and English, with exit code 2 and nothing written', async () => {
    const root = await mkdtemp(join(tmpdir(), 'qbz-copy-args-'));
    try {
      const missing = await runCli('store-copy', ['--to', join(root, 'out')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('缺少 --from / --from is required');

      const nowhere = await runCli('store-copy', ['--from', join(root, 'no-such-dir'), '--to', join(root, 'out')]);
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toContain('源数据目录不存在');

      const same = await runCli('store-copy', ['--from', root, '--to', root]);
      expect(same.code).toBe(2);
      expect(same.stderr).toContain('同一个存储');

      const unknown = await runCli('store-copy', ['--from', root, '--to', join(root, 'out'), '--frobnicate']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('参数有误');

      const backupToPostgres = await runCli('backup', ['--from', root, '--to', 'postgres://nobody@127.0.0.1/x']);
      expect(backupToPostgres.code).toBe(2);
      expect(backupToPostgres.stderr).toContain('pg_dump');
      expect(await readdir(root)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

const postgresUp = await postgresAvailable();

describe.skipIf(!postgresUp)(
  'npm run store:copy between the embedded store and PostgreSQL',
  { timeout: 300_000 },
  () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function fixture(): Promise<{ h: EngineHarness; f: Fixture }> {
      const h = await EngineHarness.open({ start: START });
      cleanups.push(() => h.close());
      return { h, f: await buildFixture(h) };
    }

    async function schema(): Promise<string> {
      const fresh = await freshSchema();
      cleanups.push(fresh.drop);
      return fresh.schema;
    }

    it('round trip lowdb → PostgreSQL → lowdb: every case continues on both, every chain verifies, all counted', async () => {
      const { h, f } = await fixture();
      const pg = { connectionString: POSTGRES_URL, schema: await schema() };
      const there = await copyStore({
        from: lowdbReader(h.dataDir),
        fromFiles: h.dataDir,
        to: postgresTarget(pg),
        force: false,
      });
      expect(there.counts).toMatchObject({
        cases: 3,
        users: 1,
        sessions: 1,
        attachments: 1,
        attachmentFiles: 1,
        chains: 4,
        logEntries: { 'definition-audit': 2 },
      });
      expect(there.counts.timers).toBeGreaterThanOrEqual(1);
      expect(there.counts.auditEntries).toBeGreaterThan(10);
      expect(there.counts.submissions).toBeGreaterThan(5);

      // Back to a new data directory; the attachment bytes come from the PostgreSQL side's data dir.
      const root = await mkdtemp(join(tmpdir(), 'qbz-copy-'));
      cleanups.push(() => rm(root, { recursive: true, force: true }));
      const reader = await postgresReader(pg);
      const back = await copyStore({
        from: reader,
        fromFiles: h.dataDir,
        to: lowdbTarget(join(root, 'data')),
        force: false,
      });
      await reader.close();
      expect(back.counts).toEqual(there.counts);
      expect(await readdir(join(root, 'data', 'attachment-files'))).toEqual([f.attachmentSha]);

      // On PostgreSQL, a server process would continue every case …
      const store = await PostgresStore.open({ ...pg, poolSize: 4 });
      const clock = new SimulatedClock(h.clock.now());
      const onPostgres = await engineOn(store, clock);
      try {
        await continueEveryCase(onPostgres, clock, f);
      } finally {
        await onPostgres.close();
        await store.close();
      }
      // … and so does one on the directory that came back.
      const lowdb = new LowdbStore(join(root, 'data'));
      const clock2 = new SimulatedClock(h.clock.now());
      const onLowdb = await engineOn(lowdb, clock2);
      try {
        expect(onLowdb.damaged).toEqual([]);
        await continueEveryCase(onLowdb, clock2, f);
      } finally {
        await onLowdb.close();
        await lowdb.close();
      }
    });

    it('refuses a database holding data unless forced, and a broken source before touching the target', async () => {
      const { h } = await fixture();
      const pg = { connectionString: POSTGRES_URL, schema: await schema() };
      const copy = (force: boolean) =>
        copyStore({ from: lowdbReader(h.dataDir), fromFiles: h.dataDir, to: postgresTarget(pg), force });
      await copy(false);
      const count = async () =>
        (await adminQuery<{ n: string }>('SELECT count(*) AS n FROM log_entries', [], pg.schema))[0]?.n;
      const before = await count();
      expect(isTransferError(await rejection(copy(false)), 'target-not-empty')).toBe(true);
      expect(await count()).toBe(before);
      // Forced: emptied and written in one transaction; the same content again.
      expect((await copy(true)).counts.cases).toBe(3);
      expect(await count()).toBe(before);

      // One audit entry edited in the source: refused before the target is touched (it keeps its content).
      const [file] = await readdir(join(h.dataDir, 'audit'));
      const path = join(h.dataDir, 'audit', file ?? '-');
      await writeFile(path, (await readFile(path, 'utf8')).replace('"actor":"', '"actor":"forged-'));
      const broken = await rejection(copy(true));
      expect(isTransferError(broken, 'source-broken'), String(broken)).toBe(true);
      expect(await count()).toBe(before);
    });
  },
);
