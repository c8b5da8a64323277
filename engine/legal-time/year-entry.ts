import type { CalendarDay, CalendarFile, CalendarNotice } from './calendar-file.js';
import { addDays, compareDates, isLocalDate, isWeekend, yearOf, type LocalDate } from './local-date.js';
import { validateCalendarFile } from './validate-calendar.js';

// A year's arrangement as people enter it (pure: the calendar editor checks it in the browser too).

/** One block of days off, as the State Council notice lists it: 春节 2月9日至2月17日. */
export interface HolidayRange {
  name: string;
  from: LocalDate;
  to: LocalDate;
}

/** What the calendar editor sends: the notice, the holiday blocks and the make-up working days. */
export interface CalendarYearEntry {
  notice: CalendarNotice;
  holidays: HolidayRange[];
  workdays: CalendarDay[];
}

/**
 * One problem with an entry: a JSON Pointer into it and a Chinese message naming the field, with its
 * English (the editor in English said every problem in Chinese).
 */
export interface EntryError {
  path: string;
  message: string;
  english?: string;
}

/**
 * The seven festivals every annual notice arranges (国务院《全国年节及纪念日放假办法》). A year
 * without one of them is incomplete; a block may name several (国庆节、中秋节).
 */
export const ANNUAL_FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** Longest holiday block accepted (the longest ever announced is 9 days; a typo spans months). */
const MAX_RANGE_DAYS = 15;

type Report = (path: string, message: string, english: string) => void;

