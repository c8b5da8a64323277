// npm run bench (server part): 50 concurrent clients completing tasks over HTTP against the real server
// on the durable store. Reports completions per second and p50/p99 latency; the baseline is the
// server's own GET /api/health round trip in the same run.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formExample } from '../support/engine-harness.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = await mkdtemp(join(tmpdir(), 'qbz-server-bench-'));
const server = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
    '--import',
    'tsx',
    'server/main.ts',
  ],
  {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: 'bench-admin-1',
      CLOCK: 'simulated',
      CLOCK_START: '2024-04-01T09:00:00+08:00',
      LOG_LEVEL: 'warn',
      WEB_ROOT: join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);

// A failing bench must not leave the server running.
process.on('exit', () => {
  server.kill('SIGKILL');
});
process.on('uncaughtException', (error) => {
  console.error(error);
  process.exit(1);
});

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body's type
async function call<T>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const login = async (username: string, password: string) =>
  (await call<{ token: string }>('POST', '/api/session', undefined, { username, password })).body.token;
const admin = await login('admin', 'bench-admin-1');
await call('POST', '/api/users', admin, { username: 'province', password: 'bench-pass-1', roles: ['province:320000'] });
const province = await login('province', 'bench-pass-1');
const submit = await formExample('submit-creation-application', { parkType: 'industry' });
const back = await formExample('provincial-feasibility-review', { decision: 'return', comments: '请补充材料' });

interface CaseView {
  id: string;
  openTasks: { ref: string; taskId: string }[];
}
const clients = await Promise.all(
  Array.from({ length: CLIENTS }, async (_, i) => {
    await call('POST', '/api/users', admin, { username: `park${i}`, password: 'bench-pass-1', roles: [`park:P-${i}`] });
    const token = await login(`park${i}`, 'bench-pass-1');
    const started = await call<CaseView>('POST', '/api/cases', token, {
      process: 'quality-brand-zone',
      park: `P-${i}`,
      province: '320000',
    });
    return { token, view: started.body };
  }),
);

// Baseline: the same server answering its cheapest request.
const health: number[] = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  await fetch(`${base}/api/health`);
  health.push(performance.now() - start);
}

const latencies: number[] = [];
let errors = 0;
const deadline = performance.now() + SECONDS * 1000;
const started = performance.now();
await Promise.all(
  clients.map(async (client) => {
    let view = client.view;
    while (performance.now() < deadline) {
      const task = view.openTasks[0];
      if (task === undefined) throw new Error('no open task');
      const [token, data] = task.taskId === 'submitCreationApplication' ? [client.token, submit] : [province, back];
      const start = performance.now();
      const answer = await call<CaseView>('POST', `/api/tasks/${task.ref}/complete`, token, { data });
      latencies.push(performance.now() - start);
      if (answer.status !== 200) {
        errors += 1;
        break;
      }
      view = answer.body;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const sorted = [...latencies].sort((a, b) => a - b);
const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const healthMedian = [...health].sort((a, b) => a - b)[100] ?? NaN;
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await rm(dataDir, { recursive: true, force: true });

const rate = latencies.length / elapsed;
console.log(`\nserver benchmark: ${CLIENTS} concurrent clients, ${SECONDS} s, durable store`);
console.table([
  { figure: 'completions per second', value: rate.toFixed(0), target: '≥ 200', ok: rate >= 200 },
  { figure: 'p50 latency', value: `${pick(0.5).toFixed(1)} ms`, target: '—', ok: true },
  { figure: 'p99 latency', value: `${pick(0.99).toFixed(1)} ms`, target: '≤ 100 ms', ok: pick(0.99) <= 100 },
  { figure: 'baseline: GET /api/health p50', value: `${healthMedian.toFixed(2)} ms`, target: '—', ok: true },
  { figure: 'p50 / baseline', value: `${(pick(0.5) / healthMedian).toFixed(1)}×`, target: '—', ok: true },
  { figure: 'errors', value: String(errors), target: '0', ok: errors === 0 },
]);
