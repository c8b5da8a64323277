import type { TaskRow } from './inbox-data.js';

export const SORTS = ['due', 'received', 'park'] as const;
export type InboxSort = (typeof SORTS)[number];

/** The inbox's search, filters and sort, as kept in the address's query (so a link reopens them). */
export interface InboxFilter {
  q: string;
  task?: string;
  status?: string;
  province?: string;
  /** Due within this many working days (from the task's own due date, else the case's next date). */
  within?: number;
  overdue: boolean;
  sort: InboxSort;
}

export function readFilter(params: URLSearchParams): InboxFilter {
  const within = Number(params.get('within'));
  const sort = params.get('sort');
  const text = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const task = text('task');
  const status = text('status');
  const province = text('province');
  return {
    q: params.get('q') ?? '',
    ...(task !== undefined && { task }),
    ...(status !== undefined && { status }),
    ...(province !== undefined && { province }),
    ...(params.has('within') && Number.isInteger(within) && within >= 0 && { within }),
    overdue: params.get('overdue') === '1',
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as InboxSort) : 'due',
  };
}

/** A filter being edited: an option may be cleared (undefined). */
export type FilterChange = { [K in keyof InboxFilter]?: InboxFilter[K] | undefined };

/** The query for a filter; defaults are left out, so the plain inbox has a plain address. */
export function writeFilter(filter: FilterChange & Pick<InboxFilter, 'q' | 'overdue' | 'sort'>): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q.trim() !== '') params.set('q', filter.q);
  if (filter.task !== undefined) params.set('task', filter.task);
  if (filter.status !== undefined) params.set('status', filter.status);
  if (filter.province !== undefined) params.set('province', filter.province);
  if (filter.within !== undefined) params.set('within', String(filter.within));
  if (filter.overdue) params.set('overdue', '1');
  if (filter.sort !== 'due') params.set('sort', filter.sort);
  return params;
}

type Facet = 'q' | 'task' | 'status' | 'province' | 'within' | 'overdue';

/**
 * Working days left on the task: by its own due date only. The case's next date belongs to another
 * step (可申请验收之日 is not SAMR's objection review's deadline, issue 8 defect 5).
 */
const daysLeftOf = (row: TaskRow): number | undefined => row.taskDaysLeft;
const dueOf = (row: TaskRow): string | undefined => row.taskDue?.date;
export const isOverdue = (row: TaskRow): boolean => (row.taskDaysLeft ?? 0) < 0;

function matches(row: TaskRow, filter: InboxFilter, except?: Facet): boolean {
  const q = filter.q.trim().toLowerCase();
  if (except !== 'q' && q !== '') {
    const haystack = [row.id, row.park, row.parkName ?? '', row.taskName, row.taskId, row.origin?.excerpt ?? '']
      .join(' ')
      .toLowerCase();
    if (!haystack.includes(q)) return false;
  }
  if (except !== 'task' && filter.task !== undefined && row.taskId !== filter.task) return false;
  if (except !== 'status' && filter.status !== undefined && row.status !== filter.status) return false;
  if (except !== 'province' && filter.province !== undefined && row.province !== filter.province) return false;
  if (except !== 'overdue' && filter.overdue && !isOverdue(row)) return false;
  if (except !== 'within' && filter.within !== undefined) {
    const left = daysLeftOf(row);
    if (left === undefined || left < 0 || left > filter.within) return false;
  }
  return true;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The rows a filter keeps, sorted: by due date (earliest first, undated last), received or park. */
export function applyFilter(rows: readonly TaskRow[], filter: InboxFilter): TaskRow[] {
  const kept = rows.filter((row) => matches(row, filter));
  // Objections that came at one instant keep their order of arrival.
  const byReceived = (a: TaskRow, b: TaskRow) =>
    byCode(a.createdAt, b.createdAt) || (a.origin?.number ?? 0) - (b.origin?.number ?? 0);
  const compare: Record<InboxSort, (a: TaskRow, b: TaskRow) => number> = {
    // Code-point order: a locale collation puts "~" (undated) before the digits of a date.
    due: (a, b) => byCode(dueOf(a) ?? '~', dueOf(b) ?? '~') || byReceived(a, b),
    received: byReceived,
    park: (a, b) => (a.parkName ?? a.park).localeCompare(b.parkName ?? b.park, 'zh') || byReceived(a, b),
  };
  return kept.sort(compare[filter.sort]);
}

/** How many rows each option would keep, given the other filters (the counts beside each option). */
export function facetCounts(rows: readonly TaskRow[], filter: InboxFilter) {
  const count = (facet: Facet, key: (row: TaskRow) => string) => {
    const counts = new Map<string, number>();
    for (const row of rows) if (matches(row, filter, facet)) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
    return counts;
  };
  return {
    task: count('task', (row) => row.taskId),
    status: count('status', (row) => row.status),
    province: count('province', (row) => row.province),
    overdue: rows.filter((row) => matches(row, filter, 'overdue') && isOverdue(row)).length,
    within: rows.filter((row) => matches(row, filter)).length,
  };
}
