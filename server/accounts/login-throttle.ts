import type { RateCounter, RateCounters } from '../../engine/index.js';

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

/** An attempt let through: it counts as failed until the password check says otherwise. */
export interface LoginAttempt {
  /** The password was right: the attempt and the pair's earlier failures are forgiven. */
  succeeded(): Promise<void>;
  /** The password was never checked (a full hashing queue): the attempt does not count. */
  takeBack(): Promise<void>;
}

/**
 * Slows password guessing without locking anyone out (issue 9 #3): failures are counted per
 * (user name, address) and per address, never per account alone, so guesses from elsewhere cannot
 * stop the real user signing in from their own address. Past a few free failures each key waits a
 * delay that doubles with every further failure. The counters are the store's (RateCounters): with
 * several processes on one database a guess counts in all of them; on the counters' clock (never
 * the case clock).
 */
export class LoginThrottle {
  readonly #limits: ThrottleLimits;

  constructor(
    private readonly counters: RateCounters,
    limits: Partial<ThrottleLimits> = {},
  ) {
    this.#limits = { ...DEFAULTS, ...limits };
  }

  static keys(username: string, address: string): string[] {
    return [`login:pair:${username.toLowerCase()}|${address}`, `login:address:${address}`];
  }

  /**
   * Lets an attempt through — recorded as failed before its password is checked, in the same step
   * as the check of the wait, so concurrent guesses cannot all slip in under the limit — or answers
   * the milliseconds until one is allowed.
   */
  attempt(keys: readonly string[]): Promise<LoginAttempt | { retryAfter: number }> {
    return this.counters.update<LoginAttempt | { retryAfter: number }>(keys, (current, now) => {
      const wait = Math.max(0, ...keys.map((key) => this.#wait(key, current.get(key), now)));
      if (wait > 0) return { set: new Map(), result: { retryAfter: wait } };
      const set = new Map<string, RateCounter>();
      for (const key of keys) {
        set.set(key, { count: (current.get(key)?.count ?? 0) + 1, last: now, expires: now + this.#limits.forgetMs });
      }
      return { set, result: this.#letThrough(keys) };
    });
  }

  /** Milliseconds until another attempt is allowed for any of the keys, or 0 (for tests and tools). */
  retryAfter(keys: readonly string[]): Promise<number> {
    return this.counters.update(keys, (current, now) => ({
      set: new Map(),
      result: Math.max(0, ...keys.map((key) => this.#wait(key, current.get(key), now))),
    }));
  }

  #wait(key: string, counter: RateCounter | undefined, now: number): number {
    if (counter === undefined) return 0;
    const free = key.startsWith('login:address:') ? this.#limits.addressFree : this.#limits.pairFree;
    if (counter.count < free) return 0;
    const delay = Math.min(this.#limits.maxDelayMs, this.#limits.baseDelayMs * 2 ** (counter.count - free));
    return Math.max(0, counter.last + delay - now);
  }

  #letThrough(keys: readonly string[]): LoginAttempt {
    const undo = (forgetPairs: boolean) =>
      this.counters.update(keys, (current) => {
        const set = new Map<string, RateCounter | undefined>();
        for (const key of keys) {
          const counter = current.get(key);
          if (counter === undefined) continue;
          const forget = counter.count <= 1 || (forgetPairs && key.startsWith('login:pair:'));
          set.set(key, forget ? undefined : { ...counter, count: counter.count - 1 });
        }
        return { set, result: undefined };
      });
    return { succeeded: () => undo(true), takeBack: () => undo(false) };
  }
}
