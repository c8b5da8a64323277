import type { RateCounter, RateCounterChange, RateCounters } from '../ports.js';

/** Above this many counters, expired ones are swept (an address spray must not grow memory without end). */
const SWEEP_AT = 10_000;

/**
 * RateCounters of one process, in memory: a restart forgets them. An update runs without a pause
 * between its read and its write, so it is one step for this process — the only one there is on
 * a store that is not shared.
 */
export class MemoryCounters implements RateCounters {
  readonly #counters = new Map<string, RateCounter>();

  /** `now`: milliseconds on the clock the limits run on (the machine's; never the case clock). */
  constructor(private readonly now: () => number) {}

  update<T>(
    keys: readonly string[],
    change: (current: ReadonlyMap<string, RateCounter>, now: number) => RateCounterChange<T>,
  ): Promise<T> {
    const now = this.now();
    if (this.#counters.size > SWEEP_AT) this.#sweep(now);
    const current = new Map<string, RateCounter>();
    for (const key of keys) {
      const counter = this.#counters.get(key);
      if (counter !== undefined && counter.expires > now) current.set(key, { ...counter });
    }
    const { set, result } = change(current, now);
    for (const [key, counter] of set) {
      if (counter === undefined) this.#counters.delete(key);
      else this.#counters.set(key, { ...counter });
    }
    return Promise.resolve(result);
  }

  #sweep(now: number): void {
    for (const [key, counter] of this.#counters) if (counter.expires <= now) this.#counters.delete(key);
  }
}
