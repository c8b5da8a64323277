import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROCESS, ServerHarness } from '../server/harness.js';

export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP call over a real socket, from `localAddress` (127.0.0.2… are loopback addresses too on Linux). */
function call(
  port: number,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; from?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        ...(options.from !== undefined && { localAddress: options.from }),
        headers: {
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
          ...(options.token !== undefined && { Authorization: `Bearer ${options.token}` }),
        },
      },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () => {
          resolve({ status: incoming.statusCode ?? 0, body, headers: incoming.headers });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

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
 * Issue 9 #1: logging in must never stall other requests. 200 logins (half for unknown users) arrive
 * in bursts of 20 every 150 ms from eight loopback addresses, not waiting for answers, while a client
 * probes health and a case read. Used by the test (behaviour) and the bench (p99 against the baseline).
 */
export async function floodLogins(hashCost: number): Promise<FloodRun> {
  const h = await ServerHarness.create({ store: 'lowdb', hashCost });
  let server: Server | undefined;
  try {
    await h.user('park1', ['park:P-001']);
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

    flooding.pending = true;
    const flood = (async () => {
      const pending: Promise<Answer>[] = [];
      for (let burst = 0; burst < 10; burst++) {
        for (let index = 0; index < 20; index++) {
          pending.push(
            call(port, 'POST', '/api/session', {
              from: `127.0.0.${2 + (index % 8)}`,
              body: { username: index % 2 === 0 ? `nobody-${burst}-${index}` : 'park1', password: 'wrong-password-x' },
            }),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      return Promise.all(pending);
    })().finally(() => (flooding.pending = false));
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
