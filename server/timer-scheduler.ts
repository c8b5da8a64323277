import type { Logger } from 'pino';
import type { WorkflowEngine } from '../engine/index.js';

/** Longest sleep: timers armed by other instances or clock corrections are noticed within a minute. */
const MAX_SLEEP_MS = 60_000;

/**
 * Fires due timers on the machine's clock. The engine only says when the next timer is due; this
 * waits for it (outside the engine, which never sets timeouts itself) and runs what is due.
 */
export class TimerScheduler {
  #handle: NodeJS.Timeout | undefined;
  #running = false;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.#schedule(0);
  }

  stop(): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#running = false;
  }

  #schedule(delay: number): void {
    this.#running = true;
    this.#handle = setTimeout(() => void this.#tick(), Math.max(0, Math.min(delay, MAX_SLEEP_MS)));
    this.#handle.unref();
  }

  async #tick(): Promise<void> {
    try {
      const fired = await this.engine.runDueTimers();
      if (fired > 0) this.logger.info({ fired }, 'timers fired');
    } catch (error) {
      this.logger.error({ err: error }, 'firing timers failed');
    }
    if (!this.#running) return;
    // Timers other processes on the same database armed since (a no-op on a store of one process).
    await this.engine.sync().catch((error: unknown) => {
      this.logger.error({ err: error }, 'reading changes failed');
    });
    const next = this.engine.nextTimerAt();
    this.#schedule(next === undefined ? MAX_SLEEP_MS : next.getTime() - this.engine.clock.now().getTime());
  }
}
