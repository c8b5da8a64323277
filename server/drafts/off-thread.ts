import { Worker } from 'node:worker_threads';
import { EngineError, type ErrorCode, type Problem } from '../../engine/index.js';
import type { DraftJob, DraftJobResult } from './draft-jobs.js';

/** What one designer job may take (issue 9, item 5): it runs in a worker thread, never on the request thread. */
export interface JobLimits {
  /** Wall time before the worker is stopped. */
  timeMs: number;
  /** The worker's heap (V8 old generation). */
  memoryMb: number;
}

export const DRAFT_JOB_LIMITS: JobLimits = { timeMs: 60_000, memoryMb: 512 };

/** The word every limit problem starts with (the designer shows it as the problem's message). */
export const LIMIT = '超出限制';

const WORKER = new URL('./draft-worker.ts', import.meta.url).href;
// The worker is TypeScript: it registers tsx (the server's runtime) in its own thread, then loads it.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

interface Outcome {
  ok: boolean;
  value?: unknown;
  code?: ErrorCode;
  message?: string;
  problems?: Problem[];
}

/**
 * Runs a draft job in a fresh worker thread with a time and a memory limit. Over a limit the worker
 * is stopped and the job rejects with EngineError `validation` "超出限制…" (a problem, never a hang);
 * the job's own EngineErrors come back as they were thrown.
 */
export function runOffThread<J extends DraftJob>(
  job: J,
  limits: JobLimits = DRAFT_JOB_LIMITS,
): Promise<DraftJobResult<J>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const overLimit = (what: string) => {
      finish(() => {
        reject(new EngineError('validation', `${LIMIT}：${what}`, { problems: [limitProblem(what)] }));
      });
    };
    const timer = setTimeout(() => {
      overLimit(`运行超过 ${limits.timeMs / 1000} 秒`);
    }, limits.timeMs);
    worker.once('message', (outcome: Outcome) => {
      finish(() => {
        if (outcome.ok) resolve(outcome.value as DraftJobResult<J>);
        else
          reject(
            new EngineError(outcome.code ?? 'validation', outcome.message ?? '', {
              ...(outcome.problems !== undefined && { problems: outcome.problems }),
            }),
          );
      });
    });
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') overLimit(`内存超过 ${limits.memoryMb} MB`);
      else
        finish(() => {
          reject(error);
        });
    });
    worker.once('exit', () => {
      finish(() => {
        reject(new Error('draft worker exited without an answer'));
      });
    });
  });
}

export function limitProblem(what: string): Problem {
  return { severity: 'error', check: 'limit', file: '', message: `${LIMIT}：${what}` };
}
