/**
 * The real columns of a stored case (migrations/001_initial.sql), read from the record as the engine
 * writes it (engine/cases/case-record.ts). The store accepts any JSON in the `cases` collection (the
 * contract suite writes plain objects there), so every field is checked: one that is missing or not
 * of its form becomes NULL, and the whole record is kept in `body` either way.
 */

export interface CaseColumns {
  revision: number | null;
  process: string | null;
  version: string | null;
  subject: string | null;
  region: string | null;
  status: string | null;
  statusDate: string | null;
  final: boolean | null;
  startedAt: string | null;
  updatedAt: string | null;
  endedAt: string | null;
}

export interface CaseChildren {
  due: { name: string; due_on: string }[];
  tasks: {
    ref: string;
    group_name: string;
    scope: string;
    task_id: string | null;
    form_key: string | null;
    created_at: string | null;
    due_on: string | null;
  }[];
  timers: { execution_id: string; element_id: string | null; fire_on: string | null; fire_at: string | null }[];
}

const INT4_MAX = 2 ** 31 - 1;

export function caseColumns(value: unknown): CaseColumns {
  const record = asObject(value) ?? {};
  const revision = record.revision;
  return {
    revision:
      typeof revision === 'number' && Number.isInteger(revision) && Math.abs(revision) <= INT4_MAX ? revision : null,
    process: text(record.process),
    version: text(record.version),
    // The engine's neutral names first (subject/region), then today's park/province.
    subject: text(record.subject) ?? text(record.park),
    region: text(record.region) ?? text(record.province),
    status: text(record.status),
    statusDate: localDate(record.statusDate),
    final: typeof record.final === 'boolean' ? record.final : null,
    startedAt: instant(record.startedAt),
    updatedAt: instant(record.updatedAt),
    endedAt: instant(record.endedAt),
  };
}

export function caseChildren(value: unknown): CaseChildren {
  const record = asObject(value) ?? {};
  const due: CaseChildren['due'] = [];
  for (const [name, date] of Object.entries(asObject(record.due) ?? {})) {
    const dueOn = localDate(date);
    if (dueOn !== null) due.push({ name, due_on: dueOn });
  }
  const tasks: CaseChildren['tasks'] = [];
  const seenTasks = new Set<string>();
  for (const item of Array.isArray(record.tasks) ? record.tasks : []) {
    const task = asObject(item);
    const ref = text(task?.ref);
    if (task === undefined || ref === null) continue;
    const groups = Array.isArray(task.groups) ? task.groups.filter((group) => typeof group === 'string') : [];
    for (const group of groups) {
      const key = JSON.stringify([ref, group]);
      if (seenTasks.has(key)) continue;
      seenTasks.add(key);
      tasks.push({
        ref,
        group_name: group,
        scope: text(task.scope) ?? '',
        task_id: text(task.taskId),
        form_key: text(task.formKey),
        created_at: instant(task.createdAt),
        due_on: localDate(asObject(task.due)?.date),
      });
    }
  }
  const timers: CaseChildren['timers'] = [];
  const seenTimers = new Set<string>();
  for (const item of Array.isArray(record.timers) ? record.timers : []) {
    const timer = asObject(item);
    const executionId = text(timer?.executionId);
    if (timer === undefined || executionId === null || seenTimers.has(executionId)) continue;
    seenTimers.add(executionId);
    timers.push({
      execution_id: executionId,
      element_id: text(timer.elementId),
      fire_on: localDate(timer.fireDay),
      // A timer an incident holds is not due (TimerRecord.incident, `armed`).
      fire_at: timer.incident === undefined ? instant(timer.fireAt) : null,
    });
  }
  return { due, tasks, timers };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A calendar date `YYYY-MM-DD` that exists (not 2025-02-30), years 0001–9999; else null. */
export function localDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : null;
}

/** An ISO instant as UTC `…Z`, years 0001–9999; else null. */
export function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const iso = new Date(time).toISOString();
  return /^\d{4}-/.test(iso) && !iso.startsWith('0000') ? iso : null;
}
