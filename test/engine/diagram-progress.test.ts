import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../engine/cases/case-record.js';
import { ADMIN, as, EngineHarness, throughCreation } from '../support/engine-harness.js';

/**
 * The case page draws `done` as done (issue: a rejected case showed "收到撤回申请" and
 * "已认定，撤回窗口关闭" as done). Behind the withdraw window's event-based gateway both catch events
 * are entered; only a completed one is a step that happened.
 */
describe("the diagram's done steps are the completed ones, not every one entered", () => {
  let h: EngineHarness;
  afterEach(async () => {
    await h.close();
  });

  it('a rejected case: the withdraw window events it passed by are not done', async () => {
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    const started = await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      { ...as('park', 'P-001'), region: '320000' },
    );
    await h.complete(started.id, 'submitCreationApplication', as('park', 'P-001'), { parkType: 'industry' });
    const rejected = await h.complete(started.id, 'provincialFeasibilityReview', as('province', '320000'), {
      decision: 'reject',
      comments: '不符合条件',
    });
    expect(rejected.final).toBe(true);
    const diagram = await h.engine.diagram(started.id, ADMIN);
    expect(diagram.visited).toEqual(expect.arrayContaining(['withdrawReceived', 'recognizedSignalReceived']));
    expect(diagram.done).not.toContain('withdrawReceived');
    expect(diagram.done).not.toContain('recognizedSignalReceived');
    expect(diagram.done).toEqual(expect.arrayContaining(['submitCreationApplication', 'provincialFeasibilityReview']));
    expect(diagram.active).toEqual([]);
  });

  it('a case in creation: the recognition it waits for is not done; its open window is active', async () => {
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    const { id } = await throughCreation(h);
    const diagram = await h.engine.diagram(id, ADMIN);
    expect(diagram.done).not.toContain('recognizedSignalReceived');
    expect(diagram.done).not.toContain('withdrawReceived');
    expect(diagram.active).toContain('withdrawReceived');
    expect(diagram.done).toContain('samrCreationApproval');
  });

  it('a record from before completed steps were kept: done is what was entered and is not waiting', async () => {
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    const { id } = await throughCreation(h);
    const stored = await h.store.get<CaseRecord>('cases', id);
    if (stored === undefined) throw new Error('no record');
    const { completed: _kept, ...old } = stored;
    await h.store.put('cases', id, old);
    await h.restart();
    const diagram = await h.engine.diagram(id, ADMIN);
    expect(diagram.done).toContain('samrCreationApproval');
    expect(diagram.done).not.toContain('withdrawReceived'); // waiting: its window is open
  });
});
