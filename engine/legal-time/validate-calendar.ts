import type { CalendarProblem, CalendarSource } from './calendar-file.js';
import { isLocalDate, isWeekend, yearOf } from './local-date.js';

type Report = (pointer: string, message: string) => void;

const CALENDAR_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1900 && value <= 9999;
}

function checkNotice(notice: unknown, report: Report): void {
  if (notice === undefined) return;
  if (!isObject(notice)) {
    report('/notice', 'notice must be an object');
    return;
  }
  if (!isNonEmptyString(notice.title)) report('/notice/title', 'notice title must be a non-empty string');
  if (notice.number !== undefined && !isNonEmptyString(notice.number)) {
    report('/notice/number', 'notice number must be a non-empty string');
  }
  if (notice.issued !== undefined && !isLocalDate(notice.issued)) {
    report('/notice/issued', 'notice issue date must be a date (YYYY-MM-DD)');
  }
  if (notice.url !== undefined && !(typeof notice.url === 'string' && /^https?:\/\/\S+$/.test(notice.url))) {
    report('/notice/url', 'notice url must be an http(s) address');
  }
}

function dateProblem(date: unknown, year: number | undefined, seen: ReadonlyMap<string, string>, key: string) {
  if (!isLocalDate(date)) return `not a valid date (YYYY-MM-DD): ${JSON.stringify(date)}`;
  if (year !== undefined && yearOf(date) !== year) return `${date} is outside the file's year ${year}`;
  if (seen.has(date)) return `${date} is listed twice in ${key}`;
  return undefined;
}

/** Checks one list of days; returns its valid dates, each with its pointer. */
function checkDays(data: Record<string, unknown>, key: string, year: number | undefined, report: Report) {
  const valid = new Map<string, string>();
  const list = data[key];
  if (!Array.isArray(list)) {
    report(`/${key}`, `${key} must be an array of { date, name }`);
    return valid;
  }
  let previous: string | undefined;
  for (const [index, entry] of (list as unknown[]).entries()) {
    const at = `/${key}/${index}`;
    if (!isObject(entry)) {
      report(at, 'each day must be an object { date, name }');
      continue;
    }
    if (!isNonEmptyString(entry.name)) report(`${at}/name`, 'name must be a non-empty string');
    const problem = dateProblem(entry.date, year, valid, key);
    if (problem !== undefined) {
      report(`${at}/date`, problem);
      continue;
    }
    const date = entry.date as string;
    if (previous !== undefined && date < previous) {
      report(`${at}/date`, `${key} must be in ascending order: ${date} comes after ${previous}`);
    }
    previous = date;
    valid.set(date, `${at}/date`);
  }
  return valid;
}

/** Checks one calendar file's content; an empty list means it is usable. */
export function validateCalendarFile(file: string, data: unknown): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const report: Report = (pointer, message) => {
    problems.push({ file, pointer, message });
  };
  if (!isObject(data)) {
    report('', 'a calendar file must be a JSON object');
    return problems;
  }
  if (!(typeof data.calendar === 'string' && CALENDAR_ID_PATTERN.test(data.calendar))) {
    report('/calendar', 'calendar must be an id of lower-case letters, digits and dashes (e.g. "cn")');
  }
  const year = isYear(data.year) ? data.year : undefined;
  if (year === undefined) report('/year', 'year must be a whole number between 1900 and 9999');
  const yearInName = /(?:^|[\\/])(\d{4})\.json$/.exec(file)?.[1];
  if (year !== undefined && yearInName !== undefined && Number(yearInName) !== year) {
    report('/year', `year ${year} does not match the file name ${file}`);
  }
  if (data.revision !== undefined && !(Number.isSafeInteger(data.revision) && (data.revision as number) >= 1)) {
    report('/revision', 'revision must be a whole number from 1');
  }
  checkNotice(data.notice, report);
  if (data.source !== undefined && !isNonEmptyString(data.source)) report('/source', 'source must be a string');
  const holidays = checkDays(data, 'holidays', year, report);
  const workdays = checkDays(data, 'workdays', year, report);
  for (const [date, pointer] of workdays) {
    if (holidays.has(date)) report(pointer, `${date} is both a holiday and a make-up working day`);
    // A make-up day (调休上班) turns a weekend day into a working day; a weekday already is one.
    else if (!isWeekend(date)) report(pointer, `make-up working day ${date} is a weekday, not a weekend day`);
  }
  return problems;
}

/** Checks a set of calendar files: each file, then that they are one calendar with one file per year. */
export function validateCalendarFiles(sources: readonly CalendarSource[]): CalendarProblem[] {
  const problems = sources.flatMap((source) => validateCalendarFile(source.file, source.data));
  const years = new Map<number, string>();
  let calendarId: { id: string; file: string } | undefined;
  for (const { file, data } of sources) {
    if (!isObject(data)) continue;
    if (typeof data.calendar === 'string') {
      if (calendarId === undefined) calendarId = { id: data.calendar, file };
      else if (calendarId.id !== data.calendar) {
        problems.push({
          file,
          pointer: '/calendar',
          message: `calendar "${data.calendar}" differs from "${calendarId.id}" in ${calendarId.file}`,
        });
      }
    }
    if (typeof data.year !== 'number') continue;
    const other = years.get(data.year);
    if (other === undefined) years.set(data.year, file);
    else problems.push({ file, pointer: '/year', message: `year ${data.year} is already defined by ${other}` });
  }
  return problems;
}
