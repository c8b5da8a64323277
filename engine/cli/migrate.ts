// npm run migrate -- --case ID --to VERSION [--dry-run] [--json]
// Moves a running case (in DATA_DIR, default ./data) to another definition version (DEFINITIONS_DIR,
// default ./definitions). Run it while the server is stopped, or use the server's migration API.
import { parseArgs } from 'node:util';
import { SystemClock } from '../clock.js';
import { isEngineError } from '../errors.js';
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

const store = new LowdbStore(process.env.DATA_DIR ?? 'data');
const engine = await WorkflowEngine.open({
  definitions: process.env.DEFINITIONS_DIR ?? 'definitions',
  store,
  clock: new SystemClock(),
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
