import { damageWhere, type StoreDamage } from '../store/damage.js';
import { ADMIN_GROUP, type Actor } from './actors.js';
import type { Manifest } from '../definitions/types.js';
import { newCaseRecord, type CaseRecord } from './case-record.js';
import { caseViewOf, summaryOf, type CaseSummary, type CaseView } from './case-view.js';

/** The incident message a quarantined case shows (the README's recovery section starts from it). */
export const DAMAGED_MESSAGE = '数据文件损坏';

/**
 * Cases whose files could not be read at start-up (a truncated record, an audit line that is not
 * JSON): kept apart from the case index, so one damaged file is not an outage. Admins see each as a
 * case with a `damaged` incident naming the file; nobody can act on it until it is restored from a
 * backup (README, "Storage") and the server restarted. Everything else runs as usual.
 */
export class Quarantine {
  readonly #cases = new Map<
    string,
    { view: CaseView; damage: StoreDamage; open?: { subject: string; process: string }; seenAs?: CaseSummary }
  >();

  /** `readable` is the case record when only one of its logs is damaged. */
  add(
    id: string,
    damage: StoreDamage,
    readable: CaseRecord | undefined,
    now: Date,
    /** The declared names of subject and region, and of the statuses where the case's version is known. */
    names: (Pick<Manifest, 'subject' | 'region'> & Partial<Pick<Manifest, 'statuses'>>) | undefined,
    /** What the engine last knew of the case before it was set aside (its index summary), if anything. */
    remembered?: CaseSummary,
  ): void {
    const at = now.toISOString();
    const record: CaseRecord = readable ?? placeholder(id, now);
    const where = damageWhere(damage);
    const quarantined: CaseRecord = {
      ...record,
      // Nothing on a quarantined case is open: its tasks, timers and windows wait for the restore.
      tasks: [],
      timers: [],
      windows: [],
      incidents: [
        ...record.incidents,
        { id: `damaged-${id}`, kind: 'damaged', element: '', message: `${DAMAGED_MESSAGE}：${where}`, at },
      ],
    };
    const view = caseViewOf(summaryOf(quarantined), undefined, [], names);
    // Who could see the case is read only from what was read whole (never from the damaged file).
    const seenAs = remembered ?? (readable === undefined ? undefined : summaryOf(readable));
    // A case whose record reads keeps its status's title (lists and statistics showed its code).
    const statusTitle = readable === undefined ? DAMAGED_MESSAGE : names?.statuses?.[record.status]?.title;
    this.#cases.set(id, {
      view: statusTitle === undefined ? view : { ...view, statusTitle },
      damage,
      ...(readable !== undefined &&
        !readable.final && { open: { subject: readable.subject, process: readable.process } }),
      ...(seenAs !== undefined && { seenAs }),
    });
  }

  /** Its files read again (restored from a backup): it goes back among the running cases. */
  release(id: string): void {
    this.#cases.delete(id);
  }

  has(id: string): boolean {
    return this.#cases.has(id);
  }

  /** The quarantined case as an admin sees it; nobody else sees it at all. */
  view(id: string, actor: Actor): CaseView | undefined {
    return isAdmin(actor) ? this.#cases.get(id)?.view : undefined;
  }

  /**
   * The case as it was last read whole, to tell who could see it (its owner is told it cannot be
   * read, not that it does not exist); undefined when nothing of it was ever read (its record
   * damaged at start-up): then nobody but an admin can be told it exists.
   */
  seenAs(id: string): CaseSummary | undefined {
    return this.#cases.get(id)?.seenAs;
  }

  /** Each set-aside case of which something was read whole, as it was then (see `seenAs`). */
  seen(): { id: string; seenAs: CaseSummary }[] {
    return [...this.#cases].flatMap(([id, entry]) =>
      entry.seenAs === undefined ? [] : [{ id, seenAs: entry.seenAs }],
    );
  }

  views(actor: Actor): CaseView[] {
    return isAdmin(actor) ? [...this.#cases.values()].map((entry) => entry.view) : [];
  }

  /**
   * The quarantined cases a subject had open when they were set aside (those whose record could be
   * read): they still count against its open cases, or restoring one would leave the subject two.
   */
  openOf(subject: string, process: string): string[] {
    return [...this.#cases]
      .filter(([, entry]) => entry.open?.subject === subject && entry.open.process === process)
      .map(([id]) => id);
  }

  damages(): { caseId: string; damage: StoreDamage }[] {
    return [...this.#cases].map(([caseId, entry]) => ({ caseId, damage: entry.damage }));
  }
}

function isAdmin(actor: Actor): boolean {
  return actor.roles.some((role) => role.group === ADMIN_GROUP);
}

const UNKNOWN = '未知';

/** What is known of a case whose record cannot be read: its id. */
function placeholder(id: string, now: Date): CaseRecord {
  const unknowns = { process: UNKNOWN, version: UNKNOWN, subject: UNKNOWN, region: UNKNOWN };
  return { ...newCaseRecord(id, unknowns, now), status: 'damaged' };
}
