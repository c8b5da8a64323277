import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../engine/definitions/types.js';
import { nextDue } from '../../engine/cases/next-due.js';
import { loadRealVersion } from '../definitions/helpers.js';

describe('the inbox’s 下一期限', () => {
  it('is the earliest date from today on that is one to watch for, never a record of what happened', async () => {
    const { source } = await loadRealVersion();
    const manifest = JSON.parse(source.files.get('manifest.json') ?? '{}') as Manifest;
    // The day of recognition (Art. 23): the notice began and ended before, the period runs three years.
    const due = {
      publicityStarts: '2025-04-03',
      publicityEnds: '2025-04-10',
      recognizedOn: '2025-04-15',
      demonstrationEnds: '2028-04-15',
      nextAnnualReportDue: '2026-04-15',
    };
    expect(nextDue({ due }, '2025-04-15', manifest)).toEqual({
      name: 'nextAnnualReportDue',
      date: '2026-04-15',
      title: manifest.dates.nextAnnualReportDue?.title,
    });
    // On the notice's first day, its last day is the one to watch.
    expect(nextDue({ due }, '2025-04-03', manifest)?.name).toBe('publicityEnds');
    // A deadline on its own day is still the next date (its last day).
    expect(nextDue({ due }, '2025-04-10', manifest)?.name).toBe('publicityEnds');
    // Without a manifest every date counts.
    expect(nextDue({ due }, '2025-04-15')?.name).toBe('recognizedOn');
    // An ended case (a zone revoked) has none: its annual date was left counting down in the lists.
    expect(nextDue({ due, final: true }, '2025-04-15', manifest)).toBeUndefined();
  });

  it('passes a fire day at 00:00 of that day: on it, the date after it is the next', async () => {
    const { source } = await loadRealVersion();
    const manifest = JSON.parse(source.files.get('manifest.json') ?? '{}') as Manifest;
    // Six months before the period ends re-review may be applied for: its timer fired at 00:00 today.
    const dates = {
      due: { recognizedOn: '2025-04-15', reReviewOpens: '2027-10-16', demonstrationEnds: '2028-04-15' },
      dueFireDays: ['reReviewOpens'],
    };
    expect(nextDue(dates, '2027-10-15', manifest)?.name).toBe('reReviewOpens');
    expect(nextDue(dates, '2027-10-16', manifest)).toEqual({
      name: 'demonstrationEnds',
      date: '2028-04-15',
      title: manifest.dates.demonstrationEnds?.title,
    });
    // A period's last day is still to come on its day (the deadline is today).
    expect(nextDue(dates, '2028-04-15', manifest)?.name).toBe('demonstrationEnds');
    // A case listed without the fact (not known) shows the date until its day is over, as before.
    expect(nextDue({ due: dates.due }, '2027-10-16', manifest)?.name).toBe('reReviewOpens');
  });

  it('gives two dates on one day as the manifest lists them: the last demonstration year ends as the period does', async () => {
    const { source } = await loadRealVersion();
    const manifest = JSON.parse(source.files.get('manifest.json') ?? '{}') as Manifest;
    // Found in the supervisors' case list during a re-review: 2029-03-20 read 本示范年度最后一日（次日起报送年度工作报告）.
    const due = { nextAnnualReportDue: '2029-03-20', demonstrationEnds: '2029-03-20', reReviewOpens: '2028-09-20' };
    expect(nextDue({ due, dueFireDays: ['reReviewOpens'] }, '2028-09-21', manifest)).toEqual({
      name: 'demonstrationEnds',
      date: '2029-03-20',
      title: manifest.dates.demonstrationEnds?.title,
    });
    // Without a manifest, the case's own order as before.
    expect(nextDue({ due }, '2028-09-21')?.name).toBe('nextAnnualReportDue');
  });
});
