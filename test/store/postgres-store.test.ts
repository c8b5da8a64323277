import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import { readMigrations } from '../../engine/store/postgres/migrate.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { adminQuery, freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';

// The contract suite runs on PostgresStore in stores.test.ts; this file has what is PostgreSQL's own:
// migrations, the real columns of a case, and writers on separate connection pools (as two processes).
const postgresUp = await postgresAvailable();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

const caseRecord = (revision: number, overrides: Record<string, unknown> = {}) => ({
  id: 'c1',
  process: 'quality-brand-zone',
  version: '2024-03-14',
  park: 'P-001',
  province: '320000',
  status: 'creating',
  statusDate: '2024-04-01',
  final: false,
  startedAt: '2024-04-01T01:00:00.000Z',
  updatedAt: '2024-04-02T01:00:00.000Z',
  due: { creationEnd: '2027-04-01', acceptanceOpen: '2026-04-01', bogus: '2025-02-30' },
  variables: { parkName: '苏州工业园区' },
  tasks: [
    {
      ref: 't1',
      taskId: 'provincialFeasibilityReview',
      elementId: 'provincialFeasibilityReview',
      formKey: 'feasibility',
      groups: ['province', 'province-leading-group'],
      scope: '320000',
      createdAt: '2024-04-01T01:00:00.000Z',
      due: { name: 'reviewDue', date: '2024-04-30' },
    },
    { ref: 't2', taskId: 'samrNote', elementId: 'samrNote', formKey: 'note', groups: ['samr'], createdAt: 'x' },
  ],
  timers: [
    {
      elementId: 'creationPeriodEnd',
      executionId: 'e1',
      startedOn: '2024-04-01',
      fireDay: '2027-04-01',
      fireAt: '2027-03-31T16:00:00.000Z',
    },
    { elementId: 'noDate', executionId: 'e2', startedOn: '2024-04-01', incident: 'i1' },
  ],
  windows: [],
  visited: [],
  incidents: [],
  revision,
  stateRevision: revision,
  audit: { count: 0, head: '0'.repeat(64) },
  submissions: 0,
  ...overrides,
});

