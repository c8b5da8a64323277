// Child of engine-bench.ts: opens an engine on a data directory full of waiting cases and prints RSS.
import { SimulatedClock } from '../../engine/clock.js';
import { LowdbStore } from '../../engine/store/index.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';

const [dir] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: rss-child DATA_DIR');
const engine = await WorkflowEngine.open({
  definitions: 'definitions',
  store: new LowdbStore(dir),
  clock: new SimulatedClock(new Date('2024-04-01T09:00:00+08:00')),
});
const cases = engine.listCases({ id: 'bench', roles: [{ group: 'admin' }] }).length;
(globalThis as { gc?: () => void }).gc?.();
console.log(`cases ${cases}`);
console.log(`RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)}`);
