import { randomBytes } from 'node:crypto';
import { EngineError, isEngineError } from '../../engine/index.js';
import type { JobProgress, RunOptions } from './off-thread.js';
import type { Simulation } from './simulate.js';
import { SAY } from '../messages.js';

/** A simulation running in the background (issue 12, item 5), as the designer polls it. */
export interface SimulationJob {
  id: string;
  draft: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: JobProgress;
  results?: Simulation[];
  /** Why it failed (Chinese), when it did. */
  error?: string;
  startedBy: string;
}

/** Why a job was cancelled without being asked to: its starter started another. */
const SUPERSEDED = '已被同一用户新开始的模拟取代';

/** How many finished jobs are kept for their results (the oldest go first). */
const KEEP_FINISHED = 20;

/**
 * The simulations started in the background: each has an id, reports its progress and can be
 * cancelled. Held in memory only: a simulation is a preview, and a restart simply forgets it.
 *
 * A person runs one simulation at a time: starting another cancels theirs still running (it is
 * superseded — the designer shows the latest). So the simulation worker's queue never holds more
 * than one job per policy officer, and no one can fill it with hours of work.
 */
export class SimulationJobs {
  readonly #jobs = new Map<string, { job: SimulationJob; abort: AbortController }>();

  start(
    draft: string,
    actor: string,
    total: number,
    run: (options: RunOptions) => Promise<Simulation[]>,
  ): SimulationJob {
    for (const entry of this.#jobs.values())
      if (entry.job.startedBy === actor && entry.job.state === 'running') stop(entry, SUPERSEDED);
    const job: SimulationJob = {
      id: `s_${randomBytes(6).toString('base64url')}`,
      draft,
      state: 'running',
      progress: { done: 0, total },
      startedBy: actor,
    };
    const abort = new AbortController();
    this.#jobs.set(job.id, { job, abort });
    run({
      signal: abort.signal,
      onProgress: (progress) => {
        job.progress = progress;
      },
    }).then(
      (results) => {
        job.state = 'done';
        job.results = results;
        job.progress = { done: job.progress.total, total: job.progress.total };
        this.#prune();
      },
      (error: unknown) => {
        if (abort.signal.aborted) job.state = 'cancelled';
        else {
          job.state = 'failed';
          job.error = isEngineError(error) ? error.message : `模拟失败：${(error as Error).message}`;
        }
        this.#prune();
      },
    );
    return { ...job };
  }

  get(draft: string, id: string): SimulationJob {
    const entry = this.#jobs.get(id);
    if (entry?.job.draft !== draft) throw new EngineError('not-found', SAY.noSuchSimulation(id), { job: id });
    return { ...entry.job };
  }

  /** Cancels a running simulation (409 when it has already finished). */
  cancel(draft: string, id: string): SimulationJob {
    const job = this.get(draft, id);
    const entry = this.#jobs.get(id);
    if (job.state !== 'running' || entry === undefined)
      throw new EngineError('conflict', SAY.simulationOver, { job: id });
    stop(entry);
    return { ...entry.job };
  }

  #prune(): void {
    const finished = [...this.#jobs.values()].filter((entry) => entry.job.state !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.#jobs.delete(entry.job.id);
  }
}

function stop(entry: { job: SimulationJob; abort: AbortController }, why?: string): void {
  entry.abort.abort();
  entry.job.state = 'cancelled';
  if (why !== undefined) entry.job.error = why;
}
