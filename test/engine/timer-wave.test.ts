import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LiveInstance } from '../../engine/runtime/live-instance.js';
import { SimulatedClock } from '../../engine/clock.js';
import { isEngineError } from '../../engine/errors.js';
import type { WorkflowEngine } from '../../engine/workflow-engine.js';
import {
  ADMIN,
  as,
  completeOpenTask,
  EngineHarness,
  formExample,
  throughAcceptance,
  throughCreation,
  type CaseWalker,
} from '../support/engine-harness.js';
import { postgresAvailable } from '../support/postgres.js';
import { enginesOnPostgres } from '../support/postgres-engines.js';

const postgresUp = await postgresAvailable();

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

/**
 * Six cases whose acceptance opens on the same day (Art. 18), the first four firings failing (as a
 * condition the process cannot evaluate would) — as many as a wave works on at once.
 */
async function heldTimers(
  walker: CaseWalker,
  clock: SimulatedClock,
  /** The engine that retries beside the walker's, at once (another process on the same database, or the same engine). */
  beside: () => Promise<WorkflowEngine>,
): Promise<void> {
  const { engine } = walker;
  // Open before the incidents: an engine opening retries them itself.
  const other = await beside();
  const ids: string[] = [];
  for (const park of ['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6']) ids.push((await throughCreation(walker, park)).id);
  /** Each case's timers fired so far, by element. */
  const firedOf = async () =>
    new Map(
      await Promise.all(
        ids.map(
          async (id) =>
            [
              id,
              (await engine.audit(id, ADMIN))
                .filter((entry) => entry.type === 'timer.fired')
                .map((entry) => String(entry.details.element))
                .join(),
            ] as const,
        ),
      ),
    );
  const incidents = async (id: string) => (await engine.getCase(id, ADMIN)).incidents.map((incident) => incident.kind);
  const before = await firedOf();

  const spy = vi.spyOn(LiveInstance.prototype, 'fireTimer');
  for (let failing = 0; failing < 4; failing += 1) spy.mockImplementationOnce(() => false);
  clock.advanceTo(new Date('2025-04-03T09:00:00+08:00'));
  await expect(engine.runDueTimers()).rejects.toThrow(/流程定义无法执行/);

  // The other two cases moved on; the four hold one incident each and their timer waits
  const after = await firedOf();
  const moved = ids.filter((id) => after.get(id) !== before.get(id));
  const stuck = ids.filter((id) => !moved.includes(id));
  expect(moved).toHaveLength(2);
  for (const id of stuck) expect(await incidents(id)).toEqual(['evaluation']);
  expect(spy).toHaveBeenCalledTimes(6);
  // and firing again neither fails nor notes another incident (it looped, an incident a try)
  expect(await engine.runDueTimers()).toBe(0);
  expect(engine.nextTimerAt()?.toISOString() ?? '').not.toMatch(/^2025-04-0[0-3]/);
  for (const id of stuck) expect(await incidents(id)).toEqual(['evaluation']);
  // and a command on such a case (a withdrawal) is refused until then, noting no other incident
  const [held = ''] = stuck;
  const park = `P-${String(ids.indexOf(held) + 1)}`;
  const refused: unknown = await engine
    .sendMessage(held, 'withdraw', as('park', park), await formExample('withdraw'))
    .catch((error: unknown) => error);
  expect(isEngineError(refused, 'incident'), String(refused)).toBe(true);
  expect(await incidents(held)).toEqual(['evaluation']);

  // An administrator's retry, the process able to go on again: every case where the two went, with
  // no incident, each audit chain whole
  spy.mockRestore();
  // Two retries at once (a double click, two processes): each case resolved once, neither refused.
  await other.sync();
  const retried = await Promise.all([engine.retryIncidents(), other.retryIncidents()]);
  expect(retried[0] + retried[1]).toBe(4);
  expect(await engine.runDueTimers()).toBeGreaterThanOrEqual(4);
  const final = await firedOf();
  for (const id of ids) {
    expect(final.get(id)).toBe(after.get(moved[0] ?? ''));
    expect(final.get(id)).not.toBe(before.get(id));
    expect(await incidents(id)).toEqual([]);
    const audit = await engine.audit(id, ADMIN);
    if (stuck.includes(id)) {
      expect(audit.filter((entry) => entry.type === 'incident.raised')).toHaveLength(1);
      expect(audit.filter((entry) => entry.type === 'incident.resolved')).toHaveLength(1);
    }
    expect(await engine.verifyAudit(id)).toEqual({ ok: true, problems: [] });
  }
}

describe('a timer whose firing fails is held by its incident until a retry, and the wave fires every other case meanwhile', () => {
  it('on the embedded store', async () => {
    const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    try {
      await heldTimers(h, h.clock, () => Promise.resolve(h.engine));
    } finally {
      await h.close();
    }
  });

  it.skipIf(!postgresUp)('on PostgreSQL (a held timer is not claimed as due)', async () => {
    const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
    const engines = await enginesOnPostgres(clock);
    try {
      const engine = await engines.open();
      await heldTimers(
        { engine, complete: (caseId, taskId, actor, patch) => completeOpenTask(engine, caseId, taskId, actor, patch) },
        clock,
        () => engines.open(),
      );
    } finally {
      await engines.close();
    }
  });
});
