// Every case script in test/scenarios/*.json must hold (CONTRACT §5), run in-process the way the CLI runs
// it; plus the CLI's exit codes (0 ok, 1 a failing step, 2 an unreadable scenario).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine/scenario/scenario.js';
import { ScenarioRunner, type ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { LowdbStore } from '../../engine/store/index.js';

const SCENARIOS = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SCENARIOS, '../..');
const DEFINITIONS = join(REPO_ROOT, 'definitions');

const files = (await readdir(SCENARIOS)).filter((name) => name.endsWith('.json')).sort();

/** Runs one scenario file as `npm run scenario` does: the project's definitions, a fresh temp data dir. */
async function runFile(file: string): Promise<{ result: ScenarioResult; steps: unknown[] }> {
  const scenario = parseScenario(JSON.parse(await readFile(file, 'utf8')) as unknown);
  const dataDir = await mkdtemp(join(tmpdir(), 'qbz-scenario-test-'));
  try {
    const runner = new ScenarioRunner(scenario, {
      definitions: DEFINITIONS,
      shared: DEFINITIONS,
      openStore: () => new LowdbStore(dataDir),
    });
    return { result: await runner.run(), steps: scenario.steps };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// One at a time: each script gets the whole timeout below, however busy the machine is.
describe('test/scenarios/*.json', () => {
  it('finds the scenario files', () => {
    expect(files).toContain('contract-example.json');
    expect(files).toContain('full-lifecycle.json');
  });

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
      // The longest scripts (many cases, objections) take ~20 s alone and far longer beside other files.
    },
    180_000,
  );
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx engine/cli/scenario.ts …args` in the repository root; resolves whatever the exit code. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('npx', ['tsx', 'engine/cli/scenario.ts', ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      done({ code, stdout, stderr });
    });
  });
}

describe.concurrent('npm run scenario (engine/cli/scenario.ts)', () => {
  const example = join(SCENARIOS, 'contract-example.json');
  let dir: string;
  let wrongExpectation: string;
  /** Index of the step whose expectation the copy gets wrong. */
  let wrongStep: number;
  let malformed: string;
  let invalid: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qbz-scenario-cli-'));
    const scenario = JSON.parse(await readFile(example, 'utf8')) as { steps: Record<string, unknown>[] };
    wrongStep = scenario.steps.findIndex((step) => 'expect' in step);
    const step = scenario.steps[wrongStep];
    if (step === undefined) throw new Error('contract-example.json has no expect step');
    step.expect = { ...(step.expect as object), status: 'demonstrating' };
    wrongExpectation = join(dir, 'wrong-expectation.json');
    await writeFile(wrongExpectation, JSON.stringify(scenario));
    malformed = join(dir, 'malformed.json');
    await writeFile(malformed, '{ "process": "quality-brand-zone", "steps": [');
    invalid = join(dir, 'invalid.json');
    await writeFile(
      invalid,
      JSON.stringify({
        process: 'quality-brand-zone',
        clock: '2024-04-01T09:00:00+08:00',
        steps: [{ start: { case: 'c1', park: 'P-001', province: '320000' } }, { advance: 'P1Y', restart: true }],
      }),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on a scenario whose expectations hold', async () => {
    const run = await cli(example);
    expect(run.stdout).toMatch(/contract-example\.json: ok, \d+ steps/);
    expect(run.code).toBe(0);
  });

  it('exits 1 and names the failing step on a copy whose expectation is wrong', async () => {
    const run = await cli(wrongExpectation);
    expect(run.stdout).toContain(`step ${wrongStep} failed`);
    expect(run.stdout).toContain('expected demonstrating');
    expect(run.code).toBe(1);
  });

  it('prints the timeline with --json, the failing step included', async () => {
    const run = await cli(wrongExpectation, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ScenarioResult;
    expect(result.ok).toBe(false);
    expect(result.failedStep).toBe(wrongStep);
    const last = result.timeline.at(-1);
    expect(last).toMatchObject({ step: wrongStep, action: 'expect', ok: false, status: 'creating' });
    expect(last?.openTasks).toEqual(['submitAcceptanceApplication']);
    expect(last?.due).toMatchObject({ acceptanceOpens: '2025-04-02' });
  });

  it('exits 2 on malformed JSON', async () => {
    const run = await cli(malformed);
    expect(run.stderr).toContain('unreadable scenario');
    expect(run.code).toBe(2);
  });

  it('exits 2 on a structurally invalid scenario, naming the step', async () => {
    const run = await cli(invalid);
    expect(run.stderr).toContain('unreadable scenario');
    expect(run.stderr).toContain('step 1');
    expect(run.code).toBe(2);
  });

  it('exits 2 without a file', async () => {
    const run = await cli();
    expect(run.code).toBe(2);
  });
});
