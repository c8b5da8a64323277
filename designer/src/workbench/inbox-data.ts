import { api } from '../api/client.js';
import type { CaseView, TaskView } from '../../../engine/cases/case-view.js';
import type { WorkingDayCalendar } from '../../../engine/legal-time/pure.js';
import { loadCalendar, loadFormTitles, loadToday, loadVersion, provinceName, type VersionInfo } from './catalog.js';
import { nextDue, workingDaysLeft, type NextDue } from './due.js';

/** One case as the workbench lists it. */
export interface CaseRow {
  id: string;
  park: string;
  parkName?: string;
  province: string;
  provinceName: string;
  status: string;
  statusTitle: string;
  final: boolean;
  version: string;
  next?: NextDue;
  /** Working days until `next`; undefined when a year in between has no calendar data. */
  daysLeft?: number;
}

export interface TaskRow extends CaseRow {
  ref: string;
  taskId: string;
  taskName: string;
  createdAt: string;
}

export interface Inbox {
  today: string;
  tasks: TaskRow[];
  cases: CaseRow[];
}

const versionKey = (view: { process: string; version: string }) => `${view.process}@${view.version}`;

function caseRow(view: CaseView, today: string, version?: VersionInfo, calendar?: WorkingDayCalendar): CaseRow {
  const next = nextDue(view.due, today, version?.manifest);
  const daysLeft = next === undefined ? undefined : workingDaysLeft(calendar, today, next.date);
  return {
    id: view.id,
    park: view.park,
    ...(view.subjectName !== undefined && { parkName: view.subjectName }),
    province: view.province,
    provinceName: provinceName(view.province),
    status: view.status,
    statusTitle: view.statusTitle ?? view.status,
    final: view.final,
    version: view.version,
    ...(next !== undefined && { next }),
    ...(daysLeft !== undefined && { daysLeft }),
  };
}

/**
 * The caller's open tasks joined with their cases, and every case in the caller's scope: names from
 * the forms, dates titled by the manifest, working days counted with the version's calendar.
 */
export async function loadInbox(admin = false): Promise<Inbox> {
  const [tasks, cases, today] = await Promise.all([
    api<TaskView[]>('GET', '/api/tasks'),
    api<CaseView[]>('GET', '/api/cases'),
    loadToday(admin),
  ]);
  const byId = new Map(cases.map((view) => [view.id, view]));
  const versions = new Map<string, VersionInfo>();
  const calendars = new Map<string, WorkingDayCalendar>();
  await Promise.all(
    [...new Map(cases.map((view) => [versionKey(view), view])).values()].map(async (view) => {
      const info = await loadVersion(view.process, view.version);
      versions.set(versionKey(view), info);
      const calendar = await loadCalendar(info.manifest.calendar).catch(() => undefined);
      if (calendar !== undefined) calendars.set(info.manifest.calendar, calendar);
    }),
  );
  const rowOf = (view: CaseView) => {
    const version = versions.get(versionKey(view));
    return caseRow(view, today, version, version === undefined ? undefined : calendars.get(version.manifest.calendar));
  };
  const titles = await loadFormTitles(
    tasks.flatMap((task) => {
      const view = byId.get(task.caseId);
      return view === undefined ? [] : [{ process: view.process, version: view.version, formKey: task.formKey }];
    }),
  );
  const taskRows = tasks.flatMap((task): TaskRow[] => {
    const view = byId.get(task.caseId);
    if (view === undefined) return [];
    // A task shows the date that governs it (`TaskView.due`) or none — never the case's next date,
    // which may belong to another step (an acceptance date on an objection review).
    const { next: _caseNext, daysLeft: _caseDays, ...row } = rowOf(view);
    const due = (task as TaskView & { due?: { name: string; date: string } }).due;
    const version = versions.get(versionKey(view));
    const calendar = version === undefined ? undefined : calendars.get(version.manifest.calendar);
    const daysLeft = due === undefined ? undefined : workingDaysLeft(calendar, today, due.date);
    return [
      {
        ...row,
        ...(due !== undefined && {
          next: { ...due, title: version?.manifest.dates[due.name]?.title ?? due.name },
        }),
        ...(daysLeft !== undefined && { daysLeft }),
        ref: task.ref,
        taskId: task.taskId,
        taskName: titles.get(`${versionKey(view)}/${task.formKey}`) ?? task.taskId,
        createdAt: task.createdAt,
      },
    ];
  });
  return { today, tasks: taskRows, cases: cases.map(rowOf) };
}
