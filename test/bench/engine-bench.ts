// npm run bench (engine part): each figure against a baseline measured in the same run, on the real
// 2024 process. Not part of the test suite: timings belong here, as ratios (DEVELOPERS' brief).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from 'bpmn-engine';
import { evaluate } from 'feelin';
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { LowdbStore } from '../../engine/store/index.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { as, EngineHarness, formExample } from '../support/engine-harness.js';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

const XML = await readFile('definitions/quality-brand-zone/2024-03-14/process.bpmn', 'utf8');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const figures: { name: string; value: string; baseline: string; ratio: string; target: string; ok: boolean }[] = [];
function report(name: string, value: number, baseline: number, target: number, unit = 'ms'): void {
  const ratio = value / baseline;
  figures.push({
    name,
    value: `${value.toFixed(2)} ${unit}`,
    baseline: `${baseline.toFixed(2)} ${unit}`,
    ratio: `${ratio.toFixed(2)}×`,
    target: `≤ ${target}×`,
    ok: ratio <= target,
  });
}

// ---- raw bpmn-engine on the same process: conditions evaluated by feelin over fixed variables ----
const variables = {
  decision: 'return',
  art7Declarations: { a: false },
  case: { history: [] },
  rules: { reapplyBanAfterRevocation: 'P3Y' },
  today: () => '2024-04-01',
};
const rawScripts = {
  register: () => undefined,
  getScript: (_language: string, flow: { behaviour: { conditionExpression?: { body?: string } } }) => ({
    execute: (_context: unknown, next: (error: null, value: boolean) => void) => {
      next(null, evaluate(flow.behaviour.conditionExpression?.body ?? 'false', variables).value === true);
    },
  }),
};
const rawExpressions = {
  resolveExpression: (text: unknown) => (text === '=rules.consultedDepartments' ? ['moa'] : text),
  isExpression: () => false,
  hasExpression: () => false,
};
const rawOptions = () =>
  ({
    source: XML,
    moddleOptions: { camunda },
    scripts: rawScripts,
    expressions: rawExpressions,
  }) as unknown as ConstructorParameters<typeof Engine>[0];

interface RawExecution {
  getPostponed(): { id: string; executionId: string }[];
  signal(message: { id: string; executionId: string }): void;
}
const signalWaiting = (execution: RawExecution, id: string) => {
  const task = execution.getPostponed().find((activity) => activity.id === id);
  if (task === undefined) throw new Error(`raw: ${id} is not waiting`);
  execution.signal({ id, executionId: task.executionId });
};

async function rawHot(rounds: number): Promise<number> {
  const engine = new Engine(rawOptions());
  const execution = (await engine.execute()) as unknown as RawExecution;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const id of ['submitCreationApplication', 'provincialFeasibilityReview']) {
      const start = performance.now();
      signalWaiting(execution, id);
      times.push(performance.now() - start);
    }
  }
  return median(times.slice(10));
}

async function rawCold(rounds: number, dir: string): Promise<number> {
  const engine = new Engine(rawOptions());
  const execution = (await engine.execute()) as unknown as RawExecution;
  signalWaiting(execution, 'submitCreationApplication');
  let state = JSON.stringify(await engine.getState());
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = i % 2 === 0 ? 'provincialFeasibilityReview' : 'submitCreationApplication';
    const start = performance.now();
    const recovered = new Engine(rawOptions()).recover(JSON.parse(state) as unknown);
    const resumed = (await recovered.resume()) as unknown as RawExecution;
    signalWaiting(resumed, id);
    state = JSON.stringify(await recovered.getState());
    await writeFile(join(dir, 'raw-state.json'), state);
    times.push(performance.now() - start);
  }
  return median(times.slice(3));
}

// ---- ours: return loops on one case (submit ↔ provincial return), hot or cold --------------------
async function ours(rounds: number, hotCases: number, dataDir: string): Promise<number> {
  const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
  const store = new LowdbStore(dataDir);
  const engine = await WorkflowEngine.open({ definitions: 'definitions', store, clock, hotCases });
  const park = { ...as('park', 'P-1'), region: '320000' };
  const province = as('province', '320000');
  const submit = await formExample('submit-creation-application', { parkType: 'industry' });
  const back = await formExample('provincial-feasibility-review', { decision: 'return', comments: '请补充材料' });
  let view = await engine.startCase({ process: 'quality-brand-zone', park: 'P-1', province: '320000' }, park);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [actor, data] of [
      [park, submit],
      [province, back],
    ] as const) {
      const ref = view.openTasks[0]?.ref ?? '';
      const start = performance.now();
      view = await engine.completeTask(ref, actor, data);
      times.push(performance.now() - start);
    }
  }
  await engine.close();
  await store.close();
  return median(times.slice(10));
}

