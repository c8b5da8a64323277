import type { AuditEntry } from '../audit/audit-chain.js';
import { chinaDateOf, type LocalDate } from '../legal-time/pure.js';
import type { CaseRecord, Submission } from './case-record.js';

/** A status a case entered, and when: one `status.changed` entry of its audit trail. */
export interface StatusChange {
  /** ISO 8601 instant of the change. */
  at: string;
  /** Its day in China time (worked out once per trail read: the calendar arithmetic is most of a report's cost). */
  date: LocalDate;
  status: string;
}

/** Where a case's logs end, as its stored record names it (the commit point of every entry). */
export type LogHead = Pick<CaseRecord, 'audit' | 'submissions'>;

/** Who reads: the redaction policy shows the public's submissions to some readers only (Art. 22). */
export type Reader = 'public-readable' | 'redacted';

interface CaseDigest {
  /** The head the digest was read at (headKey). */
  head: string;
  statuses: Map<Reader, readonly StatusChange[]>;
  /** The latest value of a field, by `${reader} ${field}`. */
  latest: Map<string, unknown>;
}

const headKey = (head: LogHead) => `${head.audit.count}/${head.audit.head}/${head.submissions}`;

/** Whether a trail read ends exactly at the head its record names (not beyond: a commit in flight). */
const endsAt = (entries: readonly AuditEntry[], head: LogHead) =>
  (entries.at(-1)?.seq ?? 0) === head.audit.count && (entries.at(-1)?.hash ?? head.audit.head) === head.audit.head;

/**
 * What reports read from every case's history (GET /api/statistics: the statuses each case entered,
 * the type its forms gave), remembered per case under the head of its logs its stored record names —
 * the audit trail's count and last hash, the submissions' count. Both logs are append-only and the
 * record is the commit point of every entry they hold (case-repository.ts), so a case whose record
 * names the same head has the same history, and one whose record names another is read again: there
 * is nothing to invalidate, in this process or in another writing to the same store (its commits reach
 * this one's index through CaseSync, new heads and all). A log read beyond the head the caller knew (a
 * transition committing meanwhile, here or elsewhere) is answered from but not remembered.
 *
 * What is remembered was read through the redaction policy, and is kept apart by the kind of reader.
 */
export class HistoryDigest {
  readonly #cases = new Map<string, CaseDigest>();
  readonly #reading = new Map<string, Promise<unknown>>();

  /**
   * `read()`'s answer, shared by every caller asking for the same thing of a case at the same head
   * while it is read: the first statistics calls after a start, made at once, each read every history.
   */
  readOnce<T>(id: string, head: LogHead, reader: Reader, what: string, read: () => Promise<T>): Promise<T> {
    const key = `${id} ${headKey(head)} ${reader} ${what}`;
    const reading = this.#reading.get(key) as Promise<T> | undefined;
    if (reading !== undefined) return reading;
    const started = read().finally(() => this.#reading.delete(key));
    this.#reading.set(key, started);
    return started;
  }

  /** The statuses the case entered, oldest first, if read at this head for this kind of reader. */
  statusChanges(id: string, head: LogHead, reader: Reader): readonly StatusChange[] | undefined {
    return this.#at(id, head)?.statuses.get(reader);
  }

  /** The statuses entered according to `entries` (the trail as `reader` reads it); remembered at `head`. */
  rememberStatusChanges(
    id: string,
    head: LogHead,
    reader: Reader,
    entries: readonly AuditEntry[],
  ): readonly StatusChange[] {
    const changes = entries.flatMap((entry) =>
      entry.type === 'status.changed' && typeof entry.details.to === 'string'
        ? [{ at: entry.at, date: chinaDateOf(entry.at), status: entry.details.to }]
        : [],
    );
    if (endsAt(entries, head)) this.#digest(id, head).statuses.set(reader, changes);
    return changes;
  }

  /** The latest value of `field`, if read at this head for this kind of reader: `{ value }`. */
  latestValue(id: string, head: LogHead, reader: Reader, field: string): { value: unknown } | undefined {
    const latest = this.#at(id, head)?.latest;
    const key = `${reader} ${field}`;
    return latest?.has(key) === true ? { value: latest.get(key) } : undefined;
  }

  /**
   * The value of `field` in the latest of `submissions` (as `reader` reads them) whose data holds it
   * (undefined: none does); remembered at `head`.
   */
  rememberLatestValue(
    id: string,
    head: LogHead,
    reader: Reader,
    field: string,
    submissions: readonly Submission[],
  ): unknown {
    const holding = submissions
      .map((submission) => submission.data)
      .findLast((data): data is Record<string, unknown> => typeof data === 'object' && data !== null && field in data);
    const value = holding?.[field];
    if ((submissions.at(-1)?.seq ?? 0) === head.submissions)
      this.#digest(id, head).latest.set(`${reader} ${field}`, value);
    return value;
  }

  #at(id: string, head: LogHead): CaseDigest | undefined {
    const digest = this.#cases.get(id);
    return digest?.head === headKey(head) ? digest : undefined;
  }

  #digest(id: string, head: LogHead): CaseDigest {
    const known = this.#at(id, head);
    if (known !== undefined) return known;
    const digest: CaseDigest = { head: headKey(head), statuses: new Map(), latest: new Map() };
    this.#cases.set(id, digest);
    return digest;
  }
}
