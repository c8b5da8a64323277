import { checkEffectiveDates, checkVersion, type CheckedVersion } from './check-version.js';
import type { Problem } from './problems.js';
import { definitionsRootOf, findVersionDirs, readDefinitionContext, readVersionSource } from './read-definitions.js';
import type { DefinitionContext } from './version-source.js';

export interface DefinitionsCheck {
  root: string;
  context: DefinitionContext;
  /** Versions without errors, by process, then by version. */
  versions: CheckedVersion[];
  problems: Problem[];
}

/**
 * Checks a definitions tree — or one version directory inside it — the way `npm run validate` and
 * the engine's loader do: calendars and directory files, then every version, then one version per
 * effective date.
 */
export async function validateDefinitions(path: string): Promise<DefinitionsCheck> {
  const { root, only } = await definitionsRootOf(path);
  const { context, problems } = await readDefinitionContext(root);
  const dirs = only === undefined ? await findVersionDirs(root) : [only];
  const versions: CheckedVersion[] = [];
  const manifests = [];
  for (const dir of dirs) {
    const source = await readVersionSource(dir);
    const result = await checkVersion(source, context);
    problems.push(...result.problems);
    if (result.version !== undefined) versions.push(result.version);
    if (result.manifest !== undefined) manifests.push({ dir: source.dir, manifest: result.manifest });
  }
  problems.push(...checkEffectiveDates(manifests));
  return { root, context, versions, problems };
}
