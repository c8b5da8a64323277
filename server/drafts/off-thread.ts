import { Worker } from 'node:worker_threads';
import { EngineError, isEngineError, type ErrorCode, type Problem } from '../../engine/index.js';
import type { DraftJob, DraftJobResult } from './draft-jobs.js';

/** What one designer job may take (issue 9, item 5): it runs in a worker thread, never on the request thread. */
export interface JobLimits {
  /** Wall time of one job (from the moment the started worker receives it) before the worker is stopped. */
  timeMs: number;
  /** The worker's heap (V8 old generation). */
  memoryMb: number;
}

export const DRAFT_JOB_LIMITS: JobLimits = { timeMs: 60_000, memoryMb: 512 };

/** How long a worker may take to start (it loads tsx and the engine: seconds on a busy machine). */
const BOOT_LIMIT_MS = 120_000;

/** The word every limit problem starts with (the designer shows it as the problem's message). */
export const LIMIT = '超出限制';

/**
 * The source the worker thread evaluates. Run from the sources (tests, tsx) the worker is TypeScript:
 * it registers tsx in its own thread, then loads draft-worker.ts. Run from the bundle (`npm start`,
 * server/bundle.ts) this code sits in dist/node/server/main.js with draft-worker.js built beside it,
 * which plain node loads.
 */
