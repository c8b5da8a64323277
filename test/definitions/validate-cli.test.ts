import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../transfer/run-cli.js';
import { validateCommand } from '../../engine/cli/validate-command.js';
import type { Problem } from '../../engine/definitions/problems.js';
import {
  loadRealVersion,
  makeTempDir,
  REAL_PROCESS,
  REAL_VERSION,
  REPO_ROOT,
  removeTempDir,
  setJson,
  writeDefinitionsTree,
} from './helpers.js';

type Run = CliResult;

/**
 * `tsx engine/cli/validate.ts …args` in the repository root, in a process of its own (node with tsx's
 * loader, as `npm run` runs it); resolves whatever the exit code. One for each exit code: that the
 * process exits with what the command answers.
 */
function validate(...args: string[]): Promise<Run> {
  return runCli('validate', args);
}

/**
 * The same command in this process (engine/cli/validate-command.ts, which the script calls), from the
 * repository root as the process: what it prints and answers, without validating cold (~2.5 CPU-s).
 */
async function command(...args: string[]): Promise<Run> {
  expect(process.cwd()).toBe(REPO_ROOT.replace(/\/$/, ''));
  const run = { stdout: '', stderr: '' };
  const code = await validateCommand(args, {
    stdout: (text) => (run.stdout += text),
    stderr: (text) => (run.stderr += text),
  });
  return { code, ...run };
}

describe.concurrent('npm run validate (engine/cli/validate.ts)', () => {
  let root: string;
  /** The broken tree as the CLI is given it and prints it: relative to the repository root. */
  let tree: string;

  beforeAll(async () => {
    root = await makeTempDir('validate-cli-');
    const { source } = await loadRealVersion();
    // One broken file: a rule value that is not a period.
    const broken = setJson(source, 'rules.json', '/creationMinPeriod/value', 'P1H');
    await writeDefinitionsTree(root, [{ process: REAL_PROCESS, version: REAL_VERSION, source: broken }]);
    tree = relative(REPO_ROOT, root);
  });

  afterAll(async () => {
    await removeTempDir(root);
  });

  it('exits 0 on the committed definitions', async () => {
    const run = await validate('definitions');
    expect(run.stdout).toBe('definitions: 1 definition version, no problems\n');
    expect(run.code).toBe(0);
  });

  it('exits 1 on a copy with one broken file, naming the file and the pointer or element', async () => {
    const run = await validate(tree);
    expect(run.code).toBe(1);
    const output = run.stdout.split('\n');
    const version = join(tree, REAL_PROCESS, REAL_VERSION);
    expect(output).toContainEqual(expect.stringMatching(/\[rule-value\]$/));
    const ruleValue = output.find((line) => line.endsWith('[rule-value]')) ?? '';
    const rulesAt = `${join(version, 'rules.json')}: /creationMinPeriod/value: `;
    expect(ruleValue.slice(0, rulesAt.length)).toBe(rulesAt);
    expect(ruleValue).toContain('"P1H"');
    expect(ruleValue).toContain('(Art. 18)');
    const ruleNotPeriod = output.find((line) => line.endsWith('[rule-not-period]')) ?? '';
    const timerAt = `${join(version, 'process.bpmn')}: acceptanceOpensTimer: `;
    expect(ruleNotPeriod.slice(0, timerAt.length)).toBe(timerAt);
    expect(output).toContain('2 errors, 0 warnings');
  });

  it('--json prints ok: false and the problems', async () => {
    const run = await command(tree, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; versions: string[]; problems: Problem[] };
    expect(report.ok).toBe(false);
    expect(report.versions).toEqual([]);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        check: 'rule-value',
        file: join(tree, REAL_PROCESS, REAL_VERSION, 'rules.json'),
        pointer: '/creationMinPeriod/value',
      }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ check: 'rule-not-period', element: 'acceptanceOpensTimer' }),
    );
  });
});
