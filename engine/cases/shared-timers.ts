import type { SharedCases } from '../ports.js';
import type { CaseRuntime } from './case-runtime.js';

/**
 * How long a process holds the due timers of a case it claimed: long enough for a firing on a busy
 * machine; a process killed while holding a case delays its timers by at most this.
 */
export const TIMER_LEASE_MS = 10_000;

/**
 * runDueTimers on a store several processes share: case by case, each claimed under a lease
 * (SharedCases.claimDueTimer) so that processes firing at once take different cases, and its
 * earliest due timer fired on the case as stored — in due order across the cases this process
 * claims. Cases another process holds are left to it. Returns how many timers this process fired.
 */
export async function fireSharedDueTimers(runtime: CaseRuntime, shared: SharedCases, holder: string): Promise<number> {
  const now = runtime.clock.now();
  let fired = 0;
  // A case claimed that had nothing due after all, claimed again: the run stops (never a busy loop).
  const nothingDue = new Set<string>();
  for (;;) {
    const caseId = await shared.claimDueTimer(now, holder, TIMER_LEASE_MS);
    if (caseId === undefined) return fired;
    try {
      if (nothingDue.has(caseId)) return fired;
      if (await runtime.withCase(caseId, () => runtime.fireEarliestDue(caseId, now.toISOString(), { keepHot: false })))
        fired += 1;
      else nothingDue.add(caseId);
    } finally {
      await shared.releaseTimer(caseId, holder);
    }
  }
}
