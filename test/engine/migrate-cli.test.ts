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

  it('moves the case at the time the sandbox’s clock reached, not the machine’s', async () => {
    const view = h.engine.listCases(ADMIN).find((candidate) => candidate.park === 'P-OLD');
    if (view === undefined) throw new Error('no case');
    await h.advanceTo('2025-01-02T09:00:00+08:00');
    // What a server started with CLOCK=simulated keeps when it stops.
    await h.store.put('system', 'clock', { now: h.clock.now().toISOString(), revision: 1 });
    await h.engine.close();
    await h.store.close();

    const result = await runCli('migrate', ['--case', view.id, '--to', REVISION.version], {
      DATA_DIR: h.dataDir,
      DEFINITIONS_DIR: fixture.root,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    await h.restart(false);
    const audit = await h.engine.audit(view.id, ADMIN);
    expect(audit.at(-1)).toMatchObject({ type: 'case.migrated', at: '2025-01-02T01:00:00.000Z' });
    expect((await h.engine.verifyAudit(view.id)).ok).toBe(true);
  });
});
