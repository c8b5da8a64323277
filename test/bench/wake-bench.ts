// npm run bench (waking up, issue 11 item 5): a store of 10,000 cases waiting on their creation-period
// timer — the day a cohort's acceptance opens, or a server back after an outage.
//   1. cold start: the real server as npm start runs it (the bundle) started on that store — lowdb, and
//      PostgreSQL (a store:copy of it) when it answers — until its first answered request (GET
//      /api/health) and its first real read (a logged-in GET of a case), beside the same start on an
//      empty store (what node, the modules and the definitions cost);
//   2. timer wave: the simulated clock moved past every timer, until all have fired — on lowdb, and on
//      a PostgreSQL copy of the store when it answers; then each case's audit is read back: every
//      timer fired once, in due order, and every audit chain verifies.
// BENCH_WAKE_CASES sets the count, BENCH_WAKE_PARTS which parts run (default start,open,timers),
// BENCH_WAKE_STORES which stores the cold start and the wave use (default lowdb,postgres,postgres2 —
// the last a wave shared by two processes on one database, as two servers run); BENCH_PROFILE=<dir>
// writes CPU profiles (node --cpu-prof) of the starts and the wave.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { chainEntries, GENESIS_HASH, type AuditEntry } from '../../engine/audit/audit-chain.js';
import { SimulatedClock } from '../../engine/clock.js';
import type { CaseRecord } from '../../engine/cases/case-record.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { LowdbStore, openStore } from '../../engine/store/index.js';
import type { Store } from '../../engine/ports.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { Accounts } from '../../server/accounts/accounts.js';
import { BUILT_ENTRY, startServer, stopServer } from '../server/http-client.js';
import { freshDatabase } from '../server/shared-database.js';
import { EngineHarness, throughCreation } from '../support/engine-harness.js';
import { adminQuery, POSTGRES_URL } from '../support/postgres.js';
import { closeChildren } from './bench-support.js';
import type { WaveAnswer, WaveCommand } from './wave-child.js';

const COUNT = Number(process.env.BENCH_WAKE_CASES ?? 10_000);
const PROFILE = process.env.BENCH_PROFILE;
const PARTS = new Set((process.env.BENCH_WAKE_PARTS ?? 'start,open,timers').split(','));
const START = '2024-04-01T09:00:00+08:00';
/** The day after the creation period (P1Y) of a case approved on START: every timer is overdue. */
const AFTER_DOWNTIME = '2025-04-03T09:00:00+08:00';

/** The park user of the first case: the cold start's first real read is theirs. */
const READER = { username: 'park-wake', password: 'Wake-bench-7d2Qx9' };
const STORES = new Set((process.env.BENCH_WAKE_STORES ?? 'lowdb,postgres,postgres2').split(','));

/** Where the stores go (BENCH_TMP, default the system's temp folder). */
const TMP = process.env.BENCH_TMP ?? tmpdir();
const stage = (text: string) => process.stderr.write(`wake-bench: ${text}\n`);

const figures: { figure: string; value: string; target: string; ok: string }[] = [];
const row = (figure: string, value: string, target = '—', ok?: boolean) =>
  figures.push({ figure, value, target, ok: ok === undefined ? '' : ok ? 'yes' : 'NO' });

/** A data directory with the admin account only (so no start pays for creating accounts). */
async function emptyStore(): Promise<string> {
  const dir = await mkdtemp(join(TMP, 'qbz-wake-'));
  const store = new LowdbStore(dir);
  const accounts = new Accounts(store);
  await accounts.create({ username: 'admin', password: 'Wake-bench-7d2Qx9', roles: ['admin'] });
  await accounts.create({ ...READER, roles: ['park:P-0'] });
  await store.close();
  return dir;
}

/**
 * `count` cases waiting on acceptanceOpensTimer: one real case run through creation, its record,
 * process state, audit and submissions cloned under new ids and subjects — each clone's audit
 * chain re-linked for its own id, so it verifies as a real one would.
 */
