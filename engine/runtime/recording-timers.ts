/**
 * A bpmn-elements `timers` implementation that arms nothing: it records each timer bpmn-elements
 * starts, keyed by the timer's executionId, so the engine's durable timer table decides when it fires
 * (bpmn-elements never arms delays ≥ 2^31−1 ms and reads the machine's clock; see
 * shared/notes/bpmn-engine-facts.md §3). One instance per bpmn-engine Engine: never share it.
 */

interface TimerOwner {
  id?: string;
  executionId?: string;
}

export interface RecordedTimer {
  readonly owner: TimerOwner | null;
  readonly callback: (...args: unknown[]) => void;
  readonly args: unknown[];
}

export class RecordingTimers {
  readonly #refs = new Set<RecordedTimer>();

  /** bpmn-engine's stop() and end-of-run walk this list; without it they throw. */
  get executing(): RecordedTimer[] {
    return [...this.#refs];
  }

  register(owner: TimerOwner): {
    setTimeout: (callback: (...args: unknown[]) => void, delay: number, ...args: unknown[]) => RecordedTimer;
    clearTimeout: (ref: RecordedTimer) => void;
  } {
    return {
      setTimeout: (callback, _delay, ...args) => this.#record(owner, callback, args),
      clearTimeout: (ref) => {
        this.clearTimeout(ref);
      },
    };
  }

  setTimeout(callback: (...args: unknown[]) => void, _delay: number, ...args: unknown[]): RecordedTimer {
    return this.#record(null, callback, args);
  }

  /** Tolerates refs that already fired or were cleared, as bpmn-elements expects. */
  clearTimeout(ref: unknown): void {
    this.#refs.delete(ref as RecordedTimer);
  }

  /** Fires a recorded timer through bpmn-elements' own timeout path. False when it is not armed. */
  fire(executionId: string): boolean {
    for (const ref of this.#refs) {
      if (ref.owner?.executionId === executionId) {
        this.#refs.delete(ref);
        ref.callback(...ref.args);
        return true;
      }
    }
    return false;
  }

  #record(owner: TimerOwner | null, callback: (...args: unknown[]) => void, args: unknown[]): RecordedTimer {
    const ref: RecordedTimer = { owner, callback, args };
    this.#refs.add(ref);
    return ref;
  }
}
