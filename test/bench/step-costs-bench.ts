// npm run bench (step costs): what each bpmn-engine call costs a case through its lifecycle — the
// start, each task's completion, each timer, each recovery of a saved instance and each reading of
// its state — on the real 2024 process, lowdb, one process. The throughput targets of issue 11 need
// ≤ 6 ms of CPU per transition; this table shows which steps are over it and by how much.
// BENCH_STEP_CASES sets how many cases walk (default 30).
import { LiveInstance } from '../../engine/runtime/live-instance.js';
import { machineLine } from './bench-support.js';
import { as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';

const CASES = Number(process.env.BENCH_STEP_CASES ?? 30);
const START = '2024-04-01T09:00:00+08:00';
const ACCEPTANCE_OPEN = '2025-04-03T09:00:00+08:00';
const PUBLICITY_OVER = '2025-06-03T09:00:00+08:00';
const FIRST_ANNUAL_REPORT = '2026-07-03T09:00:00+08:00';

/** Milliseconds per call, by call (and task), for the stage being walked. */
let spent = new Map<string, number[]>();
const record = (call: string, started: number) => {
  const list = spent.get(call) ?? [];
  list.push(performance.now() - started);
  spent.set(call, list);
};

type Method = (this: LiveInstance, ...args: unknown[]) => unknown;
function time(name: 'signalTask' | 'fireTimer' | 'deliverMessage' | 'state' | 'snapshot', label = false): void {
  const prototype = LiveInstance.prototype as unknown as Record<string, Method>;
  const original = prototype[name] as Method;
  prototype[name] = function timed(this: LiveInstance, ...args: unknown[]) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      record(label ? `${name} ${String(args[0])}` : name, started);
    }
  };
}
function timeStatic(name: 'start' | 'recover'): void {
  const statics = LiveInstance as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = statics[name] as (...args: unknown[]) => Promise<unknown>;
  statics[name] = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original.apply(LiveInstance, args);
    } finally {
      record(name, started);
    }
  };
}
time('signalTask', true);
time('fireTimer');
time('deliverMessage', true);
time('state');
time('snapshot');
timeStatic('start');
timeStatic('recover');

const h = await EngineHarness.open({ start: START });
const parks = Array.from({ length: CASES }, (_, index) => `P-${index}`);
const stages: { stage: string; rows: Map<string, number[]> }[] = [];
const stage = async (name: string, walk: () => Promise<unknown>) => {
  spent = new Map();
  await walk();
  stages.push({ stage: name, rows: spent });
};

const ids = new Map<string, string>();
await stage('creation', async () => {
  for (const park of parks) ids.set(park, (await throughCreation(h, park)).id);
});
const caseOf = (park: string) => ids.get(park) ?? '';
await stage('acceptance opens (timer wave), acceptance', async () => {
  await h.advanceTo(ACCEPTANCE_OPEN);
  for (const park of parks) await throughAcceptance(h, caseOf(park), park);
});
await stage('notice ends (timer wave), recognition', async () => {
  await h.advanceTo(PUBLICITY_OVER);
  for (const park of parks) await h.complete(caseOf(park), 'samrRecognition', as('samr'));
});
await stage('first annual report (timer wave), report', async () => {
  await h.advanceTo(FIRST_ANNUAL_REPORT);
  for (const park of parks) await h.complete(caseOf(park), 'submitAnnualReport', as('park', park));
});
await h.close();

const rows = stages.flatMap(({ stage: name, rows: calls }) =>
  [...calls]
    .map(([call, times]) => {
      const total = times.reduce((sum, value) => sum + value, 0);
      return { stage: name, call, calls: times.length, 'ms per call': (total / times.length).toFixed(2), total };
    })
    .sort((a, b) => b.total - a.total)
    .map(({ total, ...row }) => ({ ...row, 'ms per case': (total / CASES).toFixed(1) })),
);
const perCase = stages
  .flatMap(({ rows: calls }) => [...calls.values()])
  .flat()
  .reduce((sum, value) => sum + value, 0);
console.log(`\nbpmn-engine calls per step (${CASES} cases, lowdb, ${await machineLine()})`);
console.table(rows);
console.log(`all bpmn-engine calls: ${(perCase / CASES).toFixed(1)} ms per case to the first annual report`);
