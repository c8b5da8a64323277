import { armed, type CaseRecord, type TimerRecord } from './case-record.js';
import { summaryOf, type CaseSummary } from './case-view.js';
import { DueQueue } from './due-queue.js';

/**
 * Every case's summary in memory (no form data, no process state: a few KB a case), so listing,
 * inboxes, the Art. 27 history and the next due timer never read the store. Rebuilt at start-up.
 */
export class CaseIndex {
  readonly #summaries = new Map<string, CaseSummary>();
  readonly #taskCase = new Map<string, string>();
  readonly #bySubject = new Map<string, Set<string>>();

  remember(record: CaseRecord): void {
    const previous = this.#summaries.get(record.id);
    for (const task of previous?.tasks ?? []) this.#taskCase.delete(task.ref);
    this.#summaries.set(record.id, summaryOf(record));
    for (const task of record.tasks) this.#taskCase.set(task.ref, record.id);
    const subject = this.#bySubject.get(record.subject) ?? new Set<string>();
    subject.add(record.id);
    this.#bySubject.set(record.subject, subject);
  }

  /** A case set aside (its file found damaged): no list, inbox or timer wave meets it any more. */
  forget(id: string): void {
    const summary = this.#summaries.get(id);
    if (summary === undefined) return;
    for (const task of summary.tasks) this.#taskCase.delete(task.ref);
    this.#bySubject.get(summary.subject)?.delete(id);
    this.#summaries.delete(id);
  }

  get(id: string): CaseSummary | undefined {
    return this.#summaries.get(id);
  }

  has(id: string): boolean {
    return this.#summaries.has(id);
  }

  all(): IterableIterator<CaseSummary> {
    return this.#summaries.values();
  }

  /** The case an open task belongs to. */
  caseOfTask(ref: string): string | undefined {
    return this.#taskCase.get(ref);
  }

  /** A subject's cases of one process, except one. */
  casesOfSubject(subject: string, process: string, except?: string): CaseSummary[] {
    return [...(this.#bySubject.get(subject) ?? [])]
      .filter((id) => id !== except)
      .map((id) => this.#summaries.get(id))
      .filter((summary): summary is CaseSummary => summary?.process === process);
  }

  /** The earliest armed timer of any running case. */
  earliestTimer(): { caseId: string; timer: TimerRecord } | undefined {
    let best: { caseId: string; timer: TimerRecord } | undefined;
    for (const summary of this.#summaries.values()) {
      const timer = earliestOf(summary);
      if (timer !== undefined && (best === undefined || (timer.fireAt ?? '') < (best.timer.fireAt ?? ''))) {
        best = { caseId: summary.id, timer };
      }
    }
    return best;
  }

  /** A running case's earliest armed timer (undefined: none, or no such case). */
  earliestTimerOf(id: string): TimerRecord | undefined {
    const summary = this.#summaries.get(id);
    return summary === undefined ? undefined : earliestOf(summary);
  }

  /** Every running case whose earliest timer is due by `now` (an ISO instant), earliest first. */
  dueQueue(now: string): DueQueue {
    const queue = new DueQueue();
    for (const summary of this.#summaries.values()) {
      const fireAt = earliestOf(summary)?.fireAt;
      if (fireAt !== undefined && fireAt <= now) queue.push({ caseId: summary.id, fireAt });
    }
    return queue;
  }
}

/** Timers are kept in due order, those without a date (an incident) last. */
function earliestOf(summary: CaseSummary): TimerRecord | undefined {
  return summary.final ? undefined : summary.timers.find(armed);
}