describe.skipIf(!postgresUp)('PostgresStore on PostgreSQL', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const opened: PostgresStore[] = [];
  const open = async () => {
    const store = await PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 });
    opened.push(store);
    return store;
  };
  const query = <R extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
    adminQuery<R>(sql, values, schema);

  beforeEach(async () => {
    ({ schema, drop } = await freshSchema());
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await drop();
  });

  it('applies each migration once when several processes start at once', async () => {
    const migrations = await readMigrations();
    expect(migrations.map((migration) => migration.version)[0]).toBe(1);
    // Separate pools are separate sessions, as separate processes would be: the advisory lock decides.
    await Promise.all([open(), open(), open()]);
    const applied = await query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(applied).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    await open();
    expect(await query('SELECT version FROM schema_migrations')).toHaveLength(migrations.length);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    await open();
    await query(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1`);
    const error = await rejection(open());
    expect(isEngineError(error, 'conflict'), String(error)).toBe(true);
  });

  it('keeps real columns and open tasks, due dates and timers of a case, replaced on every write', async () => {
    const store = await open();
    await store.commit([{ kind: 'put', collection: 'cases', id: 'c1', value: caseRecord(1) }], {
      collection: 'cases',
      id: 'c1',
      revision: null,
    });
    expect(await store.get('cases', 'c1')).toEqual(caseRecord(1));
    const [row] = await query(
      `SELECT revision, process, version, subject, region, status, status_date::text, final,
              started_at = '2024-04-01T01:00:00Z' AS started_ok, ended_at FROM cases WHERE id = 'c1'`,
    );
    expect(row).toEqual({
      revision: 1,
      process: 'quality-brand-zone',
      version: '2024-03-14',
      subject: 'P-001',
      region: '320000',
      status: 'creating',
      status_date: '2024-04-01',
      final: false,
      started_ok: true,
      ended_at: null,
    });
    // A date that does not exist (2025-02-30) is not a due date; a task's every group is an inbox row.
    expect(await query('SELECT name, due_on::text FROM case_due_dates ORDER BY name')).toEqual([
      { name: 'acceptanceOpen', due_on: '2026-04-01' },
      { name: 'creationEnd', due_on: '2027-04-01' },
    ]);
    expect(
      await query(
        'SELECT ref, group_name, scope, task_id, due_on::text, created_at IS NULL AS no_created FROM case_open_tasks ORDER BY ref, group_name',
      ),
    ).toEqual([
      {
        ref: 't1',
        group_name: 'province',
        scope: '320000',
        task_id: 'provincialFeasibilityReview',
        due_on: '2024-04-30',
        no_created: false,
      },
      {
        ref: 't1',
        group_name: 'province-leading-group',
        scope: '320000',
        task_id: 'provincialFeasibilityReview',
        due_on: '2024-04-30',
        no_created: false,
      },
      { ref: 't2', group_name: 'samr', scope: '', task_id: 'samrNote', due_on: null, no_created: true },
    ]);
    expect(
      await query(
        `SELECT execution_id, fire_on::text, fire_at = '2027-04-01T00:00:00+08:00' AS at_midnight FROM case_timers ORDER BY 1`,
      ),
    ).toEqual([
      { execution_id: 'e1', fire_on: '2027-04-01', at_midnight: true },
      { execution_id: 'e2', fire_on: null, at_midnight: null },
    ]);
    // The timer scan and the inbox use their indexes' columns.
    expect(await query(`SELECT case_id FROM case_timers WHERE fire_at <= '2027-04-01T00:00:00+08:00'`)).toEqual([
      { case_id: 'c1' },
    ]);

    await store.commit(
      [
        {
          kind: 'put',
          collection: 'cases',
          id: 'c1',
          value: caseRecord(2, { tasks: [], timers: [], due: {}, final: true, status: 'revoked' }),
        },
      ],
      { collection: 'cases', id: 'c1', revision: 1 },
    );
    expect(await query('SELECT revision, status, final FROM cases')).toEqual([
      { revision: 2, status: 'revoked', final: true },
    ]);
    expect(await query('SELECT * FROM case_open_tasks')).toEqual([]);
    expect(await query('SELECT * FROM case_timers')).toEqual([]);
    await store.put('cases', 'c1', caseRecord(3));
    await store.delete('cases', 'c1');
    expect(await query('SELECT count(*)::int AS n FROM case_open_tasks')).toEqual([{ n: 0 }]);
    expect(await store.list('cases')).toEqual([]);
  });

  it('loses no update when writers on separate pools (as separate processes) race, retrying on conflict', async () => {
    const stores = [await open(), await open()];
    await stores[0]?.put('cases', 'c1', caseRecord(1));
    const increment = async (store: PostgresStore, writer: number): Promise<void> => {
      for (;;) {
        const read = await store.get<ReturnType<typeof caseRecord>>('cases', 'c1');
        if (read === undefined) throw new Error('case missing');
        try {
          await store.commit(
            [
              { kind: 'append', log: 'audit', id: 'c1', entries: [{ writer, after: read.revision }] },
              { kind: 'put', collection: 'cases', id: 'c1', value: { ...read, revision: read.revision + 1 } },
            ],
            { collection: 'cases', id: 'c1', revision: read.revision },
          );
          return;
        } catch (error) {
          if (!isEngineError(error, 'conflict')) throw error;
        }
      }
    };
    await Promise.all(
      Array.from({ length: 16 }, (_, writer) => increment(stores[writer % 2] as PostgresStore, writer)),
    );
    const stored = await stores[1]?.get<{ revision: number }>('cases', 'c1');
    expect(stored?.revision).toBe(17);
    const audit = await stores[0]?.readLog<{ after: number }>('audit', 'c1');
    expect(audit?.map((entry) => entry.after)).toEqual(Array.from({ length: 16 }, (_, n) => n + 1));
  });

  it('refuses what JSONB cannot hold with `validation`, writing nothing of the commit', async () => {
    const store = await open();
    for (const bad of ['nul \u0000 inside', 'lone \ud800 surrogate']) {
      const error = await rejection(
        store.commit([
          { kind: 'put', collection: 'notes', id: 'ok', value: { fine: true } },
          { kind: 'append', log: 'audit', id: 'c1', entries: [{ text: bad }] },
        ]),
      );
      expect(isEngineError(error, 'validation'), String(error)).toBe(true);
      expect(isEngineError(await rejection(store.put('notes', 'n', { text: bad })), 'validation')).toBe(true);
    }
    expect(await store.list('notes')).toEqual([]);
    expect(await store.readLog('audit', 'c1')).toEqual([]);
  });
});
