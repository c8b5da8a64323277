import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  calendarYearFromEntry,
  entryFromCalendarYear,
  missingCalendarYear,
  serialiseCalendarFile,
  type CalendarFile,
} from '../../engine/legal-time/pure.js';
import { CN_CALENDAR_DIR } from './calendar-dir.js';

const readYear = async (year: number) =>
  JSON.parse(await readFile(join(CN_CALENDAR_DIR, `${year}.json`), 'utf8')) as CalendarFile;

const target = (year: number) => ({ calendar: 'cn', year, source: 'test' });

describe('a calendar year as entered (holiday blocks, make-up days, the notice)', () => {
  it('gives back exactly the committed file for every imported year (ranges → days → ranges)', async () => {
    for (const year of [2024, 2025, 2026]) {
      const committed = await readYear(year);
      const built = calendarYearFromEntry(entryFromCalendarYear(committed), {
        ...target(year),
        source: committed.source ?? '',
      });
      expect(built.errors, String(year)).toEqual([]);
      expect(built.file).toEqual(committed);
      // The import script and the editor write the same text.
      expect(serialiseCalendarFile(built.file as CalendarFile)).toBe(
        await readFile(join(CN_CALENDAR_DIR, `${year}.json`), 'utf8'),
      );
    }
  });

  it('names the field of each problem, in Chinese', async () => {
    const entry = entryFromCalendarYear(await readYear(2026));
    const broken = {
      notice: { ...entry.notice, url: 'not an address', issued: '2020-01-01' },
      holidays: [
        ...entry.holidays.filter((range) => range.name !== '端午节'),
        { name: '周末', from: '2026-03-07', to: '2026-03-08' },
        { name: '重叠', from: '2026-10-07', to: '2026-10-09' },
        { name: '倒置', from: '2026-12-10', to: '2026-12-01' },
      ],
      workdays: [...entry.workdays, { date: '2026-10-03', name: '国庆节' }, { date: '2026-03-10', name: 'x' }],
    };
    const { errors } = calendarYearFromEntry(broken, target(2026));
    const paths = errors.map((error) => error.path);
    const n = broken.holidays.length;
    expect(paths).toEqual(
      expect.arrayContaining([
        '/notice/url',
        '/notice/issued',
        '/holidays', // 端午节 missing: the year is incomplete
        `/holidays/${n - 3}`, // weekend days only
        `/holidays/${n - 2}`, // overlaps 国庆节
        `/holidays/${n - 1}/to`, // ends before it starts
        `/workdays/${entry.workdays.length}/date`, // a holiday
        `/workdays/${entry.workdays.length + 1}/date`, // a Tuesday
      ]),
    );
    for (const error of errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(errors.find((error) => error.path === '/holidays')?.message).toContain('端午节');
  });

  it('says a date written right that is no day so (2027-02-30 was told to be written YYYY-MM-DD), and each problem in English too', async () => {
    const entry = entryFromCalendarYear(await readYear(2026));
    const broken = {
      notice: { ...entry.notice, issued: '2025-13-04' },
      holidays: entry.holidays.map((range, index) => (index === 1 ? { ...range, to: '2026-02-30' } : range)),
      workdays: [...entry.workdays, { date: '2026-10-03', name: '国庆节' }, { date: '26-3-7', name: 'x' }],
    };
    const { errors } = calendarYearFromEntry(broken, target(2026));
    const at = (path: string) => errors.find((error) => error.path === path);
    expect(at('/holidays/1/to')).toEqual({
      path: '/holidays/1/to',
      message: '「第2段假期结束日期」2026-02-30 不存在：2026年2月只有 28 天',
      english: '“Block 2 To” 2026-02-30 is no day: month 2 of 2026 has 28 days',
    });
    expect(at('/notice/issued')?.message).toBe('「发布日期」2025-13-04 不存在：月份应为 01 至 12');
    expect(at(`/workdays/${entry.workdays.length + 1}/date`)?.message).toBe(
      `「第${entry.workdays.length + 2}个调休上班日日期」应为日期（YYYY-MM-DD）`,
    );
    expect(at(`/workdays/${entry.workdays.length}/date`)?.english).toBe(
      `Make-up day ${entry.workdays.length + 1}, 2026-10-03, is also a day off (国庆节): a day cannot be both`,
    );
    expect(errors.length).toBeGreaterThan(3);
    for (const error of errors) expect(error.english).toMatch(/^[\x20-\x7e“”’（）〔〕\u4e00-\u9fff]+$/);
    for (const error of errors) expect(error.english).toMatch(/[a-z]{3}/);
  });

  it('names a field a notice, a holiday block or a make-up day does not take, where it is; without it the year is taken', async () => {
    const entry = entryFromCalendarYear(await readYear(2026));
    const [first, ...rest] = entry.holidays;
    const [day, ...days] = entry.workdays;
    if (first === undefined || day === undefined) throw new Error('2026 has holidays and make-up days');
    const extra = {
      notice: { ...entry.notice, issuer: '国务院办公厅' },
      holidays: [{ ...first, note: '调休' }, ...rest],
      workdays: [{ ...day, weekday: '周日' }, ...days],
    };
    const { errors } = calendarYearFromEntry(extra, target(2026));
    expect(errors).toMatchObject([
      { path: '/notice/issuer', message: expect.stringMatching(/^「通知」不接受字段「issuer」/) as unknown },
      { path: '/holidays/0/note', message: expect.stringMatching(/^第1段假期不接受字段「note」/) as unknown },
      {
        path: '/workdays/0/weekday',
        message: expect.stringMatching(/^第1个调休上班日不接受字段「weekday」/) as unknown,
      },
    ]);
    expect(calendarYearFromEntry(entry, target(2026)).errors).toEqual([]);
  });

  it('refuses a notice issued after the day it is entered on (a mistyped date), and takes it on or before', async () => {
    const entry = entryFromCalendarYear(await readYear(2026));
    const issuedOn = entry.notice.issued ?? '';
    expect(issuedOn).toMatch(/^2025-/);
    const later = calendarYearFromEntry(entry, { ...target(2026), today: '2025-11-03' });
    expect(issuedOn > '2025-11-03').toBe(true);
    expect(later.errors).toEqual([
      {
        path: '/notice/issued',
        message: `「发布日期」${issuedOn} 晚于今天（2025-11-03），请填写通知实际发布的日期`,
        english: `“Issued on” ${issuedOn} is after today (2025-11-03): give the day the notice was issued`,
      },
    ]);
    expect(calendarYearFromEntry(entry, { ...target(2026), today: issuedOn }).errors).toEqual([]);
  });

  it('asks for the next year from 1 November, and for the current year whenever it is missing', () => {
    expect(missingCalendarYear('2026-10-31', [2024, 2025, 2026])).toBeUndefined();
    expect(missingCalendarYear('2026-11-01', [2024, 2025, 2026])).toBe(2027);
    expect(missingCalendarYear('2026-12-31', [2026, 2027])).toBeUndefined();
    expect(missingCalendarYear('2027-01-01', [2024, 2025, 2026])).toBe(2027);
  });
});
