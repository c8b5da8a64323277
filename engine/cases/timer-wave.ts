import { EngineError, isEngineError } from '../errors.js';
import { armed, type CaseRecord } from './case-record.js';
import type { CaseRuntime } from './case-runtime.js';

/**
 * How many cases a timer wave works on at once: one case's firing waits on the disk (fsync) or on
 * PostgreSQL while another's runs its process step. Bounded: each holds a recovered instance.
 */
export const WAVE_CONCURRENCY = 4;

/**
 * Fires every timer of one case due by `now`, earliest first — each its own transition, audit entry
 * and commit, on the case as stored — with one recovery of its process instance: between its
 * firings the instance stays hot at the revision just committed, and leaves the cache after the last
 * unless the case was hot before. Run under the case's lock. Returns how many fired.
 */
export async function fireCaseDue(runtime: CaseRuntime, caseId: string, now: string): Promise<number> {
  const wasHot = runtime.live.record(caseId) !== undefined;
  let fired = 0;
  try {
    const moreDue = (committed: CaseRecord) => committed.timers.some((timer) => armed(timer) && timer.fireAt <= now);
    const keepHot = (committed: CaseRecord) => wasHot || moreDue(committed);
    while (await runtime.fireEarliestDue(caseId, now, { keepHot })) fired += 1;
  } finally {
    // A wave's thousands of cases nobody works on must not push out the ones people do.
    if (!wasHot) runtime.live.drop(caseId);
  }
  return fired;
}

/**
 * Waits for every one of `work` (a wave's other cases go on when one fails: an incident is recorded
 * on its case), then rejects with the first failure, if any — never returning while some still run.
 */
export async function allThenFirstFailure<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const values: T[] = [];
  for (const result of await Promise.allSettled(work)) {
    if (result.status !== 'fulfilled') throw result.reason;
    values.push(result.value);
  }
  return values;
}

/**
 * runDueTimers on a store of one process: every timer due by the clock fired at its own due instant,
 * each case's timers one after the other in due order (fireCaseDue). The due cases are taken from a
 * queue built once from the index (earliest due first), not by scanning every case per timer, and
 * worked WAVE_CONCURRENCY at a time. Cases that commands made due meanwhile are found by one more
 * look at the index when the queue runs dry. Returns how many fired.
 */
export async function fireDueTimers(runtime: CaseRuntime): Promise<number> {
  const now = runtime.clock.now().toISOString();
  let fired = 0;
  const failures: unknown[] = [];
  for (;;) {
    const queue = runtime.index.dueQueue(now);
    let firedNow = 0;
    const worker = async (): Promise<void> => {
      for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
        const { caseId } = entry;
        const current = runtime.index.earliestTimerOf(caseId)?.fireAt;
        if (current === undefined || current > now) continue;
        try {
          // Not `firedNow += await …`: that reads firedNow before the await, losing the other workers' counts.
          const count = await runtime.withLock(caseId, () => fireCaseDue(runtime, caseId, now));
          firedNow += count;
        } catch (error) {
          // A case whose file was found damaged is set aside, and told as an incident (set-aside.ts).
          if (isEngineError(error, 'damaged') && runtime.quarantine.has(caseId)) continue;
          // The case holds an incident now; the worker goes on with the queue (the first WAVE_CONCURRENCY
          // failures used to stop every worker, and no other case's timer fired).
          failures.push(error);
        }
      }
    };
    await allThenFirstFailure(Array.from({ length: WAVE_CONCURRENCY }, worker));
    fired += firedNow;
    if (firedNow > 0) continue;
    // Every case's timers fired but those now held by the incidents they raised: the first is told.
    if (failures.length > 0) throw waveFailure(failures[0], fired);
    return fired;
  }
}

/**
 * A wave's first failure, told with how many timers the wave fired besides it (context
 * `timersFired`): the sandbox clock's advance answers that count and the incidents raised, not the
 * failure, since every other case moved on and the failing timer is held by its incident.
 */
export function waveFailure(first: unknown, fired: number): unknown {
  if (!isEngineError(first)) return first;
  const message = first.english === undefined ? first.message : { zh: first.message, en: first.english };
  return new EngineError(first.code, message, { ...first.context, timersFired: fired }, { cause: first });
}
