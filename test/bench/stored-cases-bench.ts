// npm run bench (stored-cases part): per-transition latency with BENCH_STORED (100,000) cases stored
// on PostgreSQL against the same with 100 — the first release's target is ≤ 1.2×. One real case
// waiting for the province's feasibility review is copied in SQL (ids, park and task ref renamed,
// its audit trail started afresh), then a fresh engine completes that review on cases picked across
// the store; the median is compared. Most picked cases are cold (recovered from their saved state).
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { GENESIS_HASH } from '../../engine/audit/audit-chain.js';
import { as, completeOpenTask, formExample } from '../support/engine-harness.js';
import { postgresAvailable } from '../support/postgres.js';
import { benchDatabase, machineLine, type FigureRow } from './bench-support.js';
import pg from 'pg';

const STORED = Number(process.env.BENCH_STORED ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const START = '2024-04-01T09:00:00+08:00';
/** The template's park: a name no other text of the case contains, so renaming it touches only it. */
const TEMPLATE_PARK = 'PTEMPLATEPARK';

async function engineOn(url: string): Promise<{ engine: WorkflowEngine; store: PostgresStore }> {
  const store = await PostgresStore.open({ connectionString: url });
  const definitions = await DefinitionRegistry.load('definitions', { shared: 'definitions' });
  const engine = await WorkflowEngine.open({ definitions, store, clock: new SimulatedClock(new Date(START)) });
  return { engine, store };
}

/** A database holding `count` cases waiting at provincialFeasibilityReview, task refs t_bench<n>. */
async function storedCases(count: number): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = await benchDatabase('stored');
  const { engine, store } = await engineOn(database.url);
  const view = await engine.startCase(
    { process: 'quality-brand-zone', park: TEMPLATE_PARK, province: '320000' },
    { ...as('park', TEMPLATE_PARK), region: '320000' },
  );
  const waiting = await completeOpenTask(engine, view.id, 'submitCreationApplication', as('park', TEMPLATE_PARK), {
    parkType: 'industry',
  });
  const ref = waiting.openTasks[0]?.ref ?? '';
  await engine.close();
  await store.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    // Renames as text: case id, park and task ref; the copies' audit trails and submissions start empty.
    const renamed = (column: string) =>
      `replace(replace(replace(${column}::text, $1, 'c_bench' || n), $2, 'P-' || n), $3, 't_bench' || n)`;
    const values = [view.id, TEMPLATE_PARK, ref];
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO cases (id, revision, process, version, subject, region, status, status_date, final,
                          started_at, updated_at, ended_at, body)
       SELECT 'c_bench' || n, revision, process, version, 'P-' || n, region, status, status_date, final,
              started_at, updated_at, ended_at,
              jsonb_set(jsonb_set(${renamed('body')}::jsonb, '{audit}', $4::jsonb), '{submissions}', '0')
       FROM cases, generate_series(0, ${count - 1}) AS n WHERE id = $1`,
      [...values, JSON.stringify({ count: 0, head: GENESIS_HASH })],
    );
    await client.query(
      `INSERT INTO documents (collection, id, body)
       SELECT 'states', ${renamed('d.id')}, ${renamed('d.body')}::jsonb
       FROM documents AS d, generate_series(0, ${count - 1}) AS n
       WHERE d.collection = 'states' AND d.id LIKE $1 || '.%' AND $2 <> '' AND $3 <> ''`,
      values,
    );
    for (const [table, columns] of [
      ['case_due_dates', 'name, due_on'],
      ['case_open_tasks', 'group_name, scope, task_id, form_key, created_at, due_on'],
      ['case_timers', 'execution_id, element_id, fire_on, fire_at'],
    ] as const) {
      const ref = table === 'case_open_tasks' ? `'t_bench' || n, ` : '';
      await client.query(
        `INSERT INTO ${table} (case_id, ${table === 'case_open_tasks' ? 'ref, ' : ''}${columns})
         SELECT 'c_bench' || n, ${ref}${columns} FROM ${table}, generate_series(0, ${count - 1}) AS n
         WHERE case_id = $1`,
        [view.id],
      );
    }
    // The template itself goes: every stored case is a copy.
    await client.query(`DELETE FROM cases WHERE id = $1`, [view.id]);
    await client.query(`DELETE FROM documents WHERE collection = 'states' AND id LIKE $1 || '.%'`, [view.id]);
    await client.query(`DELETE FROM log_entries WHERE id = $1`, [view.id]);
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return database;
}

/** Statements sent to PostgreSQL by this process (each a round trip): counted, as wall time on a busy machine is noise. */
let statements = 0;
const clientPrototype = pg.Client.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown };
const query = clientPrototype.query;
clientPrototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return query.apply(this, args);
};

interface Latency {
  /** Median wall time of one completion. */
  median: number;
  /** This process's CPU time per completion (ms), and statements sent per completion. */
  cpu: number;
  statements: number;
}

/** Completing the review on SAMPLES cases spread over the store. */
async function latencyAmong(url: string, count: number): Promise<Latency> {
  const { engine, store } = await engineOn(url);
  const data = await formExample('provincial-feasibility-review');
  const times: number[] = [];
  let cpu = 0;
  let sent = 0;
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const n = (i * 7919) % count;
      const cpuBefore = process.cpuUsage();
      const sentBefore = statements;
      const start = performance.now();
      await engine.completeTask(`t_bench${n}`, as('province', '320000'), data);
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuBefore);
      cpu += (used.user + used.system) / 1000;
      sent += statements - sentBefore;
    }
  } finally {
    await engine.close();
    await store.close();
  }
  const sorted = times.slice(5).sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, cpu: cpu / SAMPLES, statements: sent / SAMPLES };
}

const shown = (latency: Latency) =>
  `${latency.median.toFixed(1)} ms (CPU ${latency.cpu.toFixed(1)} ms, ${latency.statements.toFixed(1)} statements)`;

if (await postgresAvailable()) {
  const small = await storedCases(Math.min(100, STORED));
  const large = await storedCases(STORED);
  try {
    const few = await latencyAmong(small.url, Math.min(100, STORED));
    const many = await latencyAmong(large.url, STORED);
    const ratio = many.median / few.median;
    const rows: FigureRow[] = [
      { figure: 'per-transition latency, 100 stored cases (PostgreSQL)', value: shown(few), target: '—', ok: '—' },
      {
        figure: `per-transition latency, ${STORED} stored cases (PostgreSQL)`,
        value: shown(many),
        target: '—',
        ok: '—',
      },
      { figure: `  ratio ${STORED} / 100`, value: `${ratio.toFixed(2)}×`, target: '≤ 1.2×', ok: ratio <= 1.2 },
    ];
    console.log(`\nstored-cases benchmark (${await machineLine()})`);
    console.table(rows);
  } finally {
    await small.drop();
    await large.drop();
  }
}
