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
    expect(nextDue(due, '2025-04-15', manifest)).toEqual({
      name: 'nextAnnualReportDue',
      date: '2026-04-15',
      title: manifest.dates.nextAnnualReportDue?.title,
    });
    // On the notice's first day, its last day is the one to watch.
    expect(nextDue(due, '2025-04-03', manifest)?.name).toBe('publicityEnds');
    // A deadline on its own day is still the next date (its last day).
    expect(nextDue(due, '2025-04-10', manifest)?.name).toBe('publicityEnds');
    // Without a manifest every date counts.
    expect(nextDue(due, '2025-04-15')?.name).toBe('recognizedOn');
  });
});
