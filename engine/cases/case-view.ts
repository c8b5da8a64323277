import type { ProcessModel } from '../definitions/process-model.js';
import { declaredSubjectRegion, type SubjectRegion } from '../definitions/subject-region.js';
import type { Manifest } from '../definitions/types.js';
import type { CaseRecord, DueBasis, Incident } from './case-record.js';
import type { ForetoldEnd } from './foretold-end.js';
import type { OriginDetail } from './task-origin.js';

/** An open task as clients see it (CONTRACT §6). */
export interface TaskView {
  ref: string;
  caseId: string;
  taskId: string;
  /** The step's name as drawn on the diagram (可行性论证与遴选), when it has one. */
  name?: string;
  formKey: string;
  group: string;
  groups: string[];
  scope?: string;
  createdAt: string;
  /**
   * The message that opened the task (e.g. the objection a review is about). In an inbox listing
   * (`inboxTasks`) also what tells it apart: `number`, `receivedAt` and, for a reader of what was
   * sent, `excerpt` (OriginDetail).
   */
  origin?: { message: string; submission: number } & Partial<OriginDetail>;
  /** The named date that governs this task (its title is the manifest's `dates[name].title`). */
  due?: { name: string; date: string };
  /** Reminders (催办) sent on this task by supervising groups. */
  reminders?: { at: string; group: string; note?: string }[];
  /** The period of a cycle whose end opened the task (the k-th demonstration year of its annual report). */
  period?: { due: string; number: number; start: string; end: string };
  /**
   * In an inbox listing (`inboxTasks`): the task was submitted before and a review sent it back —
   * when, and the reviewing step's name as drawn (else its task id).
   */
  returned?: { at: string; step: string };
  /**
   * In an inbox listing: the task's case is set aside for a damaged file (README "Storage"); it cannot
   * be done until the case is restored, and its page answers 503 `unavailable`.
   */
  unavailable?: true;
}

/**
 * A case as clients see it (CONTRACT §6), with what a workbench needs besides. Its subject and region
 * are under the names the programme declares (`park`, `province`; see `subjectRegionOfView`).
 */
export interface CaseView {
  /** The subject and region under their declared names (`park`, `province`). */
  readonly [declared: string]: unknown;
  id: string;
  process: string;
  version: string;
  status: string;
  statusTitle?: string;
  statusDate: string;
  final: boolean;
  reason?: string;
  subjectName?: string;
  openTasks: Omit<TaskView, 'caseId'>[];
  due: Record<string, string>;
  dueBasis?: Record<string, DueBasis>;
  /** The names in `due` that are fire days (the function `dueFireDays` below); absent: none, or not known. */
  dueFireDays?: string[];
  /** Messages that may be sent now, and by whom. */
  openMessages: { name: string; groups: string[] }[];
  incidents: Incident[];
  startedAt: string;
  updatedAt: string;
  endedAt?: string;
  /** One case's view only (not lists): an open task whose submission ends the case whatever it holds. */
  foretold?: ForetoldEnd;
  /**
   * Lists only: the case is set aside for a damaged file and cannot be read now (the administrator is
   * told); shown as last read whole, nothing open on it, to those who could see it (unavailable.ts).
   */
  unavailable?: true;
}

/**
 * A case without its form data and the basis of its dates: what the case index holds and the lists
 * are drawn from. Of the basis it keeps which dates are fire days (`dueFireDays`).
 */
export type CaseSummary = Omit<CaseRecord, 'variables' | 'dueBasis'> & { dueFireDays?: string[] };

export function summaryOf(record: CaseRecord): CaseSummary {
  const { variables: _variables, dueBasis, ...summary } = record;
  const fireDays = dueFireDays(record.due, dueBasis);
  return { ...summary, ...(fireDays.length > 0 && { dueFireDays: fireDays }) };
}

