// `npm run scenario`'s exit codes (CONTRACT §5): 0 ok, 1 a failing step, 2 an unreadable scenario; and
// the incidents a case holds, said after the run and recorded in the --json timeline.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../transfer/run-cli.js';
import type { ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { scenarioCli } from '../../engine/scenario/scenario-cli.js';
import { REPO_ROOT, SCENARIOS } from './scenario-files.js';

type Run = CliResult;

/**
 * `tsx engine/cli/scenario.ts …args` in the repository root, in a process of its own (node with tsx's
 * loader, as `npm run` runs it); resolves whatever the exit code. One for each exit code: that the
 * process exits with what the command answers, and writes to its stdout and stderr.
 */
function cli(...args: string[]): Promise<Run> {
  return runCli('scenario', args);
}

/**
 * The same command in this process (engine/scenario/scenario-cli.ts, which the script calls): what it
 * says and answers, without loading the engine and validating the definitions cold (~2.5 CPU-s a process).
 */
async function command(...args: string[]): Promise<Run> {
  const run = { stdout: '', stderr: '' };
  const code = await scenarioCli(args, {
    stdout: (text) => (run.stdout += text),
    stderr: (text) => (run.stderr += text),
  });
  return { code, ...run };
}

describe.concurrent('npm run scenario (engine/cli/scenario.ts)', () => {
  const example = join(SCENARIOS, 'contract-example.json');
  let dir: string;
  let wrongExpectation: string;
  /** Index of the step whose expectation the copy gets wrong. */
  let wrongStep: number;
  let malformed: string;
  let invalid: string;
  /** A programme's script whose case holds a calendar-missing incident from step 6 (no 2027 calendar). */
  const withIncident = join(REPO_ROOT, 'test/programmes/scenarios/v1-notice-needs-2027-calendar.json');
  const programmes = ['--definitions', join(REPO_ROOT, 'test/programmes')];
  let expectingNoIncident: string;
  let incidentStep: number;

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
    const v1 = JSON.parse(await readFile(withIncident, 'utf8')) as { steps: unknown[] };
    incidentStep = v1.steps.push({ expect: { case: 'c1', status: 'publicizing', incidents: [] } }) - 1;
    expectingNoIncident = join(dir, 'expecting-no-incident.json');
    await writeFile(expectingNoIncident, JSON.stringify(v1));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on a scenario whose expectations hold', async () => {
    const run = await cli(example);
    expect(run.stdout).toMatch(/contract-example\.json: ok, \d+ steps/);
    expect(run.stdout).not.toContain('incident');
    expect(run.code).toBe(0);
  });

  it('says which case holds an incident at the end, and still exits 0 when every expectation holds', async () => {
    const run = await command(withIncident, ...programmes);
    expect(run.stdout).toMatch(/v1-notice-needs-2027-calendar\.json: ok, \d+ steps/);
    expect(run.stdout).toMatch(
      /case "c1" holds an incident since 2027-01-07T01:00:00\.000Z: calendar-missing at noticeEndsTimer: .*2027/,
    );
    expect(run.code).toBe(0);
  });

  it('records with --json when a case got an incident, and the incidents held at the end', async () => {
    const run = await command(withIncident, ...programmes, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScenarioResult;
    const raised = { case: 'c1', kind: 'calendar-missing', element: 'noticeEndsTimer', at: '2027-01-07T01:00:00.000Z' };
    const entries = result.timeline.filter((entry) => entry.incidentsRaised !== undefined);
    // submitSelfEvaluation opens the notice, whose end falls in 2027; the objection's new notice is held the same way.
    expect(entries.map((entry) => [entry.step, entry.action])).toEqual([[6, 'complete submitSelfEvaluation']]);
    expect(entries[0]?.incidentsRaised).toEqual([expect.objectContaining(raised)]);
    expect(result.incidents).toEqual([expect.objectContaining(raised)]);
  });

  it('exits 1 naming the step when an expect names incidents the case does not hold exactly', async () => {
    const run = await command(expectingNoIncident, ...programmes);
    expect(run.stdout).toContain(`step ${incidentStep} failed`);
    expect(run.stdout).toContain('incidents are [calendar-missing], expected []');
    expect(run.stdout).toContain('case "c1" holds an incident');
    expect(run.code).toBe(1);
  });

  it('exits 1 and names the failing step on a copy whose expectation is wrong', async () => {
    const run = await cli(wrongExpectation);
    expect(run.stdout).toContain(`step ${wrongStep} failed`);
    expect(run.stdout).toContain('expected demonstrating');
    expect(run.code).toBe(1);
  });

  it('prints the timeline with --json, the failing step included', async () => {
    const run = await command(wrongExpectation, '--json');
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
    const run = await command(invalid);
    expect(run.stderr).toContain('unreadable scenario');
    expect(run.stderr).toContain('step 1');
    expect(run.code).toBe(2);
  });

  it('exits 2 without a file', async () => {
    const run = await command();
    expect(run.stderr).toContain('usage: npm run --silent scenario');
    expect(run.code).toBe(2);
  });
});
