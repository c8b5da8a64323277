import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRole } from '../../engine/cases/actors.js';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import {
  type ApiResponse,
  type CallOptions,
  CHINESE,
  MINISTRIES,
  PASSWORD,
  PROCESS,
  ROLE_USERS,
  ServerHarness,
  tinyPdf,
  withUsers,
} from './harness.js';

/**
 * Users whose scope does not cover a case of P-001 in 320000: other parks and provinces, and the
 * expert panel until SAMR sends the case to it (Art. 21).
 */
const OUTSIDERS = ['park2', 'park3', 'province2', 'group2', 'expert'] as const;
/** Users who may read it: its park, province and leading group, the national groups, the admin. */
const READERS = ['park1', 'province', 'group', 'samr', ...MINISTRIES, 'policy', 'admin'] as const;
const EVERYONE = ['admin', ...Object.keys(ROLE_USERS)];
const UNKNOWN_CASE = 'c_NoSuchCase00';

describe('role × scope matrix on a case of park P-001 in 320000', () => {
  let h: ServerHarness;
  let caseId = '';
  let otherCaseId = '';
  let attachmentId = '';
  let opinions: CaseView['openTasks'] = [];
  /** Everything the outsiders were answered, checked for the case's data at the end. */
  const outsiderBodies: { who: string; call: string; text: string }[] = [];

  /** A call as `who` (undefined: the public); outsiders' answers are kept for the leak check. */
  async function as(
    who: string | undefined,
    method: 'get' | 'post' | 'patch',
    path: string,
    options: CallOptions = {},
  ) {
    const response = await h.api.call(method, path, {
      ...options,
      ...(who !== undefined && { token: h.token(who) }),
    });
    if (who === undefined || (OUTSIDERS as readonly string[]).includes(who)) {
      outsiderBodies.push({ who: who ?? 'public', call: `${method} ${path}`, text: response.text });
    }
    return response;
  }

  const errorCode = (response: ApiResponse) => (response.body as { error: { code: string } }).error.code;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h);
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    caseId = (started.body as CaseView).id;
    const upload = await h.api.post('/api/attachments', { token: h.token('park1'), raw: tinyPdf('plan P-001') });
    attachmentId = (upload.body as { id: string }).id;
    await h.complete('park1', caseId, 'submitCreationApplication', { creationPlan: attachmentId });
    await h.complete('province', caseId, 'provincialFeasibilityReview');
    opinions = (await h.complete('group', caseId, 'provincialLeadingGroupReview')).openTasks;

    const other = await h.api.post('/api/cases', {
      token: h.token('park3'),
      body: { process: PROCESS, park: 'P-003', province: '330000' },
    });
    otherCaseId = (other.body as CaseView).id;
    await h.complete('park3', otherCaseId, 'submitCreationApplication', { parkName: '钱塘江数字服务产业园区' });
  }, 60_000); // two applications, each uploading the files its form refers to
  afterAll(async () => {
    await h.close();
  });

  it.each(OUTSIDERS)(
    '%s: the case and its history read as unknown (404, same body), lists leave it out',
    async (who) => {
      for (const suffix of ['', '/audit', '/submissions', '/diagram']) {
        const response = await as(who, 'get', `/api/cases/${caseId}${suffix}`);
        expect(response.status, suffix).toBe(404);
        const unknown = await as(who, 'get', `/api/cases/${UNKNOWN_CASE}${suffix}`);
        expect(response.text.replaceAll(caseId, '<id>')).toBe(unknown.text.replaceAll(UNKNOWN_CASE, '<id>'));
      }
      const cases = (await as(who, 'get', '/api/cases')).body as CaseView[];
      expect(cases.map((view) => view.id)).not.toContain(caseId);
      for (const view of cases) expect(view.park === 'P-003' || view.province === '330000').toBe(true);
      const tasks = (await as(who, 'get', '/api/tasks')).body as TaskView[];
      expect(tasks.map((task) => task.caseId)).not.toContain(caseId);
      const download = await as(who, 'get', `/api/attachments/${attachmentId}`);
      expect(download.status).toBe(404);
    },
  );

  it('the public (no token): 401 on every authenticated endpoint, never the data', async () => {
    const calls: [method: 'get' | 'post' | 'patch', path: string, body?: unknown][] = [
      ['get', `/api/cases/${caseId}`],
      ['get', `/api/cases/${caseId}/audit`],
      ['get', `/api/cases/${caseId}/submissions`],
      ['get', `/api/cases/${caseId}/diagram`],
      ['get', '/api/cases'],
      ['get', '/api/tasks'],
      ['get', '/api/me'],
      ['get', `/api/attachments/${attachmentId}`],
      ['post', `/api/tasks/${opinions[0]?.ref ?? ''}/complete`, { data: await h.example('department-opinion') }],
      ['post', `/api/cases/${caseId}/messages/withdraw`, { data: await h.example('withdraw') }],
      ['post', '/api/cases', { process: PROCESS, park: 'P-001', province: '320000' }],
      ['get', `/api/definitions`],
      ['get', `/api/definitions/${PROCESS}/2024-03-14`],
    ];
    for (const [method, path, body] of calls) {
      const response = await as(undefined, method, path, body === undefined ? {} : { body });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((response.body as { error: { message: string } }).error.message).toMatch(CHINESE);
    }
  });

  it('in scope — its park, province, leading group, national groups, admin — read the case (200)', async () => {
    for (const who of READERS) {
      const response = await as(who, 'get', `/api/cases/${caseId}`);
      expect(response.status, who).toBe(200);
      expect((response.body as CaseView).park).toBe('P-001');
      const listed = (await as(who, 'get', '/api/cases')).body as CaseView[];
      expect(
        listed.map((view) => view.id),
        who,
      ).toContain(caseId);
    }
    const provinceList = (await as('province', 'get', '/api/cases')).body as CaseView[];
    expect(provinceList.map((view) => view.id)).toEqual([caseId]);
    const parkList = (await as('park2', 'get', '/api/cases')).body as CaseView[];
    expect(parkList).toEqual([]);
    const otherProvince = (await as('province2', 'get', '/api/cases')).body as CaseView[];
    expect(otherProvince.map((view) => view.id)).toEqual([otherCaseId]);
  });

  it('GET /api/tasks lists only tasks the caller may complete', async () => {
    for (const who of EVERYONE) {
      const roles = (ROLE_USERS[who] ?? ['admin']).map(parseRole);
      const tasks = (await as(who, 'get', '/api/tasks')).body as TaskView[];
      for (const task of tasks) {
        const fits = roles.some(
          (role) =>
            task.groups.includes(role.group) &&
            (role.scope === undefined || role.scope === task.scope || task.scope === undefined),
        );
        expect(fits, `${who}: ${task.taskId} ${task.scope ?? ''}`).toBe(true);
      }
    }
    expect((await h.tasks('moa')).map((task) => task.scope)).toEqual(['moa']);
    expect((await h.tasks('province2')).map((task) => task.taskId)).toEqual(['provincialFeasibilityReview']);
    expect(await h.tasks('province')).toEqual([]);
    expect(await h.tasks('admin')).toEqual([]);
  });

  it("completing someone else's task is 403 where the case is seen, else 409 as for no such task", async () => {
    const moaTask = opinions.find((task) => task.scope === 'moa');
    const data = await h.example('department-opinion');
    const unknown = await as('park2', 'post', '/api/tasks/t_unknown/complete', { body: { data } });
    for (const who of EVERYONE.filter((name) => name !== 'moa')) {
      const response = await as(who, 'post', `/api/tasks/${moaTask?.ref ?? ''}/complete`, { body: { data } });
      const outsider = (OUTSIDERS as readonly string[]).includes(who);
      expect(response.status, who).toBe(outsider ? 409 : 403);
      expect(errorCode(response)).toBe(outsider ? 'not-open' : 'forbidden');
      // "Not yours" reads exactly as "not there": the same message, the ref aside.
      if (outsider)
        expect(response.text.replace(moaTask?.ref ?? '', 'REF')).toBe(unknown.text.replace('t_unknown', 'REF'));
    }
    const review = (await h.tasks('province2'))[0];
    const reviewData = await h.example('provincial-feasibility-review');
    for (const who of ['province', 'group', 'park3', 'samr']) {
      const response = await as(who, 'post', `/api/tasks/${review?.ref ?? ''}/complete`, {
        body: { data: reviewData },
      });
      expect(response.status, who).toBe(['province', 'group'].includes(who) ? 409 : 403);
    }
    // The owner still can: nothing was consumed by the refusals.
    expect((await h.complete('moa', caseId, 'departmentOpinion')).openTasks).toHaveLength(3);
  });

  it('messages from the wrong group are 403 (409 where the case is not seen, as for none); outside their window 409', async () => {
    const withdraw = { data: await h.example('withdraw') };
    const unknown = await as('park2', 'post', '/api/cases/c_unknown/messages/withdraw', { body: withdraw });
    expect(unknown.status).toBe(409);
    for (const who of ['park2', 'park3', 'province', 'group', 'province2', 'samr', 'moa', 'expert', 'admin']) {
      const response = await as(who, 'post', `/api/cases/${caseId}/messages/withdraw`, { body: withdraw });
      const outsider = (OUTSIDERS as readonly string[]).includes(who);
      expect(response.status, who).toBe(outsider ? 409 : 403);
      if (outsider) expect(response.text, who).toBe(unknown.text);
    }
    const revocation = { data: await h.example('revocation-proposed') };
    expect(
      (await as('samr', 'post', `/api/cases/${caseId}/messages/revocationProposed`, { body: revocation })).status,
    ).toBe(409);
    const majorEvent = { data: await h.example('major-event') };
    expect((await as('park1', 'post', `/api/cases/${caseId}/messages/majorEvent`, { body: majorEvent })).status).toBe(
      409,
    );
    expect((await as('park2', 'post', `/api/cases/${caseId}/messages/majorEvent`, { body: majorEvent })).status).toBe(
      409,
    );
    const objection = { data: await h.example('objection') };
    const notPublicized = await as(undefined, 'post', `/api/public/notices/${caseId}/objections`, { body: objection });
    expect(notPublicized.status).toBe(409);
  });

  it('admin-only endpoints: 403 for every other role, 401 without a token', async () => {
    const calls: [method: 'get' | 'post' | 'patch', path: string, body?: unknown][] = [
      ['get', '/api/users'],
      ['post', '/api/users', { username: 'intruder', password: PASSWORD, roles: ['admin'] }],
      ['patch', '/api/users/park1', { roles: ['admin'] }],
      ['get', '/api/admin/clock'],
      ['post', '/api/admin/clock', { advanceTo: '2030-01-01T00:00:00+08:00' }],
      ['post', '/api/admin/incidents/retry'],
    ];
    for (const [method, path, body] of calls) {
      for (const who of Object.keys(ROLE_USERS)) {
        const response = await as(who, method, path, body === undefined ? {} : { body });
        expect(response.status, `${who} ${method} ${path}`).toBe(403);
      }
      expect((await as(undefined, method, path, body === undefined ? {} : { body })).status).toBe(401);
    }
    // The designer's back end: policy-admin and admin only.
    const editorCalls: [method: 'get' | 'post', path: string, body?: unknown][] = [
      ['get', '/api/drafts'],
      ['post', '/api/drafts', { process: PROCESS, from: '2024-03-14' }],
      ['get', '/api/drafts/d_unknown'],
      ['post', '/api/drafts/d_unknown/validate'],
      ['get', '/api/definitions-audit'],
    ];
    for (const [method, path, body] of editorCalls) {
      for (const who of Object.keys(ROLE_USERS).filter((name) => name !== 'policy')) {
        const response = await as(who, method, path, body === undefined ? {} : { body });
        expect(response.status, `${who} ${method} ${path}`).toBe(403);
      }
      expect((await as(undefined, method, path, body === undefined ? {} : { body })).status).toBe(401);
    }
    for (const who of Object.keys(ROLE_USERS).filter((name) => name !== 'policy')) {
      const migrate = await as(who, 'post', `/api/cases/${caseId}/migrate`, {
        body: { to: '2024-03-14', dryRun: true },
      });
      expect(migrate.status, who).toBe(403);
    }
    expect(h.clock.now().toISOString()).toBe('2024-04-01T01:00:00.000Z');
    expect((await h.api.get('/api/users', { token: h.adminToken })).body).not.toContainEqual(
      expect.objectContaining({ username: 'intruder' }),
    );
  });

  it('attachments download within the case’s scope only', async () => {
    for (const who of ['park1', 'province', 'group', 'samr', 'moa', 'admin']) {
      expect((await as(who, 'get', `/api/attachments/${attachmentId}`)).status, who).toBe(200);
    }
    for (const who of OUTSIDERS)
      expect((await as(who, 'get', `/api/attachments/${attachmentId}`)).status, who).toBe(404);
  });

  it('a park cannot start a case for another park (403) nor learn of its case', async () => {
    for (const who of ['park2', 'park3', 'province2']) {
      const response = await as(who, 'post', '/api/cases', {
        body: { process: PROCESS, park: 'P-001', province: '320000' },
      });
      expect(response.status, who).toBe(403);
      expect(response.text).not.toContain(caseId);
    }
  });

  it('refuses the actor ids the system uses itself as user names (a user "anonymous" would own every public upload)', async () => {
    const evidence = await h.api.post('/api/public/attachments', { raw: tinyPdf('evidence for SAMR only') });
    for (const username of ['anonymous', 'system']) {
      const created = await h.api.post('/api/users', {
        token: h.adminToken,
        body: { username, password: PASSWORD, roles: ['park:P-009'] },
      });
      expect.soft(created.status, username).toBe(422);
    }
    const impostor = await h.login('anonymous').catch(() => undefined);
    if (impostor !== undefined) {
      const download = await h.api.get(`/api/attachments/${(evidence.body as { id: string }).id}`, { token: impostor });
      expect(download.status).toBe(404);
    }
  });

  it('an objection by a user outside the scope (POST …/messages/objection) is acknowledged without the case', async () => {
    for (const ministry of MINISTRIES.filter((code) => code !== 'moa'))
      await h.complete(ministry, caseId, 'departmentOpinion');
    await h.complete('samr', caseId, 'samrCreationApproval');
    await h.advanceTo('2025-04-02T09:00:00+08:00');
    await h.complete('park1', caseId, 'submitAcceptanceApplication');
    await h.complete('province', caseId, 'provincialAcceptanceReview');
    await h.complete('group', caseId, 'provincialLeadingGroupAcceptanceReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, caseId, 'departmentOpinion');
    await h.complete('samr', caseId, 'samrAcceptanceReview');
    const assigned = await h.api.get(`/api/cases/${caseId}`, { token: h.token('expert') });
    expect(assigned.status, 'the panel reads a case sent to it').toBe(200);
    expect((await h.complete('expert', caseId, 'expertEvaluation')).status).toBe('publicizing');
    const evaluated = await h.api.get('/api/cases', { token: h.token('expert') });
    expect(
      (evaluated.body as CaseView[]).map((view) => view.id),
      'and still after its evaluation',
    ).toEqual([caseId]);

    const objection = { data: await h.withUploads('park3', await h.example('objection')) };
    const response = await as('park3', 'post', `/api/cases/${caseId}/messages/objection`, { body: objection });
    expect(response.status).toBe(202);
    expect(response.body).not.toHaveProperty('openTasks');
    const ref = (await h.tasks('samr')).find((task) => task.caseId === caseId)?.ref ?? '';
    expect(response.text).not.toContain(ref);
  });

  it('nothing answered outside the scope carries the case id or the park’s data', () => {
    const unknownEcho = (text: string) => text.includes(`案件 ${caseId} 不存在`);
    // An objector knows the case from its public notice (checked on its own above).
    for (const { who, call, text } of outsiderBodies.filter(({ call }) => !call.endsWith('/messages/objection'))) {
      // Starting a case names the park in the request: an answer may echo it, never its case.
      const secrets = call === 'post /api/cases' ? ['云澜湖', attachmentId] : ['P-001', '云澜湖', attachmentId];
      const leaked = secrets.filter((secret) => text.includes(secret));
      if (!unknownEcho(text) && text.includes(caseId)) leaked.push(caseId);
      expect(leaked, `${who} ${call}: ${text.slice(0, 300)}`).toEqual([]);
    }
  });
});
