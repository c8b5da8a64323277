import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { ADMIN, formExample } from '../support/engine-harness.js';
import { postgresAvailable } from '../support/postgres.js';
import { startServer, type ServerProcess } from './http-client.js';
import { databaseQuery, freshDatabase, inParallel, Seeder } from './shared-database.js';

/**
 * Due timers per phase (one per case, when acceptance opens): by default what runs well under a
 * minute on 2 busy cores; TWO_PROCESS_TIMERS=1000 runs the full count (README).
 */
const TIMERS = Number(process.env.TWO_PROCESS_TIMERS ?? 150);
/** Cases whose two provincial reviews are completed over HTTP while the timers fire, per phase. */
const REVIEWED = 40;
const CLIENTS = 6;
const ADMIN_PASSWORD = 'root-secret-for-tests';
const PASSWORD = 'user-password-for-tests';
const START = '2024-04-01T09:00:00+08:00';
/** Half a year on: the second phase's cases go through creation, and the servers start. */
const LATER = '2024-10-08T09:00:00+08:00';
const SERVERS_START = '2024-10-08T10:00:00+08:00';
/** Past acceptanceOpens of the first phase's cases (2025-04-02), before the second's (2025-10-09). */
const PHASE_1 = '2025-04-03T09:00:00+08:00';
const PHASE_2 = '2025-10-10T09:00:00+08:00';
const REVIEWS = [
  ['provincialFeasibilityReview', 'province'],
  ['provincialLeadingGroupReview', 'group'],
] as const;

interface Attempt {
  caseId: string;
  taskId: string;
  ref: string;
  status?: number;
}

const postgresUp = await postgresAvailable();

/**
 * Two real server processes (`server/main.ts`) on one fresh PostgreSQL database act as one system
 * (README "Several processes on one database"): the simulated clock is advanced through one while
 * the other serves task completions; every due timer fires once, no answered completion is lost or
 * doubled, every audit chain verifies. Then the same with the timer-firing process killed with
 * SIGKILL mid-burst and restarted, the completions going to both as a load balancer would send them.
 */
