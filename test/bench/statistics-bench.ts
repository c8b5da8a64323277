// npm run bench (statistics part): what GET /api/statistics costs the server with BENCH_STATISTICS_CASES
// (420) stored cases, as a ratio against GET /api/cases over the same cases, measured in the same run
// (interleaved, one request after the other, BENCH_SAMPLES rounds). The statistics count every case's
// status changes by month from its audit trail and the designated subjects' types from their
// submissions; the list reads neither. Three real cases — one just applied, one created, one recognised
// (in its demonstration period, the longest history) — are cloned under new ids and parks into a lowdb
// store (each clone's audit chain re-linked for its id), then served by the app as `main.ts` wires it,
// on a socket, signed in as SAMR (who sees every case); then the same on a PostgreSQL copy of the store
// (store:copy) when it answers (BENCH_STATISTICS_STORES, default lowdb,postgres). The first statistics
// request after the start is reported on its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEntries, GENESIS_HASH, type AuditEntry } from '../../engine/audit/audit-chain.js';
import type { CaseRecord } from '../../engine/cases/case-record.js';
import type { Store } from '../../engine/ports.js';
import { LowdbStore } from '../../engine/store/index.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { postgresAvailable } from '../support/postgres.js';
import { ServerHarness, withUsers } from '../server/harness.js';
import { as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';
import { benchDatabase, machineLine, type FigureRow } from './bench-support.js';

const CASES = Number(process.env.BENCH_STATISTICS_CASES ?? 420);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
/** Which stores serve the cases (default both; PostgreSQL only when it answers). */
const STORES = (process.env.BENCH_STATISTICS_STORES ?? 'lowdb,postgres').split(',');
const START = '2024-04-01T09:00:00+08:00';
const ACCEPTANCE_OPENS = '2025-04-02T09:00:00+08:00';
const NOTICE_ENDS = '2025-04-11T09:00:00+08:00';
const stage = (text: string) => process.stderr.write(`statistics-bench: ${text}\n`);

/** One stored case as files: its record, process state, audit trail and submissions. */
interface Template {
  id: string;
  park: string;
  record: string;
  state: string;
  audit: AuditEntry[];
  submissions: string;
}

/** The three template cases, run on a lowdb store of their own. */
async function templates(): Promise<Template[]> {
  const dir = await mkdtemp(join(tmpdir(), 'qbz-stats-template-'));
  const h = await EngineHarness.open({ start: START, dataDir: dir });
  const applied = await h.engine.startCase(
    { process: 'quality-brand-zone', park: 'PTA', province: '320000' },
    { ...as('park', 'PTA'), region: '320000' },
  );
  await h.complete(applied.id, 'submitCreationApplication', as('park', 'PTA'), { parkType: 'industry' });
  const created = await throughCreation(h, 'PTC');
  const recognised = await throughCreation(h, 'PTR');
  await h.advanceTo(ACCEPTANCE_OPENS);
  await throughAcceptance(h, recognised.id, 'PTR');
  await h.advanceTo(NOTICE_ENDS);
  await h.complete(recognised.id, 'samrRecognition', as('samr'));
  await h.engine.close();
  await h.store.close();
  const read = (folder: string, file: string) => readFileSync(join(dir, folder, file), 'utf8');
  const cases = [
    { id: applied.id, park: 'PTA' },
    { id: created.id, park: 'PTC' },
    { id: recognised.id, park: 'PTR' },
  ].map(({ id, park }) => {
    const record = read('cases', `${id}.json`);
    const { stateRevision } = JSON.parse(record) as CaseRecord;
    return {
      id,
      park,
      record,
      state: read('states', `${id}.${stateRevision}.json`),
      audit: read('audit', `${id}.jsonl`)
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as AuditEntry),
      submissions: read('submissions', `${id}.jsonl`),
    };
  });
  await rm(dir, { recursive: true, force: true });
  return cases;
}

/** `count` clones of the templates in turn, under new ids, parks and task refs, in a new lowdb folder. */
async function storeOfCases(count: number): Promise<string> {
  const cases = await templates();
  const dir = await mkdtemp(join(tmpdir(), 'qbz-stats-'));
  for (const folder of ['cases', 'states', 'audit', 'submissions']) mkdirSync(join(dir, folder));
  for (let i = 0; i < count; i++) {
    const template = cases[i % cases.length];
    if (template === undefined) throw new Error('no template');
    const id = `c_stats${String(i).padStart(5, '0')}`;
    // Renamed as text: the case id, the park and the task refs (t_… → t_…s<n>) are unique to the case.
    const renamed = (text: string) =>
      text
        .replaceAll(template.id, id)
        .replaceAll(`"${template.park}"`, `"P-${i}"`)
        .replace(/"(t_[A-Za-z0-9_-]+)"/g, `"$1s${i}"`);
    const entries = chainEntries(
      { seq: 0, hash: GENESIS_HASH },
      template.audit.map((entry) => ({ ...entry, caseId: id })),
    );
    const record = JSON.parse(renamed(template.record)) as CaseRecord;
    record.audit = { count: entries.length, head: entries.at(-1)?.hash ?? GENESIS_HASH };
    writeFileSync(join(dir, 'cases', `${id}.json`), JSON.stringify(record));
    writeFileSync(join(dir, 'states', `${id}.${record.stateRevision}.json`), renamed(template.state));
    writeFileSync(join(dir, 'audit', `${id}.jsonl`), entries.map((entry) => JSON.stringify(entry) + '\n').join(''));
    writeFileSync(join(dir, 'submissions', `${id}.jsonl`), renamed(template.submissions));
  }
  return dir;
}

