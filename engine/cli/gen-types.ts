// npm run gen:types: writes definitions/types/<process>/<version>.d.ts from each version's form schemas.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formTypesOf, formTypesPath } from '../definitions/form-types.js';
import { formatProblem, hasErrors } from '../definitions/problems.js';
import { validateDefinitions } from '../definitions/validate-definitions.js';
import { PROJECT_DEFINITIONS } from './project-definitions.js';

const root = process.argv[2] ?? 'definitions';
const { versions, problems } = await validateDefinitions(root, { shared: PROJECT_DEFINITIONS });
if (hasErrors(problems)) {
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write('fix the definitions first (npm run validate)\n');
  process.exit(1);
}
for (const version of versions) {
  const path = formTypesPath(root, version);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await formTypesOf(version));
  process.stdout.write(`${path}\n`);
}
