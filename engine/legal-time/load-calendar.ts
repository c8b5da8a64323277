import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from '../errors.js';
import type { CalendarFile, CalendarProblem, CalendarSource } from './calendar-file.js';
import { validateCalendarFiles } from './validate-calendar.js';
import { calendarFromFiles, type WorkingDayCalendar } from './working-day-calendar.js';

// The only Node-specific part of legal-time: everything it imports runs in a browser too.

/** Reads every `*.json` in a calendar directory; unreadable JSON comes back as a problem, not a throw. */
export async function readCalendarSources(
  dir: string,
): Promise<{ sources: CalendarSource[]; problems: CalendarProblem[] }> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const sources: CalendarSource[] = [];
  const problems: CalendarProblem[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      sources.push({ file, data: JSON.parse(await readFile(file, 'utf8')) as unknown });
    } catch (cause) {
      problems.push({ file, pointer: '', message: `not readable JSON: ${(cause as Error).message}` });
    }
  }
  return { sources, problems };
}

/**
 * Loads one working-day calendar from its directory, e.g. `definitions/calendars/cn` (one file per
 * year). Throws `not-found` for a missing or empty directory and `invalid-definition`, with every
 * problem in context, when any file is unreadable or invalid.
 */
export async function loadCalendar(dir: string): Promise<WorkingDayCalendar> {
  let read: Awaited<ReturnType<typeof readCalendarSources>>;
  try {
    read = await readCalendarSources(dir);
  } catch (cause) {
    throw new EngineError('not-found', `calendar directory ${dir} cannot be read`, { dir }, { cause });
  }
  const { sources } = read;
  if (sources.length === 0 && read.problems.length === 0) {
    throw new EngineError('not-found', `calendar directory ${dir} has no calendar files`, { dir });
  }
  const problems = [...read.problems, ...validateCalendarFiles(sources)];
  if (problems.length > 0) {
    const [first] = problems;
    throw new EngineError(
      'invalid-definition',
      `calendar ${dir} is invalid: ${first?.file}${first?.pointer}: ${first?.message}`,
      { dir, problems },
    );
  }
  return calendarFromFiles(sources.map((source) => source.data as CalendarFile));
}
