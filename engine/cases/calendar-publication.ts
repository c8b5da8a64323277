import { relative } from 'node:path';
import { EngineError } from '../errors.js';
import type { CalendarFile, CalendarNotice } from '../legal-time/calendar-file.js';
import { chinaDateOf } from '../legal-time/china-time.js';
import { calendarYearFromEntry } from '../legal-time/year-entry.js';
import { writeCalendarYear } from '../legal-time/write-calendar-year.js';
import type { Actor } from './actors.js';
import { SYSTEM, type CaseRuntime } from './case-runtime.js';
import { ENGINE_SAYS } from '../messages.js';

/** What publishing a calendar year did: the file written and the cases whose dates it settled or moved. */
export interface CalendarPublication {
  calendar: string;
  year: number;
  revision: number;
  /** The revision this one replaced (a correction), kept beside it. */
  replaces?: number;
  notice: CalendarNotice;
  /** The file written, relative to the definitions directory (`calendars/cn/2030.json`). */
  file: string;
  /** Cases whose incidents waiting on the year were resolved. */
  resolved: string[];
  /** Cases whose not-yet-fired due dates moved (a correction). */
  redated: string[];
  /** Cases that could not be brought up to date now (retried by POST /api/admin/incidents/retry or a restart). */
  failed: string[];
}

function sameDays(a: CalendarFile, b: CalendarFile): boolean {
  const days = (file: CalendarFile) => JSON.stringify([file.holidays, file.workdays, file.notice]);
  return days(a) === days(b);
}

function calendarId(runtime: CaseRuntime, requested: unknown): string {
  const ids = runtime.definitions.calendarIds();
  if (requested === undefined && ids.length === 1) return ids[0] as string;
  if (typeof requested === 'string' && ids.includes(requested)) return requested;
  const said = { zh: `「日历」应为 ${ids.join('、')} 之一`, en: `The calendar should be one of ${ids.join(', ')}` };
  throw new EngineError('validation', said, {
    errors: [{ path: '/calendar', message: said.zh, english: said.en }],
  });
}

/**
 * Publishes one year of a working-day calendar entered in the product (README "Calendars"): checked
 * like the committed files, written whole beside them (a correction is a new revision, the previous
 * one kept), loaded at once, then every case is brought up to date — incidents waiting on the year
 * retried; for a correction, the dates of timers not yet fired derived again — each change noted in
 * the case's audit with the notice.
 */
export async function publishCalendarYear(
  runtime: CaseRuntime,
  input: { calendar?: unknown; year: number; entry: unknown },
  actor: Actor,
): Promise<CalendarPublication> {
  const { definitions } = runtime;
  const calendar = calendarId(runtime, input.calendar);
  const previous = definitions.calendarFiles(calendar).find((file) => file.year === input.year);
  const revision = previous === undefined ? 1 : (previous.revision ?? 1) + 1;
  const now = runtime.clock.now();
  const built = calendarYearFromEntry(input.entry, {
    calendar,
    year: input.year,
    revision,
    source: `calendar editor (${actor.id}, ${chinaDateOf(now)})`,
    today: chinaDateOf(now),
  });
  const [first] = built.errors;
  if (built.file === undefined || first !== undefined) {
    const said = first?.message ?? '日历数据无效';
    throw new EngineError('validation', { zh: said, en: first?.english ?? said }, { errors: built.errors });
  }
  const { file } = built;
  if (previous !== undefined && sameDays(previous, file)) {
    throw new EngineError('conflict', ENGINE_SAYS.calendarUnchanged(input.year, revision - 1), {
      year: input.year,
    });
  }
  const dir = definitions.calendarDir(calendar);
  const path = await writeCalendarYear(dir, file, previous);
  await definitions.reloadCalendars();
  const reason = {
    calendar,
    year: input.year,
    revision,
    notice: `${file.notice?.title ?? ''}（${file.notice?.number ?? ''}）`,
  };
  const { resolved, redated, failed } = await bringCasesUpToDate(runtime, reason, previous !== undefined);
  return {
    calendar,
    year: input.year,
    revision,
    ...(previous !== undefined && { replaces: previous.revision ?? 1 }),
    notice: file.notice ?? { title: '' },
    file: relative(definitions.root, path).split('\\').join('/'),
    resolved,
    redated,
    failed,
  };
}

/** Retries incidents (and, for a correction, re-derives unfired timers) on every running case. */
export async function bringCasesUpToDate(
  runtime: CaseRuntime,
  reason: Record<string, unknown>,
  correction: boolean,
): Promise<{ resolved: string[]; redated: string[]; failed: string[] }> {
  const resolved: string[] = [];
  const redated: string[] = [];
  const failed: string[] = [];
  for (const summary of [...runtime.index.all()]) {
    if (summary.final || (summary.timers.length === 0 && summary.tasks.length === 0)) continue;
    // A task's date waits on the year as a timer's does (an annual report opened in a year without data).
    const waiting = summary.timers.some((timer) => timer.incident !== undefined) || summary.incidents.length > 0;
    if (!waiting && !correction) continue;
    try {
      await runtime.withLock(summary.id, async () => {
        const record = await runtime.record(summary.id);
        const transition = runtime.transition(record, runtime.version(record), runtime.clock.now(), SYSTEM);
        const timers = transition.rederiveTimers(reason, { all: correction });
        const tasks = transition.redateTasks(reason, { all: correction });
        if (!timers && !tasks) return;
        const types = new Set(transition.audit.map((entry) => entry.type));
        if (types.has('incident.resolved')) resolved.push(summary.id);
        if (types.has('due.rederived')) redated.push(summary.id);
        await runtime.commitRecord(transition);
      });
    } catch {
      // The year is published; one case that cannot move now (a damaged file) must not undo that.
      failed.push(summary.id);
    }
  }
  return { resolved, redated, failed };
}
