// npm run validate -- [DIR] [--json]: checks definition files; exit 0 when clean, 1 with the problems.
import { parseArgs } from 'node:util';
import { formatProblem } from '../definitions/problems.js';
import { englishCount } from '../english-count.js';
import { validateDefinitions } from '../definitions/validate-definitions.js';
import { PROJECT_DEFINITIONS } from './project-definitions.js';

const { values, positionals } = parseArgs({
  options: { json: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const target = positionals[0] ?? 'definitions';

try {
  const { problems, versions } = await validateDefinitions(target, { shared: PROJECT_DEFINITIONS });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: problems.length === 0, versions: versions.map((v) => `${v.manifest.process}@${v.manifest.version}`), problems }, null, 2)}\n`,
    );
  } else if (problems.length === 0) {
    process.stdout.write(`${target}: ${englishCount(versions.length, 'definition version')}, no problems\n`);
  } else {
    for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    process.stdout.write(`\n${englishCount(errors, 'error')}, ${englishCount(problems.length - errors, 'warning')}\n`);
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`cannot validate ${target}: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
