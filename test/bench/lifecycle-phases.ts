// The lifecycle bench's phases (test/bench/lifecycle-bench.ts), run in one process on lowdb or in
// each child process on PostgreSQL (lifecycle-child.ts): the same walk either way.
import type { SimulatedClock } from '../../engine/clock.js';
import { as, throughAcceptance, throughCreation, type CaseWalker } from '../support/engine-harness.js';

export type LifecycleCommand =
  | { kind: 'create' | 'accept' | 'recognise' | 'recognised'; parks: string[] }
  | { kind: 'advance'; to: string }
  | { kind: 'due' | 'cpu' | 'close' };

/** CPU time this process has used, in seconds (user + system): the figure a busy machine does not move. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** How many cases of one process walk at once (each case's steps run one after another). */
const PARALLEL = 8;

async function inBatches(parks: readonly string[], work: (park: string) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < parks.length; i += PARALLEL) await Promise.all(parks.slice(i, i + PARALLEL).map(work));
}

/** Runs one phase; `ids` maps this process's parks to their cases. Answers a count where there is one. */
export async function lifecyclePhase(
  h: CaseWalker,
  clock: SimulatedClock,
  ids: Map<string, string>,
  command: LifecycleCommand,
): Promise<number> {
  const caseOf = (park: string) => ids.get(park) ?? '';
  switch (command.kind) {
    case 'create':
      await inBatches(command.parks, async (park) => ids.set(park, (await throughCreation(h, park)).id));
      return ids.size;
    case 'advance':
      clock.advanceTo(new Date(command.to));
      return h.engine.runDueTimers();
    case 'due':
      return h.engine.dueTimerCases();
    case 'cpu':
      return cpuSeconds();
    case 'accept':
      await inBatches(command.parks, (park) => throughAcceptance(h, caseOf(park), park));
      return command.parks.length;
    case 'recognise':
      await inBatches(command.parks, (park) => h.complete(caseOf(park), 'samrRecognition', as('samr')));
      return command.parks.length;
    case 'recognised': {
      let count = 0;
      for (const park of command.parks) {
        const view = await h.engine.getCase(caseOf(park), as('admin'));
        if (view.status === 'demonstrating') count += 1;
      }
      return count;
    }
    default:
      return 0;
  }
}