/** A data directory with `count` cases waiting at provincialFeasibilityReview, cloned from one real case. */
async function storedCases(count: number): Promise<string> {
  const template = await mkdtemp(join(tmpdir(), 'qbz-bench-template-'));
  const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', dataDir: template });
  const view = await h.engine.startCase(
    { process: 'quality-brand-zone', park: 'P-T', province: '320000' },
    { ...as('park', 'P-T'), region: '320000' },
  );
  await h.complete(view.id, 'submitCreationApplication', as('park', 'P-T'), { parkType: 'industry' });
  await h.engine.close();
  await h.store.close();
  const record = JSON.parse(await readFile(join(template, 'cases', `${view.id}.json`), 'utf8')) as {
    id: string;
    park: string;
    stateRevision: number;
    tasks: { ref: string }[];
  };
  const state = await readFile(join(template, 'states', `${view.id}.${record.stateRevision}.json`), 'utf8');
  const dir = await mkdtemp(join(tmpdir(), `qbz-bench-${count}-`));
  await mkdir(join(dir, 'cases'));
  await mkdir(join(dir, 'states'));
  for (let i = 0; i < count; i++) {
    const id = `c_bench${i}`;
    const clone = {
      ...record,
      id,
      park: `P-${i}`,
      tasks: record.tasks.map((task) => ({ ...task, ref: `t_bench${i}` })),
      audit: { count: 0, head: '0'.repeat(64) },
      submissions: 0,
    };
    await writeFile(join(dir, 'cases', `${id}.json`), JSON.stringify(clone));
    await writeFile(join(dir, 'states', `${id}.${record.stateRevision}.json`), state);
  }
  await rm(template, { recursive: true, force: true });
  return dir;
}

async function latencyAmong(dir: string, count: number, samples: number): Promise<number> {
  const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
  const store = new LowdbStore(dir);
  const definitions = await DefinitionRegistry.load('definitions');
  const engine = await WorkflowEngine.open({ definitions, store, clock, hotCases: 16 });
  const data = await formExample('provincial-feasibility-review');
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const n = Math.floor((i * 7919) % count);
    const start = performance.now();
    await engine.completeTask(`t_bench${n}`, as('province', '320000'), data);
    times.push(performance.now() - start);
  }
  await engine.close();
  await store.close();
  return median(times.slice(5));
}

const work = await mkdtemp(join(tmpdir(), 'qbz-bench-'));
const rounds = Number(process.env.BENCH_ROUNDS ?? 60);
const hotRaw = await rawHot(rounds);
const hotOurs = await ours(rounds, 64, join(work, 'hot'));
report('task completion, hot case (ours, saved) vs raw bpmn-engine signal on a live instance', hotOurs, hotRaw, 2);
const coldRaw = await rawCold(Math.ceil(rounds / 3), work);
const coldOurs = await ours(Math.ceil(rounds / 3), 0, join(work, 'cold'));
report('task completion, cold case (ours) vs raw recover → signal → getState → write', coldOurs, coldRaw, 1);

const stored = Number(process.env.BENCH_STORED ?? 10_000);
const small = await storedCases(100);
const large = await storedCases(stored);
const latencySmall = await latencyAmong(small, 100, 40);
const latencyLarge = await latencyAmong(large, stored, 40);
report(`per-transition latency, ${stored} stored cases vs 100`, latencyLarge, latencySmall, 1.2);

// RSS of a fresh process holding the large store open (every case waiting), after GC.
const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/bench/rss-child.ts', large], {
  encoding: 'utf8',
});
const rss = Number(/RSS (\d+)/.exec(child.stdout)?.[1] ?? NaN);
figures.push({
  name: `RSS with ${stored} waiting cases`,
  value: `${rss} MB`,
  baseline: '—',
  ratio: '—',
  target: '≤ 250 MB',
  ok: rss <= 250,
});

// The lifecycle figure (1,000 cases to recognition) is test/bench/lifecycle-bench.ts's.
for (const dir of [small, large, work]) await rm(dir, { recursive: true, force: true });
console.log('\nengine benchmark (node', process.version, ')');
console.table(figures);
