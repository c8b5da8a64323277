// npm run bench (server part): BENCH_CLIENTS (50) concurrent HTTP clients completing tasks for
// BENCH_SECONDS (20) against the real server (server/main.ts), spread over BENCH_CASES (250) cases at
// a time, each walked through its creation steps (submission, the province's two reviews, the four
// ministries' opinions, SAMR's approval) and replaced by a new one when done — far more cases than
// a process keeps hot, so most are recovered from the store when their next task comes. Before each
// completion the client reads the case (GET /api/cases/:id) to find its open task.
// Runs on PostgreSQL with 2 processes (WORKERS=2), 1 process, and lowdb (BENCH_SERVERS to choose).
// BENCH_PROFILE=<dir> writes the servers' CPU profiles; BENCH_NODE_ARGS adds node options to the
// servers (e.g. `--trace-gc`), and BENCH_SERVER_OUTPUT=<file> keeps what they printed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer, type ServerProcess } from '../server/http-client.js';
import { formExample } from '../support/engine-harness.js';
import { postgresAvailable } from '../support/postgres.js';
import { benchDatabase, machineLine, type FigureRow } from './bench-support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CASES = Number(process.env.BENCH_CASES ?? 250);
/** Parks each client may start cases for: enough for the cases a fast run walks to the end. */
const PARKS_PER_CLIENT = 60;
const ADMIN_PASSWORD = 'Quality-bench-root-7431';
const PASSWORD = 'Quality-bench-user-9624';
const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'];

interface CaseView {
  id: string;
  status: string;
  openTasks: { ref: string; taskId: string; formKey: string; scope?: string }[];
}

interface ServerSetting {
  store: 'postgres' | 'lowdb';
  workers: number;
}

interface Outcome {
  rate: number;
  p50: number;
  p99: number;
  readP99: number;
  cases: number;
  errors: number;
}

class Server {
  private constructor(
    private readonly server: ServerProcess,
    private readonly cleanup: () => Promise<void>,
  ) {}

  get base(): string {
    return this.server.base;
  }