function bootSource(): string {
  if (!import.meta.url.endsWith('.ts')) {
    return `import(${JSON.stringify(new URL('./draft-worker.js', import.meta.url).href)});`;
  }
  const worker = new URL('./draft-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}
const BOOT = bootSource();

/** What the worker posts: `ready` once it has loaded, then progress and one answer per job, by id. */
type Message =
  | { ready: true }
  | { id: number; progress: JobProgress }
  | { id: number; ok: boolean; value?: unknown; code?: ErrorCode; message?: string; problems?: Problem[] };

/** How far a job has come: `done` of `total` units (for a simulation: runs of a case script). */
export interface JobProgress {
  done: number;
  total: number;
}

/** How a caller follows a job: its progress as the worker reports it, and a signal that cancels it. */
export interface RunOptions {
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
}

interface Pending {
  id: number;
  job: DraftJob;
  options: RunOptions;
  resolve: (value: never) => void;
  reject: (reason: unknown) => void;
}

/** The word a cancelled job's error starts with. */
export const CANCELLED = '已取消';

/**
 * One long-lived worker thread that runs draft jobs one at a time, in the order they come.
 *
 * Lifecycle: the worker starts on the first job (starting one costs seconds under tsx, so it is kept,
 * not started per job) and says `ready`; each job is then posted with an id and answered by id. A job
 * over its time limit or the heap limit (`resourceLimits`) stops the worker and rejects with EngineError
 * `validation` "超出限制…" (a problem, never a hang); a worker that crashes rejects the job it was on.
 * Either way the next job gets a fresh worker. The job's own EngineErrors come back as they were thrown.
 * The worker holds the process open only while it has work, and `close()` stops it.
 */
export class JobWorker {
  readonly #queue: Pending[] = [];
  #worker: Worker | undefined;
  #ready = false;
  #bootTimer: NodeJS.Timeout | undefined;
  #current: { pending: Pending; timer: NodeJS.Timeout } | undefined;
  #nextId = 0;
  #boots = 0;
  #closed = false;

  constructor(readonly limits: JobLimits = DRAFT_JOB_LIMITS) {}

  /** How many workers have been started so far (one, unless a job went over a limit or one crashed). */
  get boots(): number {
    return this.#boots;
  }

  /**
   * Runs the job. Cancelling (`options.signal`) a job still waiting takes it out of the queue; a job
   * running stops the worker (the only way to stop synchronous work), and the next job boots a fresh one.
   * Either way the job rejects with EngineError `conflict` "已取消".
   */
  run<J extends DraftJob>(job: J, options: RunOptions = {}): Promise<DraftJobResult<J>> {
    if (this.#closed) return Promise.reject(new Error('draft job worker is closed'));
    return new Promise<DraftJobResult<J>>((resolve, reject) => {
      const pending: Pending = { id: this.#nextId++, job, options, resolve, reject };
      if (options.signal?.aborted === true) {
        reject(cancelledError());
        return;
      }
      options.signal?.addEventListener('abort', () => {
        this.#cancel(pending);
      });
      this.#queue.push(pending);
      this.#next();
    });
  }

  #cancel(pending: Pending): void {
    const queued = this.#queue.indexOf(pending);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      pending.reject(cancelledError());
    } else if (this.#current?.pending === pending) this.#fail(cancelledError());
  }

  /** Stops the worker; jobs still running or waiting reject. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#discard();
    const closed = new Error('draft job worker is closed');
    if (this.#current !== undefined) {
      clearTimeout(this.#current.timer);
      this.#current.pending.reject(closed);
      this.#current = undefined;
    }
    for (const pending of this.#queue.splice(0)) pending.reject(closed);
    await worker?.terminate();
  }

  /** Hands the next job to the worker when it is idle, starting one if there is none. */
  #next(): void {
    if (this.#closed || this.#current !== undefined) return;
    const pending = this.#queue[0];
    if (pending === undefined) {
      this.#worker?.unref();
      return;
    }
    const worker = this.#worker ?? this.#boot();
    worker.ref();
    if (!this.#ready) return; // posted once the worker says it is ready
    this.#queue.shift();
    const current = { pending, timer: this.#timeLimit() };
    this.#current = current;
    try {
      worker.postMessage({ id: pending.id, job: pending.job });
    } catch (error) {
      // A job that cannot be copied to the thread (DataCloneError) fails alone; the worker stays.
      clearTimeout(current.timer);
      this.#current = undefined;
      pending.reject(error);
      this.#next();
    }
  }

  #timeLimit(): NodeJS.Timeout {
    return setTimeout(() => {
      this.#fail(limitError(`运行超过 ${this.limits.timeMs / 1000} 秒`));
    }, this.limits.timeMs);
  }

  #boot(): Worker {
    this.#boots++;
    const worker = new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } });
    this.#worker = worker;
    this.#ready = false;
    this.#bootTimer = setTimeout(() => {
      this.#fail(new Error(`draft worker did not start within ${BOOT_LIMIT_MS / 1000} s`));
    }, BOOT_LIMIT_MS);
    worker.on('message', (message: Message) => {
      if (this.#worker === worker) this.#receive(message);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.#worker !== worker) return;
      this.#fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? limitError(`内存超过 ${this.limits.memoryMb} MB`) : error);
    });
    worker.on('exit', () => {
      if (this.#worker === worker) this.#fail(new Error('draft worker exited without an answer'));
    });
    return worker;
  }

  #receive(message: Message): void {
    if ('ready' in message) {
      this.#ready = true;
      clearTimeout(this.#bootTimer);
      this.#next();
      return;
    }
    const current = this.#current;
    if (current?.pending.id !== message.id) return;
    if ('progress' in message) {
      // A job that reports progress is not stuck: the time limit counts from its last step (one
      // simulation run), so a set of scripts on a busy machine is not stopped for being long.
      clearTimeout(current.timer);
      current.timer = this.#timeLimit();
      current.pending.options.onProgress?.(message.progress);
      return;
    }
    clearTimeout(current.timer);
    this.#current = undefined;
    if (message.ok) current.pending.resolve(message.value as never);
    else
      current.pending.reject(
        new EngineError(message.code ?? 'validation', message.message ?? '', {
          ...(message.problems !== undefined && { problems: message.problems }),
        }),
      );
    this.#next();
  }

  /**
   * Stops the worker and rejects the job it was on (or, when it failed to start, the job waiting
   * for it) once the worker has stopped, so the caller may remove what the job was writing; the
   * next job starts a fresh worker.
   */
  #fail(reason: unknown): void {
    const worker = this.#worker;
    this.#discard();
    const current = this.#current;
    this.#current = undefined;
    if (current !== undefined) clearTimeout(current.timer);
    const pending = current?.pending ?? this.#queue.shift();
    const settle = () => pending?.reject(reason);
    void (worker?.terminate() ?? Promise.resolve()).then(settle, settle);
    this.#next();
  }

  #discard(): void {
    clearTimeout(this.#bootTimer);
    this.#worker = undefined;
    this.#ready = false;
  }
}

function cancelledError(): EngineError {
  return new EngineError('conflict', `${CANCELLED}：模拟已被取消`, { cancelled: true });
}

function limitError(what: string): EngineError {
  return new EngineError('validation', `${LIMIT}：${what}`, { limit: true, problems: [limitProblem(what)] });
}

/** The problems of a job stopped at a limit (undefined for any other error). */
export function limitProblems(error: unknown): Problem[] | undefined {
  return isEngineError(error, 'validation') && error.context.limit === true
    ? (error.context.problems as Problem[])
    : undefined;
}

export function limitProblem(what: string): Problem {
  return { severity: 'error', check: 'limit', file: '', message: `${LIMIT}：${what}` };
}
