import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDeps } from '../../server/app.js';
import { PROCESS, ServerHarness } from '../server/harness.js';
import { type Answer, call, type FloodJob, type FloodRequest } from './flood-sender.js';

export type { Answer };

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** One probe: health, then a logged-in read of a case's submissions (file reads on the lowdb store). */
export interface Probe {
  health: number;
  read: number;
  statuses: [number, number];
  /** Whether logins were still unanswered when this probe finished. */
  duringFlood: boolean;
}

export interface FloodRun {
  /** Probes with nothing else going on (the baseline). */
  atRest: Probe[];
  /** Probes while 200 logins arrive from eight loopback addresses. */
  flooded: Probe[];
  logins: Answer[];
}

/**
 * What a flood sends: its `index`-th request of burst `burst` (both from 0), from one of eight
 * addresses; `attacker` is the token of a signed-in account (park2) other than the probe's.
 */
type Flood = (burst: number, index: number, attacker: string) => Omit<FloodRequest, 'from'>;

/**
 * Issue 9 #1: logging in must never stall other requests. 200 logins (half for unknown users) arrive
 * in bursts of 20 every 150 ms from eight loopback addresses, not waiting for answers, while a client
 * probes health and a case read. Used by the test (behaviour) and the bench (p99 against the baseline).
 */
export function floodLogins(hashCost: number): Promise<FloodRun> {
  return underFlood({ hashCost }, (burst, index) => ({
    path: '/api/session',
    body: { username: index % 2 === 0 ? `nobody-${burst}-${index}` : 'park1', password: 'wrong-password-x' },
  }));
}

/**
 * The same 200 requests from visitors, each a 1 MB JSON body (to the login and to a path that is
 * not there): the server must not read them, parsing is the one thread every answer shares.
 */
export function floodLargeBodies(): Promise<FloodRun> {
  return underFlood({ hashCost: 2 ** 13 }, (_burst, index) => ({
    path: index % 2 === 0 ? '/api/session' : '/api/nothing-here',
    body: { username: 'park1', password: 'x' },
    padding: 340_000, // just under 1 MB: the limit a signed-in caller's bodies have
  }));
}

/**
 * The same 200 bodies of 1 MB from a signed-in account (park2, saving a "draft" of a task it does not
 * hold, in a loop): parsed, since it is signed in, unless its account's limits refuse them first.
 * `limits`: the server's (the harness raises the per-account ones; pass `REQUEST_LIMITS` for the real).
 */
export function floodSignedIn(limits: AppDeps['limits']): Promise<FloodRun> {
  return underFlood({ hashCost: 2 ** 13, limits }, (_burst, _index, attacker) => ({
    method: 'PUT',
    token: attacker,
    path: '/api/tasks/t_nothing/draft',
    body: { data: {}, revision: null },
    padding: 340_000,
  }));
}

async function underFlood(options: { hashCost: number; limits?: AppDeps['limits'] }, next: Flood): Promise<FloodRun> {
  const h = await ServerHarness.create({
    store: 'lowdb',
    hashCost: options.hashCost,
    ...(options.limits !== undefined && { limits: options.limits }),
  });
  let server: Server | undefined;
  try {
    await h.user('park1', ['park:P-001']);
    const attacker = await h.user('park2', ['park:P-002']);
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    const caseId = (started.body as { id: string }).id;
    server = h.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server?.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const token = h.token('park1');
    const flooding = { pending: false };
    const probe = async (): Promise<Probe> => {
      let at = performance.now();
      const up = await call(port, 'GET', '/api/health');
      const health = performance.now() - at;
      at = performance.now();
      const read = await call(port, 'GET', `/api/cases/${caseId}/submissions`, { token });
      return {
        health,
        read: performance.now() - at,
        statuses: [up.status, read.status],
        duringFlood: flooding.pending,
      };
    };
    // Warm the probed routes first (the first call of a route compiles code): the flood is measured, not that.
    for (let round = 0; round < 3; round++) await probe();
    const atRest: Probe[] = [];
    for (let round = 0; round < 40; round++) atRest.push(await probe());

    const job: FloodJob = {
      port,
      gapMs: 150,
      bursts: Array.from({ length: 10 }, (_, burst) =>
        Array.from({ length: 20 }, (_, index) => ({
          ...next(burst, index, attacker),
          from: `127.0.0.${2 + (index % 8)}`,
        })),
      ),
    };
    // Probed from when the other process starts sending (starting it takes a while), until all is answered.
    let startedSending = () => {};
    const sending = new Promise<void>((resolve) => (startedSending = resolve));
    const flood = fromAnotherProcess(job, () => {
      flooding.pending = true;
      startedSending();
    }).finally(() => (flooding.pending = false));
    await Promise.race([sending, flood]);
    const flooded: Probe[] = [];
    const stillFlooding = () => flooding.pending;
    while (stillFlooding() || flooded.length < 40) {
      flooded.push(await probe());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { atRest, flooded, logins: await flood };
  } finally {
    if (server !== undefined) await new Promise((resolve) => server?.close(resolve));
    await h.close();
  }
}

/** Runs the flood from another process (test/support/flood-sender.ts); `onSending` when it starts. */
function fromAnotherProcess(job: FloodJob, onSending: () => void): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./flood-sender.ts', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.startsWith('sending\n')) onSending();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('[')) resolve(JSON.parse(last) as Answer[]);
      else reject(new Error(`the flood's process ended with ${String(code)}: ${output.slice(0, 300)}`));
    });
    child.stdin.end(JSON.stringify(job));
  });
}
