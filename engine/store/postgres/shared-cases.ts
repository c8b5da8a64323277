import type { Pool } from 'pg';
import type { SharedCases } from '../../ports.js';
import { PostgresRateCounters } from './rate-counters.js';

/**
 * SharedCases on PostgreSQL (migrations/002_shared_processes.sql): how server processes on one
 * database see each other's cases and split the due timers between them.
 *
 * Changes: every write of a case record stamps `changed_xid` with its transaction id. A reader asks
 * for the rows stamped at or after its cursor and, in the same statement (one snapshot), for the
 * snapshot's horizon — the oldest transaction still running. Every transaction below the horizon has
 * ended, so its rows were in the answer; the horizon is the next cursor, and a transaction still
 * running then is read on the next call. A long transaction elsewhere only makes rows come again.
 *
 * Timers: a claim leases the case whose due timer is earliest among those no live lease covers,
 * with `FOR UPDATE SKIP LOCKED`, so two processes claiming at once take different cases. Leases run
 * on the database's clock (never the simulated one): a lease of a killed process runs out by itself.
 */
export class PostgresSharedCases implements SharedCases {
  readonly counters: PostgresRateCounters;

  constructor(private readonly pool: Pool) {
    this.counters = new PostgresRateCounters(pool);
  }

  async changedSince(cursor: string | undefined): Promise<{ records: unknown[]; cursor: string }> {
    const { rows } = await this.pool.query<{ horizon: string; body: unknown }>(
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xid)
       SELECT horizon.xid::text AS horizon, cases.body
       FROM horizon LEFT JOIN cases ON cases.changed_xid >= $1::xid8`,
      [cursor ?? '0'],
    );
    const horizon = rows[0]?.horizon ?? cursor ?? '0';
    return { records: rows.filter((row) => row.body !== null).map((row) => row.body), cursor: horizon };
  }

  async claimDueTimers(now: Date, holder: string, leaseMs: number, limit: number): Promise<string[]> {
    // One statement for the batch. SKIP LOCKED before LIMIT: processes claiming at once take
    // different cases. A case with several due timers may take several of the `limit` rows.
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH claimed AS (
         SELECT cases.id, case_timers.fire_at FROM case_timers JOIN cases ON cases.id = case_timers.case_id
         WHERE case_timers.fire_at <= $1 AND cases.final IS NOT TRUE
           AND (cases.timer_lease_until IS NULL OR cases.timer_lease_until < clock_timestamp())
         ORDER BY case_timers.fire_at, cases.id
         LIMIT $4
         FOR UPDATE OF cases SKIP LOCKED),
       leased AS (
         UPDATE cases SET timer_lease_holder = $2, timer_lease_until = clock_timestamp() + $3 * interval '1 millisecond'
         WHERE id IN (SELECT id FROM claimed)
         RETURNING id)
       SELECT leased.id FROM leased JOIN claimed ON claimed.id = leased.id
       GROUP BY leased.id ORDER BY min(claimed.fire_at), leased.id`,
      [now.toISOString(), holder, leaseMs, limit],
    );
    return rows.map((row) => row.id);
  }

  async releaseTimer(caseId: string, holder: string): Promise<void> {
    await this.pool.query(
      `UPDATE cases SET timer_lease_holder = NULL, timer_lease_until = NULL
       WHERE id = $1 AND timer_lease_holder = $2`,
      [caseId, holder],
    );
  }

  async dueTimerCases(now: Date): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      `SELECT count(DISTINCT cases.id) AS count FROM case_timers JOIN cases ON cases.id = case_timers.case_id
       WHERE case_timers.fire_at <= $1 AND cases.final IS NOT TRUE`,
      [now.toISOString()],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
