interface Failures {
  count: number;
  last: number;
}

export interface ThrottleLimits {
  /** Failures one user name may have from one address before each further try must wait. */
  pairFree: number;
  /** Failures one address may have (over all names) before each further try must wait. */
  addressFree: number;
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this (since the key's last failure) are forgotten. */
  forgetMs: number;
}

const DEFAULTS: ThrottleLimits = {
  pairFree: 3,
  addressFree: 20,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetMs: 60 * 60_000,
};
/** Above this many keys, forgotten ones are swept (an address spray must not grow memory without end). */
const SWEEP_AT = 10_000;

/**
 * Slows password guessing without locking anyone out (issue 9 #3): failures are counted per
 * (user name, address) and per address, never per account alone, so guesses from elsewhere cannot
 * stop the real user signing in from their own address. Past a few free failures each key waits a
 * delay that doubles with every further failure. On the machine's clock (never the case clock), in
 * memory: a restart clears it.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #limits: ThrottleLimits;

  constructor(
    private readonly now: () => number = Date.now,
    limits: Partial<ThrottleLimits> = {},
  ) {
    this.#limits = { ...DEFAULTS, ...limits };
  }

  static keys(username: string, address: string): string[] {
    return [`pair:${username.toLowerCase()}|${address}`, `address:${address}`];
  }

  /** Milliseconds until another attempt is allowed for any of the keys, or 0. */
  retryAfter(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.#live(key, now);
      if (entry === undefined) continue;
      const free = key.startsWith('address:') ? this.#limits.addressFree : this.#limits.pairFree;
      if (entry.count < free) continue;
      const delay = Math.min(this.#limits.maxDelayMs, this.#limits.baseDelayMs * 2 ** (entry.count - free));
      wait = Math.max(wait, entry.last + delay - now);
    }
    return Math.max(0, wait);
  }

  /**
   * Records an attempt as failed before it is checked — concurrent guesses cannot all slip in under
   * the limit. `takeBack` undoes the attempt (it was never checked); `succeeded` also forgives the
   * pair's earlier failures.
   */
  attempt(keys: readonly string[]): { succeeded: () => void; takeBack: () => void } {
    const now = this.now();
    if (this.#failures.size > SWEEP_AT) this.#sweep(now);
    for (const key of keys) {
      const entry = this.#live(key, now);
      this.#failures.set(key, { count: (entry?.count ?? 0) + 1, last: now });
    }
    const takeBack = () => {
      for (const key of keys) {
        const entry = this.#failures.get(key);
        if (entry === undefined) continue;
        if (entry.count <= 1) this.#failures.delete(key);
        else entry.count -= 1;
      }
    };
    return {
      takeBack,
      succeeded: () => {
        takeBack();
        for (const key of keys) if (key.startsWith('pair:')) this.#failures.delete(key);
      },
    };
  }

  #live(key: string, now: number): Failures | undefined {
    const entry = this.#failures.get(key);
    if (entry !== undefined && entry.last <= now - this.#limits.forgetMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep(now: number): void {
    for (const key of [...this.#failures.keys()]) this.#live(key, now);
  }
}
