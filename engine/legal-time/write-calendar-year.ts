import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CalendarFile } from './calendar-file.js';
import { serialiseCalendarFile } from './calendar-serialise.js';

/** Where the revisions a correction replaced are kept, inside a calendar's directory. */
export const REVISIONS_DIR = 'revisions';

/** Writes a file whole: aside, flushed, then renamed over the target (never half a file). */
async function writeWhole(target: string, text: string): Promise<void> {
  const aside = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(aside, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(aside, target);
  } catch (error) {
    await rm(aside, { force: true });
    throw error;
  }
}

/**
 * Publishes a year into a calendar directory: `<year>.json` becomes `file`; the revision it replaces
 * (if any) is kept first as `revisions/<year>.r<n>.json`, so that no published revision is lost.
 */
export async function writeCalendarYear(dir: string, file: CalendarFile, previous?: CalendarFile): Promise<string> {
  const target = join(dir, `${file.year}.json`);
  if (previous !== undefined) {
    const kept = join(dir, REVISIONS_DIR);
    await mkdir(kept, { recursive: true });
    await writeWhole(join(kept, `${previous.year}.r${previous.revision ?? 1}.json`), await readFile(target, 'utf8'));
  }
  await writeWhole(target, serialiseCalendarFile(file));
  return target;
}
