-- 004: rate-limit counters every server process sees (PostgresRateCounters): a login's failures per
-- name and address, a sender's objections and previews. Instants are milliseconds on the database's
-- clock. Unlogged: a crash of the database forgets them, as a restart does on the embedded store.
CREATE UNLOGGED TABLE rate_counters (
  key text PRIMARY KEY,
  count integer NOT NULL,
  last_ms bigint NOT NULL,
  expires_ms bigint NOT NULL
);
CREATE INDEX rate_counters_expires ON rate_counters (expires_ms);
