import { DIRECTORY_SCHEMA } from '../file-schemas.js';
import type { FileProblems } from '../problems.js';
import type { Directory } from '../types.js';
import { checkShape, parseJson } from './json.js';

/** A directory file (e.g. provinces): its shape and unique codes. */
export function checkDirectory(text: string, problems: FileProblems): Directory | undefined {
  const data = parseJson(text, problems);
  if (!checkShape<Directory>(data, DIRECTORY_SCHEMA, problems)) return undefined;
  const seen = new Set<string>();
  for (const [index, entry] of data.entries.entries()) {
    if (seen.has(entry.code)) {
      problems.error('directory-duplicate', `code ${entry.code} is listed twice`, { pointer: `/entries/${index}/code` });
    }
    seen.add(entry.code);
  }
  return data;
}
