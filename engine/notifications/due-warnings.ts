import { createHash } from 'node:crypto';
import type { CaseSummary } from '../cases/case-view.js';
import type { ProcessModel } from '../definitions/process-model.js';
import { dueSoonWorkingDays } from '../definitions/due-soon.js';
import { declaredSubjectRegion } from '../definitions/subject-region.js';
import type { Manifest } from '../definitions/types.js';
import {
  addDays,
  chinaDateOf,
  compareDates,
  firstDayWithin,
  startOfChinaDay,
  workingDaysLeft,
  type WorkingDayCalendar,
} from '../legal-time/pure.js';
import { taskAudience } from './derive.js';
import type { Notification } from './notification.js';

/**
 * The warnings a case's open tasks with a due date are owed at `now` (README "Notifications"):
 * `task.dueSoon` once at most `dueSoonWorkingDays` working days are left until the date (the date
 * itself counted, today not), `task.overdue` from the day after it — only that one when both points
 * passed unseen (a clock advanced past them). None for a task whose working days cannot be counted
 * (a year without calendar data: the count would be a guess) until they can; none on a case that
 * ended. Each carries an id made of what it is about — the kind, the task and its date — stamped
 * with the instant it became due (not before the task opened): the same whichever process sees it
 * and whenever, so that the notification centre stores it once (`publishOnce`). A task dated again
 * (opened again after a return) is warned again.
 */
export function dueWarnings(input: {
  summary: CaseSummary;
  manifest: Manifest;
  model: Pick<ProcessModel, 'nodes'>;
  calendar: WorkingDayCalendar;
  now: Date;
}): Notification[] {
  const { summary, manifest, calendar, now } = input;
  if (summary.final) return [];
  const today = chinaDateOf(now);
  const days = dueSoonWorkingDays(manifest);
  return summary.tasks.flatMap((task): Notification[] => {
    const { due } = task;
    if (due === undefined) return [];
    const overdue = compareDates(today, due.date) > 0;
    const left = overdue ? undefined : workingDaysLeft(calendar, today, due.date);
    if (!overdue && (left === undefined || left > days)) return [];
    const kind = overdue ? 'task.overdue' : 'task.dueSoon';
    const point = overdue ? addDays(due.date, 1) : firstDayWithin(calendar, due.date, days);
    const from = new Date(startOfChinaDay(point)).toISOString();
    const since = from > task.createdAt ? from : task.createdAt;
    const audience = taskAudience(manifest, task);
    if (audience.length === 0) return [];
    const taskName = input.model.nodes.get(task.elementId)?.name;
    const key = createHash('sha256').update(`${kind}\u0000${task.ref}\u0000${due.date}`).digest('hex').slice(0, 10);
    return [
      {
        id: `n${since.replace(/[^0-9]/g, '').padEnd(17, '0')}-000000-${key}`,
        at: now.toISOString(),
        kind,
        caseId: summary.id,
        process: summary.process,
        ...declaredSubjectRegion(manifest, summary),
        ...(summary.subjectName !== undefined && { subjectName: summary.subjectName }),
        ref: task.ref,
        taskId: task.taskId,
        ...(taskName !== undefined && { taskName }),
        due: { name: due.name, date: due.date },
        ...(left !== undefined && { workingDaysLeft: left }),
        audience,
      },
    ];
  });
}
