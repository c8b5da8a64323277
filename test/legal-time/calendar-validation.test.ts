import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarFromFiles,
  loadCalendar,
  validateCalendarFile,
  validateCalendarFiles,
  type CalendarFile,
} from '../../engine/legal-time/index.js';
import { expectEngineError } from './expect-error.js';

/** A small valid year: 2025 New Year and Spring Festival as in 国办发明电〔2024〕12号. */
function year2025(): CalendarFile {
  return {
    calendar: 'cn',
    year: 2025,
    notice: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      number: '国办发明电〔2024〕12号',
      issued: '2024-11-12',
    },
    holidays: [
      { date: '2025-01-01', name: '元旦' },
      { date: '2025-01-28', name: '春节' },
      { date: '2025-02-01', name: '春节' }, // a Saturday inside the break: fine
    ],
    workdays: [
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
    ],
  };
}

function problemsOf(mutate: (file: CalendarFile) => void, name = '2025.json') {
  const file = year2025();
  mutate(file);
  return validateCalendarFile(name, file);
}

describe('calendar file validation', () => {
  it('accepts a well-formed file, with a holiday on a weekend', () => {
    expect(validateCalendarFile('2025.json', year2025())).toEqual([]);
  });

  it('rejects a date that is both a holiday and a make-up working day', () => {
    const problems = problemsOf((file) => {
      file.holidays.push({ date: '2025-02-08', name: '春节' });
    });
    expect(problems).toEqual([
      { file: '2025.json', pointer: '/workdays/1/date', message: expect.stringContaining('both') as unknown },
    ]);
  });

  it('rejects a make-up working day on a weekday', () => {
    const problems = problemsOf((file) => {
      file.workdays.push({ date: '2025-02-10', name: '春节' }); // a Monday
    });
    expect(problems).toMatchObject([{ file: '2025.json', pointer: '/workdays/2/date' }]);
    expect(problems[0]?.message).toContain('weekday');
  });

  it('rejects a date outside the file year', () => {
    const problems = problemsOf((file) => {
      file.holidays.unshift({ date: '2024-12-31', name: '元旦' });
    });
    expect(problems).toMatchObject([{ file: '2025.json', pointer: '/holidays/0/date' }]);
    expect(problems[0]?.message).toContain('outside');
  });

  it('rejects malformed dates', () => {
    for (const date of ['2025-02-29', '2025-1-28', '20250128', 20250128]) {
      const problems = problemsOf((file) => {
        (file.holidays[1] as { date: unknown }).date = date;
      });
      expect(problems, String(date)).toMatchObject([{ file: '2025.json', pointer: '/holidays/1/date' }]);
    }
  });

  it('rejects duplicates and disorder', () => {
    expect(
      problemsOf((file) => {
        file.holidays.push({ date: '2025-01-28', name: '春节' });
      }),
    ).toMatchObject([{ pointer: '/holidays/3/date', message: expect.stringContaining('twice') as unknown }]);
    expect(
      problemsOf((file) => {
        file.workdays.reverse();
      }),
    ).toMatchObject([{ pointer: '/workdays/1/date', message: expect.stringContaining('ascending') as unknown }]);
  });

  it('rejects a malformed structure', () => {
    expect(validateCalendarFile('x.json', [])).toMatchObject([{ file: 'x.json', pointer: '' }]);
    const pointers = validateCalendarFile('2025.json', {
      calendar: 'CN!',
      year: '2025',
      notice: { title: '' },
      holidays: [{ date: '2025-01-01' }, 'x'],
    }).map((problem) => problem.pointer);
    expect(pointers).toEqual(['/calendar', '/year', '/notice/title', '/holidays/0/name', '/holidays/1', '/workdays']);
  });

  it('rejects a year that does not match the file name', () => {
    expect(problemsOf(() => undefined, 'cn/2026.json')).toMatchObject([{ file: 'cn/2026.json', pointer: '/year' }]);
  });
});

describe('calendar set validation', () => {
  it('rejects two files for the same year, naming both', () => {
    const problems = validateCalendarFiles([
      { file: 'a/2025.json', data: year2025() },
      { file: 'b/2025.json', data: year2025() },
    ]);
    expect(problems).toMatchObject([{ file: 'b/2025.json', pointer: '/year' }]);
    expect(problems[0]?.message).toContain('a/2025.json');
    expectEngineError(() => calendarFromFiles([year2025(), year2025()]), 'invalid-definition');
  });

  it('rejects files of different calendars', () => {
    const other = { ...year2025(), calendar: 'hk', year: 2024, holidays: [], workdays: [] };
    expect(
      validateCalendarFiles([
        { file: '2025.json', data: year2025() },
        { file: '2024.json', data: other },
      ]),
    ).toMatchObject([{ file: '2024.json', pointer: '/calendar' }]);
  });

  it('builds a calendar only from valid files', () => {
    const broken = year2025();
    broken.workdays.push({ date: '2025-02-10', name: '春节' });
    const error = expectEngineError(() => calendarFromFiles([broken]), 'invalid-definition');
    expect(error.context.problems).toMatchObject([{ pointer: '/workdays/2/date' }]);
    expect(calendarFromFiles([year2025()]).years).toEqual([2025]);
  });
});

describe('loadCalendar', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function calendarDir(files: Record<string, string>): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'calendar-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  it('reads one file per year', async () => {
    const calendar = await loadCalendar(await calendarDir({ '2025.json': JSON.stringify(year2025()) }));
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
  });

  it('reports every broken file by name and pointer', async () => {
    const bad = year2025();
    bad.holidays[0] = { date: '2025-13-01', name: '元旦' };
    const path = await calendarDir({ '2025.json': JSON.stringify(bad), '2026.json': '{ not json' });
    await expect(loadCalendar(path)).rejects.toMatchObject({
      code: 'invalid-definition',
      context: {
        problems: [
          { file: join(path, '2026.json'), pointer: '' },
          { file: join(path, '2025.json'), pointer: '/holidays/0/date' },
        ],
      },
    });
  });

  it('reports a missing directory as not-found', async () => {
    await expect(loadCalendar(join(tmpdir(), 'no-such-calendar-dir'))).rejects.toMatchObject({ code: 'not-found' });
  });
});
