// What `npm run --silent scenario -- FILE.json [--definitions DIR] [--json]` does (CONTRACT §5), as a
// function of its arguments: engine/cli/scenario.ts passes the process's and exits with the answer, and
// the tests call it in-process (a process of its own loads the engine and validates the definitions
// cold, ~2.5 CPU-s, for what is said in a few lines).
// Answers 0: every expectation holds; 1: a step failed (its index and reason); 2: the scenario cannot be run.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_DEFINITIONS } from '../cli/project-definitions.js';
import { LowdbStore } from '../store/index.js';
import { cameAndWent } from './incident-watch.js';
import { ScenarioRunner } from './run-scenario.js';
import { parseScenario, type Scenario } from './scenario.js';

/** Where the command writes: the process's stdout and stderr, or a test's buffers. */
export interface ScenarioCliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the command on `args` (the words after `--`); resolves with its exit code. */
export async function scenarioCli(args: readonly string[], out: ScenarioCliOutput): Promise<0 | 1 | 2> {
  const fail = (message: string): 2 => {
    out.stderr(`${message}\n`);
    return 2;
  };
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { definitions: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (file === undefined) return fail('usage: npm run --silent scenario -- FILE.json [--definitions DIR] [--json]');

  let scenario: Scenario;
  try {
    scenario = parseScenario(JSON.parse(await readFile(file, 'utf8')) as unknown);
  } catch (error) {
    return fail(`${file}: unreadable scenario: ${(error as Error).message}`);
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
      return fail(`${file}: cannot run: ${(error as Error).message}`);
    }
    if (values.json) {
      out.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else if (result.ok) {
      out.stdout(`${file}: ok, ${scenario.steps.length} steps\n`);
    } else {
      out.stdout(`${file}: step ${result.failedStep ?? '?'} failed: ${result.reason ?? ''}\n`);
    }
    // Said whether or not the script expects it (exit code unchanged): a case the engine could not carry on.
    if (!values.json) {
      for (const entry of result.timeline) {
        for (const { incident, clearedAt } of cameAndWent(entry.incidentEvents ?? [])) {
          const where = incident.element === '' ? '' : ` at ${incident.element}`;
          out.stdout(
            `${file}: case "${incident.case}" held an incident from ${incident.at} to ${clearedAt} (step ${entry.step}): ${incident.kind}${where}: ${incident.message}\n`,
          );
        }
      }
      for (const incident of result.incidents) {
        const where = incident.element === '' ? '' : ` at ${incident.element}`;
        out.stdout(
          `${file}: case "${incident.case}" holds an incident since ${incident.at}: ${incident.kind}${where}: ${incident.message}\n`,
        );
      }
    }
    return result.ok ? 0 : 1;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