  static async start(setting: ServerSetting): Promise<Server> {
    const dataDir = await mkdtemp(join(tmpdir(), 'qbz-server-bench-'));
    const database = setting.store === 'postgres' ? await benchDatabase('server') : undefined;
    const server = await startServer(
      {
        DATA_DIR: dataDir,
        ...(database !== undefined && { DATABASE_URL: database.url }),
        WORKERS: String(setting.workers),
        ADMIN_PASSWORD,
        CLOCK: 'simulated',
        CLOCK_START: '2024-04-01T09:00:00+08:00',
        WEB_ROOT: join(dataDir, 'no-web'),
        // 50 clients share a few reviewers' accounts, each far past what one person sends (1,200 a minute).
        ACCOUNT_REQUESTS_PER_MINUTE: '10000000',
      },
      0,
      {
        // A loaded machine takes a while to compile and start the server (and migrate the database).
        readyWithin: 600_000,
        nodeArgs: [
          ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
          ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ],
      },
    );
    return new Server(server, async () => {
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body's type
  async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(this.base + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async login(username: string, password: string): Promise<string> {
    const answer = await this.call<{ token: string }>('POST', '/api/session', undefined, { username, password });
    if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status}`);
    return answer.body.token;
  }

  async user(admin: string, username: string, roles: string[], province?: string): Promise<string> {
    const made = await this.call('POST', '/api/users', admin, { username, password: PASSWORD, roles, province });
    if (made.status !== 201 && made.status !== 200) throw new Error(`user ${username}: ${made.status}`);
    return this.login(username, PASSWORD);
  }

  async stop(): Promise<void> {
    await stopServer(this.server);
    if (process.env.BENCH_SERVER_OUTPUT) await writeFile(process.env.BENCH_SERVER_OUTPUT, this.server.output());
    await this.cleanup();
  }
}

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(setting: ServerSetting): Promise<Outcome> {
  const server = await Server.start(setting);
  const say = (what: string) => {
    if (process.env.BENCH_VERBOSE) console.error(`${new Date().toISOString()} ${what}`);
  };
  say('server up');
  try {
    const admin = await server.login('admin', ADMIN_PASSWORD);
    const tokens = new Map<string, string>();
    tokens.set('province', await server.user(admin, 'province', ['province:320000']));
    tokens.set('group', await server.user(admin, 'group', ['province-leading-group:320000']));
    tokens.set('samr', await server.user(admin, 'samr', ['samr']));
    for (const ministry of MINISTRIES)
      tokens.set(ministry, await server.user(admin, ministry, [`ministry:${ministry}`]));
    // Forms that refer to attachments refer to files the submitting user uploaded (only one's own may
    // be): each attachment id of the example becomes one of the user's own, distinct as in the example.
    // One upload at a time: the server reads a bounded number at once and answers 503 to the rest.
    const uploads = new Map<string, Promise<string>>();
    let uploading: Promise<unknown> = Promise.resolve();
    const upload = (token: string, original: string) => {
      let id = uploads.get(`${token} ${original}`);
      if (id === undefined) {
        id = uploading.then(async () => {
          const response = await fetch(`${server.base}/api/attachments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'x-file-name': 'plan.pdf' },
            body: `%PDF-1.4 bench ${token} ${original}\n%%EOF\n`,
          });
          const meta = (await response.json()) as { id?: string };
          if (meta.id === undefined) throw new Error(`upload refused: ${response.status} ${JSON.stringify(meta)}`);
          return meta.id;
        });
        uploading = id.catch(() => undefined);
        uploads.set(`${token} ${original}`, id);
      }
      return id;
    };
    const examples = new Map<string, unknown>();
    const example = async (formKey: string, token: string) => {
      let data = examples.get(`${formKey} ${token}`);
      if (data === undefined) {
        let text = JSON.stringify(
          await formExample(formKey, formKey === 'submit-creation-application' ? { parkType: 'industry' } : {}),
        );
        for (const original of new Set(text.match(/\b[0-9a-f]{64}\b/g) ?? [])) {
          text = text.split(original).join(await upload(token, original));
        }
        data = JSON.parse(text) as unknown;
        examples.set(`${formKey} ${token}`, data);
      }
      return data;
    };
    say('users');
    const perClient = Math.ceil(CASES / CLIENTS);
    // One user at a time: password hashing has a bounded queue (a full one answers 429).
    const parkUsers: { parks: string[]; token: string }[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const parks = Array.from({ length: PARKS_PER_CLIENT }, (_, k) => `P-${c}-${k}`);
      const roles = parks.map((park) => `park:${park}`);
      parkUsers.push({ parks, token: await server.user(admin, `park${c}`, roles, '320000') });
    }
    const clients = await Promise.all(
      parkUsers.map(async ({ parks, token }, c) => {
        const start = async () => {
          const park = parks.shift();
          if (park === undefined) throw new Error(`client ${c} ran out of parks`);
          const started = await server.call<CaseView>('POST', '/api/cases', token, {
            process: 'quality-brand-zone',
            park,
            province: '320000',
          });
          if (started.status !== 201 && started.status !== 200) throw new Error(`start: ${started.status}`);
          return started.body.id;
        };
        const cases: string[] = [];
        for (let k = 0; k < perClient; k++) cases.push(await start());
        return { token, cases, start };
      }),
    );

    say('cases started');
    const completions: number[] = [];
    const reads: number[] = [];
    const walked = new Set<string>();
    let errors = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let turn = 0; performance.now() < deadline; turn += 1) {
          const slot = turn % client.cases.length;
          const caseId = client.cases[slot] ?? '';
          const readStart = performance.now();
          const read = await server.call<CaseView>('GET', `/api/cases/${caseId}`, client.token);
          reads.push(performance.now() - readStart);
          const task = read.body.openTasks[0];
          if (read.status !== 200 || task === undefined) {
            // Through creation (status creating, nothing open): the client goes on with a new case.
            if (read.status !== 200) errors += 1;
            client.cases[slot] = await client.start();
            continue;
          }
          const token =
            (task.taskId === 'submitCreationApplication'
              ? client.token
              : task.taskId === 'provincialFeasibilityReview'
                ? tokens.get('province')
                : task.taskId === 'provincialLeadingGroupReview'
                  ? tokens.get('group')
                  : task.taskId === 'departmentOpinion'
                    ? tokens.get(task.scope ?? '')
                    : tokens.get('samr')) ?? '';
          const data = await example(task.formKey, token);
          const start = performance.now();
          const answer = await server.call('POST', `/api/tasks/${task.ref}/complete`, token, { data });
          completions.push(performance.now() - start);
          walked.add(caseId);
          if (answer.status !== 200) {
            errors += 1;
            if (errors <= 3) console.error(`${task.taskId} (${task.scope ?? ''}): ${answer.status}`, answer.body);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const sorted = [...completions].sort((a, b) => a - b);
    return {
      rate: completions.length / elapsed,
      p50: pick(sorted, 0.5),
      p99: pick(sorted, 0.99),
      readP99: pick(
        [...reads].sort((a, b) => a - b),
        0.99,
      ),
      cases: walked.size,
      errors,
    };
  } finally {
    await server.stop();
  }
}

const settings: ServerSetting[] = (process.env.BENCH_SERVERS ?? 'postgres:2,postgres:1,lowdb:1')
  .split(',')
  .map((text) => {
    const [store = 'lowdb', workers = '1'] = text.split(':');
    return { store: store === 'postgres' ? 'postgres' : 'lowdb', workers: Number(workers) };
  });
const postgres = await postgresAvailable();
const rows: FigureRow[] = [];
for (const setting of settings) {
  if (setting.store === 'postgres' && !postgres) continue;
  const outcome = await measure(setting);
  const name = `${setting.store === 'postgres' ? 'PostgreSQL' : 'lowdb'}, ${setting.workers} process${setting.workers > 1 ? 'es' : ''}`;
  // The targets are for PostgreSQL with 2 processes; the other settings are reported beside it.
  const targeted = setting.store === 'postgres' && setting.workers === 2;
  rows.push(
    {
      figure: `${name}: completions per second`,
      value: outcome.rate.toFixed(0),
      target: targeted ? '≥ 200' : 'reported',
      ok: targeted ? outcome.rate >= 200 : '—',
    },
    {
      figure: `${name}: completion p99 (p50)`,
      value: `${outcome.p99.toFixed(0)} ms (${outcome.p50.toFixed(0)} ms)`,
      target: targeted ? '≤ 100 ms' : 'reported',
      ok: targeted ? outcome.p99 <= 100 : '—',
    },
    {
      figure: `${name}: read before completing, p99`,
      value: `${outcome.readP99.toFixed(0)} ms`,
      target: '—',
      ok: '—',
    },
    {
      figure: `${name}: cases walked, errors`,
      value: `${outcome.cases}, ${outcome.errors}`,
      target: `≥ 200, 0`,
      ok: outcome.cases >= 200 && outcome.errors === 0,
    },
  );
}
console.log(`\nserver benchmark: ${CLIENTS} clients, ${SECONDS} s (${await machineLine()})`);
console.table(rows);
