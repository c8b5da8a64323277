import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { checkLowdbDirectory } from '../../engine/store/lowdb-check.js';
import { LowdbStore } from '../../engine/store/lowdb-store.js';
import { backupDataDir, restoreBackup } from '../../engine/transfer/backup.js';
import { MANIFEST } from '../../engine/transfer/backup-manifest.js';
import type { CopyReport } from '../../engine/transfer/copy-store.js';
import { isTransferError } from '../../engine/transfer/transfer-error.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { as, throughCreation } from '../support/engine-harness.js';
import { runCli } from './run-cli.js';
import { buildFixture, continueEveryCase, EngineHarness, engineOn, START } from './transfer-fixture.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

// Each test walks real cases through the engine: minutes on a busy 2-core machine.
describe('npm run backup / npm run restore (embedded store)', { timeout: 300_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  const temp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qbz-backup-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('takes a backup while cases keep moving: it opens, every chain verifies, every case continues', async () => {
    const h = await EngineHarness.open({ start: START });
    cleanups.push(() => h.close());
    const fixture = await buildFixture(h);
    const root = await temp();

    // `npm run backup` in its own process (as beside a running server), while this one keeps
    // starting cases and walking them through their creation steps until the backup is done.
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing) {
        n += 1;
        await throughCreation(h, `P-1${String(n).padStart(3, '0')}`, '320000');
      }
      return n;
    })();
    const run = await runCli('backup', ['--from', h.dataDir, '--to', join(root, 'backup'), '--json']).finally(() => {
      writing = false;
    });
    const written = await writer;
    expect(run.code, run.stderr).toBe(0);
    expect(written).toBeGreaterThan(1);
    const report = JSON.parse(run.stdout) as CopyReport;

    const check = await checkLowdbDirectory(join(root, 'backup'));
    expect(check.damaged).toEqual([]);
    expect(check.chains.filter((chain) => chain.problems.length > 0)).toEqual([]);
    expect(report.counts.cases).toBeGreaterThanOrEqual(3);
    expect(report.counts.chains).toBe(report.counts.cases + 1);
    expect(report.counts.attachmentFiles).toBe(1);
    expect(await readdir(join(root, 'backup', 'attachment-files'))).toEqual([fixture.attachmentSha]);

    // Restored into an empty directory, an engine opens it and every case of the fixture moves on.
    const restored = await restoreBackup({ from: join(root, 'backup'), to: join(root, 'data') });
    expect(restored.counts.cases).toBe(report.counts.cases);
    const store = new LowdbStore(join(root, 'data'));
    const clock = new SimulatedClock(h.clock.now());
    const engine: WorkflowEngine = await engineOn(store, clock);
    try {
      expect(engine.damaged).toEqual([]);
      await continueEveryCase(engine, clock, fixture);
    } finally {
      await engine.close();
      await store.close();
    }
  });

  it('refuses a changed backup, a non-empty target without --force, and the data of a running server', async () => {
    const h = await EngineHarness.open({ start: START });
    cleanups.push(() => h.close());
    await buildFixture(h);
    const root = await temp();
    const backup = join(root, 'backup');
    await backupDataDir({ from: h.dataDir, to: backup });

    // A target holding data: refused, untouched; with force, the old content is moved aside, kept.
    const target = join(root, 'data');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'old');
    expect(isTransferError(await rejection(restoreBackup({ from: backup, to: target })), 'target-not-empty')).toBe(
      true,
    );
    expect(await readdir(target)).toEqual(['keep.txt']);
    const forced = await restoreBackup({ from: backup, to: target, force: true });
    expect(forced.notes.join()).toContain('.replaced-');
    const aside = (await readdir(root)).find((name) => name.startsWith('data.replaced-'));
    expect(await readFile(join(root, aside ?? '-', 'keep.txt'), 'utf8')).toBe('old');

    // A directory a live server marks is never overwritten, --force or not.
    const server: ChildProcess = spawn('sleep', ['30']);
    cleanups.push(() => Promise.resolve(void server.kill()));
    await writeFile(join(target, 'server.pid'), `${server.pid ?? 0}\n`);
    const running = await rejection(restoreBackup({ from: backup, to: target, force: true }));
    expect(isTransferError(running, 'server-running'), String(running)).toBe(true);

    // One byte appended to a backed-up file: the manifest catches it before anything is written.
    const [caseFile] = await readdir(join(backup, 'cases'));
    await appendFile(join(backup, 'cases', caseFile ?? '-'), ' ');
    const changed = await rejection(restoreBackup({ from: backup, to: join(root, 'other') }));
    expect(isTransferError(changed, 'checksum'), String(changed)).toBe(true);
    expect(await readdir(root)).not.toContain('other');
    await rm(join(backup, MANIFEST));
    expect(
      isTransferError(await rejection(restoreBackup({ from: backup, to: join(root, 'other') })), 'arguments'),
    ).toBe(true);
  });

  it('refuses to back up a store whose audit chain is broken, writing nothing', async () => {
    const h = await EngineHarness.open({ start: START });
    cleanups.push(() => h.close());
    const created = await throughCreation(h);
    const file = join(h.dataDir, 'audit', `${created.id}.jsonl`);
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = (lines[1] ?? '').replace('"actor":"', '"actor":"x');
    await writeFile(file, lines.join('\n'));
    const root = await temp();
    const error = await rejection(backupDataDir({ from: h.dataDir, to: join(root, 'backup') }));
    expect(isTransferError(error, 'source-broken'), String(error)).toBe(true);
    expect(await readdir(root)).toEqual([]);
    expect(as('samr').id).toBe('samr');
  });
});
