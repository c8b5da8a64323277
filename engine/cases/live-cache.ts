import type { LiveInstance } from '../runtime/live-instance.js';
import type { CaseRecord } from './case-record.js';

/**
 * The process instances kept in memory between transitions, least recently used first out. A
 * waiting instance holds megabytes (bpmn-engine-facts §6), so only a bounded number stay; an entry is
 * valid only for the case revision it was left at. Instances leaving the cache are dropped, not
 * stopped: they arm no native timers (RecordingTimers), and stopping one walks every element
 * (~6 ms) for nothing.
 */
export class LiveCache {
  readonly #entries = new Map<string, { revision: number; live: LiveInstance; record: CaseRecord }>();

  constructor(readonly capacity: number) {}

  /** The instance of a case at `revision`, removed from the cache (the caller owns it now). */
  take(caseId: string, revision: number): LiveInstance | undefined {
    const entry = this.#entries.get(caseId);
    if (entry === undefined) return undefined;
    this.#entries.delete(caseId);
    return entry.revision === revision ? entry.live : undefined;
  }

  /** The committed record of a hot case (never mutated: transitions work on copies). */
  record(caseId: string): CaseRecord | undefined {
    return this.#entries.get(caseId)?.record;
  }

  keep(record: CaseRecord, live: LiveInstance): void {
    const caseId = record.id;
    this.#entries.delete(caseId);
    if (this.capacity <= 0) return;
    this.#entries.set(caseId, { revision: record.revision, live, record });
    while (this.#entries.size > this.capacity) {
      const [oldest] = this.#entries;
      if (oldest === undefined) break;
      this.#entries.delete(oldest[0]);
    }
  }

  drop(caseId: string): void {
    this.#entries.delete(caseId);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
