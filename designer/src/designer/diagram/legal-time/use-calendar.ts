import { useEffect, useState } from 'react';
import type { CalendarFile } from '../../../../../engine/legal-time/calendar-file.js';
import { calendarFromFiles, type WorkingDayCalendar } from '../../../../../engine/legal-time/pure.js';
import { api } from '../../../api/client.js';

/** The working-day calendar a version names (GET /api/calendars/:id), for worked examples; undefined until loaded or when it cannot be. */
export function useWorkingDayCalendar(id: string | undefined): WorkingDayCalendar | undefined {
  const [calendar, setCalendar] = useState<WorkingDayCalendar | undefined>();
  useEffect(() => {
    if (id === undefined) return;
    let alive = true;
    api<CalendarFile[]>('GET', `/api/calendars/${encodeURIComponent(id)}`).then(
      (files) => {
        if (alive) setCalendar(calendarFromFiles(files, id));
      },
      () => {
        // No calendar: working-day examples say they cannot be computed.
      },
    );
    return () => {
      alive = false;
    };
  }, [id]);
  return calendar;
}
