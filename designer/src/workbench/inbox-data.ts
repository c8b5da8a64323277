import { api } from '../api/client.js';
import { subjectRegionOfView, type CaseView, type TaskView } from '../../../engine/cases/case-view.js';
import { compareDates, workingDaysLeft, type WorkingDayCalendar } from '../../../engine/legal-time/pure.js';
import { holderName } from '../../../engine/definitions/subject-region.js';
import type { Directory } from '../../../engine/definitions/types.js';
import {
  loadCalendar,
  loadFormTitles,
  loadToday,
  loadVersion,
  messageFormKey,
  PROVINCES,
  provinceName,
  type VersionInfo,
} from './catalog.js';
import { nextDue, type NextDue } from '../../../engine/cases/next-due.js';
import { dueSoonWorkingDays } from '../../../engine/definitions/due-soon.js';
import { loadProgrammes, vocabularyOf, type Programme, type Vocabulary } from './vocabulary.js';
import { damageOf } from './case-data.js';
import { translateDirectory, translateManifest, type Translate } from '../i18n/definition-text.js';
import { loadDefinitionText } from '../i18n/use-definition-text.js';
import type { Language } from '../i18n/messages.js';

/** One case as the workbench lists it. */
export interface CaseRow {
  id: string;
  process: string;
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
  /**
   * Set aside for a damaged file: its data cannot be read now (the administrator is told), nothing can
   * be done on it, and no date is counted down on it until it is restored (CaseView `unavailable`).
   */
  unavailable?: true;
}

export interface TaskRow extends CaseRow {
  ref: string;
  taskId: string;
  taskName: string;
  createdAt: string;
  /** The task's own due date (a `due` declared on its element), titled by the manifest. */
  taskDue?: NextDue;
  /** Working days from today to `taskDue` (negative: working days overdue); undefined without one. */
  taskDaysLeft?: number;
  /** Working days before its due date the task's programme counts it due soon (`dueSoonWorkingDays`). */
  dueSoonDays: number;
  reminders: NonNullable<TaskView['reminders']>;
  group: string;
  scope?: string;
  /** Who holds the task, as people name it: 省级市场监管部门 · 江苏省 (the group's declared title and its scope's name). */
  holderName: string;
  /** The message that opened the task, told apart from others of its kind (one review per objection). */
  origin?: TaskOrigin;
  /** Submitted before and sent back by a review: when, and by which step. */
  returned?: NonNullable<TaskView['returned']>;
  /** The period of a cycle the task is for (each demonstration year's annual report). */
  period?: NonNullable<TaskView['period']>;
}

/** Which message a task answers: its form's title, its number on the case, when it came, its opening words. */
export interface TaskOrigin {
  title: string;
  number: number;
  receivedAt: string;
  /** Only for a reader of what the public sent (the server leaves it out for anyone else). */
  excerpt?: string;
  /** The code on the sender's receipt, which they quote when they ask after it; for readers as `excerpt`. */
  receipt?: string;
}

export interface Inbox {
  today: string;
  tasks: TaskRow[];
  cases: CaseRow[];
  /** Every open task with a due date on the cases in scope (the overdue board). */
  dueTasks: TaskRow[];
  /** What the programmes call a case's subject and region (the lists' column titles). */
  vocabulary: Vocabulary;
  /** Every version the server runs (what may be started, and how it is titled). */
  programmes: Programme[];
}

const versionKey = (view: { process: string; version: string }) => `${view.process}@${view.version}`;

/** A task's group by its declared title, and its scope by name (a region, a member, the subject). */
export function taskHolderName(
  task: Pick<TaskView, 'group' | 'scope'>,
  view: CaseView,
  version: VersionInfo | undefined,
  regions: Directory,
): string {
  const manifest = version?.manifest;
  if (manifest === undefined) return task.group;
  const subject = {
    code: String(view[manifest.subject.name]),
    ...(view.subjectName !== undefined && { name: view.subjectName }),
  };
  // The workbench carries one directory, the regions' (catalog.ts).
  return holderName(manifest, task, { directory: () => regions, subject }) ?? task.group;
}

function caseRow(
  view: CaseView,
  today: string,
  translate: Translate,
  regions: Directory,
  version?: VersionInfo,
  calendar?: WorkingDayCalendar,
): CaseRow {
  const next = view.unavailable === true ? undefined : nextDue(view, today, version?.manifest);
  const daysLeft = next === undefined ? undefined : workingDaysLeft(calendar, today, next.date);
  // The subject and region under the names the case's programme declares (park, county; province, city).
  const { subject, region } = subjectRegionOfView(view, version?.manifest);
  return {
    id: view.id,
    process: view.process,
    park: subject,
    ...(view.subjectName !== undefined && { parkName: view.subjectName }),
    province: region,
    provinceName: provinceName(region, regions),
    status: view.status,
    statusTitle: view.statusTitle === undefined ? view.status : translate(view.statusTitle),
    final: view.final,
    version: view.version,
    ...(next !== undefined && { next }),
    ...(daysLeft !== undefined && { daysLeft }),
    ...(view.unavailable === true && { unavailable: true }),
  };
}

/**
 * The caller's open tasks joined with their cases, and every case in the caller's scope: names from
 * the forms, dates titled by the manifest, working days counted with the version's calendar; what
 * the definitions say in `language` (their catalogue's, else as written).
 */
