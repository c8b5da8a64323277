import { isEngineError } from '../errors.js';
import type { LocalDate, WorkingDayCalendar } from '../legal-time/pure.js';
import type { RuntimeVersion } from '../runtime/runtime-version.js';
import type { Snapshot } from '../runtime/snapshot.js';
import type { CaseRecord } from './case-record.js';
import { computeDate, exposedDay } from './due-dates.js';

/** Where one open task or timer goes when a case moves to another version. */
export interface MigrationItem {
  kind: 'task' | 'timer' | 'window' | 'status';
  element: string;
  /** The element in the target version, or undefined when there is none (the migration is refused). */
  to?: string;
  problem?: string;
  /** Timers: the day it fires and the date it exposes, before and after (under the target's rules). */
  before?: TimerDates;
  after?: TimerDates;
}

export interface TimerDates {
  fireDay?: LocalDate;
  due?: string;
  exposed?: LocalDate;
}

export interface MigrationPlan {
  caseId: string;
  from: string;
  to: string;
  items: MigrationItem[];
  /** True when every task, timer and window maps onto the target version. */
  possible: boolean;
}

/**
 * Plans moving a case's waiting positions onto another version: each open task, armed timer and
 * open message window needs an element of the same id and kind there; timers are re-dated under the
 * target's rules, counted from the day they started.
 */
export function planMigration(
  record: CaseRecord,
  from: RuntimeVersion,
  to: RuntimeVersion,
  calendar: WorkingDayCalendar,
  recovered: Snapshot | undefined,
  recoverError: string | undefined,
): MigrationPlan {
  const items: MigrationItem[] = [];
  const target = to.model;
  for (const task of record.tasks) {
    const spec = target.userTasks.find((candidate) => candidate.elementId === task.elementId);
    items.push({
      kind: 'task',
      element: task.elementId,
      ...(spec !== undefined && { to: spec.elementId }),
      ...(spec === undefined && { problem: `${to.key} has no user task ${task.elementId}` }),
      ...(spec !== undefined &&
        spec.formKey !== task.formKey && { problem: `form changes from ${task.formKey} to ${spec.formKey ?? 'none'}` }),
    });
  }
  for (const timer of record.timers) {
    const spec = target.dates.find((candidate) => candidate.elementId === timer.elementId && candidate.isTimer);
    const exposedBefore = timer.due === undefined ? undefined : record.due[timer.due];
    const before: TimerDates = {
      ...(timer.fireDay !== undefined && { fireDay: timer.fireDay }),
      ...(timer.due !== undefined && { due: timer.due }),
      ...(exposedBefore !== undefined && { exposed: exposedBefore }),
    };
    if (spec === undefined) {
      items.push({
        kind: 'timer',
        element: timer.elementId,
        before,
        problem: `${to.key} has no timer ${timer.elementId}`,
      });
      continue;
    }
    try {
      const basis = computeDate(spec, timer.startedOn, record.due, to.definition.rules, calendar);
      items.push({
        kind: 'timer',
        element: timer.elementId,
        to: spec.elementId,
        before,
        after: { fireDay: basis.fireDay, ...(spec.due !== undefined && { due: spec.due, exposed: exposedDay(basis) }) },
      });
    } catch (error) {
      const message = isEngineError(error) ? error.message : String(error);
      items.push({ kind: 'timer', element: timer.elementId, to: spec.elementId, before, problem: message });
    }
  }
  for (const window of record.windows) {
    const exists = target.messageCatches.some((catcher) => catcher.elementId === window);
    items.push({
      kind: 'window',
      element: window,
      ...(exists ? { to: window } : { problem: `${to.key} has no catch event ${window}` }),
    });
  }
  if (to.definition.manifest.statuses[record.status] === undefined) {
    items.push({ kind: 'status', element: record.status, problem: `${to.key} has no status ${record.status}` });
  }
  if (recoverError !== undefined) {
    items.push({
      kind: 'task',
      element: '(process state)',
      problem: `the saved process state does not load on ${to.key}: ${recoverError}`,
    });
  } else if (recovered !== undefined) {
    const waiting = new Set(recovered.userTasks.map((task) => task.elementId));
    for (const task of record.tasks) {
      if (task.executionId !== undefined && !waiting.has(task.elementId)) {
        items.push({
          kind: 'task',
          element: task.elementId,
          problem: `the task does not wait on ${to.key} after loading the state`,
        });
      }
    }
  }
  return {
    caseId: record.id,
    from: from.key,
    to: to.key,
    items,
    possible: items.every((item) => item.problem === undefined),
  };
}
