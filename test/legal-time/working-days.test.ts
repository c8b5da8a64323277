import { beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar, periodLastDay, type WorkingDayCalendar } from '../../engine/legal-time/index.js';
import { CN_CALENDAR_DIR } from './calendar-dir.js';
import { expectEngineError } from './expect-error.js';

let cn: WorkingDayCalendar;
beforeAll(async () => {
  cn = await loadCalendar(CN_CALENDAR_DIR);
});

/**
 * Five-working-day public notices (Art. 22: 不少于5个工作日) published on day D: the notice runs over the
 * five working days after D and `publicityEnds` is the fifth. Expected days are counted by hand from the
 * State Council notices (国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号); "mk" marks a make-up working day.
 */
const notices: [festival: string, published: string, lastDay: string][] = [
  // 2024 Spring Festival: off 2/10–2/17, work Sun 2/4. Fri 2/2 → 2/4 mk, 2/5, 2/6, 2/7, 2/8.
  ['2024 Spring Festival, make-up Sunday before', '2024-02-02', '2024-02-08'],
  // Thu 2/8 → 2/9 (除夕, a working day), [2/10–2/17 off], 2/18 mk Sun, 2/19, 2/20, 2/21.
  ['2024 Spring Festival, across the break', '2024-02-08', '2024-02-21'],
  // 2024 Qingming: off 4/4–4/6, work Sun 4/7. Tue 4/2 → 4/3, [4/4–4/6], 4/7 mk, 4/8, 4/9, 4/10.
  ['2024 Qingming', '2024-04-02', '2024-04-10'],
  // 2024 Labour Day: off 5/1–5/5, work Sun 4/28 and Sat 5/11. Fri 4/26 → 4/28 mk, 4/29, 4/30, [5/1–5/5], 5/6, 5/7.
  ['2024 Labour Day', '2024-04-26', '2024-05-07'],
  // Tue 5/7 → 5/8, 5/9, 5/10, 5/11 mk Sat, [Sun 5/12], 5/13.
  ['2024 Labour Day, make-up Saturday after', '2024-05-07', '2024-05-13'],
  // 2024 Dragon Boat: off Mon 6/10. Wed 6/5 → 6/6, 6/7, [6/8–6/10], 6/11, 6/12, 6/13.
  ['2024 Dragon Boat', '2024-06-05', '2024-06-13'],
  // 2024 Mid-Autumn: off 9/15–9/17, work Sat 9/14. Thu 9/12 → 9/13, 9/14 mk, [9/15–9/17], 9/18, 9/19, 9/20.
  ['2024 Mid-Autumn', '2024-09-12', '2024-09-20'],
  // 2024 National Day: off 10/1–10/7, work Sun 9/29 and Sat 10/12. Fri 9/27 → 9/29 mk, 9/30, 10/8, 10/9, 10/10.
  ['2024 National Day', '2024-09-27', '2024-10-10'],
  // Tue 10/8 → 10/9, 10/10, 10/11, 10/12 mk Sat, [Sun 10/13], 10/14.
  ['2024 National Day, make-up Saturday after', '2024-10-08', '2024-10-14'],
  // 2025 New Year: off Wed 1/1 only. Thu 2024-12-26 → 12/27, [12/28–29], 12/30, 12/31, [1/1], 1/2, 1/3.
  ['2025 New Year, across the year end', '2024-12-26', '2025-01-03'],
  // 2025 Spring Festival: off 1/28–2/4, work Sun 1/26 and Sat 2/8. Fri 1/24 → 1/26 mk, 1/27, [1/28–2/4], 2/5, 2/6, 2/7.
  ['2025 Spring Festival', '2025-01-24', '2025-02-07'],
  // Wed 2/5 → 2/6, 2/7, 2/8 mk Sat, [Sun 2/9], 2/10, 2/11.
  ['2025 Spring Festival, make-up Saturday after', '2025-02-05', '2025-02-11'],
  // 2025 Qingming: off Fri 4/4–Sun 4/6, no make-up day. Wed 4/2 → 4/3, [4/4–4/6], 4/7, 4/8, 4/9, 4/10.
  ['2025 Qingming', '2025-04-02', '2025-04-10'],
  // 2025 Labour Day: off 5/1–5/5, work Sun 4/27. Fri 4/25 → 4/27 mk, 4/28, 4/29, 4/30, [5/1–5/5], 5/6.
  ['2025 Labour Day', '2025-04-25', '2025-05-06'],
  // 2025 Dragon Boat: off Sat 5/31–Mon 6/2. Thu 5/29 → 5/30, [5/31–6/2], 6/3, 6/4, 6/5, 6/6.
  ['2025 Dragon Boat', '2025-05-29', '2025-06-06'],
  // 2025 National Day + Mid-Autumn: off 10/1–10/8, work Sun 9/28 and Sat 10/11.
  // Fri 9/26 → 9/28 mk, 9/29, 9/30, [10/1–10/8], 10/9, 10/10.
  ['2025 National Day and Mid-Autumn', '2025-09-26', '2025-10-10'],
  // Thu 10/9 → 10/10, 10/11 mk Sat, [Sun 10/12], 10/13, 10/14, 10/15.
  ['2025 National Day, make-up Saturday after', '2025-10-09', '2025-10-15'],
  // 2026 New Year: off 1/1–1/3, work Sun 1/4. Tue 2025-12-30 → 12/31, [1/1–1/3], 1/4 mk, 1/5, 1/6, 1/7.
  ['2026 New Year', '2025-12-30', '2026-01-07'],
  // 2026 Spring Festival: off 2/15–2/23, work Sat 2/14 and Sat 2/28.
  // Thu 2/12 → 2/13, 2/14 mk, [2/15–2/23], 2/24, 2/25, 2/26.
  ['2026 Spring Festival', '2026-02-12', '2026-02-26'],
  // Wed 2/25 → 2/26, 2/27, 2/28 mk Sat, [Sun 3/1], 3/2, 3/3.
  ['2026 Spring Festival, make-up Saturday after', '2026-02-25', '2026-03-03'],
  // 2026 Qingming: off Sat 4/4–Mon 4/6. Thu 4/2 → 4/3, [4/4–4/6], 4/7, 4/8, 4/9, 4/10.
  ['2026 Qingming', '2026-04-02', '2026-04-10'],
  // 2026 Labour Day: off 5/1–5/5, work Sat 5/9. Wed 4/29 → 4/30, [5/1–5/5], 5/6, 5/7, 5/8, 5/9 mk: ends on a Saturday.
  ['2026 Labour Day, ending on a make-up Saturday', '2026-04-29', '2026-05-09'],
  // 2026 Dragon Boat: off Fri 6/19–Sun 6/21. Wed 6/17 → 6/18, [6/19–6/21], 6/22, 6/23, 6/24, 6/25.
  ['2026 Dragon Boat', '2026-06-17', '2026-06-25'],
  // 2026 Mid-Autumn and National Day: off 9/25–9/27 and 10/1–10/7, work Sun 9/20 and Sat 10/10.
  // Fri 9/18 → 9/20 mk, 9/21, 9/22, 9/23, 9/24.
  ['2026 National Day make-up Sunday before Mid-Autumn', '2026-09-18', '2026-09-24'],
  // Wed 9/23 → 9/24, [9/25–9/27], 9/28, 9/29, 9/30, [10/1–10/7], 10/8.
  ['2026 Mid-Autumn and National Day', '2026-09-23', '2026-10-08'],
  // Thu 10/8 → 10/9, 10/10 mk Sat, [Sun 10/11], 10/12, 10/13, 10/14.
  ['2026 National Day, make-up Saturday after', '2026-10-08', '2026-10-14'],
];

