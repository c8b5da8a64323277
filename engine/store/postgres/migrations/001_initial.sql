-- 001: the Store port on PostgreSQL (engine/store/postgres/postgres-store.ts).
-- Applied once, in a transaction, under an advisory lock; recorded in schema_migrations.

-- Every collection except `cases`: one row per document, the document as JSONB.
CREATE TABLE documents (
  collection text NOT NULL,
  id text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);

-- Every log (audit, submissions, definition-audit, ...): one row per entry, numbered from 1.
CREATE TABLE log_entries (
  log text NOT NULL,
  id text NOT NULL,
  seq integer NOT NULL,
  entry jsonb NOT NULL,
  PRIMARY KEY (log, id, seq)
);

-- The `cases` collection: the record as JSONB, and real columns for what lists and inboxes query.
-- A column is NULL when the record has no valid value for it. `subject` / `region` are the case's
-- park / province (named for the engine's subject/region terms).
CREATE TABLE cases (
  id text PRIMARY KEY,
  revision integer,
  process text,
  version text,
  subject text,
  region text,
  status text,
  status_date date,
  final boolean,
  started_at timestamptz,
  updated_at timestamptz,
  ended_at timestamptz,
  body jsonb NOT NULL
);
CREATE INDEX cases_process_status ON cases (process, version, status);
CREATE INDEX cases_region_status ON cases (region, status);
CREATE INDEX cases_subject ON cases (subject);
CREATE INDEX cases_updated_at ON cases (updated_at DESC);
CREATE INDEX cases_open ON cases (process, status) WHERE final IS NOT TRUE;

-- A case's named dates (CONTRACT §2): `due` of the record.
CREATE TABLE case_due_dates (
  case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  name text NOT NULL,
  due_on date NOT NULL,
  PRIMARY KEY (case_id, name)
);
CREATE INDEX case_due_dates_due_on ON case_due_dates (due_on, name);

-- Open tasks, one row per task and candidate group: the inbox is (group, scope).
-- `scope` is '' for a national task (no scope).
CREATE TABLE case_open_tasks (
  case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  ref text NOT NULL,
  group_name text NOT NULL,
  scope text NOT NULL,
  task_id text,
  form_key text,
  created_at timestamptz,
  due_on date,
  PRIMARY KEY (case_id, ref, group_name)
);
CREATE INDEX case_open_tasks_inbox ON case_open_tasks (group_name, scope, created_at);
CREATE INDEX case_open_tasks_due ON case_open_tasks (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX case_open_tasks_ref ON case_open_tasks (ref);

-- Running timers; `fire_at` is the instant a timer is due (00:00 China time on its fire day).
CREATE TABLE case_timers (
  case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  execution_id text NOT NULL,
  element_id text,
  fire_on date,
  fire_at timestamptz,
  PRIMARY KEY (case_id, execution_id)
);
CREATE INDEX case_timers_due ON case_timers (fire_at) WHERE fire_at IS NOT NULL;
