// `npm run scenario`'s exit codes (CONTRACT §5): 0 ok, 1 a failing step, 2 an unreadable scenario.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { REPO_ROOT, SCENARIOS } from './scenario-files.js';

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
