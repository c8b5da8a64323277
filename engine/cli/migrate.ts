// npm run migrate -- --case ID --to VERSION [--dry-run] [--json]
// Moves a running case (in DATA_DIR, default ./data) to another definition version (DEFINITIONS_DIR,
// default ./definitions). Run it while the server is stopped, or use the server's migration API.
// With CLOCK=simulated, as the sandbox's server was started, the move happens at the time its clock reached.
import { parseArgs } from 'node:util';
import { SimulatedClock, SystemClock } from '../clock.js';
import { isEngineError } from '../errors.js';
import type { Clock } from '../ports.js';
import { runningServer } from '../store/data-dir-marker.js';
import { LowdbStore } from '../store/index.js';
import { WorkflowEngine } from '../workflow-engine.js';

const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    to: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (values.case === undefined || values.to === undefined) {
  process.stderr.write('usage: npm run migrate -- --case ID --to VERSION [--dry-run] [--json]\n');
  process.exit(2);
}

/**
 * The machine's clock, or with CLOCK=simulated (as serve.ts decides) the position the sandbox's clock
 * reached (`system/clock`, kept by a server so started): on the machine's time the move was audited
 * before the steps the sandbox had already taken. Without CLOCK=simulated the stored position is not
 * read: a folder once run as a sandbox and served since on the real clock keeps a stale one.
 */
async function clockOf(store: LowdbStore): Promise<Clock> {
  if (process.env.CLOCK !== 'simulated') return new SystemClock();
  const stored = await store.get<{ now?: unknown }>('system', 'clock').catch((error: unknown) => {
    if (isEngineError(error, 'damaged')) return undefined; // as the server: the position is lost
    throw error;
  });
  const reached = typeof stored?.now === 'string' ? new Date(stored.now) : undefined;
  return reached === undefined || Number.isNaN(reached.getTime()) ? new SystemClock() : new SimulatedClock(reached);
}

const dataDir = process.env.DATA_DIR ?? 'data';
// The server holds its cases in memory and writes them as one process; a second writer under it is
// what "stop the server first" is for (the server's own migration API does the same while it runs).
const server = runningServer(dataDir);
if (server !== undefined) {
  process.stderr.write(
    `错误 / error: ${dataDir} 正由运行中的服务器（进程 ${server}）使用，请先停止服务器，或用 POST /api/cases/:id/migrate / a server (pid ${server}) is running on ${dataDir}: stop it first, or use POST /api/cases/:id/migrate\n`,
  );
  process.exit(1);
}
const store = new LowdbStore(dataDir);
const engine = await WorkflowEngine.open({
  definitions: process.env.DEFINITIONS_DIR ?? 'definitions',
  store,
  clock: await clockOf(store),
});
try {
  const result = await engine.migrateCase(
    values.case,
    values.to,
    { id: 'cli', roles: [{ group: 'admin' }] },
    {
      dryRun: values['dry-run'],
    },
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const { plan } = result;
    process.stdout.write(`${plan.caseId}: ${plan.from} → ${plan.to} ${result.applied ? '(migrated)' : '(dry run)'}\n`);
    for (const item of plan.items) {
      const dates =
        item.before === undefined
          ? ''
          : ` ${item.before.exposed ?? item.before.fireDay ?? '?'} → ${item.after?.exposed ?? item.after?.fireDay ?? '?'}`;
      process.stdout.write(
        `  ${item.kind} ${item.element} → ${item.to ?? '—'}${dates}${item.problem === undefined ? '' : `  ✗ ${item.problem}`}\n`,
      );
    }
  }
} catch (error) {
  if (!isEngineError(error)) throw error;
  const plan = error.context.plan;
  process.stderr.write(`${error.code}: ${error.message}\n`);
  if (values.json && plan !== undefined) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  process.exitCode = 1;
} finally {
  await engine.close();
  await store.close();
}
