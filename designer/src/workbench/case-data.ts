import { api } from '../api/client.js';
import type { CaseView, TaskView } from '../../../engine/cases/case-view.js';
import type { Directory } from '../../../engine/definitions/types.js';
import type { WorkingDayCalendar } from '../../../engine/legal-time/pure.js';
import {
  loadCalendar,
  loadForm,
  loadFormTitles,
  loadToday,
  loadVersion,
  messageFormKey,
  type VersionInfo,
} from './catalog.js';
import type { NamedAuditEntry, NamedSubmission } from './submissions.js';
import type { Language } from '../i18n/messages.js';

export interface CaseDiagramData {
  xml: string;
  visited: string[];
  active: string[];
  /** Completed steps (what is drawn as done; `visited` also holds the events passed by). */
  done: string[];
}

/** What a flow node of the diagram says about itself: its Chinese name and its form. */
export interface ElementInfo {
  /** The BPMN element type without namespace: `userTask`, `intermediateCatchEvent`, … */
  type: string;
  name?: string;
  formKey?: string;
  /** A task's candidate groups (camunda:candidateGroups): who holds it. */
  groups?: string[];
  /** What an event waits for, by its event definition: `timer`, `message`, `signal`, … */
  trigger?: string;
  /** The message an event catches, by its name (`withdraw`), as the case's open messages name it. */
  message?: string;
}

export interface CaseBundle {
  view: CaseView;
  version: VersionInfo;
  /** Open tasks of this case the caller may complete. */
  tasks: TaskView[];
  /** The history, each entry with who acted by organisation (`actorName`). */
  audit: NamedAuditEntry[];
  submissions: NamedSubmission[];
  diagram: CaseDiagramData;
  elements: ReadonlyMap<string, ElementInfo>;
  /** Messages by name → their form's title (`objection` → 公示异议书). */
  messageTitles: ReadonlyMap<string, string>;
  today: string;
  calendar?: WorkingDayCalendar;
  /** The language the definitions' texts are in (case-text.ts; absent: as written, Chinese). */
  language?: Language;
  /** The regions' directory in `language` (the version's; absent: as written, the workbench's `PROVINCES`). */
  regions?: Directory;
}

/** Element names and form keys, read from the BPMN XML (camunda:formKey) without a modeler. */
export function diagramIndex(xml: string): Map<string, ElementInfo> {
  const index = new Map<string, ElementInfo>();
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const elements = Array.from(document.getElementsByTagName('*'));
  const messageNames = new Map(
    elements
      .filter((element) => element.localName === 'message')
      .map((message) => [message.getAttribute('id'), message.getAttribute('name') ?? undefined] as const),
  );
  for (const element of elements) {
    const id = element.getAttribute('id');
    if (id === null || element.localName.startsWith('BPMN')) continue;
    const name = element.getAttribute('name')?.replace(/\s+/g, ' ').trim();
    const formKey = element.getAttribute('camunda:formKey') ?? undefined;
    const groups = element
      .getAttribute('camunda:candidateGroups')
      ?.split(',')
      .map((group) => group.trim())
      .filter((group) => group !== '');
    const definition = Array.from(element.children).find((child) => child.localName.endsWith('EventDefinition'));
    const trigger = definition?.localName.replace(/EventDefinition$/, '');
    const message = messageNames.get(definition?.getAttribute('messageRef') ?? null);
    index.set(id, {
      type: element.localName,
      ...(name !== undefined && name !== '' && { name }),
      ...(formKey !== undefined && { formKey }),
      ...(groups !== undefined && groups.length > 0 && { groups }),
      ...(trigger !== undefined && { trigger }),
      ...(message !== undefined && { message }),
    });
  }
  return index;
}

const path = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;

/**
 * A case set aside at start-up because one of its files is damaged (README, "Storage"): an admin reads
 * what is wrong and with which file; its history, diagram and version cannot be read until it is restored.
 */
export class DamagedCaseError extends Error {
  constructor(readonly incident: string) {
    super(incident);
  }
}

/** The incident of a case set aside for a damaged file, if it is one. */
export function damageOf(view: CaseView): CaseView['incidents'][number] | undefined {
  return view.incidents.find((incident) => incident.kind === 'damaged');
}

export async function loadCase(id: string, admin = false): Promise<CaseBundle> {
  const reading = Promise.all([
    api<TaskView[]>('GET', '/api/tasks'),
    api<NamedAuditEntry[]>('GET', path(id, '/audit')),
    api<NamedSubmission[]>('GET', path(id, '/submissions')),
    api<CaseDiagramData>('GET', path(id, '/diagram')),
    loadToday(admin),
  ]);
  // Read at once with the case; not awaited (nor reported unhandled) when the case itself fails.
  void reading.catch(() => undefined);
  const view = await api<CaseView>('GET', path(id));
  const damage = damageOf(view);
  if (damage !== undefined) throw new DamagedCaseError(damage.message);
  const [tasks, audit, submissions, diagram, today] = await reading;
  const messages = new Set([
    ...view.openMessages.map((message) => message.name),
    ...submissions.filter((item) => item.kind === 'message').map((item) => item.name),
  ]);
  const mine = tasks.filter((task) => task.caseId === view.id);
  // Everything that needs only the case, at once: its version (then its calendar), the message
  // forms' titles, and the open tasks' forms (cached: the task forms find them there; one that
  // failed is asked for again by its task form, which shows the error).
  const [{ version, calendar }, titles] = await Promise.all([
    loadVersion(view.process, view.version).then(async (version) => ({
      version,
      calendar: await loadCalendar(version.manifest.calendar).catch(() => undefined),
    })),
    loadFormTitles(
      [...messages].map((name) => ({ process: view.process, version: view.version, formKey: messageFormKey(name) })),
    ),
    ...mine.map((task) => loadForm(view.process, view.version, task.formKey).catch(() => undefined)),
  ]);
  const messageTitles = new Map(
    [...messages].flatMap((name) => {
      const title = titles.get(`${view.process}@${view.version}/${messageFormKey(name)}`);
      return title === undefined ? [] : [[name, title] as const];
    }),
  );
  return {
    view,
    version,
    tasks: mine,
    audit,
    submissions,
    diagram,
    elements: diagramIndex(diagram.xml),
    messageTitles,
    today,
    ...(calendar !== undefined && { calendar }),
    // The region's directory the programme declares (cities, provinces), not the workbench's own.
    ...(version.regions !== undefined && { regions: version.regions }),
  };
}

/** The latest value of a top-level field across the case's submissions (e.g. its park type). */
export function latestField(submissions: readonly NamedSubmission[], field: string): unknown {
  for (let index = submissions.length - 1; index >= 0; index -= 1) {
    const data = submissions[index]?.data;
    if (typeof data === 'object' && data !== null && field in data) return (data as Record<string, unknown>)[field];
  }
  return undefined;
}
