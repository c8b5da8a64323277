import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';

/** One scrypt job: the worker derives the key with `scryptSync`, off both the event loop and libuv's pool. */
export interface HashJob {
  password: string;
  salt: Buffer;
  keyLength: number;
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

// Plain CommonJS evaluated in the worker (`eval: true`): no file to resolve under tsx, vitest or a build.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, job }) => {
  try {
    const key = scryptSync(job.password, Buffer.from(job.salt), job.keyLength,
      { N: job.N, r: job.r, p: job.p, maxmem: job.maxmem });
    parentPort.postMessage({ id, key });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

interface Pending {
  job: HashJob;
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; pending: Pending };
}

/**
 * Which queue a job waits in: `open` for anyone, `trusted` for a login from a device that signed in
 * to the account before (a device token). Trusted jobs go first and have a queue of their own, so a
 * flood of guesses filling the open queue cannot keep the account's own people out.
 */
export type HashLane = 'open' | 'trusted';

export interface HashPoolOptions {
  /** Worker threads, i.e. the global cap on hashes computed at once (default: cores − 1, 1 to 4). */
  threads?: number;
  /** Jobs allowed to wait for a thread, per lane; one more is refused with 429 (default 16 per thread). */
  queueLimit?: number;
  /** Seconds a refused caller is told to wait (`Retry-After`). */
  retryAfterSeconds?: number;
}

/**
 * A bounded pool of worker threads for password hashing (issue 9 #1): scrypt is memory-hard and slow
 * on purpose, so on libuv's shared threads a login flood stalled every file read. Here it runs on
 * threads of its own, at most `threads` at once, and a full queue answers 429 at once instead of
 * growing without bound. Workers start on first use and are unref'd, so they never keep a process alive.
 */
export class HashPool {
  readonly #slots: Slot[] = [];
  readonly #queues: Record<HashLane, Pending[]> = { trusted: [], open: [] };
  readonly #threads: number;
  readonly #queueLimit: number;
  readonly #retryAfter: number;
  #nextId = 0;

  constructor(options: HashPoolOptions = {}) {
    this.#threads = Math.max(1, options.threads ?? Math.min(4, Math.max(1, availableParallelism() - 1)));
    this.#queueLimit = options.queueLimit ?? 16 * this.#threads;
    this.#retryAfter = options.retryAfterSeconds ?? 5;
  }

  /** Derives a key; rejects with 429 `busy` when the lane's queue is full. */
  derive(job: HashJob, lane: HashLane = 'open'): Promise<Buffer> {
    const queue = this.#queues[lane];
    if (queue.length >= this.#queueLimit) {
      return Promise.reject(
        new HttpError(429, 'busy', SAY.busy(this.#retryAfter), {
          'Retry-After': String(this.#retryAfter),
        }),
      );
    }
    return new Promise((resolve, reject) => {
      queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops the workers (tests; a server exiting needs nothing, the workers are unref'd). */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    for (;;) {
      const queue = this.#queues.trusted.length > 0 ? this.#queues.trusted : this.#queues.open;
      if (queue.length === 0) return;
      const slot = this.#idleSlot();
      if (slot === undefined) return;
      const pending = queue.shift() as Pending;
      const id = this.#nextId++;
      slot.busy = { id, pending };
      slot.worker.postMessage({ id, job: pending.job });
    }
  }

  #idleSlot(): Slot | undefined {
    const idle = this.#slots.find((slot) => slot.busy === undefined);
    if (idle !== undefined || this.#slots.length >= this.#threads) return idle;
    const slot: Slot = { worker: new Worker(WORKER_SOURCE, { eval: true }) };
    slot.worker.unref();
    slot.worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy !== undefined) {
        if (message.key !== undefined) busy.pending.resolve(Buffer.from(message.key));
        else busy.pending.reject(new Error(message.error ?? 'scrypt failed'));
      }
      this.#dispatch();
    });
    slot.worker.on('error', (error) => {
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      slot.busy?.pending.reject(error);
      this.#dispatch();
    });
    this.#slots.push(slot);
    return slot;
  }
}
