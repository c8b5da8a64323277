import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROCESS = 'quality-brand-zone';
export const FIRST_VERSION = '2024-03-14';

export interface Revision {
  version: string;
  effectiveFrom: string;
  /** Rule values to change, e.g. { publicityMinWorkingDays: 7 }. */
  rules?: Record<string, string | number>;
  /** Further edits on the copied files (path inside the version directory → new text). */
  edit?: (read: (file: string) => Promise<string>) => Promise<Record<string, string>>;
}

/**
 * A temporary definitions root holding the 2024-03-14 version and revisions of it, for tests of
 * versions in force and migration. Calendars and province codes come from the project's
 * `definitions/` (a root without its own are given the shared ones).
 */
export async function definitionsWithRevisions(
  revisions: readonly Revision[],
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'qbz-definitions-'));
  const source = join('definitions', PROCESS, FIRST_VERSION);
  await cp(source, join(root, PROCESS, FIRST_VERSION), { recursive: true });
  for (const revision of revisions) {
    const dir = join(root, PROCESS, revision.version);
    await cp(source, dir, { recursive: true });
    const read = (file: string) => readFile(join(dir, file), 'utf8');
    const manifest = JSON.parse(await read('manifest.json')) as Record<string, unknown>;
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifest, version: revision.version, effectiveFrom: revision.effectiveFrom }, null, 2),
    );
    if (revision.rules !== undefined) {
      const rules = JSON.parse(await read('rules.json')) as Record<string, { value: unknown }>;
      for (const [name, value] of Object.entries(revision.rules)) {
        const rule = rules[name];
        if (rule === undefined) throw new Error(`no rule ${name}`);
        rule.value = value;
      }
      await writeFile(join(dir, 'rules.json'), JSON.stringify(rules, null, 2));
    }
    for (const [file, text] of Object.entries((await revision.edit?.(read)) ?? {}))
      await writeFile(join(dir, file), text);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * A temporary definitions root as a server of the `county-brand` programme has it (test/programmes/):
 * its version, the project's calendars, and its own region directory (`directory/cities.json`).
 */
export async function countyBrandRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'county-brand-definitions-'));
  await cp(join('test', 'programmes', 'county-brand'), join(root, 'county-brand'), { recursive: true });
  await cp(join('definitions', 'calendars'), join(root, 'calendars'), { recursive: true });
  await cp(join('test', 'programmes', 'directory', 'cities.json'), join(root, 'directory', 'cities.json'));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A definitions root running both programmes side by side: the project's (with its translations) and county-brand. */
export async function bothProgrammesRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const built = await countyBrandRoot();
  await cp(join('definitions', PROCESS), join(built.root, PROCESS), { recursive: true });
  await cp(join('definitions', 'directory', 'provinces.json'), join(built.root, 'directory', 'provinces.json'));
  return built;
}
