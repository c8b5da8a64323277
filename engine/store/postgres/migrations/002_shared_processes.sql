-- 002: several server processes on one database (README "Several processes on one database").

-- The transaction that last wrote each case record: a process reads the cases other processes
-- changed since its last look (PostgresStore.changedSince) by comparing it with a snapshot's horizon.
ALTER TABLE cases ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX cases_changed_xid ON cases (changed_xid);

-- A lease on a case's due timers: the process that claimed them fires them while others skip the
-- case; a lease left by a process that died runs out on its own.
ALTER TABLE cases ADD COLUMN timer_lease_holder text;
ALTER TABLE cases ADD COLUMN timer_lease_until timestamptz;
