import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EngineHarness, throughCreation } from '../support/engine-harness.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { runCli } from '../transfer/run-cli.js';

const REVISION = { version: '2025-01-01', effectiveFrom: '2025-01-01', rules: { publicityMinWorkingDays: 7 } };

describe('npm run migrate on a sandbox’s data (CLOCK=simulated)', () => {
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let h: EngineHarness;
  beforeAll(async () => {
    fixture = await definitionsWithRevisions([REVISION]);
    // The CLI reads DEFINITIONS_DIR as the server does: a whole root, calendars and directory too.
    for (const shared of ['calendars', 'directory'])
      await cp(join('definitions', shared), join(fixture.root, shared), { recursive: true });
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
  });
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
  });

  it('refuses while a server runs on DATA_DIR, and changes nothing', async () => {
    const view = await throughCreation(h, 'P-OLD', '320000');
    // A live process (this one) marks the directory, as `npm start` does.
    await writeFile(join(h.dataDir, 'server.pid'), String(process.pid));
    for (const dryRun of [[], ['--dry-run']]) {
      const result = await runCli('migrate', ['--case', view.id, '--to', REVISION.version, ...dryRun], {
        DATA_DIR: h.dataDir,
        DEFINITIONS_DIR: fixture.root,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`a server (pid ${process.pid}) is running`);
    }
    await rm(join(h.dataDir, 'server.pid'));
    expect((await h.engine.getCase(view.id, ADMIN)).version).toBe('2024-03-14');
  });

  /**
   * Stops the engine leaving the sandbox's clock where it reached, as a server started with
   * CLOCK=simulated keeps it; migrates the case with the CLI under this CLOCK; opens the engine again
   * and answers the case's last audit entry.
   */
  async function migrateStopped(caseId: string, clock: string) {
    await h.store.put('system', 'clock', { now: h.clock.now().toISOString(), revision: 1 });
    await h.engine.close();
    await h.store.close();
    const result = await runCli('migrate', ['--case', caseId, '--to', REVISION.version], {
      DATA_DIR: h.dataDir,
      DEFINITIONS_DIR: fixture.root,
      CLOCK: clock,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await h.restart(false);
    return (await h.engine.audit(caseId, ADMIN)).at(-1);
  }

  it('moves the case at the machine’s time without CLOCK=simulated, whatever clock a sandbox left', async () => {
    const view = await throughCreation(h, 'P-REAL', '320000');
    // A folder once served with CLOCK=simulated keeps the position it reached; served since on the
    // real clock, the steps taken there come after it.
    const before = new Date().toISOString();
    const moved = await migrateStopped(view.id, 'system');
    expect(moved?.type).toBe('case.migrated');
    expect((moved?.at ?? '') >= before).toBe(true);
  });

  it('moves the case at the time the sandbox’s clock reached, not the machine’s', async () => {
    const view = h.engine.listCases(ADMIN).find((candidate) => candidate.park === 'P-OLD');
    if (view === undefined) throw new Error('no case');
    await h.advanceTo('2025-01-02T09:00:00+08:00');
    expect(await migrateStopped(view.id, 'simulated')).toMatchObject({
      type: 'case.migrated',
      at: '2025-01-02T01:00:00.000Z',
    });
    expect((await h.engine.verifyAudit(view.id)).ok).toBe(true);
  });
});
