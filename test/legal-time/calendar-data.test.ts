import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarFile } from '../../engine/legal-time/index.js';
import { CN_CALENDAR_DIR } from './calendar-dir.js';

/**
 * The committed files checked against the notices themselves, typed here from their text
 * (放假 ranges and 上班 days), independently of the chinese-days package the files come from.
 */
const OFFICIAL: Record<number, { number: string; issued: string; off: [string, string][]; work: string[] }> = {
  2024: {
    number: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    off: [
      ['01-01', '01-01'],
      ['02-10', '02-17'],
      ['04-04', '04-06'],
      ['05-01', '05-05'],
      ['06-10', '06-10'],
      ['09-15', '09-17'],
      ['10-01', '10-07'],
    ],
    work: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  },
  // From 2025 the revised 全国年节及纪念日放假办法 adds 除夕 and 5月2日: Spring Festival 8 days from 除夕, Labour Day 5.
  2025: {
    number: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    off: [
      ['01-01', '01-01'],
      ['01-28', '02-04'],
      ['04-04', '04-06'],
      ['05-01', '05-05'],
      ['05-31', '06-02'],
      ['10-01', '10-08'],
    ],
    work: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  },
  2026: {
    number: '国办发明电〔2025〕7号',
    issued: '2025-11-04',
    off: [
      ['01-01', '01-03'],
      ['02-15', '02-23'],
      ['04-04', '04-06'],
      ['05-01', '05-05'],
      ['06-19', '06-21'],
      ['09-25', '09-27'],
      ['10-01', '10-07'],
    ],
    work: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
};

function expand(year: number, ranges: [string, string][]): string[] {
  const days: string[] = [];
  for (const [from, to] of ranges) {
    for (let day = `${year}-${from}`; day <= `${year}-${to}`; day = addDays(day, 1)) days.push(day);
  }
  return days;
}

describe.each(Object.entries(OFFICIAL))('definitions/calendars/cn/%s.json', (year, official) => {
  it('matches the State Council notice', async () => {
    const file = JSON.parse(await readFile(join(CN_CALENDAR_DIR, `${year}.json`), 'utf8')) as CalendarFile;
    expect(file.calendar).toBe('cn');
    expect(file.year).toBe(Number(year));
    expect(file.notice).toMatchObject({
      title: `国务院办公厅关于${year}年部分节假日安排的通知`,
      number: official.number,
      issued: official.issued,
    });
    expect(file.holidays.map((day) => day.date)).toEqual(expand(Number(year), official.off));
    expect(file.workdays.map((day) => day.date)).toEqual(official.work.map((day) => `${year}-${day}`));
  });
});

describe('engine/cli/import-calendar.ts', () => {
  it('regenerates exactly the committed files (--check)', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = promisify(execFile);
    // Rejects (non-zero exit) when a file differs; runs in whatever TZ the tests run in.
    await expect(
      run(process.execPath, [tsx, 'engine/cli/import-calendar.ts', '--check'], { cwd: root }),
    ).resolves.toBeDefined();
  });
});
