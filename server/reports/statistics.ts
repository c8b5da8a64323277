import { chinaDateOf, compareDates, type Actor, type WorkflowEngine } from '../../engine/index.js';
import { STATISTICS_WORDS, type Language } from '../messages.js';
import { definitionText, manifestOf, regionNamer, type CaseView } from './case-query.js';

/**
 * What `GET /api/statistics` answers: counts over the cases the caller may see, titled in the caller's
 * language (statuses, regions and types from the programme's catalogue; as written where it has none).
 */
export interface Statistics {
  today: string;
  total: number;
  /** Cases by region (the manifest's `region`: a province, a city) and current status. */
  byRegionStatus: { region: string; regionName: string; status: string; statusTitle: string; count: number }[];
  /** Cases entering each status, by month (China time) of the change. */
  stagesOverTime: { month: string; status: string; statusTitle: string; count: number }[];
  /** Open tasks past their due date, by region. */
  overdue: { region: string; regionName: string; count: number }[];
  /**
   * Subjects holding the designation now (an open case with the manifest's `statistics.designationDate`
   * date), by the choice their forms gave in `statistics.subjectTypeField`.
   */
  designatedByType: { type: string; title: string; count: number }[];
}

/** Counts rows by a key; each key's first row gives the other fields. */
function tally<T extends object>(rows: readonly T[], key: (row: T) => string): (T & { count: number })[] {
  const counted = new Map<string, T & { count: number }>();
  for (const row of rows) {
    const found = counted.get(key(row));
    if (found === undefined) counted.set(key(row), { ...row, count: 1 });
    else found.count += 1;
  }
  return [...counted.values()];
}

/** A text of a case's definitions in the caller's language. */
type Say = (view: CaseView, text: string) => string;

const statusTitle = (engine: WorkflowEngine, view: CaseView, status: string) =>
  manifestOf(engine, view)?.statuses[status]?.title ?? status;

/**
 * Status changes from each case's audit trail, read through the engine (the caller's read path; the
 * engine reads a trail again only once it has grown, so a call costs no read of every case's history).
 */
async function stagesOverTime(engine: WorkflowEngine, cases: readonly CaseView[], actor: Actor, say: Say) {
  const changes: Omit<Statistics['stagesOverTime'][number], 'count'>[] = [];
  for (const view of cases) {
    for (const { date, status } of await engine.statusChanges(view.id, actor)) {
      changes.push({
        month: date.slice(0, 7),
        status,
        statusTitle: say(view, statusTitle(engine, view, status)),
      });
    }
  }
  return tally(changes, (row) => `${row.month}/${row.status}`).sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * Open tasks whose due date (`TaskView.due`, the date that governs the task, shared contract with the
 * inbox's due dates; read structurally until every engine sets it) is before today. A task without a
 * due date is never overdue.
 */
function overdueTasks(engine: WorkflowEngine, cases: readonly CaseView[], today: string) {
  return cases.flatMap((view) =>
    view.openTasks
      .map((task) => (task as { due?: { date?: unknown } }).due?.date)
      .filter((date): date is string => typeof date === 'string' && compareDates(date, today) < 0)
      .map(() => ({ view, region: engine.subjectRegionOf(view).region })),
  );
}

/** The title of a choice (`const`) of the field in the version's forms; the code where none has it. */
function choiceTitle(engine: WorkflowEngine, view: CaseView, field: string, value: string): string {
  try {
    for (const schema of engine.definitions.get(view.process, view.version).definition.forms.values()) {
      const property = (
        schema.properties as Record<string, { oneOf?: { const?: unknown; title?: string }[] }> | undefined
      )?.[field];
      const title = property?.oneOf?.find((choice) => choice.const === value)?.title;
      if (title !== undefined) return title;
    }
  } catch {
    // A version no longer loaded: the code stands for itself.
  }
  return value;
}

/** The type the subject's latest submission gave in `field` (or `unknown`). */
async function subjectType(engine: WorkflowEngine, view: CaseView, field: string, actor: Actor, say: Say) {
  const type = await engine.latestSubmitted(view.id, actor, field);
  return typeof type === 'string' ? { type, title: say(view, choiceTitle(engine, view, field, type)) } : undefined;
}

async function designatedByType(
  engine: WorkflowEngine,
  cases: readonly CaseView[],
  actor: Actor,
  say: Say,
  language: Language,
) {
  const unknown = { type: 'unknown', title: STATISTICS_WORDS.unknownType[language] };
  const types: { type: string; title: string }[] = [];
  for (const view of cases) {
    const { designationDate, subjectTypeField } = manifestOf(engine, view)?.statistics ?? {};
    if (view.final || designationDate === undefined || view.due[designationDate] === undefined) continue;
    const type =
      subjectTypeField === undefined ? undefined : await subjectType(engine, view, subjectTypeField, actor, say);
    types.push(type ?? unknown);
  }
  return tally(types, (row) => row.type);
}

/** The statistics page's figures over `cases` (already scoped to the caller by the engine), in `language`. */
export async function statisticsOf(
  engine: WorkflowEngine,
  cases: readonly CaseView[],
  actor: Actor,
  language: Language = 'zh',
): Promise<Statistics> {
  const today = chinaDateOf(engine.clock.now());
  const say = definitionText(engine, language);
  const named = regionNamer(engine);
  const regionName = (view: CaseView, code: string) => say(view, named(code));
  const byRegionStatus = tally(
    cases.map((view) => ({
      region: engine.subjectRegionOf(view).region,
      regionName: regionName(view, engine.subjectRegionOf(view).region),
      status: view.status,
      statusTitle: view.statusTitle === undefined ? view.status : say(view, view.statusTitle),
    })),
    (row) => `${row.region}/${row.status}`,
  );
  const overdue = tally(
    overdueTasks(engine, cases, today).map(({ view, region }) => ({ region, regionName: regionName(view, region) })),
    (row) => row.region,
  );
  return {
    today,
    total: cases.length,
    byRegionStatus,
    stagesOverTime: await stagesOverTime(engine, cases, actor, say),
    overdue,
    designatedByType: await designatedByType(engine, cases, actor, say, language),
  };
}
