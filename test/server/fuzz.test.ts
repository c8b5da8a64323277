// Issue 9: generated requests to every documented route as every role — bodies, headers, paths and form
// data derived from the form schemas. No answer is a 5xx, none hangs, and every case's audit chain still
// verifies afterwards.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi.js';
import { formDataArbitrary, type JsonSchema } from './fuzz-arbitraries.js';
import { PROCESS, ROLE_USERS, ServerHarness, throughCreation, tinyPdf, VERSION, withUsers } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Printed first, so that a failing run can be replayed with FUZZ_SEED even if its summary is lost. */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** A request that has not answered by then counts as a hang. */
const HANG_MS = 10_000;
/**
 * Draft routes that run a job in the designer's worker threads (validation, a simulation, the checks
 * before publishing) answer when their job is done: a job may take up to its limit (60 s) and wait
 * for the one before it and for the worker to start. Waiting there is not a hang — the server keeps
 * answering meanwhile, which the health probe beside the run checks.
 */
const JOB_ROUTE = /^\/api\/drafts\/\{id\}\/(validate|simulate|publish|approve)$/;
const JOB_HANG_MS = 150_000;
/** The slowest answer to GET /api/health, sent every 250 ms while the fuzz runs, that still counts as answering. */
const HEALTH_STALL_MS = 5_000;
/** Requests the fuzz keeps in flight at once (each waits for its answer before the next is sent). */
const IN_FLIGHT = 4;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Route {
  method: (typeof METHODS)[number];
  template: string;
}

function documentedRoutes(): Route[] {
  const paths = openApiDocument(true).paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method] !== undefined)
      // Logging out would turn the rest of the run into 401s for that user.
      .filter((method) => !(template === '/api/session' && method === 'delete'))
      .map((method) => ({ method, template })),
  );
}

/** Values for path parameters: real ids of this run, near misses and hostile strings. */
function parameterArbitrary(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('..', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(3000), '%E0%A4%A', '‮exe'),
    },
  );
}

/** GET /api/health every 250 ms until stopped; the slowest answer (a request that got none counts as its wait). */
function probeHealth(base: string): { stop(): Promise<number> } {
  let slowest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(HEALTH_STALL_MS * 2) })).text();
      } catch {
        // No answer in time: the wait below is what counts.
      }
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return slowest;
    },
  };
}

const headerValue = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('', '‮fdp.exe', 'a\u0000b', '%ZZ'));

