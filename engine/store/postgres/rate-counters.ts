import type { Pool } from 'pg';
import type { RateCounter, RateCounterChange, RateCounters } from '../../ports.js';

/** Expired counters are deleted at most this often per process. */
const SWEEP_EVERY_MS = 60_000;

/**
 * RateCounters on PostgreSQL (migrations/004_rate_counters.sql). An update is one transaction that
 * first takes a transaction-scoped advisory lock per key, sorted (two updates never wait on each
 * other in a cycle), then reads the counters and the database's clock, and writes what the change
 * decided: an update of the same keys by another process waits for it and reads what it wrote.
 */
export class PostgresRateCounters implements RateCounters {
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly pool: Pool) {}

  async update<T>(
    keys: readonly string[],
    change: (current: ReadonlyMap<string, RateCounter>, now: number) => RateCounterChange<T>,
  ): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const client = await this.pool.connect();
    let decided: RateCounterChange<T>;
    let now: number;
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT pg_advisory_xact_lock(lock) FROM (SELECT hashtextextended('qbz:counter:' || key, 0) AS lock
         FROM unnest($1::text[]) AS key ORDER BY 1) AS sorted`,
        [sorted],
      );
      // After the locks, so the clock reads no earlier than the update that held them.
      const { rows } = await client.query<{
        key: string | null;
        count: number;
        last_ms: string;
        expires_ms: string;
        now: string;
      }>(
        `WITH clock AS (SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now)
         SELECT rate_counters.key, rate_counters.count, rate_counters.last_ms, rate_counters.expires_ms, clock.now
         FROM clock LEFT JOIN rate_counters ON rate_counters.key = ANY($1::text[]) AND rate_counters.expires_ms > clock.now`,
        [sorted],
      );
      now = Number(rows[0]?.now);
      const current = new Map<string, RateCounter>();
      for (const row of rows) {
        if (row.key === null) continue;
        current.set(row.key, { count: row.count, last: Number(row.last_ms), expires: Number(row.expires_ms) });
      }
      decided = change(current, now);
      const puts = [...decided.set].filter((entry): entry is [string, RateCounter] => entry[1] !== undefined);
      const deletes = [...decided.set].filter(([, counter]) => counter === undefined).map(([key]) => key);
      if (puts.length > 0) {
        await client.query(
          `INSERT INTO rate_counters (key, count, last_ms, expires_ms)
           SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::bigint[])
           ON CONFLICT (key) DO UPDATE SET count = excluded.count, last_ms = excluded.last_ms, expires_ms = excluded.expires_ms`,
          [
            puts.map(([key]) => key),
            puts.map(([, counter]) => counter.count),
            puts.map(([, counter]) => Math.round(counter.last)),
            puts.map(([, counter]) => Math.round(counter.expires)),
          ],
        );
      }
      if (deletes.length > 0) await client.query('DELETE FROM rate_counters WHERE key = ANY($1::text[])', [deletes]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.#sweep(now);
    return decided.result;
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    // Best effort: a counter left over is only a row, and it reads as absent once expired.
    this.pool.query('DELETE FROM rate_counters WHERE expires_ms <= $1', [now]).catch(() => undefined);
  }
}