/**
 * The names in `due` that expose the day a timer fires (`dueIs: fireDay`, as the first day an application
 * may be made), not a period's last day: such a date is reached at 00:00 that day, so on it it
 * is no longer one to come (next-due.ts). Read from the basis each date was computed with, whenever a
 * record is summarised: nothing more is stored, every stored case gives it as it is loaded, and a
 * migration or a re-dating that computes a date again (under another version) is followed. A date that
 * is not its basis's fire day is not counted.
 */
export function dueFireDays(
  due: Readonly<Record<string, string>>,
  dueBasis: Readonly<Record<string, DueBasis>> | undefined,
): string[] {
  // A damaged record (set aside in quarantine) may have no basis at all.
  return Object.entries(dueBasis ?? {})
    .filter(([name, basis]) => basis.dueIs === 'fireDay' && due[name] === basis.fireDay)
    .map(([name]) => name);
}

/** The name a diagram element is drawn with (undefined: none, or no diagram to ask). */
export type ElementNames = (elementId: string) => string | undefined;

export const elementNamesOf =
  (model: Pick<ProcessModel, 'nodes'>): ElementNames =>
  (elementId) =>
    model.nodes.get(elementId)?.name;

export function taskViewOf(record: CaseSummary, task: CaseRecord['tasks'][number], names?: ElementNames): TaskView {
  const name = names?.(task.elementId);
  return {
    ref: task.ref,
    caseId: record.id,
    taskId: task.taskId,
    ...(name !== undefined && name !== '' && { name }),
    formKey: task.formKey,
    group: task.groups[0] ?? '',
    groups: task.groups,
    ...(task.scope !== undefined && { scope: task.scope }),
    createdAt: task.createdAt,
    ...(task.origin !== undefined && { origin: task.origin }),
    ...(task.due !== undefined && { due: { ...task.due } }),
    ...(task.period !== undefined && { period: { ...task.period } }),
    ...(task.reminders !== undefined && {
      reminders: task.reminders.map(({ at, group, note }) => ({ at, group, ...(note !== undefined && { note }) })),
    }),
  };
}

export function caseViewOf(
  record: CaseSummary & Partial<Pick<CaseRecord, 'dueBasis'>>,
  manifest: Manifest | undefined,
  openMessages: CaseView['openMessages'],
  /** The declared names of subject and region when there is no manifest (a damaged case). */
  names: Pick<Manifest, 'subject' | 'region'> | undefined = manifest,
  elementNames?: ElementNames,
): CaseView {
  const statusTitle = manifest?.statuses[record.status]?.title;
  const fireDays =
    record.dueBasis === undefined ? (record.dueFireDays ?? []) : dueFireDays(record.due, record.dueBasis);
  return {
    id: record.id,
    process: record.process,
    version: record.version,
    status: record.status,
    ...(statusTitle !== undefined && { statusTitle }),
    statusDate: record.statusDate,
    final: record.final,
    ...(record.reason !== undefined && { reason: record.reason }),
    ...(names === undefined
      ? { subject: record.subject, region: record.region }
      : declaredSubjectRegion(names, record)),
    ...(record.subjectName !== undefined && { subjectName: record.subjectName }),
    openTasks: record.tasks.map((task) => {
      const { caseId: _caseId, ...view } = taskViewOf(record, task, elementNames);
      return view;
    }),
    due: { ...record.due },
    ...(record.dueBasis !== undefined && { dueBasis: record.dueBasis }),
    ...(fireDays.length > 0 && { dueFireDays: fireDays }),
    openMessages,
    incidents: record.incidents,
    startedAt: record.startedAt,
    updatedAt: record.updatedAt,
    ...(record.endedAt !== undefined && { endedAt: record.endedAt }),
  };
}

/** A view's subject and region, read back from under their declared names. */
export function subjectRegionOfView(view: CaseView, manifest: Manifest | undefined): SubjectRegion {
  const read = (key: string) => {
    const value = view[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    subject: read(manifest?.subject.name ?? 'subject'),
    region: read(manifest?.region.name ?? 'region'),
  };
}
