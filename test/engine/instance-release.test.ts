import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { LiveInstance } from '../../engine/runtime/live-instance.js';
import { MemoryStore } from '../../engine/store/index.js';
import type { Store } from '../../engine/ports.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { as, completeOpenTask } from '../support/engine-harness.js';

/**
 * A process instance holds megabytes. One that will not be kept hot must be let go before the
 * commit's round trip, not when the command returns: under load dozens of commands wait on the
 * database at once, and each held instance was copied by the garbage collector (docs/benchmarks.md).
 */
describe('process instances and the commit', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The number of instances released so far, as each commit of a case record begins. */
  async function watched(hotCases: number) {
    const releasedAtCommit: number[] = [];
    const release = vi.spyOn(LiveInstance.prototype, 'release');
    const store = new MemoryStore();
    const commit = store.commit.bind(store);
    (store as Store).commit = (writes, expect) => {
      if (writes.some((write) => write.kind === 'put' && write.collection === 'cases'))
        releasedAtCommit.push(release.mock.calls.length);
      return commit(writes, expect);
    };
    const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
    const engine = await WorkflowEngine.open({ definitions: 'definitions', store, clock, hotCases });
    return { engine, releasedAtCommit };
  }

  it('releases an instance that is not kept hot before its commit begins', async () => {
    // Given an engine that keeps no instance hot
    const { engine, releasedAtCommit } = await watched(0);
    const park = { ...as('park', 'P-1'), region: '320000' };
    const started = await engine.startCase({ process: 'quality-brand-zone', park: 'P-1', province: '320000' }, park);

    // When a case is started and its first task completed
    await completeOpenTask(engine, started.id, 'submitCreationApplication', park, { parkType: 'industry' });

    // Then each command let its instance go before committing
    expect(releasedAtCommit).toEqual([1, 2]);
    await engine.close();
  });

  it('keeps a hot instance whole for the next command on the case', async () => {
    // Given an engine with a hot cache
    const { engine, releasedAtCommit } = await watched(8);
    const park = { ...as('park', 'P-1'), region: '320000' };
    const started = await engine.startCase({ process: 'quality-brand-zone', park: 'P-1', province: '320000' }, park);
    const recover = vi.spyOn(LiveInstance, 'recover');

    // When the next task is completed
    const view = await completeOpenTask(engine, started.id, 'submitCreationApplication', park, {
      parkType: 'industry',
    });

    // Then the kept instance served it: not released, not recovered
    expect(releasedAtCommit).toEqual([0, 0]);
    expect(recover).not.toHaveBeenCalled();
    expect(view.openTasks.map((task) => task.taskId)).toEqual(['provincialFeasibilityReview']);
    await engine.close();
  });
});
