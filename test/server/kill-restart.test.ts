import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type AuditEntry } from '../../engine/audit/audit-chain.js';
import type { CaseView } from '../../engine/cases/case-view.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import { openApiDocument } from '../../server/openapi.js';
import type { ActorNaming } from '../../server/actor-names.js';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { PROCESS, START, tinyPdf, VERSION } from './harness.js';
import { fetchChecked, startServer, type ServerProcess } from './http-client.js';
import { OpenApiChecker } from './openapi-checker.js';

const ADMIN_PASSWORD = 'root-secret-for-tests';
const PASSWORD = 'user-password-for-tests';
const CASES = 20;
const parkOf = (index: number) => `P-K${String(index).padStart(2, '0')}`;

interface Attempt {
  caseId: string;
  ref: string;
  status?: number;
}

/**
 * The real server (`server/main.ts`) as a child process on a temp DATA_DIR: killed with SIGKILL in
 * the middle of a burst of completions, restarted, and every answered completion must be there once,
 * with every case's audit chain whole. Then SIGTERM: a graceful exit (code 0) with the data intact.
 */
describe('the real server: kill -9 mid-burst, restart, SIGTERM', () => {
  const checker = new OpenApiChecker(openApiDocument(true));
  let dataDir = '';
  let server: ServerProcess | undefined;
  const env = () => ({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    CLOCK: 'simulated',
    CLOCK_START: START,
  });
  const call = (method: string, path: string, options: Parameters<typeof fetchChecked>[4] = {}) =>
    fetchChecked(checker, server?.base ?? '', method, path, options);
  const login = async (username: string, password = PASSWORD) => {
    const response = await call('post', '/api/session', { body: { username, password } });
    expect(response.status, server?.output()).toBe(200);
    return (response.body as { token: string }).token;
  };
  const example = async (formKey: string, patch: unknown = {}) => {
    const response = await call('get', `/api/definitions/${PROCESS}/${VERSION}/forms/${formKey}`);
    return applyMergePatch((response.body as { examples: unknown[] }).examples[0], patch);
  };
  /** `data` with its attachment ids replaced by files the user uploads (a form refers only to readable files). */
  const ownFiles = async (token: string, data: unknown) => {
    const uploads = new Map<string, string>();
    for (const id of attachmentIds(data)) {
      const response = await fetch(`${server?.base ?? ''}/api/attachments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/pdf' },
        body: new Uint8Array(tinyPdf(id)),
      });
      expect(response.status).toBe(201);
      uploads.set(id, ((await response.json()) as { id: string }).id);
    }
    return JSON.parse(JSON.stringify(data), (_key, value: unknown) =>
      typeof value === 'string' ? (uploads.get(value) ?? value) : value,
    ) as unknown;
  };

  /** Every case's audit over HTTP: seq 1…n, links and hashes whole, no task ref completed twice. */
  async function checkAudits(token: string): Promise<Map<string, AuditEntry[]>> {
    const audits = new Map<string, AuditEntry[]>();
    const cases = (await call('get', '/api/cases', { token })).body as CaseView[];
    for (const view of cases) {
      // `actorName` (with its parts) is how the server names who acted, for people: outside the hashed entry.
      const entries = (
        (await call('get', `/api/cases/${view.id}/audit`, { token })).body as (AuditEntry & Partial<ActorNaming>)[]
      ).map(({ actorName: _name, actorRole: _role, actorPublic: _public, ...entry }) => entry);
      expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_entry, index) => index + 1));
      expect(verifyChain(entries), view.id).toEqual({ ok: true, problems: [] });
      const refs = entries.filter((entry) => entry.type === 'task.completed').map((entry) => String(entry.details.ref));
      expect(new Set(refs).size, `${view.id}: a ref completed twice`).toBe(refs.length);
      audits.set(view.id, entries);
    }
    return audits;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'qbz-kill-'));
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no answered completion and records none twice when killed with SIGKILL mid-burst', async () => {
    server = await startServer(env());
    const admin = await login('admin', ADMIN_PASSWORD);
    const parks = Array.from({ length: CASES }, (_unused, index) => `park:${parkOf(index)}`);
    for (const [username, roles] of [
      ['parks', parks],
      ['province', ['province:320000']],
      ['group', ['province-leading-group:320000']],
    ] as const) {
      // Parks' accounts name their province: they start cases only there (CONTRACT §6).
      const created = await call('post', '/api/users', {
        token: admin,
        body: { username, password: PASSWORD, roles, province: '320000' },
      });
      expect(created.status).toBe(201);
    }
    const tokens = { parks: await login('parks'), province: await login('province'), group: await login('group') };
    const data = {
      submitCreationApplication: await ownFiles(
        tokens.parks,
        await example('submit-creation-application', { parkType: 'industry' }),
      ),
      provincialFeasibilityReview: await example('provincial-feasibility-review'),
      provincialLeadingGroupReview: await example('provincial-leading-group-review'),
    };
    const doer: Record<string, string> = {
      submitCreationApplication: tokens.parks,
      provincialFeasibilityReview: tokens.province,
      provincialLeadingGroupReview: tokens.group,
    };

    const started = await Promise.all(
      Array.from({ length: CASES }, (_unused, index) =>
        call('post', '/api/cases', {
          token: tokens.parks,
          body: { process: PROCESS, park: parkOf(index), province: '320000' },
        }),
      ),
    );
    const views = started.map((response) => response.body as CaseView);
    // Half the cases move on to the province's review first: the burst then mixes both kinds.
    for (const view of views.slice(0, CASES / 2)) {
      const ref = view.openTasks[0]?.ref ?? '';
      const done = await call('post', `/api/tasks/${ref}/complete`, {
        token: tokens.parks,
        body: { data: data.submitCreationApplication },
      });
      expect(done.status).toBe(200);
    }
    const tasks = (await call('get', '/api/tasks', { token: tokens.province })).body as {
      caseId: string;
      ref: string;
    }[];
    const submits = (await call('get', '/api/tasks', { token: tokens.parks })).body as {
      caseId: string;
      ref: string;
    }[];
    expect(tasks).toHaveLength(CASES / 2);
    expect(submits).toHaveLength(CASES / 2);

    // 40 at once: every open task twice (the second must find it no longer open, or not be answered).
    const attempts: Attempt[] = [];
    let answered = 0;
    const killed = new Promise<void>((resolve) => {
      const burst = [...tasks, ...submits].flatMap((task) => [task, task]);
      for (const task of burst) {
        const attempt: Attempt = { caseId: task.caseId, ref: task.ref };
        attempts.push(attempt);
        const isReview = tasks.includes(task);
        fetch(`${server?.base ?? ''}/api/tasks/${task.ref}/complete`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${isReview ? tokens.province : tokens.parks}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            data: isReview ? data.provincialFeasibilityReview : data.submitCreationApplication,
          }),
        }).then(
          (response) => {
            attempt.status = response.status;
            answered += 1;
            if (answered === 12) {
              server?.child.kill('SIGKILL');
              resolve();
            }
          },
          () => undefined, // cut off by the kill
        );
      }
    });
    await killed;
    expect((await server.exited).signal).toBe('SIGKILL');
    const ok = attempts.filter((attempt) => attempt.status === 200);
    process.stdout.write(
      `burst: ${attempts.length} sent, ${ok.length} × 200, ${attempts.filter((a) => a.status === 409).length} × 409, ` +
        `${attempts.filter((a) => a.status === undefined).length} unanswered at the kill\n`,
    );
    expect(ok.length).toBeGreaterThan(0);
    for (const attempt of attempts) expect([undefined, 200, 409]).toContain(attempt.status);

    server = await startServer(env());
    // Sessions are stored: the tokens from before the crash still work.
    const after = (await call('get', '/api/cases', { token: admin })).body as CaseView[];
    expect(after).toHaveLength(CASES);
    const audits = await checkAudits(admin);
    for (const attempt of ok) {
      const view = after.find((candidate) => candidate.id === attempt.caseId);
      expect(
        view?.openTasks.map((task) => task.ref),
        attempt.ref,
      ).not.toContain(attempt.ref);
      const completions = (audits.get(attempt.caseId) ?? []).filter(
        (entry) => entry.type === 'task.completed' && entry.details.ref === attempt.ref,
      );
      expect(completions, attempt.ref).toHaveLength(1);
    }
    // Each ref answered 200 at most once.
    const okRefs = ok.map((attempt) => attempt.ref);
    expect(new Set(okRefs).size).toBe(okRefs.length);

    // Every case goes on from where it was: one open task, which can be completed.
    for (const view of after) {
      expect(view.openTasks, view.id).toHaveLength(1);
      const taskId = view.openTasks[0]?.taskId ?? '';
      const next = await call('post', `/api/tasks/${view.openTasks[0]?.ref ?? ''}/complete`, {
        token: doer[taskId] ?? '',
        body: { data: data[taskId as keyof typeof data] },
      });
      expect(next.status, `${view.id} ${taskId}`).toBe(200);
    }
  }, 60_000);

  it('exits 0 on SIGTERM and keeps the data and the sandbox clock', async () => {
    if (server === undefined) throw new Error('no server');
    const admin = await login('admin', ADMIN_PASSWORD);
    const advanced = await call('post', '/api/admin/clock', {
      token: admin,
      body: { advanceTo: '2024-06-01T09:00:00+08:00' },
    });
    expect(advanced.status).toBe(200);
    // Sessions run on the machine's clock: two months on the case clock log no one out (CONTRACT §6).
    const before = (await call('get', '/api/cases', { token: admin })).body as CaseView[];
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });

    server = await startServer(env());
    const again = await login('admin', ADMIN_PASSWORD);
    const clock = await call('get', '/api/admin/clock', { token: again });
    expect(clock.body).toEqual({ now: '2024-06-01T01:00:00.000Z', simulated: true });
    const after = (await call('get', '/api/cases', { token: again })).body as CaseView[];
    const summary = (views: CaseView[]) =>
      views
        .map((view) => ({ id: view.id, status: view.status, tasks: view.openTasks.map((task) => task.ref) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(summary(after)).toEqual(summary(before));
    await checkAudits(again);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    // Restarted without CLOCK_START, it goes on from where it was too (it jumped to the machine's day).
    const { CLOCK_START: _start, ...withoutStart } = env();
    server = await startServer(withoutStart);
    const third = await login('admin', ADMIN_PASSWORD);
    expect((await call('get', '/api/admin/clock', { token: third })).body).toEqual({
      now: '2024-06-01T01:00:00.000Z',
      simulated: true,
    });
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 90_000);
});