describe('fuzz: every route × every role', () => {
  let h: ServerHarness;
  let server: Server;
  let base = '';
  const known: string[] = [];
  const forms = new Map<string, JsonSchema>();

  beforeAll(async () => {
    h = await ServerHarness.create({ store: 'lowdb', limits: { objectionsPerHour: 100_000, uploadsPerHour: 100_000 } });
    await withUsers(h);
    const created = await throughCreation(h);
    const started = await h.api.post('/api/cases', {
      token: h.token('park3'),
      body: { process: PROCESS, park: 'P-003', province: '330000' },
    });
    const upload = await h.api.post('/api/attachments', {
      token: h.token('park1'),
      raw: tinyPdf(),
      type: 'application/pdf',
      headers: { 'X-File-Name': 'plan.pdf' },
    });
    const draft = await h.api.post('/api/drafts', {
      token: h.token('policy'),
      body: { process: PROCESS, from: VERSION },
    });
    known.push(
      created.id,
      (started.body as { id: string }).id,
      ...created.openTasks.map((task) => task.ref),
      (upload.body as { id?: string }).id ?? 'no-upload',
      (draft.body as { id?: string }).id ?? 'no-draft',
      PROCESS,
      VERSION,
      'park1',
      'objection',
      'withdraw',
      'cn',
    );
    for (const [formKey, schema] of h.engine.definitions.get(PROCESS, VERSION).definition.forms) {
      forms.set(formKey, schema);
      known.push(formKey);
    }
    server = h.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it(`answers ${RUNS} generated requests below 500, none hanging, and the store still verifies`, async () => {
    const routes = documentedRoutes();
    const users = ['admin', ...Object.keys(ROLE_USERS)];
    const formSchemas = [...forms.values()];
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...formSchemas)
          .chain((schema) => formDataArbitrary(schema))
          .map((data) => JSON.stringify({ data })),
      },
      {
        weight: 2,
        arbitrary: fc
          .record({
            process: fc.constantFrom(PROCESS, 'x'),
            park: fc.constantFrom('P-001', 'P-003', '../x'),
            province: fc.constantFrom('320000', '330000', ''),
            username: fc.string({ maxLength: 20 }),
            password: fc.string({ maxLength: 20 }),
            roles: fc.array(fc.constantFrom('park:P-009', 'samr', 'admin', 'superuser', ''), { maxLength: 3 }),
            advanceTo: fc.constantFrom('2024-05-01T00:00:00+08:00', 'yesterday', '1970-01-01T00:00:00Z'),
          })
          .map((value) => JSON.stringify(value)),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    );
    const request = fc.record({
      route: fc.constantFrom(...routes),
      who: fc.constantFrom<string | undefined>(undefined, 'garbage-token', ...users),
      parameter: parameterArbitrary(known),
      query: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 })),
      body: fc.option(body, { freq: 3 }),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/pdf',
      ),
      fileName: fc.option(headerValue),
    });

    console.info(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    // The same requests for a seed, four in flight: one at a time, the run waited mostly on the disk and
    // the designer's workers (the server's thread was idle for two thirds of it), and took two minutes.
    const inputs = fc.sample(request, { numRuns: RUNS, seed: SEED });
    const health = probeHealth(base);
    const send = async (input: (typeof inputs)[number]): Promise<void> => {
      const path = input.route.template.replace(/\{[^}]+\}/g, () => encodeURIComponent(input.parameter));
      const search = input.query === null ? '' : `?${new URLSearchParams(input.query).toString()}`;
      const headers: Record<string, string> = { 'Content-Type': input.contentType };
      if (input.who === 'garbage-token') headers.Authorization = 'Bearer not-a-token';
      else if (input.who !== undefined) headers.Authorization = `Bearer ${h.token(input.who)}`;
      if (input.fileName !== null) headers['X-File-Name'] = encodeURIComponent(input.fileName);
      const sendsBody = input.route.method !== 'get' && input.route.method !== 'delete' && input.body !== null;
      sent += 1;
      const described = `#${sent} ${input.route.method.toUpperCase()} ${path}${search} as ${input.who ?? 'anonymous'}`;
      const started = performance.now();
      let status: number;
      let text: string;
      try {
        const response = await fetch(`${base}${path}${search}`, {
          method: input.route.method.toUpperCase(),
          headers,
          ...(sendsBody && { body: input.body ?? '' }),
          signal: AbortSignal.timeout(JOB_ROUTE.test(input.route.template) ? JOB_HANG_MS : HANG_MS),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        const failure = `${described}: no answer after ${Math.round(performance.now() - started)} ms (${String(error)})`;
        failures.push(failure);
        console.error(`fuzz (seed ${SEED}) ${failure}\n  body: ${String(input.body).slice(0, 500)}`);
        return;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) {
        const failure = `${described} → ${status} ${text.slice(0, 200)}`;
        failures.push(failure);
        console.error(`fuzz (seed ${SEED}) ${failure}\n  body: ${String(input.body).slice(0, 500)}`);
      }
    };
    let next = 0;
    const sender = async () => {
      while (failures.length === 0 && next < inputs.length) await send(inputs[next++] as (typeof inputs)[number]);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    const slowestHealth = await health.stop();
    console.info('fuzz: answers by status', Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
    console.info(`fuzz: slowest health answer during the run ${Math.round(slowestHealth)} ms`);
    expect(failures).toEqual([]);
    expect(slowestHealth).toBeLessThan(HEALTH_STALL_MS);
    expect(sent).toBeGreaterThanOrEqual(RUNS);

    const admin = { id: 'admin', roles: [{ group: 'admin' }] };
    for (const view of h.engine.listCases(admin)) {
      expect(await h.engine.verifyAudit(view.id), view.id).toMatchObject({ ok: true });
    }
  }, 600_000);
});
