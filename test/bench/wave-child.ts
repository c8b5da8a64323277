// One of the wake bench's timer-wave processes (test/bench/wake-bench.ts): an engine on the shared
// PostgreSQL database whose simulated clock the parent moves past every timer; the processes share
// the wave through the store's timer claims, as two servers on one database do.
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';

/** What the parent sends: fire the wave with the clock at `advanceTo`, or close. */
export type WaveCommand = { kind: 'fire'; advanceTo: string } | { kind: 'close' };
/** What this process answers: ready (fired 0) after opening, then its share of the wave. */
export interface WaveAnswer {
  fired: number;
  error?: string;
}

const [url = '', start = ''] = process.argv.slice(2);
const store = await PostgresStore.open({ connectionString: url });
const clock = new SimulatedClock(new Date(start));
const definitions = await DefinitionRegistry.load('definitions');
const engine = await WorkflowEngine.open({ definitions, store, clock });
const answer = (message: WaveAnswer) => process.send?.(message);

process.on('message', (command: WaveCommand) => {
  void (async () => {
    if (command.kind === 'close') {
      await engine.close();
      await store.close();
      process.exit(0);
    }
    try {
      clock.advanceTo(new Date(command.advanceTo));
      answer({ fired: await engine.runDueTimers() });
    } catch (error) {
      answer({ fired: 0, error: error instanceof Error ? error.stack : String(error) });
    }
  })();
});
answer({ fired: 0 });
