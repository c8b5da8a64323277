import { cp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type AuditEntry } from '../../engine/audit/audit-chain.js';
import type { Problem } from '../../engine/definitions/problems.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { CHINESE, PROCESS, ServerHarness, VERSION, withUsers } from './harness.js';

interface Draft {
  id: string;
  files: Record<string, string>;
  publishedAs?: string;
}

/** A short case script: creation approved on 2024-04-01, acceptance opening a year (creationMinPeriod) later. */
const SCRIPT = {
  process: PROCESS,
  clock: '2024-04-01T09:00:00+08:00',
  steps: [
    { start: { case: 'c1', park: 'P-001', province: '320000' } },
    { complete: 'submitCreationApplication', case: 'c1', as: 'park:P-001' },
    { complete: 'provincialFeasibilityReview', case: 'c1', as: 'province:320000' },
    { complete: 'provincialLeadingGroupReview', case: 'c1', as: 'province-leading-group:320000' },
    { complete: 'departmentOpinion', case: 'c1', as: 'ministry:moa' },
    { complete: 'departmentOpinion', case: 'c1', as: 'ministry:mofcom' },
    { complete: 'departmentOpinion', case: 'c1', as: 'ministry:mct' },
    { complete: 'departmentOpinion', case: 'c1', as: 'ministry:cnipa' },
    { complete: 'samrCreationApproval', case: 'c1', as: 'samr' },
  ],
};

