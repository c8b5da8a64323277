import type { CaseRuntime } from './case-runtime.js';

/**
 * runDueTimers on a store of one process: every timer due by the clock fired at its own due instant,
 * in due order across cases (each case's own timers one after the other, earliest first). The due
 * cases are taken from a queue built once from the index, not by scanning every case per timer; a
 * case whose firing armed another due timer goes back into the queue. Cases that commands made due
 * meanwhile are found by one more look at the index when the queue runs dry. Returns how many fired.
 */
export async function fireDueTimers(runtime: CaseRuntime): Promise<number> {
  const now = runtime.clock.now().toISOString();
  let fired = 0;
  for (;;) {
    const queue = runtime.index.dueQueue(now);
    let firedNow = 0;
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
      const { caseId } = entry;
      const current = runtime.index.earliestTimerOf(caseId)?.fireAt;
      if (current === undefined || current > now) continue;
      // A command fired this case's timer meanwhile: its next one waits for its own turn.
      if (current > entry.fireAt) {
        queue.push({ caseId, fireAt: current });
        continue;
      }
      const done = await runtime.withLock(caseId, () => runtime.fireEarliestDue(caseId, now, { keepHot: false }));
      if (!done) continue;
      firedNow += 1;
      const next = runtime.index.earliestTimerOf(caseId)?.fireAt;
      if (next !== undefined && next <= now) queue.push({ caseId, fireAt: next });
    }
    fired += firedNow;
    if (firedNow === 0) return fired;
  }
}
