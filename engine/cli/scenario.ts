// npm run --silent scenario -- FILE.json [--definitions DIR] [--json]   (CONTRACT §5)
// Exit 0: every expectation holds; 1: a step failed (its index and reason); 2: the scenario cannot be run.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseScenario, type Scenario } from '../scenario/scenario.js';
import { ScenarioRunner } from '../scenario/run-scenario.js';
import { cameAndWent } from '../scenario/incident-watch.js';
import { LowdbStore } from '../store/index.js';
import { PROJECT_DEFINITIONS } from './project-definitions.js';

function fail(code: 2, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const { values, positionals } = parseArgs({
  options: { definitions: { type: 'string' }, json: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const [file] = positionals;
if (file === undefined) fail(2, 'usage: npm run --silent scenario -- FILE.json [--definitions DIR] [--json]');

let scenario: Scenario;
try {
  scenario = parseScenario(JSON.parse(await readFile(file, 'utf8')) as unknown);
} catch (error) {
  fail(2, `${file}: unreadable scenario: ${(error as Error).message}`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'qbz-scenario-'));
try {
  const runner = new ScenarioRunner(scenario, {
    definitions: values.definitions ?? PROJECT_DEFINITIONS,
    shared: PROJECT_DEFINITIONS,
    // A scratch store, removed after the run: nothing in it has to survive a power loss.
    openStore: () => new LowdbStore(dataDir, { fsync: false }),
  });
  let result;
  try {
    result = await runner.run();
  } catch (error) {
    fail(2, `${file}: cannot run: ${(error as Error).message}`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.ok) {
    process.stdout.write(`${file}: ok, ${scenario.steps.length} steps\n`);
  } else {
    process.stdout.write(`${file}: step ${result.failedStep ?? '?'} failed: ${result.reason ?? ''}\n`);
  }
  // Said whether or not the script expects it (exit code unchanged): a case the engine could not carry on.
  if (!values.json) {
    for (const entry of result.timeline) {
      for (const { incident, clearedAt } of cameAndWent(entry.incidentEvents ?? [])) {
        const where = incident.element === '' ? '' : ` at ${incident.element}`;
        process.stdout.write(
          `${file}: case "${incident.case}" held an incident from ${incident.at} to ${clearedAt} (step ${entry.step}): ${incident.kind}${where}: ${incident.message}\n`,
        );
      }
    }
    for (const incident of result.incidents) {
      const where = incident.element === '' ? '' : ` at ${incident.element}`;
      process.stdout.write(
        `${file}: case "${incident.case}" holds an incident since ${incident.at}: ${incident.kind}${where}: ${incident.message}\n`,
      );
    }
  }
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