describe('five-working-day notices on the official 2024–2026 calendar', () => {
  it.each(notices)('%s: published %s, last day %s', (_, published, lastDay) => {
    expect(cn.addWorkingDays(published, 5)).toBe(lastDay);
    expect(periodLastDay(published, 5, cn)).toBe(lastDay);
  });
});

describe('working days', () => {
  it('knows the years it has data for', () => {
    expect(cn.id).toBe('cn');
    expect(cn.years).toEqual([2024, 2025, 2026]);
  });

  it('tells holidays, make-up days, weekends and weekdays apart', () => {
    expect(cn.describeDay('2025-01-28')).toEqual({ date: '2025-01-28', working: false, kind: 'holiday', name: '春节' });
    expect(cn.describeDay('2025-01-26')).toEqual({
      date: '2025-01-26',
      working: true,
      kind: 'make-up-workday',
      name: '春节',
    });
    expect(cn.describeDay('2025-03-08')).toEqual({ date: '2025-03-08', working: false, kind: 'weekend' });
    expect(cn.describeDay('2025-03-10')).toEqual({ date: '2025-03-10', working: true, kind: 'weekday' });
    expect(cn.isWorkingDay('2024-02-09')).toBe(true); // 除夕 2024 was not a statutory day off
    expect(cn.isWorkingDay('2025-10-06')).toBe(false); // 中秋 inside the 2025 National Day break
  });

  it('does not count the publication day, even when it is itself a holiday or a make-up day', () => {
    expect(cn.addWorkingDays('2025-10-01', 1)).toBe('2025-10-09'); // published on a holiday
    expect(cn.addWorkingDays('2025-09-28', 1)).toBe('2025-09-29'); // published on a make-up Sunday
  });

  it('reaches the last day of a year with data without needing the next year', () => {
    // Thu 2026-12-24 → 12/25, 12/28, 12/29, 12/30, 12/31.
    expect(cn.addWorkingDays('2026-12-24', 5)).toBe('2026-12-31');
  });

  it('refuses to guess past the data: 2027', () => {
    // Fri 2026-12-25 → 12/28, 12/29, 12/30, 12/31, then 2027-01-01 has no data.
    expectEngineError(() => cn.addWorkingDays('2026-12-25', 5), 'calendar-missing', { calendar: 'cn', year: 2027 });
    expectEngineError(() => periodLastDay('2026-12-25', 5, cn), 'calendar-missing', { year: 2027 });
    expectEngineError(() => cn.isWorkingDay('2027-01-04'), 'calendar-missing', { year: 2027 });
  });

  it('refuses to guess before the data: 2023', () => {
    expectEngineError(() => cn.addWorkingDays('2023-12-20', 5), 'calendar-missing', { calendar: 'cn', year: 2023 });
    expectEngineError(() => cn.isWorkingDay('2023-10-01'), 'calendar-missing', { year: 2023 });
  });

  it('starts counting on 1 January when the publication day is 31 December of a year without data', () => {
    // Sun 2023-12-31 is not counted; 2024-01-01 (元旦) off → 1/2, 1/3, 1/4, 1/5, [1/6–7], 1/8.
    expect(cn.addWorkingDays('2023-12-31', 5)).toBe('2024-01-08');
  });

  it('rejects a count that is not a positive whole number', () => {
    expectEngineError(() => cn.addWorkingDays('2025-03-10', 0), 'invalid-period');
    expectEngineError(() => cn.addWorkingDays('2025-03-10', 2.5), 'invalid-period');
  });
});
