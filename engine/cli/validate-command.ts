// What `npm run validate -- [DIR] [--json]` does, as a function of its arguments: engine/cli/validate.ts
// passes the process's and exits with the answer, and the tests call it in-process too (a process of
// its own loads the checks and validates cold, ~2.5 CPU-s).
// Answers 0 when clean, 1 with the problems (or when the directory cannot be validated).
import { parseArgs } from 'node:util';
import { PROJECT_DEFINITIONS } from './project-definitions.js';
import { englishCount } from '../english-count.js';
import { formatProblem } from '../definitions/problems.js';
import { validateDefinitions } from '../definitions/validate-definitions.js';

/** Where the command writes: the process's stdout and stderr, or a test's buffers. */
export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the command on `args` (the words after `--`); resolves with its exit code. */
export async function validateCommand(args: readonly string[], out: CommandOutput): Promise<0 | 1> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const target = positionals[0] ?? 'definitions';

  try {
    const { problems, versions } = await validateDefinitions(target, { shared: PROJECT_DEFINITIONS });
    if (values.json) {
      out.stdout(
        `${JSON.stringify({ ok: problems.length === 0, versions: versions.map((v) => `${v.manifest.process}@${v.manifest.version}`), problems }, null, 2)}\n`,
      );
    } else if (problems.length === 0) {
      out.stdout(`${target}: ${englishCount(versions.length, 'definition version')}, no problems\n`);
    } else {
      for (const problem of problems) out.stdout(`${formatProblem(problem)}\n`);
      const errors = problems.filter((problem) => problem.severity === 'error').length;
      out.stdout(`\n${englishCount(errors, 'error')}, ${englishCount(problems.length - errors, 'warning')}\n`);
    }
    return problems.length === 0 ? 0 : 1;
  } catch (error) {
    out.stderr(`cannot validate ${target}: ${(error as Error).message}\n`);
    return 1;
  }
}