/** The designer's back end over HTTP, on a temporary definitions root (publishing writes a version there). */
describe('definition drafts over HTTP (policy-admin)', () => {
  let h: ServerHarness;
  let cleanup: () => Promise<void>;
  let draftId = '';

  beforeAll(async () => {
    const fixture = await definitionsWithRevisions([]);
    cleanup = fixture.cleanup;
    // Simulations load the root on its own (calendars and directories included).
    for (const dir of ['calendars', 'directory'])
      await cp(join('definitions', dir), join(fixture.root, dir), { recursive: true });
    h = await ServerHarness.create({ definitionsRoot: fixture.root });
    await withUsers(h, ['policy', 'park1', 'samr']);
  });
  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  it('is for policy-admin and admin only: 403 for other roles, 401 without a token', async () => {
    for (const [method, path] of [
      ['get', '/api/drafts'],
      ['post', '/api/drafts'],
      ['get', '/api/drafts/d_x'],
      ['get', '/api/definitions-audit'],
    ] as const) {
      const body = method === 'post' ? { process: PROCESS, from: VERSION } : undefined;
      for (const who of ['park1', 'samr']) {
        expect((await h.api.call(method, path, { token: h.token(who), body })).status, `${who} ${path}`).toBe(403);
      }
      expect((await h.api.call(method, path, { body })).status).toBe(401);
    }
  });

  it('starts a draft from a version, edits a rule, validates, compares and simulates it', async () => {
    const token = h.token('policy');
    const created = await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } });
    expect(created.status).toBe(201);
    const draft = created.body as Draft;
    draftId = draft.id;
    expect(Object.keys(draft.files)).toEqual(expect.arrayContaining(['manifest.json', 'rules.json', 'process.bpmn']));
    expect(((await h.api.get('/api/drafts', { token })).body as { id: string }[]).map((item) => item.id)).toEqual([
      draftId,
    ]);

    const rules = JSON.parse(draft.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>;
    if (rules.creationMinPeriod !== undefined) rules.creationMinPeriod.value = 'P18M';
    const saved = await h.api.call('put', `/api/drafts/${draftId}/files`, {
      token,
      body: { path: 'rules.json', text: JSON.stringify(rules, null, 2) },
    });
    expect(saved.status).toBe(200);
    const outside = await h.api.call('put', `/api/drafts/${draftId}/files`, {
      token,
      body: { path: '../../etc/passwd', text: 'x' },
    });
    expect(outside.status).toBe(422);
    expect((outside.body as { error: { message: string } }).error.message).toMatch(CHINESE);

    // The words that still say a year (the rule's title, the timer's documentation) are warnings: not
    // ok, as with npm run validate, but nothing that stops publishing.
    const validated = await h.api.post(`/api/drafts/${draftId}/validate`, { token });
    expect(validated.body).toMatchObject({ ok: false });
    expect(
      (validated.body as { problems: Problem[] }).problems.map((problem) => [problem.check, problem.severity]),
    ).toEqual([
      ['rule-title-number', 'warning'],
      ['element-text-number', 'warning'],
    ]);
    const compared = await h.api.get(`/api/drafts/${draftId}/compare?against=${VERSION}`, { token });
    expect(compared.body).toMatchObject({
      against: VERSION,
      entries: [expect.objectContaining({ kind: 'rule', key: 'creationMinPeriod', change: 'changed' })],
    });
    const simulated = await h.api.post(`/api/drafts/${draftId}/simulate`, { token, body: { scenarios: [SCRIPT] } });
    expect(simulated.status).toBe(200);
    const [result] = simulated.body as {
      differences: { current?: Record<string, string>; draft?: Record<string, string> }[];
    }[];
    expect(result?.differences.at(-1)).toMatchObject({
      current: { acceptanceOpens: '2025-04-02' },
      draft: { acceptanceOpens: '2025-10-02' },
    });
  });

  it('publishes it as a new immutable version (201, audited), refusing bad names, past dates and a second publish', async () => {
    const token = h.token('policy');
    const publish = (body: unknown, request: 'valid' | 'invalid' = 'valid') =>
      h.api.post(`/api/drafts/${draftId}/publish`, { token, body, request });
    expect((await publish({ version: '../x', effectiveFrom: '2024-05-01' }, 'invalid')).status).toBe(422);
    expect((await publish({ version: '2024-05-01', effectiveFrom: '2024-03-01' })).status).toBe(422);
    const published = await publish({ version: '2024-05-01', effectiveFrom: '2024-05-01' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: '2024-05-01' });
    const again = await publish({ version: '2024-05-01', effectiveFrom: '2024-05-02' });
    expect(again.status).toBe(409);
    // Not under another name either: a draft becomes one version.
    const renamed = await publish({ version: '2024-06-01', effectiveFrom: '2024-06-01' });
    expect(renamed.status).toBe(409);
    expect((renamed.body as { error: { message: string } }).error.message).toMatch(CHINESE);
    const edit = await h.api.call('put', `/api/drafts/${draftId}/files`, {
      token,
      body: { path: 'rules.json', text: '{}' },
    });
    expect(edit.status).toBe(409);

    const versions = (await h.api.get('/api/definitions', { token })).body as { version: string }[];
    expect(versions.map((version) => version.version)).toEqual([VERSION, '2024-05-01']);
    const audit = (await h.api.get('/api/definitions-audit', { token })).body as AuditEntry[];
    expect(audit.map((entry) => [entry.type, entry.actor, entry.caseId])).toEqual([
      ['definition.published', 'policy', `${PROCESS}@2024-05-01`],
    ]);
    expect(verifyChain(audit).ok).toBe(true);
  });

  it('serves definitions and calendars, and moves a running case to the new version (dry run, then for real)', async () => {
    const token = h.token('policy');
    const version = await h.api.get(`/api/definitions/${PROCESS}/2024-05-01`, { token });
    expect((version.body as { rules: Record<string, { value: unknown }> }).rules.creationMinPeriod?.value).toBe('P18M');
    const diagram = await h.api.get(`/api/definitions/${PROCESS}/2024-05-01/process.bpmn`, { token });
    expect(diagram.headers['content-type']).toMatch(/^application\/xml/);
    expect(diagram.text).toContain('bpmn:definitions');
    const calendar = (await h.api.get('/api/calendars/cn')).body as { year: number }[];
    expect(calendar.map((year) => year.year)).toEqual(expect.arrayContaining([2024, 2025]));

    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    const caseId = (started.body as { id: string; version: string }).id;
    expect((started.body as { version: string }).version).toBe(VERSION);
    const plan = await h.api.post(`/api/cases/${caseId}/migrate`, { token, body: { to: '2024-05-01', dryRun: true } });
    expect(plan.body).toMatchObject({ applied: false, plan: { caseId, possible: true } });
    const moved = await h.api.post(`/api/cases/${caseId}/migrate`, { token, body: { to: '2024-05-01' } });
    expect(moved.body).toMatchObject({ applied: true, view: { id: caseId, version: '2024-05-01' } });
    const twice = await h.api.post(`/api/cases/${caseId}/migrate`, { token, body: { to: '2024-05-01' } });
    expect(twice.status).toBe(409);
  });

  it('answers 422 with the problem for a manifest that is not JSON and for absurdly deep scenarios, leaving no temp dirs', async () => {
    const token = h.token('policy');
    const simulationDirs = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith('qbz-simulation-')).sort();
    const before = await simulationDirs();
    const created = await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } });
    const id = (created.body as Draft).id;
    const saved = await h.api.call('put', `/api/drafts/${id}/files`, {
      token,
      body: { path: 'manifest.json', text: '{nope' },
    });
    expect(saved.status).toBe(200);
    for (const [path, body] of [
      [`/api/drafts/${id}/publish`, { version: '2030-01-01', effectiveFrom: '2030-01-01' }],
      [`/api/drafts/${id}/simulate`, { scenarios: [SCRIPT] }],
    ] as const) {
      const answer = await h.api.post(path, { token, body });
      expect(answer.status, path).toBe(422);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(CHINESE);
    }
    // 100,000 levels deep: sent raw (the JSON text is fine; serialising it again would overflow the stack).
    const deep = `{"scenarios":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const tooDeep = await h.api.call('post', `/api/drafts/${draftId}/simulate`, {
      token,
      raw: deep,
      type: 'application/json',
      request: 'unchecked',
    });
    expect(tooDeep.status).toBe(422);
    // Only this test's simulations count: another test's may still be finishing.
    expect((await simulationDirs()).filter((name) => !before.includes(name))).toEqual([]);
  });

  it('deletes a draft (204); then it is unknown (404)', async () => {
    const token = h.token('policy');
    expect((await h.api.delete(`/api/drafts/${draftId}`, { token })).status).toBe(204);
    expect((await h.api.get(`/api/drafts/${draftId}`, { token })).status).toBe(404);
    expect((await h.api.delete(`/api/drafts/${draftId}`, { token })).status).toBe(404);
    expect((await h.api.get('/api/drafts/..%2F..%2Fetc%2Fpasswd', { token })).status).toBe(404);
  });
});
