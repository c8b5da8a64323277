import { chinaDateOf, compareDates, type Actor, type WorkflowEngine } from '../../engine/index.js';
import { manifestOf, regionNamer, type CaseView } from './case-query.js';

/** What `GET /api/statistics` answers: counts over the cases the caller may see. */
export interface Statistics {
  today: string;
  total: number;
  /** Cases by region and current status. */
  byProvinceStatus: { province: string; provinceName: string; status: string; statusTitle: string; count: number }[];
  /** Cases entering each status, by month (China time) of the change. */
  stagesOverTime: { month: string; status: string; statusTitle: string; count: number }[];
  /** Open tasks past their due date, by region. */
  overdue: { province: string; provinceName: string; count: number }[];
  /** Zones recognised now (a recognition date, not ended), by park type. */
  recognisedByParkType: { parkType: string; title: string; count: number }[];
}

/** The creation application's field that classifies a park (Art. 3: agriculture, industry, services). */
const PARK_TYPE_FIELD = 'parkType';
/** The date a case has once its zone is recognised (Art. 23). */
const RECOGNISED_DATE = 'recognizedOn';

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

const statusTitle = (engine: WorkflowEngine, view: CaseView, status: string) =>
  manifestOf(engine, view)?.statuses[status]?.title ?? status;

/** Status changes from each case's audit trail, read through the engine (the caller's read path). */
async function stagesOverTime(engine: WorkflowEngine, cases: readonly CaseView[], actor: Actor) {
  const changes: Omit<Statistics['stagesOverTime'][number], 'count'>[] = [];
  for (const view of cases) {
    for (const entry of await engine.audit(view.id, actor)) {
      if (entry.type !== 'status.changed' || typeof entry.details.to !== 'string') continue;
      const status = entry.details.to;
      changes.push({
        month: chinaDateOf(entry.at).slice(0, 7),
        status,
        statusTitle: statusTitle(engine, view, status),
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
      .map(() => engine.subjectRegionOf(view).region),
  );
}

function parkTypeTitle(engine: WorkflowEngine, view: CaseView, parkType: string): string {
  try {
    for (const schema of engine.definitions.get(view.process, view.version).definition.forms.values()) {
      const property = (
        schema.properties as Record<string, { oneOf?: { const?: unknown; title?: string }[] }> | undefined
      )?.[PARK_TYPE_FIELD];
      const title = property?.oneOf?.find((choice) => choice.const === parkType)?.title;
      if (title !== undefined) return title;
    }
  } catch {
    // A version no longer loaded: the code stands for itself.
  }
  return parkType;
}

async function recognisedByParkType(engine: WorkflowEngine, cases: readonly CaseView[], actor: Actor) {
  const types: { parkType: string; title: string }[] = [];
  for (const view of cases.filter((each) => !each.final && each.due[RECOGNISED_DATE] !== undefined)) {
    const submissions = await engine.submissions(view.id, actor);
    const latest = submissions
      .map((submission) => submission.data)
      .reverse()
      .find(
        (data): data is Record<string, unknown> => typeof data === 'object' && data !== null && PARK_TYPE_FIELD in data,
      );
    const parkType = typeof latest?.[PARK_TYPE_FIELD] === 'string' ? latest[PARK_TYPE_FIELD] : 'unknown';
    types.push({ parkType, title: parkType === 'unknown' ? '未填写' : parkTypeTitle(engine, view, parkType) });
  }
  return tally(types, (row) => row.parkType);
}

/** The statistics page's figures over `cases` (already scoped to the caller by the engine). */
export async function statisticsOf(
  engine: WorkflowEngine,
  cases: readonly CaseView[],
  actor: Actor,
): Promise<Statistics> {
  const today = chinaDateOf(engine.clock.now());
  const provinceName = regionNamer(engine);
  const byProvinceStatus = tally(
    cases.map((view) => ({
      province: engine.subjectRegionOf(view).region,
      provinceName: provinceName(engine.subjectRegionOf(view).region),
      status: view.status,
      statusTitle: view.statusTitle ?? view.status,
    })),
    (row) => `${row.province}/${row.status}`,
  );
  const overdue = tally(
    overdueTasks(engine, cases, today).map((province) => ({ province, provinceName: provinceName(province) })),
    (row) => row.province,
  );
  return {
    today,
    total: cases.length,
    byProvinceStatus,
    stagesOverTime: await stagesOverTime(engine, cases, actor),
    overdue,
    recognisedByParkType: await recognisedByParkType(engine, cases, actor),
  };
}