async function storeOfWaitingCases(count: number): Promise<string> {
  const template = await mkdtemp(join(TMP, 'qbz-wake-template-'));
  const h = await EngineHarness.open({ start: START, dataDir: template });
  const { id } = await throughCreation(h, 'P-T');
  await h.engine.close();
  await h.store.close();
  const record = JSON.parse(readFileSync(join(template, 'cases', `${id}.json`), 'utf8')) as CaseRecord;
  if (record.timers.length !== 1) throw new Error(`the template case waits on ${record.timers.length} timers`);
  const state = readFileSync(join(template, 'states', `${id}.${record.stateRevision}.json`), 'utf8');
  const audit = readFileSync(join(template, 'audit', `${id}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEntry);
  const submissions = readFileSync(join(template, 'submissions', `${id}.jsonl`), 'utf8');
  await rm(template, { recursive: true, force: true });

  const dir = await emptyStore();
  for (const folder of ['cases', 'states', 'audit', 'submissions']) mkdirSync(join(dir, folder));
  for (let i = 0; i < count; i++) {
    const caseId = `c_wake${String(i).padStart(6, '0')}`;
    const subject = `P-${i}`;
    const entries = chainEntries(
      { seq: 0, hash: GENESIS_HASH },
      audit.map((entry) => ({ ...entry, caseId })),
    );
    const head = entries.at(-1);
    const clone: CaseRecord = {
      ...record,
      id: caseId,
      subject,
      audit: { count: entries.length, head: head?.hash ?? GENESIS_HASH },
    };
    writeFileSync(join(dir, 'cases', `${caseId}.json`), JSON.stringify(clone));
    writeFileSync(join(dir, 'states', `${caseId}.${record.stateRevision}.json`), state);
    writeFileSync(join(dir, 'audit', `${caseId}.jsonl`), entries.map((entry) => JSON.stringify(entry) + '\n').join(''));
    writeFileSync(join(dir, 'submissions', `${caseId}.jsonl`), submissions);
  }
  return dir;
}

/** What a cold start took, from spawning the process (seconds). */
interface StartFigures {
  /** To the first answered request, GET /api/health. */
  health: number;
  /** Whether that answer said the cases were still loading. */
  loading: boolean;
  /** To the first real read: a park user logged in and their case answered (waits for every case). */
  read: number;
}

/**
 * Spawns the server as `npm start` runs it (the bundle, `node dist/node/server/main.js`) on `env`'s
 * store and times its first answers: the health check, then a logged-in read of one case.
 */
async function coldStart(env: Record<string, string>, name: string, caseId?: string): Promise<StartFigures> {
  const started = performance.now();
  const server = await startServer(
    { CLOCK: 'simulated', CLOCK_START: START, WEB_ROOT: join(TMP, 'no-web'), ...env },
    0,
    {
      readyWithin: 600_000,
      pollMs: 10,
      entry: BUILT_ENTRY,
      // A folder per start: the main thread and each worker thread write a profile of their own.
      nodeArgs: PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, `start-${name}`)}`],
    },
  );
  const health = (performance.now() - started) / 1000;
  const { cases } = (await (await fetch(`${server.base}/api/health`)).json()) as { cases?: string };
  const login = await fetch(`${server.base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: READER.username, password: READER.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const read = await fetch(`${server.base}/api/cases/${caseId ?? 'c_none'}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await read.text();
  if (read.status !== (caseId === undefined ? 404 : 200))
    throw new Error(`reading ${caseId ?? 'c_none'}: ${read.status}`);
  const figures = { health, loading: cases === 'loading', read: (performance.now() - started) / 1000 };
  await stopServer(server);
  return figures;
}

/** A fresh PostgreSQL database `wake_<name>_*` holding a copy of the data directory (store:copy), dropped by `drop`. */
async function postgresCopy(dataDir: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = await freshDatabase(`wake_${name}`);
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'engine/cli/store-copy.ts', '--from', dataDir, '--to', database.url, '--json'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return database;
}

/** Whether PostgreSQL answers (TEST_DATABASE_URL, default 127.0.0.1:5432, as the tests). */
async function postgresUp(): Promise<boolean> {
  return adminQuery('SELECT 1').then(
    () => true,
    () => false,
  );
}

/** The engine alone opening the store (in this process): the part of a start that grows with cases. */
async function engineOpen(dataDir: string): Promise<number> {
  const definitions = await DefinitionRegistry.load('definitions');
  const store = new LowdbStore(dataDir);
  const started = performance.now();
  const engine = await WorkflowEngine.open({ definitions, store, clock: new SimulatedClock(new Date(START)) });
  const seconds = (performance.now() - started) / 1000;
  await engine.close();
  await store.close();
  return seconds;
}

