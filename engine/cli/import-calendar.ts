/**
 * Generates `definitions/calendars/cn/<year>.json` from the DATA file of the `chinese-days` package
 * (dist/chinese-days.json). Its date functions are never called: they read dates in the process's
 * time zone and give wrong days west of UTC. Day-of-week checks use Temporal on plain dates.
 *
 *   npx tsx engine/cli/import-calendar.ts                  # every year in NOTICES below
 *   npx tsx engine/cli/import-calendar.ts --year 2026      # one year (repeat --year for more)
 *   npx tsx engine/cli/import-calendar.ts --check          # exit 1 if a committed file differs
 *   npx tsx engine/cli/import-calendar.ts --year 2027 --notice-title ... --notice-number ... \
 *       --issued YYYY-MM-DD --url https://www.gov.cn/...  # a year not yet in NOTICES
 *
 * Before adding a year, check the package's days against the State Council notice itself.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CalendarDay, CalendarFile, CalendarNotice } from '../legal-time/calendar-file.js';
import { serialiseCalendarFile as serialise } from '../legal-time/calendar-serialise.js';
import { validateCalendarFile } from '../legal-time/validate-calendar.js';

/** The notice behind each year's arrangement (国务院办公厅关于<year>年部分节假日安排的通知). */
const NOTICES: Readonly<Record<number, CalendarNotice>> = {
  2024: {
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    number: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    url: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
  },
  2025: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    number: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  },
  2026: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    number: '国办发明电〔2025〕7号',
    issued: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
  },
};

/** The package abbreviates some festivals; the notices name them in full. */
const OFFICIAL_NAMES: Readonly<Record<string, string>> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

const CALENDAR_ID = 'cn';
const require = createRequire(import.meta.url);

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

async function readPackage(): Promise<{ version: string; data: PackageData }> {
  const pkg = JSON.parse(await readFile(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string };
  const data = JSON.parse(
    await readFile(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
  ) as PackageData;
  return { version: pkg.version, data };
}

/** Entries look like '2025-01-28': 'Spring Festival,春节,4' (English name, Chinese name, days). */
function daysOf(entries: Record<string, string>, year: number): CalendarDay[] {
  return Object.entries(entries)
    .filter(([date]) => date.startsWith(`${year}-`))
    .map(([date, value]) => {
      const chinese = value.split(',')[1]?.trim();
      if (chinese === undefined || chinese === '') throw new Error(`chinese-days: unexpected entry ${date}: ${value}`);
      return { date, name: OFFICIAL_NAMES[chinese] ?? chinese };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function buildFile(year: number, notice: CalendarNotice, version: string, data: PackageData): CalendarFile {
  const holidays = daysOf(data.holidays, year);
  if (holidays.length === 0) throw new Error(`chinese-days@${version} has no holidays for ${year}`);
  return {
    calendar: CALENDAR_ID,
    year,
    notice,
    source: `chinese-days@${version} (dist/chinese-days.json)`,
    holidays,
    workdays: daysOf(data.workdays, year),
  };
}

type NoticeOptions = Partial<Record<'notice-title' | 'notice-number' | 'issued' | 'url', string>>;

function noticeFor(year: number, values: NoticeOptions): CalendarNotice {
  const known = NOTICES[year];
  const title = values['notice-title'] ?? known?.title;
  if (title === undefined)
    throw new Error(`no notice metadata for ${year}: pass --notice-title (and number, issued, url)`);
  const notice: CalendarNotice = { title };
  const number = values['notice-number'] ?? known?.number;
  const issued = values.issued ?? known?.issued;
  const url = values.url ?? known?.url;
  if (number !== undefined) notice.number = number;
  if (issued !== undefined) notice.issued = issued;
  if (url !== undefined) notice.url = url;
  return notice;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      year: { type: 'string', multiple: true },
      out: { type: 'string', default: join('definitions', 'calendars', CALENDAR_ID) },
      check: { type: 'boolean', default: false },
      'notice-title': { type: 'string' },
      'notice-number': { type: 'string' },
      issued: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const years = (values.year ?? Object.keys(NOTICES)).map(Number);
  const overrides = ['notice-title', 'notice-number', 'issued', 'url'] as const;
  if (years.length !== 1 && overrides.some((key) => values[key] !== undefined)) {
    throw new Error('notice options apply to a single --year');
  }
  const { version, data } = await readPackage();
  let failed = false;
  for (const year of years) {
    if (!Number.isSafeInteger(year)) throw new Error(`not a year: ${year}`);
    const file = join(values.out, `${year}.json`);
    const content = buildFile(year, noticeFor(year, values), version, data);
    const problems = validateCalendarFile(file, content);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`${problem.file}${problem.pointer}: ${problem.message}`);
      failed = true;
      continue;
    }
    const text = serialise(content);
    if (values.check) {
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current !== text) {
        console.error(`${file} differs from chinese-days@${version}; regenerate it`);
        failed = true;
      }
      continue;
    }
    await mkdir(values.out, { recursive: true });
    await writeFile(file, text);
    console.log(`${file}: ${content.holidays.length} holidays, ${content.workdays.length} make-up working days`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