interface Cost {
  /** Median wall time of one request (ms). */
  median: number;
  /** This process's CPU time per request (ms): the server's, and the client's reading the answer. */
  cpu: number;
}

/** One GET as SAMR: wall time and CPU time (ms). */
async function timed(base: string, path: string, token: string): Promise<{ ms: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  const ms = performance.now() - start;
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const used = process.cpuUsage(cpuBefore);
  return { ms, cpu: (used.user + used.system) / 1000 };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(
  open: () => Promise<Store>,
): Promise<{ first: number; list: Cost; statistics: Cost; total: number }> {
  const h = await ServerHarness.create({ store: await open() });
  let server: Server | undefined;
  try {
    await h.engine.ready;
    await h.advanceTo('2025-06-01T09:00:00+08:00');
    await withUsers(h, ['samr']);
    server = createServer(h.app);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = h.token('samr');
    const first = await timed(base, '/api/statistics', token);
    const figures = (await (
      await fetch(`${base}/api/statistics`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { total: number };
    const runs = { list: [] as { ms: number; cpu: number }[], statistics: [] as { ms: number; cpu: number }[] };
    for (let round = 0; round < SAMPLES + 3; round++) {
      const list = await timed(base, '/api/cases', token);
      const statistics = await timed(base, '/api/statistics', token);
      // The first rounds warm both paths up.
      if (round < 3) continue;
      runs.list.push(list);
      runs.statistics.push(statistics);
    }
    const cost = (samples: { ms: number; cpu: number }[]): Cost => ({
      median: median(samples.map((sample) => sample.ms)),
      cpu: samples.reduce((sum, sample) => sum + sample.cpu, 0) / samples.length,
    });
    return { first: first.ms, list: cost(runs.list), statistics: cost(runs.statistics), total: figures.total };
  } finally {
    const listening = server;
    if (listening !== undefined) await new Promise((resolve) => listening.close(resolve));
    await h.close();
  }
}

/** A fresh PostgreSQL database holding a copy of the data directory (store:copy), dropped by `drop`. */
async function postgresCopy(dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = await benchDatabase('statistics');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'engine/cli/store-copy.ts', '--from', dir, '--to', database.url, '--json'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return database;
}

/** The figures of one store, as table rows. */
function rowsOf(name: string, { first, list, statistics, total }: Awaited<ReturnType<typeof measure>>): FigureRow[] {
  if (total !== CASES) throw new Error(`the statistics counted ${total} cases, not ${CASES}`);
  const shown = (cost: Cost) => `${cost.median.toFixed(1)} ms (CPU ${cost.cpu.toFixed(1)} ms)`;
  const ratio = statistics.median / list.median;
  const cpuRatio = statistics.cpu / list.cpu;
  return [
    { figure: `GET /api/cases, ${CASES} cases (${name}), median`, value: shown(list), target: '—', ok: '—' },
    { figure: `GET /api/statistics, ${CASES} cases (${name}), median`, value: shown(statistics), target: '—', ok: '—' },
    {
      figure: '  ratio statistics / cases (wall, CPU)',
      value: `${ratio.toFixed(2)}×, ${cpuRatio.toFixed(2)}×`,
      target: '≤ 1×',
      ok: ratio <= 1 && cpuRatio <= 1,
    },
    { figure: '  first GET /api/statistics after the start', value: `${first.toFixed(1)} ms`, target: '—', ok: '—' },
  ];
}

stage(`cloning ${CASES} cases`);
const dir = await storeOfCases(CASES);
// Copied before the lowdb run, which adds its accounts to the folder.
const database = STORES.includes('postgres') && (await postgresAvailable()) ? await postgresCopy(dir) : undefined;
try {
  stage('measuring on lowdb');
  const rows = rowsOf('lowdb', await measure(() => Promise.resolve(new LowdbStore(dir, { fsync: false }))));
  if (database !== undefined) {
    stage('measuring on PostgreSQL');
    rows.push(...rowsOf('PostgreSQL', await measure(() => PostgresStore.open({ connectionString: database.url }))));
  }
  console.log(`\nstatistics benchmark (${await machineLine()})`);
  console.table(rows);
} finally {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
}