export async function loadInbox(admin = false, language: Language = 'zh'): Promise<Inbox> {
  const [tasks, cases, today, programmes] = await Promise.all([
    api<TaskView[]>('GET', '/api/tasks'),
    api<CaseView[]>('GET', '/api/cases'),
    loadToday(admin),
    // Without them the lists keep the workbench's own words: not a reason to show no list.
    loadProgrammes(language).catch((): Programme[] => []),
  ]);
  // Titled as the programmes of the cases listed call them (a county's workbench on a server running
  // two programmes reads 申报县), else as all the server runs do.
  const listed = new Set(cases.map((view) => view.process));
  const vocabulary = vocabularyOf(
    listed.size === 0 ? programmes : programmes.filter((programme) => listed.has(programme.process)),
  );
  const byId = new Map(cases.map((view) => [view.id, view]));
  const versions = new Map<string, VersionInfo>();
  const translators = new Map<string, Translate>();
  const translateFor = (view: CaseView): Translate => translators.get(view.process) ?? ((text) => text);
  const regions = new Map<string, Directory>();
  const regionsFor = (view: CaseView): Directory => regions.get(view.process) ?? PROVINCES;
  const calendars = new Map<string, WorkingDayCalendar>();
  await Promise.all(
    // A case set aside for a damaged file names no version that exists: it is listed without one.
    [
      ...new Map(cases.filter((view) => damageOf(view) === undefined).map((view) => [versionKey(view), view])).values(),
    ].map(async (view) => {
      const [info, translate] = await Promise.all([
        loadVersion(view.process, view.version),
        loadDefinitionText(view.process, language),
      ]);
      translators.set(view.process, translate);
      regions.set(view.process, translateDirectory(info.regions ?? PROVINCES, translate));
      versions.set(versionKey(view), { ...info, manifest: translateManifest(info.manifest, translate) });
      const calendar = await loadCalendar(info.manifest.calendar).catch(() => undefined);
      if (calendar !== undefined) calendars.set(info.manifest.calendar, calendar);
    }),
  );
  const rowOf = (view: CaseView) => {
    const version = versions.get(versionKey(view));
    const calendar = version === undefined ? undefined : calendars.get(version.manifest.calendar);
    return caseRow(view, today, translateFor(view), regionsFor(view), version, calendar);
  };
  const titles = await loadFormTitles([
    ...tasks.flatMap((task) => {
      const view = byId.get(task.caseId);
      if (view === undefined) return [];
      const forms = [task.formKey, ...(task.origin === undefined ? [] : [messageFormKey(task.origin.message)])];
      return forms.map((formKey) => ({ process: view.process, version: view.version, formKey }));
    }),
    ...cases.flatMap((view) =>
      view.openTasks
        .filter((task) => task.due !== undefined)
        .map((task) => ({ process: view.process, version: view.version, formKey: task.formKey })),
    ),
  ]);
  const taskRow = (view: CaseView, task: Omit<TaskView, 'caseId'>): TaskRow => {
    const version = versions.get(versionKey(view));
    const translate = translateFor(view);
    const title = (formKey: string) => {
      const found = titles.get(`${versionKey(view)}/${formKey}`);
      return found === undefined ? undefined : translate(found);
    };
    const calendar = version === undefined ? undefined : calendars.get(version.manifest.calendar);
    const taskDue =
      task.due === undefined || view.unavailable === true
        ? undefined
        : { ...task.due, title: version?.manifest.dates[task.due.name]?.title ?? task.due.name };
    const taskDaysLeft = taskDue === undefined ? undefined : signedWorkingDays(calendar, today, taskDue.date);
    return {
      ...rowOf(view),
      ref: task.ref,
      taskId: task.taskId,
      // The step as drawn (可行性论证与遴选), else its form's title.
      taskName: task.name === undefined ? (title(task.formKey) ?? task.taskId) : translate(task.name),
      createdAt: task.createdAt,
      ...(taskDue !== undefined && { taskDue }),
      ...(taskDaysLeft !== undefined && { taskDaysLeft }),
      dueSoonDays: dueSoonWorkingDays(version?.manifest),
      reminders: task.reminders ?? [],
      group: task.group,
      ...(task.scope !== undefined && { scope: task.scope }),
      holderName: taskHolderName(task, view, version, regionsFor(view)),
      ...(task.returned !== undefined && { returned: { ...task.returned, step: translate(task.returned.step) } }),
      ...withOrigin(originOf(task, title(messageFormKey(task.origin?.message ?? '')))),
      ...(task.period !== undefined && { period: task.period }),
    };
  };
  const taskRows = tasks.flatMap((task): TaskRow[] => {
    const view = byId.get(task.caseId);
    return view === undefined ? [] : [taskRow(view, task)];
  });
  const dueTasks = cases.flatMap((view) =>
    view.openTasks.filter((task) => task.due !== undefined).map((task) => taskRow(view, task)),
  );
  return { today, tasks: taskRows, cases: cases.map(rowOf), dueTasks, vocabulary, programmes };
}

/**
 * A task's origin as lists show it, when the server told it apart (GET /api/tasks does; a case view
 * does not); `title` names the message (its form's title).
 */
export function originOf(task: Pick<TaskView, 'origin'>, title: string | undefined): TaskOrigin | undefined {
  const origin = task.origin;
  if (origin?.number === undefined || origin.receivedAt === undefined) return undefined;
  return {
    title: title ?? origin.message,
    number: origin.number,
    receivedAt: origin.receivedAt,
    ...(origin.excerpt !== undefined && { excerpt: origin.excerpt }),
    ...(origin.receipt !== undefined && { receipt: origin.receipt }),
  };
}

const withOrigin = (origin: TaskOrigin | undefined) => (origin === undefined ? {} : { origin });

/** Working days left until `date`, or minus the working days it is overdue by. */
function signedWorkingDays(calendar: WorkingDayCalendar | undefined, today: string, date: string): number | undefined {
  if (compareDates(date, today) >= 0) return workingDaysLeft(calendar, today, date);
  const over = workingDaysLeft(calendar, date, today);
  return over === undefined ? undefined : -over;
}