describe.skipIf(!postgresUp)('two server processes on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let seeder: Seeder | undefined;
  let dataDir = '';
  const servers: { a?: ServerProcess; b?: ServerProcess } = {};
  const tokens = { admin: '', province: '', group: '' };
  const timerCases: string[][] = [];
  const reviewed: string[][] = [];

  const env = () => ({
    DATABASE_URL: database?.url ?? '',
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    CLOCK: 'simulated',
    CLOCK_START: SERVERS_START,
  });
  const base = (name: 'a' | 'b') => servers[name]?.base ?? '';
  const call = async (name: 'a' | 'b', method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${base(name)}${path}`, {
      method,
      headers: {
        ...(token !== undefined && { Authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as unknown };
  };

  const t0 = Date.now();
  const mark = (what: string) => process.stdout.write(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'qbz-two-'));
    // Cases are put in place by an engine in this process, then copied (see Seeder.copies).
    seeder = await Seeder.open(database.url, START);
    const firstTemplate = await seeder.creating('P-TPLA');
    seeder.clock.advanceTo(new Date(LATER));
    const secondTemplate = await seeder.creating('P-TPLB');
    const reviewTemplate = await seeder.awaitingReview('P-TPLR');
    timerCases.push(
      [firstTemplate, ...(await seeder.copies(firstTemplate, TIMERS - 1, (i) => `P-A${i}`))],
      [secondTemplate, ...(await seeder.copies(secondTemplate, TIMERS - 1, (i) => `P-B${i}`))],
    );
    const reviews = [reviewTemplate, ...(await seeder.copies(reviewTemplate, 2 * REVIEWED - 1, (i) => `P-R${i}`))];
    reviewed.push(reviews.slice(0, REVIEWED), reviews.slice(REVIEWED));

    mark('seeded');
    // One after the other on the empty database: the first creates the admin account.
    servers.a = await startServer(env(), 0, { readyWithin: 180_000 });
    servers.b = await startServer(env(), 0, { readyWithin: 180_000 });
    // Logged in through one process, the sessions work on the other (they live in the database).
    const login = async (username: string, password: string) => {
      const response = await call('a', 'POST', '/api/session', undefined, { username, password });
      expect(response.status, servers.a?.output()).toBe(200);
      return (response.body as { token: string }).token;
    };
    tokens.admin = await login('admin', ADMIN_PASSWORD);
    for (const [username, roles] of [
      ['province', ['province:320000']],
      ['group', ['province-leading-group:320000']],
    ] as const) {
      const created = await call('b', 'POST', '/api/users', tokens.admin, { username, password: PASSWORD, roles });
      expect(created.status).toBe(201);
    }
    tokens.province = await login('province', PASSWORD);
    tokens.group = await login('group', PASSWORD);
    mark('servers up');
  }, 600_000);

  afterAll(async () => {
    for (const server of [servers.a, servers.b]) if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await seeder?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * Completes both provincial reviews of every case, CLIENTS at a time, each completion preceded by
   * reading the case; `route` says which process takes a request. A request the process does not
   * answer (it was killed) is sent to the other, as a load balancer would.
   */
  async function completeReviews(
    cases: string[],
    route: (n: number) => 'a' | 'b',
    attempts: Attempt[] = [],
  ): Promise<Attempt[]> {
    let sent = 0;
    await inParallel(cases, CLIENTS, async (caseId) => {
      for (const [taskId, who] of REVIEWS) {
        let target = route((sent += 1));
        for (let tries = 1; ; tries += 1) {
          try {
            const view = (await call(target, 'GET', `/api/cases/${caseId}`, tokens[who])).body as CaseView;
            const task = view.openTasks.find((open) => open.taskId === taskId);
            if (task === undefined) break; // done by a request that was not answered
            const attempt: Attempt = { caseId, taskId, ref: task.ref };
            attempts.push(attempt);
            const done = await call(target, 'POST', `/api/tasks/${task.ref}/complete`, tokens[who], {
              data: await formExample(task.formKey),
            });
            attempt.status = done.status;
            if (done.status === 200) break;
          } catch {
            // Not answered (the process was killed): the balancer sends it to the other.
            target = target === 'a' ? 'b' : 'a';
          }
          if (tries >= 10) throw new Error(`${caseId}: ${taskId} not completed`);
        }
      }
    });
    return attempts;
  }

  /** Every timer case fired its timer once; every review done once; every answered 200 there; chains whole. */
  async function check(phase: number, attempts: Attempt[]): Promise<void> {
    const engine = seeder?.engine;
    if (engine === undefined) throw new Error('no seeder');
    await engine.sync(); // the copies and what the servers did, as stored
    for (const id of timerCases.slice(0, phase + 1).flat()) {
      const audit = await engine.audit(id, ADMIN);
      expect(
        audit.filter((entry) => entry.type === 'timer.fired'),
        id,
      ).toHaveLength(1);
      const view = await engine.getCase(id, ADMIN);
      expect(view.openTasks.map((task) => task.taskId)).toEqual(['submitAcceptanceApplication']);
      expect(await engine.verifyAudit(id)).toEqual({ ok: true, problems: [] });
    }
    for (const id of timerCases[phase + 1] ?? []) {
      const audit = await engine.audit(id, ADMIN);
      expect(
        audit.filter((entry) => entry.type === 'timer.fired'),
        id,
      ).toHaveLength(0);
    }
    for (const id of reviewed.slice(0, phase + 1).flat()) {
      const completed = (await engine.audit(id, ADMIN)).filter((entry) => entry.type === 'task.completed');
      // submitCreationApplication, then each review exactly once.
      expect(completed.map((entry) => entry.details.taskId)).toEqual([
        'submitCreationApplication',
        ...REVIEWS.map(([taskId]) => taskId),
      ]);
      const answered = attempts.filter((attempt) => attempt.caseId === id && attempt.status === 200);
      for (const attempt of answered) {
        expect(completed.filter((entry) => entry.details.ref === attempt.ref)).toHaveLength(1);
      }
      expect(await engine.verifyAudit(id)).toEqual({ ok: true, problems: [] });
    }
  }

  it('fires every due timer once through one process while the other serves completions', async () => {
    const [advanced, attempts] = await Promise.all([
      call('a', 'POST', '/api/admin/clock', tokens.admin, { advanceTo: PHASE_1 }),
      completeReviews(reviewed[0] ?? [], () => 'b'),
    ]);
    mark('phase 1 done');
    expect(advanced.status, servers.a?.output()).toBe(200);
    expect((advanced.body as { timersFired: number }).timersFired).toBe(TIMERS);
    expect(attempts.map((attempt) => attempt.status)).toEqual(attempts.map(() => 200));
    expect(attempts).toHaveLength(REVIEWED * REVIEWS.length);
    // The other process has the same time, and sees at once what the timers opened.
    const clock = (await call('b', 'GET', '/api/clock')).body as { now: string };
    expect(new Date(clock.now).toISOString()).toBe(new Date(PHASE_1).toISOString());
    const opened = (await call('b', 'GET', `/api/cases/${timerCases[0]?.at(-1) ?? ''}`, tokens.admin)).body as CaseView;
    expect(opened.openTasks.map((task) => task.taskId)).toEqual(['submitAcceptanceApplication']);
    await check(0, attempts);
    mark('phase 1 checked');
  }, 600_000);

  it('shares sessions: a login through one works through the other, a logout through one holds on both', async () => {
    const login = await call('b', 'POST', '/api/session', undefined, { username: 'province', password: PASSWORD });
    const { token } = login.body as { token: string };
    expect((await call('a', 'GET', '/api/me', token)).status).toBe(200);
    expect((await call('b', 'GET', '/api/me', token)).status).toBe(200);
    expect((await call('a', 'DELETE', '/api/session', token)).status).toBeLessThan(300);
    expect((await call('b', 'GET', '/api/me', token)).status).toBe(401);
  }, 600_000);

  it('counts failed logins in both: after the free guesses through either, the next waits on the other too', async () => {
    const guess = (name: 'a' | 'b') =>
      call(name, 'POST', '/api/session', undefined, { username: 'province', password: 'not-the-password' });
    for (const name of ['a', 'b', 'a'] as const) expect((await guess(name)).status).toBe(401);
    const refused = await guess('b');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'too-many-attempts' } });
  }, 60_000);

  it('loses nothing when the timer-firing process is killed with SIGKILL mid-burst and restarted', async () => {
    const firedSoFar = async () =>
      Number(
        (
          await databaseQuery<{ count: string }>(
            database?.url ?? '',
            `SELECT count(*) AS count FROM log_entries WHERE log = 'audit' AND entry->>'type' = 'timer.fired'`,
          )
        )[0]?.count,
      );
    const before = await firedSoFar();
    const advance = call('a', 'POST', '/api/admin/clock', tokens.admin, { advanceTo: PHASE_2 }).catch(() => undefined);
    const sent: Attempt[] = [];
    const completions = completeReviews(reviewed[1] ?? [], (n) => (n % 2 === 0 ? 'a' : 'b'), sent);
    // Mid-burst: timers firing and about a third of the completions answered.
    const answered = () => sent.filter((attempt) => attempt.status !== undefined).length;
    while ((await firedSoFar()) - before < 5 || answered() < (REVIEWED * REVIEWS.length) / 3) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    mark('kill');
    servers.a?.child.kill('SIGKILL');
    expect((await servers.a?.exited)?.signal).toBe('SIGKILL');
    expect(await advance).toBeUndefined(); // cut off: not answered
    const firedAtKill = (await firedSoFar()) - before;
    const answeredAtKill = answered();
    expect(firedAtKill).toBeLessThan(TIMERS);
    expect(answeredAtKill).toBeLessThan(REVIEWED * REVIEWS.length);

    servers.a = await startServer(env(), 0, { readyWithin: 180_000 });
    // The same advance again through the restarted process: the rest of the timers fire, once.
    const again = await call('a', 'POST', '/api/admin/clock', tokens.admin, { advanceTo: PHASE_2 });
    expect(again.status, servers.a.output()).toBe(200);
    mark('advanced again');
    const attempts = await completions;
    expect((await firedSoFar()) - before).toBe(TIMERS);
    for (const attempt of attempts) expect([undefined, 200, 409]).toContain(attempt.status);
    process.stdout.write(
      `kill -9 at ${firedAtKill}/${TIMERS} timers, ${answeredAtKill} completions answered; ` +
        `completions: ${attempts.length} sent, ` +
        `${attempts.filter((attempt) => attempt.status === 200).length} × 200, ` +
        `${attempts.filter((attempt) => attempt.status === undefined).length} unanswered\n`,
    );
    mark('phase 2 done');
    await check(1, attempts);
    mark('phase 2 checked');

    // A graceful stop of both, the data intact.
    for (const server of [servers.a, servers.b]) server?.child.kill('SIGTERM');
    for (const server of [servers.a, servers.b]) expect((await server?.exited)?.code).toBe(0);
  }, 600_000);
});
