import { checkVersion, type DefinitionContext, type Problem, type VersionSource } from '../../engine/index.js';
import type { Draft } from './drafts.js';
import type { JobProgress } from './off-thread.js';
import { simulate, type Simulation } from './simulate.js';
import { diffVersions, type VersionDiff } from './version-diff.js';

/**
 * The designer's heavy work, as data a worker thread can receive (structured-cloneable): validating
 * a draft (FEEL evaluated over a sample context), comparing it with a version (both diagrams parsed:
 * a deep one of 400 KB held the request thread over a second a call) and replaying case scripts on it.
 */
export type DraftJob =
  | { kind: 'validate'; source: VersionSource; context: DefinitionContext }
  | { kind: 'compare'; base: VersionSource; draft: VersionSource }
  | {
      kind: 'simulate';
      draft: Draft;
      definitionsRoot: string;
      shared: string;
      scripts: { name: string; text: string }[];
      /** An empty directory for the draft's files, made and removed by the caller. */
      root: string;
    };

export type DraftJobResult<J extends DraftJob> = J extends { kind: 'validate' }
  ? Problem[]
  : J extends { kind: 'compare' }
    ? VersionDiff
    : Simulation[];

export async function runDraftJob(
  job: DraftJob,
  onProgress: (progress: JobProgress) => void = () => undefined,
): Promise<Problem[] | VersionDiff | Simulation[]> {
  if (job.kind === 'validate') return (await checkVersion(job.source, job.context)).problems;
  if (job.kind === 'compare') return diffVersions(job.base, job.draft);
  return simulate(job.draft, job.definitionsRoot, job.shared, job.scripts, job.root, onProgress);
}
