// One of the lifecycle bench's processes (test/bench/lifecycle-bench.ts): an engine on the shared
// PostgreSQL database and a simulated clock, walking the parks the parent sends it, phase by phase.
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { completeOpenTask, type CaseWalker } from '../support/engine-harness.js';
import { lifecyclePhase, type LifecycleCommand } from './lifecycle-phases.js';

const [url = '', start = ''] = process.argv.slice(2);
const store = await PostgresStore.open({ connectionString: url });
const clock = new SimulatedClock(new Date(start));
const definitions = await DefinitionRegistry.load('definitions', { shared: 'definitions' });
const engine = await WorkflowEngine.open({ definitions, store, clock });
const walker: CaseWalker = {
  engine,
  complete: (caseId, taskId, actor, patch) => completeOpenTask(engine, caseId, taskId, actor, patch),
};
const ids = new Map<string, string>();

process.on('message', (command: LifecycleCommand) => {
  void (async () => {
    try {
      if (command.kind === 'close') {
        await engine.close();
        await store.close();
        process.exit(0);
      }
      const answer = await lifecyclePhase(walker, clock, ids, command);
      process.send?.({ ok: true, answer });
    } catch (error) {
      process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) });
    }
  })();
});
process.send?.({ ok: true, answer: 0 });
