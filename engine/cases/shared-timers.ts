import type { SharedCases } from '../ports.js';
import type { CaseRuntime } from './case-runtime.js';
import { allThenFirstFailure, fireCaseDue, WAVE_CONCURRENCY, waveFailure } from './timer-wave.js';

/**
 * How long a process holds the due timers of a case it claimed: long enough for a batch of firings
 * on a busy machine; a process killed while holding a case delays its timers by at most this. A
 * lease that runs out mid-firing costs nothing but time: the other process's commit on the same
 * revision is refused (optimistic concurrency) and it finds the timer fired.
 */
export const TIMER_LEASE_MS = 10_000;

/**
 * runDueTimers on a store several processes share: the cases with the earliest due timers claimed
 * WAVE_CONCURRENCY at a time, each under a lease (SharedCases.claimDueTimers, FOR UPDATE SKIP
 * LOCKED) so that processes firing at once take different cases, and worked at once — each case's
 * due timers fired in due order on the case as stored (fireCaseDue). Cases another process holds
 * are left to it. Returns how many timers this process fired.
 */
export async function fireSharedDueTimers(runtime: CaseRuntime, shared: SharedCases, holder: string): Promise<number> {
  const now = runtime.clock.now();
  let fired = 0;
  // A case claimed that had nothing due after all, claimed again: the run stops (never a busy loop).
  const nothingDue = new Set<string>();
  const failures: unknown[] = [];
  for (;;) {
    const caseIds = await shared.claimDueTimers(now, holder, TIMER_LEASE_MS, WAVE_CONCURRENCY);
    if (caseIds.length === 0) break;
    const again = caseIds.some((caseId) => nothingDue.has(caseId));
    const counts = await allThenFirstFailure(
      caseIds.map(async (caseId) => {
        try {
          if (again) return 0;
          const count = await runtime.withCase(caseId, () => fireCaseDue(runtime, caseId, now.toISOString()));
          if (count === 0) nothingDue.add(caseId);
          return count;
        } catch (error) {
          // The run goes on with the other cases (a batch of failures used to end it): the timer is
          // held by the incident it raised (`armed`), or, failing otherwise, not tried again in this run.
          failures.push(error);
          nothingDue.add(caseId);
          return 0;
        } finally {
          await shared.releaseTimer(caseId, holder);
        }
      }),
    );
    if (again) break;
    fired += counts.reduce((sum, count) => sum + count, 0);
  }
  if (failures.length > 0) throw waveFailure(failures[0], fired);
  return fired;
}
