// npm run bench (lifecycle part): BENCH_LIFECYCLE (default 1,000) cases through the lifecycle to
// recognition on a simulated clock — creation, acceptance opening a year on (timers), acceptance,
// recognition — on PostgreSQL with BENCH_PROCESSES (default 2) processes sharing one database, each
// walking its share of the parks, and on the embedded store (lowdb) with one process.
import { fork, type ChildProcess } from 'node:child_process';
import { EngineHarness } from '../support/engine-harness.js';
import { postgresAvailable } from '../support/postgres.js';
import { benchDatabase, closeChildren, machineLine, type FigureRow } from './bench-support.js';
import { lifecyclePhase, type LifecycleCommand } from './lifecycle-phases.js';

const CASES = Number(process.env.BENCH_LIFECYCLE ?? 1000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 2);
const START = '2024-04-01T09:00:00+08:00';
/** Acceptance opens a year after approval (the creation period's end timer). */
const ACCEPTANCE = '2025-04-02T09:00:00+08:00';
/** Past the public notice that follows expert evaluation: recognition is open. */
const RECOGNITION = '2025-04-11T09:00:00+08:00';

type Run = (command: LifecycleCommand, share: (parks: string[]) => LifecycleCommand[]) => Promise<number[]>;

/** The whole walk; `run` sends a phase to every process (each its own share of the parks). */
async function walk(run: Run, parks: string[]): Promise<{ seconds: number; cpu: number }> {
  const split = (kind: 'create' | 'accept' | 'recognise' | 'recognised') => (shares: string[]) => [
    { kind, parks: shares },
  ];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const cpuBefore = sum(await run({ kind: 'cpu' }, () => []));
  const started = performance.now();
  await run({ kind: 'create', parks }, split('create'));
  for (const to of [ACCEPTANCE, RECOGNITION]) {
    // Every process fires what it claims; again until no due timer is left (one may have held a lease).
    for (let round = 0; ; round += 1) {
      await run({ kind: 'advance', to }, () => []);
      const [due = 0] = await run({ kind: 'due' }, () => []);
      if (due === 0) break;
      if (round > 20) throw new Error(`${due} cases still have due timers`);
    }
    if (to === ACCEPTANCE) await run({ kind: 'accept', parks }, split('accept'));
  }
  await run({ kind: 'recognise', parks }, split('recognise'));
  const seconds = (performance.now() - started) / 1000;
  const cpu = sum(await run({ kind: 'cpu' }, () => [])) - cpuBefore;
  const recognised = sum(await run({ kind: 'recognised', parks }, split('recognised')));
  if (recognised !== parks.length) throw new Error(`only ${recognised} of ${parks.length} cases recognised`);
  return { seconds, cpu };
}

const parks = Array.from({ length: CASES }, (_, i) => `P-${i}`);
/** Parks dealt out to `count` processes, round robin. */
const shares = (count: number) =>
  Array.from({ length: count }, (_, index) => parks.filter((_, i) => i % count === index));

async function onLowdb(): Promise<{ seconds: number; cpu: number }> {
  const h = await EngineHarness.open({ start: START });
  const ids = new Map<string, string>();
  try {
    return await walk((command) => lifecyclePhase(h, h.clock, ids, command).then((n) => [n]), parks);
  } finally {
    await h.close();
  }
}

function ask(child: ChildProcess, command: LifecycleCommand): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ok: boolean; answer?: number; error?: string }) => {
      if (message.ok) resolve(message.answer ?? 0);
      else reject(new Error(message.error));
    });
    child.send(command);
  });
}

async function onPostgres(count: number): Promise<{ seconds: number; cpu: number }> {
  const database = await benchDatabase('lifecycle');
  const children: ChildProcess[] = [];
  try {
    // The first applies the migrations alone, as WORKERS does.
    for (let i = 0; i < count; i++) {
      const child = fork('test/bench/lifecycle-child.ts', [database.url, START], {
        execArgv: [
          '--import',
          'tsx',
          ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
        ],
      });
      children.push(child);
      await new Promise((resolve) => child.once('message', resolve));
    }
    const dealt = shares(count);
    return await walk(
      (command, share) =>
        Promise.all(
          children.map((child, i) => {
            const own = share(dealt[i] ?? []);
            return ask(child, own[0] ?? command);
          }),
        ),
      parks,
    );
  } finally {
    await closeChildren(children);
    await database.drop();
  }
}

const rows: FigureRow[] = [];
/** The figure, and beside it the node CPU time it took (PostgreSQL's own CPU not counted). */
const report = (figure: string, { seconds, cpu }: { seconds: number; cpu: number }, target?: number) => {
  rows.push({
    figure,
    value: `${seconds.toFixed(1)} s`,
    target: target === undefined ? 'reported' : `≤ ${target} s`,
    ok: target === undefined ? '—' : seconds <= target,
  });
  rows.push({
    figure: `  node CPU time per case (all processes)`,
    value: `${((cpu * 1000) / CASES).toFixed(0)} ms`,
    target: '—',
    ok: '—',
  });
};
if (await postgresAvailable()) {
  report(`${CASES} lifecycles to recognition, PostgreSQL, ${PROCESSES} processes`, await onPostgres(PROCESSES), 60);
}
if (process.env.BENCH_LOWDB !== '0') {
  report(`${CASES} lifecycles to recognition, lowdb, 1 process`, await onLowdb());
}
console.log(`\nlifecycle benchmark (${await machineLine()})`);
console.table(rows);
