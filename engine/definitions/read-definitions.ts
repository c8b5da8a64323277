import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { readCalendarSources, validateCalendarFiles } from '../legal-time/index.js';
import { FileProblems, type Problem } from './problems.js';
import { checkDirectory } from './checks/directory.js';
import type { DefinitionContext, VersionSource } from './version-source.js';
import type { Directory } from './types.js';
import { TRANSLATIONS_FOLDER } from './translations.js';

// The Node side of the definitions: reading directories into sources. Everything it hands on is
// pure data, so the designer can run the same checks in a browser.

const display = (path: string): string => relative(process.cwd(), path) || '.';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) files.push(...(await listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)));
    else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
  }
  return files;
}

/** Reads every file of a version directory as text. */
export async function readVersionSource(dir: string): Promise<VersionSource> {
  const files = new Map<string, string>();
  for (const path of await listFiles(dir)) files.set(path, await readFile(join(dir, path), 'utf8'));
  return { dir: display(dir), files };
}

/** Calendars and directory files of a definitions root, with the problems found in them. */
/**
 * Calendars and directory files of a definitions root, with the problems found in them. A root
 * without its own `calendars/` (a programme kept elsewhere, a scenario's definitions) uses those of
 * `shared` — normally this project's `definitions/`; directory files are `shared`'s and its own.
 */
export async function readDefinitionContext(
  root: string,
  shared?: string,
): Promise<{ context: DefinitionContext; calendarDirs: Map<string, string>; problems: Problem[] }> {
  const problems: Problem[] = [];
  const calendars = new Set<string>();
  const calendarDirs = new Map<string, string>();
  const folder = async (name: string) =>
    !(await isDirectory(join(root, name))) && shared !== undefined ? join(shared, name) : join(root, name);
  const calendarRoot = await folder('calendars');
  if (await isDirectory(calendarRoot)) {
    for (const id of (await readdir(calendarRoot)).sort()) {
      const dir = join(calendarRoot, id);
      if (!(await isDirectory(dir))) continue;
      const { sources, problems: unreadable } = await readCalendarSources(dir);
      const found = [...unreadable, ...validateCalendarFiles(sources)];
      for (const problem of found) {
        problems.push({ severity: 'error', check: 'calendar', file: display(problem.file), pointer: problem.pointer, message: problem.message });
      }
      if (sources.length > 0) {
        calendars.add(id);
        calendarDirs.set(id, dir);
      }
    }
  }
  // Directory files: the shared ones, then the root's own (a programme's own regions, e.g. cities),
  // which win over a shared file of the same name.
  const directories = new Map<string, Directory>();
  const directoryRoots = [...new Set([await folder('directory'), join(root, 'directory')])];
  if (shared !== undefined) directoryRoots.unshift(join(shared, 'directory'));
  for (const directoryRoot of [...new Set(directoryRoots)]) {
    if (!(await isDirectory(directoryRoot))) continue;
    for (const name of (await readdir(directoryRoot)).filter((file) => file.endsWith('.json')).sort()) {
      const file = join(directoryRoot, name);
      const found = new FileProblems(display(file), problems);
      const directory = checkDirectory(await readFile(file, 'utf8'), found);
      if (directory !== undefined) directories.set(basename(name, '.json'), directory);
    }
  }
  return { context: { calendars, directories }, calendarDirs, problems };
}

/** Folders of a definitions root that hold shared data rather than a process. */
export const SHARED_FOLDERS: ReadonlySet<string> = new Set(['calendars', 'directory', 'types']);

/** A folder inside a process directory holding its case scripts (not a version). */
export const SCENARIOS_FOLDER = 'scenarios';

/** Folders inside a process directory that hold something other than a version. */
const NOT_VERSIONS: ReadonlySet<string> = new Set([SCENARIOS_FOLDER, TRANSLATIONS_FOLDER]);

/** The version directories below a definitions root: `<root>/<process>/<version>/`. */
export async function findVersionDirs(root: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const processName of (await readdir(root)).sort()) {
    if (SHARED_FOLDERS.has(processName)) continue;
    const processDir = join(root, processName);
    if (!(await isDirectory(processDir))) continue;
    for (const version of (await readdir(processDir)).sort()) {
      if (NOT_VERSIONS.has(version)) continue;
      const versionDir = join(processDir, version);
      if (await isDirectory(versionDir)) dirs.push(versionDir);
    }
  }
  return dirs;
}

async function hasManifest(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'manifest.json'))).isFile();
  } catch {
    return false;
  }
}

/**
 * What a path names: a definitions root, a process directory (its versions only) or one version
 * directory — `only` lists the version directories to check then.
 */
export async function definitionsRootOf(path: string): Promise<{ root: string; only?: string[] }> {
  if (await hasManifest(path)) return { root: dirname(dirname(path)), only: [path] };
  const versions: string[] = [];
  for (const name of await readdir(path)) {
    if (!NOT_VERSIONS.has(name) && (await hasManifest(join(path, name)))) versions.push(join(path, name));
  }
  return versions.length > 0 ? { root: dirname(path), only: versions.sort() } : { root: path };
}
