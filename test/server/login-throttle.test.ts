import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCounters } from '../../engine/store/memory-counters.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import type { RateCounters } from '../../engine/ports.js';
import { LoginThrottle, type LoginAttempt } from '../../server/accounts/login-throttle.js';
import { SharedRateLimitStore } from '../../server/shared-rate-limit-store.js';
import { freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';

const postgresUp = await postgresAvailable();

const letThrough = (outcome: LoginAttempt | { retryAfter: number }): outcome is LoginAttempt =>
  !('retryAfter' in outcome);

describe('login throttle', () => {
  it('doubles the wait with every failure past the free ones, per (user, address) and per address', async () => {
    let now = 0;
    const throttle = new LoginThrottle(new MemoryCounters(() => now), {
      pairFree: 3,
      addressFree: 5,
      baseDelayMs: 1000,
    });
    const keys = LoginThrottle.keys('samr', '198.51.100.1');
    const waits: number[] = [];
    for (let failure = 0; failure < 5; failure++) {
      expect(letThrough(await throttle.attempt(keys))).toBe(true);
      waits.push(await throttle.retryAfter(keys));
      now += waits.at(-1) ?? 0;
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000]);
    // Within the wait the attempt is refused, and a refused attempt does not count.
    now -= 1;
    expect(await throttle.attempt(keys)).toEqual({ retryAfter: 1 });
    now += 1;
    expect(await throttle.retryAfter(keys)).toBe(0);
    // Other names from the same address: held by the address's own (larger) allowance.
    const other = LoginThrottle.keys('moa', '198.51.100.1');
    expect(letThrough(await throttle.attempt(other))).toBe(true);
    expect(await throttle.retryAfter(other)).toBe(2000);
    // The same name from elsewhere is not held at all.
    expect(await throttle.retryAfter(LoginThrottle.keys('samr', '198.51.100.2'))).toBe(0);
  });

  it('forgives the pair on a success and takes back an attempt whose password was never checked', async () => {
    const throttle = new LoginThrottle(new MemoryCounters(() => 0), { pairFree: 2, addressFree: 3, baseDelayMs: 1000 });
    const keys = LoginThrottle.keys('samr', '198.51.100.1');
    const first = await throttle.attempt(keys);
    const second = await throttle.attempt(keys);
    if (!letThrough(first) || !letThrough(second)) throw new Error('the free attempts were refused');
    await second.takeBack();
    expect(await throttle.retryAfter(keys)).toBe(0);
    await first.succeeded();
    // Two more failures for the pair are free again; the address still remembers none of the two.
    for (let failure = 0; failure < 2; failure++) expect(letThrough(await throttle.attempt(keys))).toBe(true);
    expect(await throttle.retryAfter(keys)).toBe(1000);
  });
});

describe.skipIf(!postgresUp)('login throttle and rate limits on PostgreSQL, counted by every process', () => {
  let drop: () => Promise<void>;
  const stores: PostgresStore[] = [];
  let counters: RateCounters[] = [];

  beforeAll(async () => {
    const fresh = await freshSchema();
    drop = fresh.drop;
    // Two stores on their own pools: two server processes on one database.
    for (let process = 0; process < 2; process++) {
      stores.push(await PostgresStore.open({ connectionString: POSTGRES_URL, schema: fresh.schema, poolSize: 8 }));
    }
    counters = stores.map((store) => store.shared.counters);
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await drop();
  });

  it('lets exactly the free attempts through when guesses arrive at once through two processes', async () => {
    const throttles = counters.map((shared) => new LoginThrottle(shared, { pairFree: 3, addressFree: 100 }));
    const keys = LoginThrottle.keys('samr', '203.0.113.7');
    const outcomes = await Promise.all(
      Array.from(
        { length: 16 },
        (_, guess) => throttles[guess % 2]?.attempt(keys) ?? Promise.reject(new Error('no throttle')),
      ),
    );
    expect(outcomes.filter(letThrough)).toHaveLength(3);
    const waits = outcomes.flatMap((outcome) => ('retryAfter' in outcome ? [outcome.retryAfter] : []));
    expect(waits.every((wait) => wait > 0 && wait <= 1000)).toBe(true);
    // What one process counted holds in the other.
    expect(await throttles[1]?.retryAfter(keys)).toBeGreaterThan(0);
  });

  it("counts a fixed window's hits across processes for the objection and preview limits", async () => {
    const limiters = counters.map((shared) => {
      const store = new SharedRateLimitStore(shared, 'objection:');
      store.init({ windowMs: 60_000 } as Parameters<SharedRateLimitStore['init']>[0]);
      return store;
    });
    const hits = await Promise.all(
      Array.from(
        { length: 10 },
        (_, hit) => limiters[hit % 2]?.increment('198.51.100.9') ?? Promise.reject(new Error('no store')),
      ),
    );
    expect(hits.map((hit) => hit.totalHits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const resets = new Set(hits.map((hit) => hit.resetTime?.getTime()));
    expect(resets.size).toBe(1); // one window, started by the first hit
    await limiters[0]?.decrement('198.51.100.9');
    expect((await limiters[1]?.increment('198.51.100.9'))?.totalHits).toBe(10);
    await limiters[1]?.resetKey('198.51.100.9');
    expect((await limiters[0]?.increment('198.51.100.9'))?.totalHits).toBe(1);
    // Another limiter's prefix keeps its own count.
    const previews = new SharedRateLimitStore(counters[0] as RateCounters, 'preview:');
    previews.init({ windowMs: 60_000 } as Parameters<SharedRateLimitStore['init']>[0]);
    expect((await previews.increment('198.51.100.9')).totalHits).toBe(1);
  });
});
