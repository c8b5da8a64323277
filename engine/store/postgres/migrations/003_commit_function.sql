-- 003: a transition's commit in one round trip (PostgresStore.commit). The writes arrive as one JSON
-- array and run in one statement — its own transaction — instead of BEGIN, a lock, a revision check,
-- three statements per case record and one per other write, and COMMIT, each a round trip.

-- `locks`: advisory lock keys (the guarded document, every log appended to), taken sorted so two
-- commits never wait on each other in a cycle. `expect`: {collection, id, revision} or NULL; a
-- mismatch raises SQLSTATE QB409 with the stored revision ('null' none, 'nan' not a number) as DETAIL.
-- `writes`: [{kind: 'append', log, id, entries} | {kind: 'delete', collection, id}
--           | {kind: 'put', collection, id, value} | {kind: 'case', id, value, columns, children}].
CREATE FUNCTION qbz_commit(writes jsonb, expect jsonb, locks text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  w jsonb;
  c jsonb;
  found jsonb;
  present boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(key) FROM (SELECT hashtextextended(k, 0) AS key FROM unnest(locks) AS k ORDER BY 1) AS sorted;
  IF expect IS NOT NULL THEN
    IF expect->>'collection' = 'cases' THEN
      SELECT to_jsonb(revision), true INTO found, present FROM cases WHERE id = expect->>'id';
    ELSE
      SELECT body -> 'revision', true INTO found, present FROM documents
      WHERE collection = expect->>'collection' AND id = expect->>'id';
    END IF;
    IF present IS NOT TRUE THEN
      IF expect->'revision' <> 'null'::jsonb THEN
        RAISE EXCEPTION 'revision conflict' USING ERRCODE = 'QB409', DETAIL = 'null';
      END IF;
    ELSIF found IS NULL OR jsonb_typeof(found) <> 'number' THEN
      RAISE EXCEPTION 'revision conflict' USING ERRCODE = 'QB409', DETAIL = 'nan';
    ELSIF found <> expect->'revision' THEN
      RAISE EXCEPTION 'revision conflict' USING ERRCODE = 'QB409', DETAIL = found::text;
    END IF;
  END IF;
  FOR w IN SELECT value FROM jsonb_array_elements(writes) LOOP
    IF w->>'kind' = 'append' THEN
      INSERT INTO log_entries (log, id, seq, entry)
      SELECT w->>'log', w->>'id', last.seq + t.n, t.entry
      FROM (SELECT coalesce(max(seq), 0) AS seq FROM log_entries WHERE log = w->>'log' AND id = w->>'id') AS last,
           jsonb_array_elements(w->'entries') WITH ORDINALITY AS t(entry, n);
    ELSIF w->>'kind' = 'delete' THEN
      IF w->>'collection' = 'cases' THEN
        DELETE FROM cases WHERE id = w->>'id';
      ELSE
        DELETE FROM documents WHERE collection = w->>'collection' AND id = w->>'id';
      END IF;
    ELSIF w->>'kind' = 'put' THEN
      INSERT INTO documents (collection, id, body) VALUES (w->>'collection', w->>'id', w->'value')
      ON CONFLICT (collection, id) DO UPDATE SET body = EXCLUDED.body;
    ELSIF w->>'kind' = 'case' THEN
      c := w->'columns';
      INSERT INTO cases (id, revision, process, version, subject, region, status, status_date, final,
                         started_at, updated_at, ended_at, body)
      VALUES (w->>'id', (c->>'revision')::integer, c->>'process', c->>'version', c->>'subject', c->>'region',
              c->>'status', (c->>'statusDate')::date, (c->>'final')::boolean, (c->>'startedAt')::timestamptz,
              (c->>'updatedAt')::timestamptz, (c->>'endedAt')::timestamptz, w->'value')
      ON CONFLICT (id) DO UPDATE SET
        revision = EXCLUDED.revision, process = EXCLUDED.process, version = EXCLUDED.version,
        subject = EXCLUDED.subject, region = EXCLUDED.region, status = EXCLUDED.status,
        status_date = EXCLUDED.status_date, final = EXCLUDED.final, started_at = EXCLUDED.started_at,
        updated_at = EXCLUDED.updated_at, ended_at = EXCLUDED.ended_at, body = EXCLUDED.body,
        changed_xid = pg_current_xact_id();
      DELETE FROM case_due_dates WHERE case_id = w->>'id';
      DELETE FROM case_open_tasks WHERE case_id = w->>'id';
      DELETE FROM case_timers WHERE case_id = w->>'id';
      INSERT INTO case_due_dates (case_id, name, due_on)
      SELECT w->>'id', name, due_on FROM jsonb_to_recordset(w->'children'->'due') AS t(name text, due_on date);
      INSERT INTO case_open_tasks (case_id, ref, group_name, scope, task_id, form_key, created_at, due_on)
      SELECT w->>'id', ref, group_name, scope, task_id, form_key, created_at, due_on
      FROM jsonb_to_recordset(w->'children'->'tasks') AS t(ref text, group_name text, scope text, task_id text,
                                                          form_key text, created_at timestamptz, due_on date);
      INSERT INTO case_timers (case_id, execution_id, element_id, fire_on, fire_at)
      SELECT w->>'id', execution_id, element_id, fire_on, fire_at
      FROM jsonb_to_recordset(w->'children'->'timers') AS t(execution_id text, element_id text, fire_on date,
                                                           fire_at timestamptz);
    ELSE
      RAISE EXCEPTION 'unknown write kind %', w->>'kind';
    END IF;
  END LOOP;
END;
$$;
