import type { ClientRateLimitInfo, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { RateCounter, RateCounters } from '../engine/index.js';

/**
 * express-rate-limit's fixed window on the store's RateCounters, for several processes on one
 * database: a sender's hits count in every process (its own MemoryStore would give each process a
 * limit of its own). `prefix` keeps the limiters' keys apart.
 */
export class SharedRateLimitStore implements RateLimitStore {
  readonly localKeys = false;
  #windowMs = 60_000;

  constructor(
    private readonly counters: RateCounters,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    const id = this.prefix + key;
    return this.counters.update([id], (current, now) => {
      const counter = current.get(id);
      const next: RateCounter =
        counter === undefined
          ? { count: 1, last: now, expires: now + this.#windowMs }
          : { ...counter, count: counter.count + 1, last: now };
      return { set: new Map([[id, next]]), result: { totalHits: next.count, resetTime: new Date(next.expires) } };
    });
  }

  async decrement(key: string): Promise<void> {
    const id = this.prefix + key;
    await this.counters.update([id], (current) => {
      const counter = current.get(id);
      const set = new Map<string, RateCounter | undefined>();
      if (counter !== undefined) set.set(id, counter.count <= 1 ? undefined : { ...counter, count: counter.count - 1 });
      return { set, result: undefined };
    });
  }

  async resetKey(key: string): Promise<void> {
    const id = this.prefix + key;
    await this.counters.update([id], () => ({ set: new Map([[id, undefined]]), result: undefined }));
  }
}
