import { cp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type AuditEntry } from '../../engine/audit/audit-chain.js';
import type { Problem } from '../../engine/definitions/problems.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { CHINESE, PROCESS, ServerHarness, VERSION, withUsers } from './harness.js';

interface Draft {
  id: string;
  title: string;
  files: Record<string, string>;
  revision?: number;
  publishedAs?: string;
  pendingPublication?: { version: string; requestedBy: string; requestedByName?: string };
  refusal?: { reason: string; refusedBy: string };
}

/** The document a revision rests on (issue 12): title, 文号, date of issue, address. */
const REVISION = {
  title: '市场监管总局办公厅关于调整全国质量品牌提升示范区创建期的通知',
  documentNumber: '市监质发〔2024〕21号',
  issuedOn: '2024-04-01',
  url: 'https://www.samr.gov.cn/zw/zfxxgk/fdzdgknr/zljds/art/2024/art_21.html',
};

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
    await h.user('policy2', ['policy-admin']);
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
    // ok, as with npm run validate; publishing waits until they are corrected (below).
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

  it('says which incidents a simulation left the cases holding: a notice whose end the draft pushes into 2027', async () => {
    const token = h.token('policy');
    const created = await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } });
    const draft = created.body as Draft;
    const rules = JSON.parse(draft.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>;
    if (rules.publicityMinWorkingDays !== undefined) rules.publicityMinWorkingDays.value = 600;
    const saved = await h.api.call('put', `/api/drafts/${draft.id}/files`, {
      token,
      body: { path: 'rules.json', text: JSON.stringify(rules, null, 2) },
    });
    expect(saved.status).toBe(200);
    // The lifecycle up to the expert evaluation, which opens the notice on 2025-04-25: 600 working
    // days from then reach 2027, whose holiday calendar is not entered.
    const lifecycle = JSON.parse(await readFile('test/scenarios/full-lifecycle.json', 'utf8')) as {
      steps: { complete?: string }[];
    };
    const evaluated = lifecycle.steps.findIndex((step) => step.complete === 'expertEvaluation');
    const script = { ...lifecycle, steps: lifecycle.steps.slice(0, evaluated + 1) };
    const simulated = await h.api.post(`/api/drafts/${draft.id}/simulate`, { token, body: { scenarios: [script] } });
    expect(simulated.status).toBe(200);
    const [result] = simulated.body as {
      current?: { ok: boolean; incidents: unknown[] };
      draft?: { ok: boolean; incidents: unknown[]; timeline: { incidentEvents?: unknown[] }[] };
    }[];
    expect(result?.current).toMatchObject({ ok: true, incidents: [] });
    const held = { case: 'c1', kind: 'calendar-missing', element: 'publicityEndsTimer_acceptance' };
    expect(result?.draft?.ok).toBe(true);
    expect(result?.draft?.incidents).toEqual([expect.objectContaining(held)]);
    expect(result?.draft?.timeline.at(-1)?.incidentEvents).toEqual([
      expect.objectContaining({ event: 'raised', ...held }),
    ]);
    // Gone again: the tests below count the drafts.
    const { revision } = (await h.api.get(`/api/drafts/${draft.id}`, { token })).body as Draft;
    const deleted = await h.api.call('delete', `/api/drafts/${draft.id}?revision=${String(revision ?? 0)}`, { token });
    expect(deleted.status).toBe(204);
  }, 120_000);

  it('has a title, set at creation (default: after its base version) and editable', async () => {
    const token = h.token('policy');
    expect(((await h.api.get(`/api/drafts/${draftId}`, { token })).body as Draft).title).toBe(
      `基于 ${VERSION} 的修订草稿`,
    );
    const renamed = await h.api.call('patch', `/api/drafts/${draftId}`, {
      token,
      body: { title: '创建期延长至十八个月' },
    });
    expect(renamed.status).toBe(200);
    const list = (await h.api.get('/api/drafts', { token })).body as Draft[];
    expect(list.map((draft) => draft.title)).toEqual(['创建期延长至十八个月']);
    for (const title of [' ', '\u200b\u3000', 'x\u202Ey', 'a\u0000b']) {
      const refused = await h.api.call('patch', `/api/drafts/${draftId}`, { token, body: { title } });
      expect(refused.status, JSON.stringify(title)).toBe(422);
      expect((refused.body as { error: { message: string } }).error.message).toMatch(CHINESE);
    }
    const kept = (await h.api.get('/api/drafts', { token })).body as Draft[];
    expect(kept.map((draft) => draft.title)).toEqual(['创建期延长至十八个月']);
  });

  it('asks to publish with the revision basis (202); nothing is in force until a second officer approves (four-eyes)', async () => {
    const token = h.token('policy');
    const publish = (body: unknown, request: 'valid' | 'invalid' = 'valid') =>
      h.api.post(`/api/drafts/${draftId}/publish`, { token, body, request });
    expect(
      (await publish({ version: '../x', effectiveFrom: '2024-05-01', revision: REVISION }, 'invalid')).status,
    ).toBe(422);
    const past = await publish({ version: '2024-05-01', effectiveFrom: '2024-03-01', revision: REVISION });
    expect(past.status).toBe(422);
    expect((past.body as { error: { message: string } }).error.message).toContain('生效日期不能早于今日');
    // Written right, but no such day: said so, not called a format error.
    const noDay = await publish({ version: '2099-02-30', effectiveFrom: '2099-02-30', revision: REVISION }, 'invalid');
    expect(noDay.status).toBe(422);
    expect((noDay.body as { error: { message: string } }).error.message).toBe(
      '「生效日期」2099-02-30 不存在（该月没有这一天）',
    );
    // Without its basis (文号) a revision cannot be traced to the document that ordered it.
    const { documentNumber: _number, ...noNumber } = REVISION;
    const unfounded = await publish(
      { version: '2024-05-01', effectiveFrom: '2024-05-01', revision: noNumber },
      'invalid',
    );
    expect(unfounded.status).toBe(422);
    expect((unfounded.body as { error: { message: string } }).error.message).toBe('请填写「文号」');

    // Its words still say a year of a rule now of 18 months: a published version agrees with its words
    // (as npm run validate demands), so the warnings are refused too, and listed.
    const contradicted = await publish({ version: '2024-05-01', effectiveFrom: '2024-05-01', revision: REVISION });
    expect(contradicted.status).toBe(422);
    expect((contradicted.body as { error: { message: string } }).error.message).toContain(
      '草稿还有 2 条警告，不能发布',
    );
    expect((contradicted.body as { problems: Problem[] }).problems.map((problem) => problem.check)).toEqual([
      'rule-title-number',
      'element-text-number',
    ]);
    const draft = (await h.api.get(`/api/drafts/${draftId}`, { token })).body as Draft;
    for (const [path, text] of [
      ['rules.json', draft.files['rules.json'] ?? ''],
      ['process.bpmn', draft.files['process.bpmn'] ?? ''],
    ] as const) {
      const corrected = await h.api.call('put', `/api/drafts/${draftId}/files`, {
        token,
        body: { path, text: text.replaceAll('不少于一年', '不少于十八个月') },
      });
      expect(corrected.status).toBe(200);
    }
    expect((await h.api.post(`/api/drafts/${draftId}/validate`, { token })).body).toMatchObject({ ok: true });

    const draftTitleBefore = ((await h.api.get(`/api/drafts/${draftId}`, { token })).body as Draft).title;
    // The requester by display name for people (the 发布 tab said 「policy 于 … 提交」), the account beside it.
    const named = await h.api.patch('/api/users/policy', { token: h.adminToken, body: { displayName: '王政策' } });
    expect(named.status).toBe(200);
    const requested = await publish({ version: '2024-05-01', effectiveFrom: '2024-05-01', revision: REVISION });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({
      pending: { version: '2024-05-01', requestedBy: 'policy', requestedByName: '王政策' },
    });
    expect(((await h.api.get(`/api/drafts/${draftId}`, { token })).body as Draft).pendingPublication).toMatchObject({
      requestedByName: '王政策',
    });
    // Pending: no version yet, the draft locked, a second request refused.
    const versionsOf = async () =>
      ((await h.api.get('/api/definitions', { token })).body as { version: string }[]).map(
        (version) => version.version,
      );
    expect(await versionsOf()).toEqual([VERSION]);
    const locked = await h.api.call('put', `/api/drafts/${draftId}/files`, {
      token,
      body: { path: 'rules.json', text: '{}' },
    });
    expect(locked.status).toBe(409);
    // Neither renamed (by the approver or anyone) nor deleted: what is approved is what was asked for.
    const renamed = await h.api.call('patch', `/api/drafts/${draftId}`, {
      token: h.token('policy2'),
      body: { title: '另一个标题' },
    });
    expect(renamed.status).toBe(409);
    expect((renamed.body as { error: { message: string } }).error.message).toContain('等待批准期间不能修改');
    expect((await h.api.call('delete', `/api/drafts/${draftId}`, { token })).status).toBe(409);
    expect((await h.api.get(`/api/drafts/${draftId}`, { token })).body).toMatchObject({ title: draftTitleBefore });
    expect((await publish({ version: '2024-05-02', effectiveFrom: '2024-05-02', revision: REVISION })).status).toBe(
      409,
    );

    // The requester cannot approve: 403 with the reason in Chinese; still nothing published.
    const self = await h.api.post(`/api/drafts/${draftId}/approve`, { token });
    expect(self.status).toBe(403);
    expect((self.body as { error: { code: string; message: string } }).error).toMatchObject({ code: 'forbidden' });
    expect((self.body as { error: { message: string } }).error.message).toContain('不能批准自己提交的发布申请');
    expect(await versionsOf()).toEqual([VERSION]);
    // Nor may anyone outside policy-admin and admin.
    expect((await h.api.post(`/api/drafts/${draftId}/approve`, { token: h.token('samr') })).status).toBe(403);

    const approved = await h.api.post(`/api/drafts/${draftId}/approve`, { token: h.token('policy2') });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ version: '2024-05-01' });
    expect(await versionsOf()).toEqual([VERSION, '2024-05-01']);
    const published = (await h.api.get(`/api/definitions/${PROCESS}/2024-05-01`, { token })).body as {
      manifest: { basis: string; revision: unknown };
    };
    expect(published.manifest.revision).toEqual(REVISION);
    expect(published.manifest.basis).toBe(`${REVISION.title}（${REVISION.documentNumber}，2024-04-01印发）`);

    // A draft becomes one version: not again, not under another name, never edited.
    const again = await publish({ version: '2024-06-01', effectiveFrom: '2024-06-01', revision: REVISION });
    expect(again.status).toBe(409);
    expect((again.body as { error: { message: string } }).error.message).toMatch(CHINESE);
    expect((await h.api.post(`/api/drafts/${draftId}/approve`, { token: h.token('policy2') })).status).toBe(409);
    const edit = await h.api.call('put', `/api/drafts/${draftId}/files`, {
      token,
      body: { path: 'rules.json', text: '{}' },
    });
    expect(edit.status).toBe(409);

    // Both acts in the definitions' audit chain: who asked, who approved.
    const audit = (await h.api.get('/api/definitions-audit', { token })).body as AuditEntry[];
    expect(audit.map((entry) => [entry.type, entry.actor, entry.caseId])).toEqual([
      ['definition.publication-requested', 'policy', `${PROCESS}@2024-05-01`],
      ['definition.published', 'policy2', `${PROCESS}@2024-05-01`],
    ]);
    expect(audit[1]?.details).toMatchObject({ requestedBy: 'policy', approvedBy: 'policy2' });
    expect(verifyChain(audit).ok).toBe(true);
  });

  /** A new draft by "policy", its publication as `version` requested (202); its id. */
  async function pendingDraft(title: string, version: string): Promise<string> {
    const token = h.token('policy');
    const id = (
      (await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION, title } })).body as Draft
    ).id;
    const requested = await h.api.post(`/api/drafts/${id}/publish`, {
      token,
      body: { version, effectiveFrom: version, revision: REVISION },
    });
    expect(requested.status).toBe(202);
    return id;
  }

  it('refuses a publication with a reason (audited); the draft is editable again and nothing is published', async () => {
    const token = h.token('policy');
    const other = await pendingDraft('待驳回的草稿', '2024-07-01');
    const reasonless = await h.api.post(`/api/drafts/${other}/refuse`, {
      token: h.token('policy2'),
      body: { reason: '' },
      request: 'invalid',
    });
    expect(reasonless.status).toBe(422);
    const refused = await h.api.post(`/api/drafts/${other}/refuse`, {
      token: h.token('policy2'),
      body: { reason: '文号有误，请核对' },
    });
    expect(refused.status).toBe(200);
    // What was asked is kept with the refusal: the requester's form comes back as they sent it.
    const asked = { version: '2024-07-01', effectiveFrom: '2024-07-01', revision: REVISION };
    expect(refused.body).toMatchObject({ refusal: { reason: '文号有误，请核对', refusedBy: 'policy2', ...asked } });
    expect((refused.body as Draft).pendingPublication).toBeUndefined();
    expect((await h.api.post(`/api/drafts/${other}/approve`, { token: h.token('policy2') })).status).toBe(409);
    const versions = (await h.api.get('/api/definitions', { token })).body as { version: string }[];
    expect(versions.map((version) => version.version)).not.toContain('2024-07-01');
    const edit = await h.api.call('put', `/api/drafts/${other}/files`, {
      token,
      body: { path: 'rules.json', text: (refused.body as Draft).files['rules.json'] ?? '' },
    });
    expect(edit.status).toBe(200);
    // Still there once the draft is changed, for the draft and the list of drafts to show.
    expect((await h.api.get(`/api/drafts/${other}`, { token })).body).toMatchObject({ refusal: asked });
    const listed = (await h.api.get('/api/drafts', { token })).body as Draft[];
    expect(listed.find((draft) => draft.id === other)).toMatchObject({
      refusal: { reason: '文号有误，请核对', ...asked },
    });
    const audit = (await h.api.get('/api/definitions-audit', { token })).body as AuditEntry[];
    expect(audit.slice(-2).map((entry) => [entry.type, entry.actor, entry.details.reason])).toEqual([
      ['definition.publication-requested', 'policy', undefined],
      ['definition.publication-refused', 'policy2', '文号有误，请核对'],
    ]);
    expect(verifyChain(audit).ok).toBe(true);
    expect((await h.api.delete(`/api/drafts/${other}`, { token })).status).toBe(204);
  });

  it('lets the requester, and only the requester, withdraw a pending publication (audited); nothing is published', async () => {
    const token = h.token('policy');
    const other = await pendingDraft('待撤回的草稿', '2024-08-01');
    // Another officer refuses (with a reason) rather than withdraws; outside policy-admin, neither.
    const byOther = await h.api.post(`/api/drafts/${other}/withdraw`, { token: h.token('policy2') });
    expect(byOther.status).toBe(403);
    expect((byOther.body as { error: { message: string } }).error.message).toContain('只有申请人（policy）可以撤回');
    expect((await h.api.post(`/api/drafts/${other}/withdraw`, { token: h.token('samr') })).status).toBe(403);

    const withdrawn = await h.api.post(`/api/drafts/${other}/withdraw`, { token });
    expect(withdrawn.status).toBe(200);
    expect((withdrawn.body as Draft).pendingPublication).toBeUndefined();
    expect((withdrawn.body as Draft).refusal).toBeUndefined();
    // Nothing left to withdraw or approve; no version; the draft editable again.
    expect((await h.api.post(`/api/drafts/${other}/withdraw`, { token })).status).toBe(409);
    expect((await h.api.post(`/api/drafts/${other}/approve`, { token: h.token('policy2') })).status).toBe(409);
    const versions = (await h.api.get('/api/definitions', { token })).body as { version: string }[];
    expect(versions.map((version) => version.version)).not.toContain('2024-08-01');
    const edit = await h.api.call('put', `/api/drafts/${other}/files`, {
      token,
      body: { path: 'rules.json', text: (withdrawn.body as Draft).files['rules.json'] ?? '' },
    });
    expect(edit.status).toBe(200);

    const audit = (await h.api.get('/api/definitions-audit', { token })).body as AuditEntry[];
    expect(audit.slice(-2).map((entry) => [entry.type, entry.actor, entry.caseId])).toEqual([
      ['definition.publication-requested', 'policy', `${PROCESS}@2024-08-01`],
      ['definition.publication-withdrawn', 'policy', `${PROCESS}@2024-08-01`],
    ]);
    expect(audit.at(-1)?.details).toMatchObject({ draft: other });
    expect(verifyChain(audit).ok).toBe(true);
    // Withdrawn, it may be asked for again.
    const again = await h.api.post(`/api/drafts/${other}/publish`, {
      token,
      body: { version: '2024-08-01', effectiveFrom: '2024-08-01', revision: REVISION },
    });
    expect(again.status).toBe(202);
    // A pending draft is deleted only once withdrawn.
    const deletePending = await h.api.call('delete', `/api/drafts/${other}`, { token });
    expect(deletePending.status).toBe(409);
    expect((deletePending.body as { error: { message: string } }).error.message).toContain('先撤回申请');
    expect((await h.api.post(`/api/drafts/${other}/withdraw`, { token })).status).toBe(200);
    expect((await h.api.delete(`/api/drafts/${other}`, { token })).status).toBe(204);
  });

  it('simulates in the background: a job id, progress to the end, the results with the script titles; cancellable', async () => {
    const token = h.token('policy');
    const started = await h.api.post(`/api/drafts/${draftId}/simulations`, { token, body: { scenarios: [SCRIPT] } });
    expect(started.status).toBe(202);
    const job = started.body as { id: string; state: string; progress: { done: number; total: number } };
    expect(job).toMatchObject({ state: 'running', progress: { done: 0, total: 2 } });
    let polled = job as typeof job & { results?: { differences: unknown[] }[] };
    while (polled.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      polled = (await h.api.get(`/api/drafts/${draftId}/simulations/${job.id}`, { token })).body as typeof polled;
    }
    expect(polled).toMatchObject({ state: 'done', progress: { done: 2, total: 2 } });
    expect(polled.results?.[0]?.differences.length).toBeGreaterThan(0);
    expect((await h.api.delete(`/api/drafts/${draftId}/simulations/${job.id}`, { token })).status).toBe(409);

    // The shipped scripts carry their Chinese titles; cancelling stops the run.
    const second = (await h.api.post(`/api/drafts/${draftId}/simulations`, { token, body: {} })).body as { id: string };
    const cancelled = await h.api.delete(`/api/drafts/${draftId}/simulations/${second.id}`, { token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
    const after = (await h.api.get(`/api/drafts/${draftId}/simulations/${second.id}`, { token })).body as {
      state: string;
    };
    expect(after.state).toBe('cancelled');
    expect((await h.api.get(`/api/drafts/${draftId}/simulations/s_nope`, { token })).status).toBe(404);

    // One at a time per person: starting another supersedes theirs still running, so no one can queue
    // hours of work; another officer's simulation is not touched.
    const start = async (as: string) =>
      (await h.api.post(`/api/drafts/${draftId}/simulations`, { token: h.token(as), body: {} })).body as { id: string };
    const state = async (id: string) =>
      (await h.api.get(`/api/drafts/${draftId}/simulations/${id}`, { token })).body as {
        state: string;
        error?: string;
      };
    const others = await start('policy2');
    const first = await start('policy');
    const latest = await start('policy');
    const superseded = await state(first.id);
    expect(superseded.state).toBe('cancelled');
    expect(superseded.error).toContain('取代');
    expect((await state(latest.id)).state).toBe('running');
    expect((await state(others.id)).state).toBe('running');
    for (const id of [latest.id, others.id])
      await h.api.call('delete', `/api/drafts/${draftId}/simulations/${id}`, { token });
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

  it('answers 422 with the problem for a manifest that is not an object, 400 for absurdly deep scenarios, leaving no temp dirs', async () => {
    const token = h.token('policy');
    const simulationDirs = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith('qbz-simulation-')).sort();
    const before = await simulationDirs();
    const created = await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } });
    const id = (created.body as Draft).id;
    const saved = await h.api.call('put', `/api/drafts/${id}/files`, {
      token,
      body: { path: 'manifest.json', text: '[]' },
    });
    // JSON, so kept (mid-edit); one that is not JSON is not saved at all (unreadable-draft-files.test.ts).
    expect(saved.status).toBe(200);
    for (const [path, body] of [
      [`/api/drafts/${id}/publish`, { version: '2030-01-01', effectiveFrom: '2030-01-01', revision: REVISION }],
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
    // Refused with every body that deep, before the route reads it.
    expect(tooDeep.status).toBe(400);
    expect((tooDeep.body as { error: { message: string } }).error.message).toContain('嵌套层级过深');
    // Only this test's simulations count: another file's, running beside this one, may be under way
    // (its directory goes when it finishes; a directory this test left would stay).
    await expect
      .poll(async () => (await simulationDirs()).filter((name) => !before.includes(name)), { timeout: 60_000 })
      .toEqual([]);
  });

  it('refuses a save from a tab loaded before another save (409, nothing written): no lost update', async () => {
    const token = h.token('policy');
    const created = (await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } }))
      .body as Draft;
    expect(created.revision).toBe(0);
    const path = `/api/drafts/${created.id}/files`;
    const rulesWith = (name: string, value: unknown) => {
      const rules = JSON.parse(created.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>;
      const rule = rules[name];
      if (rule !== undefined) rule.value = value;
      return `${JSON.stringify(rules, null, 2)}\n`;
    };
    // Tabs A and B both loaded revision 0; A saves first.
    const textA = rulesWith('creationMinPeriod', 'P18M');
    const savedA = await h.api.call('put', path, { token, body: { path: 'rules.json', text: textA, revision: 0 } });
    expect(savedA.status).toBe(200);
    expect((savedA.body as Draft).revision).toBe(1);
    const stale = await h.api.call('put', path, {
      token,
      body: { path: 'rules.json', text: rulesWith('demonstrationPeriod', 'P4Y'), revision: 0 },
    });
    expect(stale.status).toBe(409);
    const error = (stale.body as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('此草稿已在其他窗口或由他人修改（第 1 次保存），请重新加载后再改');
    const after = (await h.api.get(`/api/drafts/${created.id}`, { token })).body as Draft;
    expect(after.files['rules.json']).toBe(textA);
    expect(after.revision).toBe(1);
    // Reloaded, B saves on top of A's change.
    const reloaded = await h.api.call('put', path, { token, body: { path: 'rules.json', text: textA, revision: 1 } });
    expect(reloaded.status).toBe(200);
    // Two saves sent at once from the same revision: one is written, the other refused.
    const racing = await Promise.all(
      ['P2Y', 'P5Y'].map((value) =>
        h.api.call('put', path, {
          token,
          body: { path: 'rules.json', text: rulesWith('art7LookBack', value), revision: 2 },
        }),
      ),
    );
    expect(racing.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(((await h.api.get(`/api/drafts/${created.id}`, { token })).body as Draft).revision).toBe(3);
    for (const revision of [-1, 1.5, '2'])
      expect(
        (
          await h.api.call('put', path, {
            token,
            body: { path: 'rules.json', text: textA, revision },
            request: 'unchecked',
          })
        ).status,
      ).toBe(422);
    expect((await h.api.delete(`/api/drafts/${created.id}`, { token })).status).toBe(204);
  });

  it('refuses a field or query parameter a route does not take, naming it (422, nothing written); what the designer sends is taken', async () => {
    const token = h.token('policy');
    const refused = async (
      method: 'get' | 'post' | 'patch' | 'delete' | 'put',
      path: string,
      body: unknown,
      field: string,
    ) => {
      const response = await h.api.call(method, path, {
        token,
        body,
        request: body === undefined ? 'valid' : 'invalid',
      });
      expect([response.status, response.body], `${method} ${path}`).toMatchObject([
        422,
        { error: { code: 'validation', field } },
      ]);
    };
    await refused('post', '/api/drafts', { process: PROCESS, from: VERSION, basedOn: VERSION }, 'basedOn');
    const created = (await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } }))
      .body as Draft;
    const at = `/api/drafts/${created.id}`;
    const rules = created.files['rules.json'] ?? '';
    // The designer's saves (designer-api.ts): one file, or several at once; a field beside them is refused.
    await refused('patch', at, { title: '新名称', revision: 0, note: '' }, 'note');
    await refused('put', `${at}/files`, { path: 'rules.json', text: rules, revision: 0, draft: 1 }, 'draft');
    await refused('put', `${at}/files`, { files: { 'rules.json': rules }, revision: 0, path: 'rules.json' }, 'path');
    await refused('put', `${at}/files`, { path: 'rules.json', text: rules, revision: 0, base: 0 }, 'base');
    await refused('get', `${at}/compare?versus=${VERSION}`, undefined, 'versus');
    await refused(
      'post',
      `${at}/publish`,
      { version: 'v9', effectiveFrom: '2024-05-01', revision: REVISION, draftRevision: 0, force: true },
      'force',
    );
    // Inside the revision's basis too, named where it is.
    await refused(
      'post',
      `${at}/publish`,
      {
        version: 'v9',
        effectiveFrom: '2024-05-01',
        revision: { ...REVISION, issuer: '市场监管总局' },
        draftRevision: 0,
      },
      'revision.issuer',
    );
    await refused('post', `${at}/approve`, { draftRevision: 0, comment: 'ok' }, 'comment');
    await refused('post', `${at}/refuse`, { reason: '理由', draftRevision: 0, notify: true }, 'notify');
    await refused('post', `${at}/withdraw`, { draftRevision: 0, reason: '' }, 'reason');
    await refused('post', `${at}/simulate`, { scenarios: [], timeout: 5 }, 'timeout');
    await refused('post', `${at}/simulations`, { scenarios: [], timeout: 5 }, 'timeout');
    await refused('delete', `${at}?revison=0`, undefined, 'revison');
    const unchanged = (await h.api.get(at, { token })).body as Draft;
    expect([unchanged.revision, unchanged.title]).toEqual([0, created.title]);
    // Without them, as the designer sends them, each is taken.
    const renamed = await h.api.call('patch', at, { token, body: { title: '新名称', revision: 0 } });
    expect(renamed.status).toBe(200);
    const one = await h.api.call('put', `${at}/files`, {
      token,
      body: { path: 'rules.json', text: rules, revision: 1 },
    });
    expect(one.status).toBe(200);
    const several = await h.api.call('put', `${at}/files`, {
      token,
      body: { files: { 'rules.json': rules }, revision: 2 },
    });
    expect(several.status).toBe(200);
    expect((await h.api.get(`${at}/compare?against=${VERSION}`, { token })).status).toBe(200);
    expect((await h.api.delete(`${at}?revision=3`, { token })).status).toBe(204);
  });

  it('validates a rules file with a blank title without false errors elsewhere, and keeps the real ones', async () => {
    const token = h.token('policy');
    const created = (await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } }))
      .body as Draft;
    const rules = JSON.parse(created.files['rules.json'] ?? '{}') as Record<string, { title: string }>;
    if (rules.demonstrationPeriod !== undefined) rules.demonstrationPeriod.title = '';
    // A rule the notice timers count, deleted: the one real error beside the blank title.
    delete rules.publicityMinWorkingDays;
    const saved = await h.api.call('put', `/api/drafts/${created.id}/files`, {
      token,
      body: { path: 'rules.json', text: JSON.stringify(rules, null, 2) },
    });
    expect(saved.status).toBe(200);
    const { problems } = (await h.api.post(`/api/drafts/${created.id}/validate`, { token })).body as {
      problems: Problem[];
    };
    // The blank title where it is; the timers naming the deleted rule; nothing about rules that exist
    // (with the file's shape refused, conditions were evaluated with no rules: "Key '…' not found").
    expect(problems.filter((problem) => problem.check === 'file-shape').map((problem) => problem.pointer)).toEqual([
      '/demonstrationPeriod/title',
    ]);
    const unknown = problems.filter((problem) => problem.check === 'unknown-rule');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((problem) => problem.message.includes('publicityMinWorkingDays'))).toBe(true);
    expect(problems.filter((problem) => /not found/.test(problem.message))).toEqual([]);
    expect((await h.api.delete(`/api/drafts/${created.id}`, { token })).status).toBe(204);
  });

  it('deletes a draft (204); then it is unknown (404)', async () => {
    const token = h.token('policy');
    expect((await h.api.delete(`/api/drafts/${draftId}`, { token })).status).toBe(204);
    expect((await h.api.get(`/api/drafts/${draftId}`, { token })).status).toBe(404);
    expect((await h.api.delete(`/api/drafts/${draftId}`, { token })).status).toBe(404);
    expect((await h.api.get('/api/drafts/..%2F..%2Fetc%2Fpasswd', { token })).status).toBe(404);
  });
});
