import { chainEntries, type AuditDraft, type AuditEntry } from '../audit/audit-chain.js';
import { EngineError } from '../errors.js';
import type { SharedCases, Store, StoreWrite } from '../ports.js';
import { damageOf } from '../store/damage.js';
import { isStoreName } from '../store/store-ids.js';
import type { EngineState } from '../runtime/live-instance.js';
import { upgradeRecord, type CaseRecord, type Submission } from './case-record.js';

const CASES = 'cases';
const STATES = 'states';
const AUDIT = 'audit';
const SUBMISSIONS = 'submissions';

const stateId = (caseId: string, revision: number) => `${caseId}.${revision}`;

/**
 * Cases on a Store, one transition at a time, each one Store.commit guarded on the record's
 * revision. Commit order: audit and submission entries are appended, the process state is written
 * under a new revision, then the record — the commit point — names that revision and counts those
 * entries. On a store whose commit is atomic (PostgreSQL) that order does not matter; on one whose
 * commit is not (lowdb), a crash before the record is written leaves entries beyond the counts
 * (dropped on the next load) and an unused state revision (overwritten by the next commit): nothing
 * half-done is ever read back.
 */
export class CaseRepository {
  /** Cases whose logs were checked against their record since this process started. */
  readonly #checked = new Set<string>();

  constructor(private readonly store: Store) {}

  /** Present when other processes may write to the same store (see Store.shared). */
  get shared(): SharedCases | undefined {
    return this.store.shared;
  }

  /** The case records committed since `cursor` by any process (shared stores only; see SharedCases). */
  async changedSince(cursor: string | undefined): Promise<{ records: CaseRecord[]; cursor: string }> {
    if (this.store.shared === undefined) return { records: [], cursor: cursor ?? '' };
    const changed = await this.store.shared.changedSince(cursor);
    return { records: changed.records.map((stored) => upgradeRecord(stored as CaseRecord)), cursor: changed.cursor };
  }

  async record(id: string): Promise<CaseRecord | undefined> {
    // An id the store could not hold names no case (a path trick): not found, not "invalid".
    if (!isStoreName(id)) return undefined;
    const stored = await this.store.get<CaseRecord>(CASES, id);
    const record = stored === undefined ? undefined : upgradeRecord(stored);
    // Only a store whose commit can be interrupted part-way leaves entries to drop (see the class note).
    if (record !== undefined && !this.store.atomicCommit && !this.#checked.has(id)) await this.#dropUncommitted(record);
    return record;
  }

  /**
   * The record with its logs checked again, as at start-up (a case restored from a backup): checked
   * once before its damage, a case whose record alone was restored came back with its log still damaged.
   */
  async recheck(id: string): Promise<CaseRecord | undefined> {
    this.#checked.delete(id);
    return this.record(id);
  }

  /** The record as stored, without checking its logs; undefined when it is missing or damaged itself. */
  async readable(id: string): Promise<CaseRecord | undefined> {
    try {
      const stored = await this.store.get<CaseRecord>(CASES, id);
      return stored === undefined ? undefined : upgradeRecord(stored);
    } catch (error) {
      if (damageOf(error) !== undefined) return undefined;
      throw error;
    }
  }

  async state(record: CaseRecord): Promise<EngineState> {
    const state = await this.store.get<EngineState>(STATES, stateId(record.id, record.stateRevision));
    if (state === undefined) {
      throw new EngineError('conflict', `case ${record.id}: process state ${record.stateRevision} is missing`, {
        caseId: record.id,
      });
    }
    return state;
  }

  async ids(): Promise<string[]> {
    return this.store.list(CASES);
  }

  /**
   * Writes one transition as one Store.commit; returns the committed record (revision and counters
   * advanced). Optimistic concurrency: `next.revision` is the revision the transition started from
   * (0: a new case), and the commit is refused with `conflict` (HTTP 409) when the stored record is
   * no longer at it — another writer committed first; nothing of this transition is written.
   */
  async commit(
    next: CaseRecord,
    change: { state?: EngineState; audit: readonly AuditDraft[]; submissions: readonly Omit<Submission, 'seq'>[] },
  ): Promise<CaseRecord> {
    const record = structuredClone(next);
    const writes: StoreWrite[] = [];
    const entries = chainEntries({ seq: record.audit.count, hash: record.audit.head }, change.audit);
    const last = entries.at(-1);
    if (last !== undefined) {
      writes.push({ kind: 'append', log: AUDIT, id: record.id, entries });
      record.audit = { count: last.seq, head: last.hash };
    }
    if (change.submissions.length > 0) {
      const numbered = change.submissions.map((submission, index) => ({
        ...submission,
        seq: record.submissions + index + 1,
      }));
      writes.push({ kind: 'append', log: SUBMISSIONS, id: record.id, entries: numbered });
      record.submissions += numbered.length;
    }
    const previousState = record.stateRevision;
    if (change.state !== undefined) {
      record.stateRevision = record.revision + 1;
      writes.push({
        kind: 'put',
        collection: STATES,
        id: stateId(record.id, record.stateRevision),
        value: change.state,
      });
    }
    const read = record.revision;
    record.revision += 1;
    // Everything the record counts is written before the record: it is the commit point (on a store
    // whose commit is not atomic, a crash leaves only what the next load drops).
    writes.push({ kind: 'put', collection: CASES, id: record.id, value: record });
    await this.store.commit(writes, { collection: CASES, id: record.id, revision: read === 0 ? null : read });
    this.#checked.add(record.id);
    if (change.state !== undefined && previousState > 0 && previousState !== record.stateRevision) {
      // The superseded state is garbage from here on; a crash before it goes leaves a harmless file.
      void this.store.delete(STATES, stateId(record.id, previousState)).catch(() => undefined);
    }
    return record;
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const record = await this.record(id);
    return record === undefined ? [] : this.store.readLog<AuditEntry>(AUDIT, id);
  }

  async submissions(id: string): Promise<Submission[]> {
    const record = await this.record(id);
    return record === undefined ? [] : this.store.readLog<Submission>(SUBMISSIONS, id);
  }

  /** Entries an interrupted transition appended beyond what its record counts are dropped. */
  async #dropUncommitted(record: CaseRecord): Promise<void> {
    const audit = await this.store.readLog<AuditEntry>(AUDIT, record.id);
    if (audit.length > record.audit.count) await this.store.truncateLog(AUDIT, record.id, record.audit.count);
    const submissions = await this.store.readLog<Submission>(SUBMISSIONS, record.id);
    if (submissions.length > record.submissions) {
      await this.store.truncateLog(SUBMISSIONS, record.id, record.submissions);
    }
    this.#checked.add(record.id);
  }
}