/** A field's name in both languages. */
interface Label {
  zh: string;
  en: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reports each field of `value` an entry does not take, at its path: one dropped without a word would
 * leave its sender believing it was recorded (a `note` on a holiday block, say).
 */
function onlyKeys(value: Record<string, unknown>, taken: readonly string[], at: string, label: Label, report: Report) {
  for (const key of Object.keys(value))
    if (!taken.includes(key))
      report(
        `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        `${label.zh}不接受字段「${key}」（可用：${taken.join('、')}）`,
        `${label.en} takes no field “${key}” (it takes ${taken.join(', ')})`,
      );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function checkNotice(
  value: unknown,
  year: number,
  today: LocalDate | undefined,
  report: Report,
): CalendarNotice | undefined {
  if (!isObject(value)) {
    report(
      '/notice',
      '缺少「通知」：请填写通知标题、文号、发布日期和网址',
      'The notice is missing: give its title, document number, issue date and address',
    );
    return undefined;
  }
  onlyKeys(value, ['title', 'number', 'issued', 'url'], '/notice', { zh: '「通知」', en: 'The notice' }, report);
  const title = text(value.title);
  const number = text(value.number);
  const issued = text(value.issued);
  const url = text(value.url);
  if (title === undefined) report('/notice/title', '「通知标题」不能为空', 'The notice title is required');
  else if (!title.includes(`${year}年`))
    report(
      '/notice/title',
      `「通知标题」应是${year}年的节假日安排通知（标题中应有“${year}年”）`,
      `The notice title should be that of the ${year} holiday notice (it should contain “${year}年”)`,
    );
  if (number === undefined)
    report(
      '/notice/number',
      '「文号」不能为空，如 国办发明电〔2025〕7号',
      'The document number is required, e.g. 国办发明电〔2025〕7号',
    );
  if (issued === undefined || !isLocalDate(issued))
    reportDate('/notice/issued', issued, { zh: '发布日期', en: 'Issued on' }, report);
  else if (yearOf(issued) < year - 1 || yearOf(issued) > year) {
    report(
      '/notice/issued',
      `「发布日期」${issued} 应在${year - 1}年或${year}年内`,
      `“Issued on” ${issued} should be in ${year - 1} or ${year}`,
    );
  } else if (today !== undefined && compareDates(issued, today) > 0) {
    // A notice not yet issued is a mistyped date (2025-11-40 typed as 2026-11-04, say).
    report(
      '/notice/issued',
      `「发布日期」${issued} 晚于今天（${today}），请填写通知实际发布的日期`,
      `“Issued on” ${issued} is after today (${today}): give the day the notice was issued`,
    );
  }
  if (url === undefined || !/^https?:\/\/\S+$/.test(url))
    report('/notice/url', '「通知网址」应为 http(s) 地址', 'The notice address should be an http(s) address');
  if (title === undefined || number === undefined || issued === undefined || url === undefined) return undefined;
  return { title, number, issued, url };
}

/**
 * Says what is wrong with a date that is none: written otherwise, or written right but not in the
 * calendar (2027-02-30 was told to be written YYYY-MM-DD, as it was).
 */
function reportDate(path: string, value: unknown, label: Label, report: Report): void {
  const written = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (written === null) {
    report(path, `「${label.zh}」应为日期（YYYY-MM-DD）`, `“${label.en}” must be a date written YYYY-MM-DD`);
    return;
  }
  const [whole, y = '', m = ''] = written;
  const month = Number(m);
  if (month < 1 || month > 12) {
    report(
      path,
      `「${label.zh}」${whole} 不存在：月份应为 01 至 12`,
      `“${label.en}” ${whole} is no day: the month should be 01 to 12`,
    );
    return;
  }
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  report(
    path,
    `「${label.zh}」${whole} 不存在：${Number(y)}年${month}月只有 ${days} 天`,
    `“${label.en}” ${whole} is no day: month ${month} of ${Number(y)} has ${days} days`,
  );
}

function dateIn(value: unknown, year: number, path: string, label: Label, report: Report): LocalDate | undefined {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    reportDate(path, value, label, report);
    return undefined;
  }
  if (yearOf(value) !== year) {
    report(path, `「${label.zh}」${value} 不在${year}年内`, `“${label.en}” ${value} is not in ${year}`);
    return undefined;
  }
  return value;
}

/** Every day from `from` to `to`, both included. */
function daysOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = from; compareDates(day, to) <= 0; day = addDays(day, 1)) days.push(day);
  return days;
}

function checkHolidays(value: unknown, year: number, report: Report): Map<LocalDate, { name: string; index: number }> {
  const days = new Map<LocalDate, { name: string; index: number }>();
  if (!Array.isArray(value) || value.length === 0) {
    report('/holidays', '「放假安排」至少要有一段假期', 'The days off need at least one block');
    return days;
  }
  for (const [index, range] of (value as unknown[]).entries()) {
    const at = `/holidays/${index}`;
    const label = { zh: `第${index + 1}段假期`, en: `Block ${index + 1}` };
    if (!isObject(range)) {
      report(at, `${label.zh}应为 { name, from, to }`, `${label.en} should be { name, from, to }`);
      continue;
    }
    onlyKeys(range, ['name', 'from', 'to'], at, label, report);
    const name = text(range.name);
    if (name === undefined)
      report(`${at}/name`, `${label.zh}的「节日名称」不能为空`, `${label.en} needs the festival’s name`);
    const from = dateIn(range.from, year, `${at}/from`, { zh: `${label.zh}开始日期`, en: `${label.en} From` }, report);
    const to = dateIn(range.to, year, `${at}/to`, { zh: `${label.zh}结束日期`, en: `${label.en} To` }, report);
    if (from === undefined || to === undefined || name === undefined) continue;
    if (compareDates(from, to) > 0) {
      report(
        `${at}/to`,
        `${label.zh}的结束日期 ${to} 早于开始日期 ${from}`,
        `${label.en} ends (${to}) before it starts (${from})`,
      );
      continue;
    }
    const span = daysOf(from, to);
    if (span.length > MAX_RANGE_DAYS) {
      report(
        `${at}/to`,
        `${label.zh}（${name}）长达 ${span.length} 天，超过 ${MAX_RANGE_DAYS} 天，请核对日期`,
        `${label.en} (${name}) runs ${span.length} days, more than ${MAX_RANGE_DAYS}: check its dates`,
      );
      continue;
    }
    // A block of weekend days only changes nothing: it is a mistyped range, not a holiday.
    if (span.every(isWeekend)) {
      report(
        at,
        `${label.zh}（${name}）${from} 至 ${to} 只有周末，不是放假安排`,
        `${label.en} (${name}) ${from} to ${to} holds weekend days only: it is no days off`,
      );
      continue;
    }
    for (const day of span) {
      const other = days.get(day);
      if (other !== undefined) {
        report(
          at,
          `${label.zh}（${name}）与第${other.index + 1}段假期（${other.name}）在 ${day} 重叠`,
          `${label.en} (${name}) overlaps block ${other.index + 1} (${other.name}) on ${day}`,
        );
        break;
      }
      days.set(day, { name, index });
    }
  }
  return days;
}

function checkFestivals(names: readonly string[], report: Report): void {
  const missing = ANNUAL_FESTIVALS.filter(
    (festival) => !names.some((name) => name.includes(festival.replace(/节$/, ''))),
  );
  if (missing.length > 0) {
    report(
      '/holidays',
      `放假安排不完整：缺少${missing.join('、')}（每年的通知安排这七个节日）`,
      `The days off are incomplete: ${missing.join(', ')} missing (each year’s notice arranges these seven festivals)`,
    );
  }
}

function checkWorkdays(
  value: unknown,
  year: number,
  holidays: ReadonlyMap<LocalDate, { name: string }>,
  report: Report,
): CalendarDay[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report('/workdays', '「调休上班日」应为列表', 'The make-up working days should be a list');
    return [];
  }
  const seen = new Set<LocalDate>();
  const workdays: CalendarDay[] = [];
  for (const [index, entry] of (value as unknown[]).entries()) {
    const at = `/workdays/${index}`;
    const label = { zh: `第${index + 1}个调休上班日`, en: `Make-up day ${index + 1}` };
    if (!isObject(entry)) {
      report(at, `${label.zh}应为 { date, name }`, `${label.en} should be { date, name }`);
      continue;
    }
    onlyKeys(entry, ['date', 'name'], at, label, report);
    const name = text(entry.name);
    if (name === undefined)
      report(`${at}/name`, `${label.zh}的「节日名称」不能为空`, `${label.en} needs the festival’s name`);
    const date = dateIn(entry.date, year, `${at}/date`, { zh: `${label.zh}日期`, en: `${label.en} date` }, report);
    if (date === undefined || name === undefined) continue;
    const holiday = holidays.get(date);
    if (holiday !== undefined)
      report(
        `${at}/date`,
        `${label.zh} ${date} 同时是假期（${holiday.name}），一天不能既放假又上班`,
        `${label.en}, ${date}, is also a day off (${holiday.name}): a day cannot be both`,
      );
    else if (!isWeekend(date))
      report(
        `${at}/date`,
        `${label.zh} ${date} 是工作日，调休上班日应在周六或周日`,
        `${label.en}, ${date}, is a weekday: a make-up working day is a Saturday or Sunday`,
      );
    else if (seen.has(date)) report(`${at}/date`, `${label.zh} ${date} 重复`, `${label.en}, ${date}, is given twice`);
    else {
      seen.add(date);
      workdays.push({ date, name });
    }
  }
  return workdays.sort((a, b) => compareDates(a.date, b.date));
}

/**
 * Turns an entry into the year's calendar file (the format of `definitions/calendars/<id>/<year>.json`),
 * or the problems that stop it: every field checked, every message in Chinese naming the field.
 */
export function calendarYearFromEntry(
  input: unknown,
  target: {
    calendar: string;
    year: number;
    source: string;
    revision?: number;
    /** The day it is entered on (China time): a notice cannot have been issued after it. */
    today?: LocalDate;
  },
): { file: CalendarFile; errors: [] } | { file?: undefined; errors: EntryError[] } {
  const errors: EntryError[] = [];
  const report: Report = (path, message, english) => {
    errors.push({ path, message, english });
  };
  const { calendar, year } = target;
  if (!Number.isSafeInteger(year) || year < 1900 || year > 9999) {
    return {
      errors: [
        {
          path: '/year',
          message: '「年份」应为 1900 至 9999 之间的整数',
          english: 'The year should be a whole number from 1900 to 9999',
        },
      ],
    };
  }
  if (!isObject(input)) return { errors: [{ path: '', message: '请求体应为 { notice, holidays, workdays }' }] };
  const notice = checkNotice(input.notice, year, target.today, report);
  const holidayDays = checkHolidays(input.holidays, year, report);
  if (Array.isArray(input.holidays)) {
    checkFestivals(
      (input.holidays as unknown[]).map((range) => (isObject(range) ? (text(range.name) ?? '') : '')),
      report,
    );
  }
  const workdays = checkWorkdays(input.workdays, year, holidayDays, report);
  if (errors.length > 0 || notice === undefined) return { errors };
  const holidays = [...holidayDays.entries()]
    .map(([date, { name }]) => ({ date, name }))
    .sort((a, b) => compareDates(a.date, b.date));
  const file: CalendarFile = {
    calendar,
    year,
    ...(target.revision !== undefined && { revision: target.revision }),
    notice,
    source: target.source,
    holidays,
    workdays,
  };
  // The same checks the committed files pass (the loader would refuse anything else).
  const problems = validateCalendarFile(`${calendar}/${year}.json`, file);
  if (problems.length > 0)
    return { errors: problems.map((problem) => ({ path: problem.pointer, message: problem.message })) };
  return { file, errors: [] };
}

/** An entry back from a calendar file (to correct a published year): consecutive days become ranges. */
export function entryFromCalendarYear(file: CalendarFile): CalendarYearEntry {
  const holidays: HolidayRange[] = [];
  for (const day of file.holidays) {
    const last = holidays.at(-1);
    if (last !== undefined && last.name === day.name && addDays(last.to, 1) === day.date) last.to = day.date;
    else holidays.push({ name: day.name, from: day.date, to: day.date });
  }
  return { notice: file.notice ?? { title: '' }, holidays, workdays: file.workdays.map((day) => ({ ...day })) };
}

/**
 * The year whose calendar is missing and should be entered, if any: the current year at any time,
 * and from 1 November the next one (the State Council publishes it in November or December).
 */
export function missingCalendarYear(today: LocalDate, years: readonly number[]): number | undefined {
  const year = yearOf(today);
  if (!years.includes(year)) return year;
  if (Number(today.slice(5, 7)) >= 11 && !years.includes(year + 1)) return year + 1;
  return undefined;
}
