import { checkEffectiveDates, checkVersion, type CheckedVersion } from './check-version.js';
import type { Problem } from './problems.js';
import { definitionsRootOf, findVersionDirs, readDefinitionContext, readVersionSource } from './read-definitions.js';
import type { DefinitionContext } from './version-source.js';
import { dirname } from 'node:path';
import { readTranslations, type Catalogue } from './translations.js';

export interface DefinitionsCheck {
  root: string;
  context: DefinitionContext;
  /** The directory each calendar id was read from. */
  calendarDirs: ReadonlyMap<string, string>;
  /** Versions without errors, by process, then by version. */
  versions: CheckedVersion[];
  /** The catalogues of the checked versions' processes, by process then language. */
  translations: Map<string, Map<string, Catalogue>>;
  problems: Problem[];
}

/**
 * Checks a definitions tree — or one version directory inside it — the way `npm run validate` and
 * the engine's loader do: calendars and directory files, then every version, then one version per
 * effective date; and the processes' catalogues of translations.
 */
export async function validateDefinitions(path: string, options: { shared?: string } = {}): Promise<DefinitionsCheck> {
  const { root, only } = await definitionsRootOf(path);
  const { context, calendarDirs, problems } = await readDefinitionContext(root, options.shared);
  const dirs = only ?? (await findVersionDirs(root));
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
  const { translations, problems: unreadable } = await readTranslations([...new Set(dirs.map((dir) => dirname(dir)))]);
  problems.push(...unreadable);
  return { root, context, calendarDirs, versions, translations, problems };
}
