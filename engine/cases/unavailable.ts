import { mayActAs, type Actor } from './actors.js';
import type { CaseRecord } from './case-record.js';
import type { CaseRuntime } from './case-runtime.js';
import { elementNamesOf, taskViewOf, type CaseSummary, type CaseView, type TaskView } from './case-view.js';

/**
 * Whether `actor` could see a case set aside for a damaged file, judged from what of it was last read
 * whole (`Quarantine.seenAs`): its owner and reviewers are told it cannot be read now — on its page
 * (503 `unavailable`) and in their lists — while anyone else learns nothing of it, not even its id.
 * A version no longer loaded cannot say who sees it: nobody but an admin is told.
 */
export function couldSee(runtime: CaseRuntime, actor: Actor, seenAs: CaseSummary): boolean {
  try {
    return runtime.sees(actor, seenAs);
  } catch {
    return false;
  }
}

/** The set-aside cases `actor` could see and is not shown as an admin is (with the damaged file). */
function seenBy(runtime: CaseRuntime, actor: Actor): CaseSummary[] {
  return runtime.quarantine
    .seen()
    .filter(({ id, seenAs }) => runtime.quarantine.view(id, actor) === undefined && couldSee(runtime, actor, seenAs))
    .map(({ seenAs }) => seenAs);
}

/** Whether a case `actor` has listed is one set aside (its history cannot be read: none is). */
export function listedAside(runtime: CaseRuntime, actor: Actor, id: string): boolean {
  const seenAs = runtime.quarantine.seenAs(id);
  return runtime.quarantine.view(id, actor) !== undefined || (seenAs !== undefined && couldSee(runtime, actor, seenAs));
}

/**
 * The set-aside cases in `actor`'s case list: each as it was last read whole, marked `unavailable`,
 * with nothing open on it (its tasks, timers and windows wait for the restore). Without them the case
 * vanished from its park's list as if it had been deleted, while only admins saw it.
 */
export function unavailableCases(runtime: CaseRuntime, actor: Actor): CaseView[] {
  return seenBy(runtime, actor).map((seenAs) => ({
    ...runtime.view({ ...seenAs, tasks: [], timers: [], windows: [] }),
    unavailable: true,
  }));
}

/**
 * The tasks `actor` held on set-aside cases, for its inbox: marked `unavailable` (none can be done
 * until the case is restored; completing one answers as for a task not open), where they vanished.
 */
export function unavailableTasks(runtime: CaseRuntime, actor: Actor): TaskView[] {
  return seenBy(runtime, actor).flatMap((seenAs) => {
    const { definition, model } = runtime.version(seenAs);
    return seenAs.tasks
      .filter((task) => mayActAs(actor, task.groups, definition.manifest, seenAs as CaseRecord, task.scope))
      .map((task) => ({ ...taskViewOf(seenAs, task, elementNamesOf(model)), unavailable: true as const }));
  });
}