/** Moves the clock past every timer and fires them; seconds until all have fired. */
async function timerWave(open: () => Promise<Store>, name: string): Promise<{ seconds: number; fired: number }> {
  const definitions = await DefinitionRegistry.load('definitions');
  const store = await open();
  const clock = new SimulatedClock(new Date(START));
  const engine = await WorkflowEngine.open({ definitions, store, clock });
  const profiler = PROFILE === undefined ? undefined : new Session();
  if (profiler !== undefined) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const started = performance.now();
  clock.advanceTo(new Date(AFTER_DOWNTIME));
  const fired = await engine.runDueTimers();
  const seconds = (performance.now() - started) / 1000;
  if (profiler !== undefined && PROFILE !== undefined) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(join(PROFILE, `timer-wave-${name}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
  }
  await engine.close();
  await store.close();
  return { seconds, fired };
}

/** The next answer of a wave process; rejects on its error. */
function answerOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('message', ({ fired, error }: WaveAnswer) => {
      if (error === undefined) resolve(fired);
      else reject(new Error(error));
    });
  });
}

/**
 * The same wave shared by `count` processes on one PostgreSQL database (test/bench/wave-child.ts):
 * each opens its engine first, then all move their clocks at once; seconds until the last is done.
 */
async function timerWaveInProcesses(url: string, count: number): Promise<{ seconds: number; fired: number }> {
  const children = Array.from({ length: count }, () =>
    fork('test/bench/wave-child.ts', [url, START], { execArgv: ['--import', 'tsx'] }),
  );
  try {
    await Promise.all(children.map(answerOf));
    const started = performance.now();
    const shares = children.map((child) => {
      const share = answerOf(child);
      child.send({ kind: 'fire', advanceTo: AFTER_DOWNTIME } satisfies WaveCommand);
      return share;
    });
    const fired = (await Promise.all(shares)).reduce((sum, share) => sum + share, 0);
    return { seconds: (performance.now() - started) / 1000, fired };
  } finally {
    await closeChildren(children);
  }
}

/**
 * Reads every case back through a fresh engine: each timer that was due fired exactly once, at its
 * due instant and in due order, none is still due, and the audit chain verifies. Returns the problems.
 */
async function checkWave(dataDir: string, open: () => Promise<Store>): Promise<string[]> {
  const definitions = await DefinitionRegistry.load('definitions');
  const store = await open();
  const clock = new SimulatedClock(new Date(AFTER_DOWNTIME));
  const engine = await WorkflowEngine.open({ definitions, store, clock });
  const problems: string[] = [];
  const ids = readdirSync(join(dataDir, 'cases')).map((file) => file.slice(0, -'.json'.length));
  for (const id of ids.filter((name) => name.startsWith('c_wake'))) {
    const verified = await engine.verifyAudit(id);
    if (!verified.ok) problems.push(`${id}: audit chain does not verify`);
    const entries = (await store.readLog<AuditEntry>('audit', id)).filter((entry) => entry.type === 'timer.fired');
    const elements = entries.map((entry) => String(entry.details.element));
    if (new Set(elements).size !== elements.length || !elements.includes('acceptanceOpensTimer'))
      problems.push(`${id}: timers fired ${elements.join(', ') || 'none'}`);
    const ats = entries.map((entry) => entry.at);
    if (ats.some((at, index) => index > 0 && at < (ats[index - 1] ?? ''))) problems.push(`${id}: out of due order`);
    const record = await store.get<CaseRecord>('cases', id);
    const overdue = record?.timers.filter((timer) => (timer.fireAt ?? '~') <= clock.now().toISOString()) ?? [];
    if (overdue.length > 0) problems.push(`${id}: ${overdue.length} timers still due`);
  }
  await engine.close();
  await store.close();
  return problems;
}

process.on('uncaughtException', (error) => {
  console.error(error);
  process.exit(1);
});
if (PROFILE !== undefined) mkdirSync(PROFILE, { recursive: true });

stage(`seeding ${COUNT} waiting cases`);
const empty = await emptyStore();
const full = await storeOfWaitingCases(COUNT);
if (PARTS.has('start')) {
  stage('building the server (server/bundle.ts), as npm start does');
  execFileSync(process.execPath, ['--import', 'tsx', 'server/bundle.ts'], { stdio: 'inherit' });
  const stores: {
    kind: string;
    env: (dir: string, name: string) => Promise<{ env: Record<string, string>; drop?: () => Promise<void> }>;
  }[] = [];
  if (STORES.has('lowdb')) stores.push({ kind: 'lowdb', env: (dir) => Promise.resolve({ env: { DATA_DIR: dir } }) });
  if (STORES.has('postgres')) {
    if (await postgresUp())
      stores.push({
        kind: 'PostgreSQL',
        env: async (dir, name) => {
          const copy = await postgresCopy(dir, name);
          return { env: { DATABASE_URL: copy.url, DATA_DIR: dir }, drop: copy.drop };
        },
      });
    else stage(`PostgreSQL does not answer at ${POSTGRES_URL}: its cold start is not measured`);
  }
  for (const { kind, env } of stores) {
    stage(`cold starts, ${kind}`);
    const emptyPlace = await env(empty, 'empty');
    const fullPlace = await env(full, 'full');
    try {
      const emptyStart = await coldStart(emptyPlace.env, `${kind}-empty`);
      const fullStart = await coldStart(fullPlace.env, `${kind}-${COUNT}`, 'c_wake000000');
      row(`cold start, ${kind}, empty store (node, modules, definitions)`, `${emptyStart.health.toFixed(2)} s`);
      row(
        `cold start, ${kind}, ${COUNT} stored cases, to the first answered request (/api/health${fullStart.loading ? ', cases loading' : ''})`,
        `${fullStart.health.toFixed(2)} s`,
        '≤ 2 s',
        fullStart.health <= 2,
      );
      row(`  to the first real read (a park user logs in, reads a case)`, `${fullStart.read.toFixed(2)} s`);
    } finally {
      await emptyPlace.drop?.();
      await fullPlace.drop?.();
    }
  }
}
if (PARTS.has('open')) {
  stage('engine open');
  const open = await engineOpen(full);
  row(`  of which the engine opening ${COUNT} cases (in process, files cached)`, `${open.toFixed(2)} s`);
}
let problems: string[] = [];
if (PARTS.has('timers')) {
  // The PostgreSQL copy is taken before the lowdb wave changes the data directory.
  const waveStores: {
    kind: string;
    wave: () => Promise<{ seconds: number; fired: number }>;
    open: () => Promise<Store>;
    drop?: () => Promise<void>;
  }[] = [];
  if (STORES.has('lowdb')) {
    const open = () => Promise.resolve(new LowdbStore(full));
    waveStores.push({ kind: 'lowdb', open, wave: () => timerWave(open, 'lowdb') });
  }
  const postgres = [
    { store: 'postgres', processes: 1 },
    { store: 'postgres2', processes: 2 },
  ].filter(({ store }) => STORES.has(store));
  if (postgres.length > 0 && (await postgresUp())) {
    for (const { processes } of postgres) {
      stage(`copying the store into PostgreSQL for its wave (${processes} process${processes > 1 ? 'es' : ''})`);
      const copy = await postgresCopy(full, `wave${processes}`);
      const kind = processes === 1 ? 'PostgreSQL' : `PostgreSQL, ${processes} processes`;
      const open = async () => (await openStore({ databaseUrl: copy.url, dataDir: full })).store;
      waveStores.push({
        kind,
        open,
        wave: () => (processes === 1 ? timerWave(open, kind) : timerWaveInProcesses(copy.url, processes)),
        drop: copy.drop,
      });
    }
  }
  for (const { kind, wave: runWave, open, drop } of waveStores) {
    try {
      stage(`timer wave, ${kind}`);
      const wave = await runWave();
      if (wave.fired !== COUNT) throw new Error(`${wave.fired} timers fired, ${COUNT} were due`);
      row(
        `${COUNT} overdue timers fired after downtime, ${kind}`,
        `${wave.seconds.toFixed(1)} s`,
        '≤ 30 s',
        wave.seconds <= 30,
      );
      row('  per timer', `${((wave.seconds * 1000) / COUNT).toFixed(2)} ms`);
      stage(`checking every case, ${kind}`);
      const wrong = await checkWave(full, open);
      row(
        '  each fired once, in due order, audit chains verify',
        wrong.length === 0 ? 'yes' : `${wrong.length} cases wrong`,
      );
      problems = problems.concat(wrong);
    } finally {
      await drop?.();
    }
  }
}
// BENCH_WAKE_KEEP=1 keeps the stores (to profile a start by hand).
if (process.env.BENCH_WAKE_KEEP === '1') stage(`kept: ${empty} (empty), ${full} (${COUNT} cases)`);
else for (const dir of [empty, full]) await rm(dir, { recursive: true, force: true });

console.log(`\nwaking up (node ${process.version}, lowdb, ${COUNT} cases)`);
console.table(figures);
for (const problem of problems.slice(0, 10)) console.log(problem);
if (problems.length > 0) process.exitCode = 1;
// Something the engine or the account store opened keeps the event loop alive after the last figure
// (seen as a bench that printed its table and never exited); a bench ends when it has reported.
process.exit();
