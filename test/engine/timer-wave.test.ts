import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LiveInstance } from '../../engine/runtime/live-instance.js';
import { ADMIN, as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';

describe('a timer wave after a long downtime', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("fires each case's due timers once, in due order, on one recovered instance per case", async () => {
    // Given two parks recognised on 2025-06-03, demonstrating (annual reports, period end, re-review)
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    dirs.push(h.dataDir);
    const parks = ['P-A', 'P-B'];
    const ids: string[] = [];
    for (const park of parks) ids.push((await throughCreation(h, park)).id);
    await h.advanceTo('2025-04-03T09:00:00+08:00');
    for (const [index, id] of ids.entries()) await throughAcceptance(h, id, parks[index]);
    await h.advanceTo('2025-06-03T09:00:00+08:00');
    for (const id of ids) await h.complete(id, 'samrRecognition', as('samr'));
    const before = new Map<string, number>();
    for (const id of ids) before.set(id, (await h.engine.audit(id, ADMIN)).length);

    // When the server comes back years later, with every timer and what each arms overdue
    h.clock.advanceTo(new Date('2031-01-01T09:00:00+08:00'));
    await h.restart();
    const recover = vi.spyOn(LiveInstance, 'recover');
    const fired = await h.engine.runDueTimers();

    // Then each case's timers fired once each, at their due instants in order, on one recovery per case
    expect(await h.engine.runDueTimers()).toBe(0);
    expect(recover).toHaveBeenCalledTimes(ids.length);
    recover.mockRestore();
    let inWave = 0;
    for (const id of ids) {
      const audit = await h.engine.audit(id, ADMIN);
      const ats = audit.filter((entry) => entry.type === 'timer.fired').map((entry) => entry.at);
      expect(ats).toEqual([...ats].sort());
      expect(new Set(ats).size).toBe(ats.length);
      const waveFired = audit.slice(before.get(id)).filter((entry) => entry.type === 'timer.fired').length;
      expect(waveFired).toBeGreaterThan(1);
      inWave += waveFired;
      expect(await h.engine.verifyAudit(id)).toEqual({ ok: true, problems: [] });
    }
    expect(fired).toBe(inWave);
    await h.close();
  });
});
