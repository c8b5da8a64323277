import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseJson } from './checks/json.js';
import { FileProblems, type Problem } from './problems.js';

/**
 * A process's catalogues of what its definitions say, in other languages:
 * `definitions/<process>/translations/<language>.json`, `{ "<text as written>": "<translation>" }`.
 * They live beside the versions, not in them: a version is immutable once in force (CONTRACT §1),
 * and one catalogue serves every version (a text unchanged by a revision keeps its translation).
 * Clients translate with them; the engine itself never reads a text in another language.
 */
export type Catalogue = Readonly<Record<string, string>>;

/** The folder of a process directory holding its catalogues (not a version). */
export const TRANSLATIONS_FOLDER = 'translations';

/** A catalogue's name: a language tag (`en`, `en-GB`). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** Checks one catalogue file: a JSON object whose keys and values are non-empty texts. */
export function checkCatalogue(text: string, problems: FileProblems): Catalogue | undefined {
  const data = parseJson(text, problems);
  if (data === undefined) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.error('translations', 'a catalogue is one JSON object: { "<text>": "<translation>" }', { pointer: '' });
    return undefined;
  }
  const catalogue: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    const pointer = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (typeof value !== 'string' || value.trim() === '') problems.error('translations', 'a translation is a non-empty text', { pointer });
    else catalogue[key] = value;
  }
  return catalogue;
}

/**
 * The catalogues of the given process directories, by process name then language, with the
 * problems found in them (a file that is not a language's catalogue, one that does not parse).
 */
export async function readTranslations(
  processDirs: readonly string[],
): Promise<{ translations: Map<string, Map<string, Catalogue>>; problems: Problem[] }> {
  const problems: Problem[] = [];
  const translations = new Map<string, Map<string, Catalogue>>();
  for (const processDir of processDirs) {
    const dir = join(processDir, TRANSLATIONS_FOLDER);
    const names = await readdir(dir).catch(() => []);
    const catalogues = new Map<string, Catalogue>();
    for (const name of names.sort()) {
      const file = join(dir, name);
      const found = new FileProblems(relative(process.cwd(), file), problems);
      const language = basename(name, '.json');
      if (!name.endsWith('.json') || !LANGUAGE_PATTERN.test(language)) {
        found.warning('translations', `not a catalogue: name it after its language, e.g. en.json`);
        continue;
      }
      const catalogue = checkCatalogue(await readFile(file, 'utf8'), found);
      if (catalogue !== undefined) catalogues.set(language, catalogue);
    }
    if (catalogues.size > 0) translations.set(basename(processDir), catalogues);
  }
  return { translations, problems };
}
