// The case scripts of test/scenarios/*.json (CONTRACT §5), run in-process the way the CLI runs them.
// Two test files share them (scenarios-part-1/2.test.ts), so that two workers run them at once: one
// after another they were the longest file of the suite.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parseScenario } from '../../engine/scenario/scenario.js';
import { ScenarioRunner, type ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { LowdbStore } from '../../engine/store/index.js';

export const SCENARIOS = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(SCENARIOS, '../..');
const DEFINITIONS = join(REPO_ROOT, 'definitions');

export const scenarioFiles = async (): Promise<string[]> =>
  (await readdir(SCENARIOS)).filter((name) => name.endsWith('.json')).sort();

/** Every other file, from the first (part 1) or the second (part 2): halves of about equal length. */
export const part = (files: readonly string[], which: 1 | 2): string[] =>
  files.filter((_name, index) => index % 2 === which - 1);

/** Runs one scenario file as `npm run scenario` does: the project's definitions, a fresh temp data dir. */
async function runFile(file: string): Promise<{ result: ScenarioResult; steps: unknown[] }> {
  const scenario = parseScenario(JSON.parse(await readFile(file, 'utf8')) as unknown);
  const dataDir = await mkdtemp(join(tmpdir(), 'qbz-scenario-test-'));
  try {
    const runner = new ScenarioRunner(scenario, {
      definitions: DEFINITIONS,
      shared: DEFINITIONS,
      // A scratch store, as the CLI's: no flushes for a power loss (a quarter of a script's main thread).
      openStore: () => new LowdbStore(dataDir, { fsync: false }),
    });
    return { result: await runner.run(), steps: scenario.steps };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** One test per file, one at a time: each script gets the whole timeout, however busy the machine is. */
export function eachScenarioHolds(files: readonly string[]): void {
  it.each(files)(
    '%s holds',
    async (name) => {
      const { result, steps } = await runFile(join(SCENARIOS, name));
      const failed = result.failedStep;
      const message =
        failed === undefined
          ? `${name}: ${result.reason ?? 'failed'}`
          : `${name}: step ${failed} ${JSON.stringify(steps[failed])} failed: ${result.reason ?? ''}`;
      expect(result.ok, message).toBe(true);
    },
    // The longest scripts (many cases, objections) take ~20 s alone and far longer beside other files.
    180_000,
  );
}
