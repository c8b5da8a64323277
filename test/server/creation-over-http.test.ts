import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import {
  CHINESE,
  MINISTRIES,
  PASSWORD,
  PROCESS,
  ROLE_USERS,
  ServerHarness,
  tinyPdf,
  VERSION,
  withUsers,
} from './harness.js';

interface ErrorBody {
  error: { code: string; message: string };
  errors?: { path: string; message: string }[];
}

const errorOf = (body: unknown) => body as ErrorBody;

describe('a case through creation, acceptance, public notice and recognition over HTTP', () => {
  let h: ServerHarness;
  let caseId = '';

  beforeAll(async () => {
    h = await ServerHarness.create();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets the admin create a user for every role (409 for a taken name), and each logs in', async () => {
    await withUsers(h);
    const taken = await h.api.post('/api/users', {
      token: h.adminToken,
      body: { username: 'park1', password: PASSWORD, roles: ['park:P-009'] },
    });
    expect(taken.status).toBe(409);
    expect(errorOf(taken.body).error.code).toBe('conflict');
    expect(errorOf(taken.body).error.message).toMatch(CHINESE);

    const users = await h.api.get('/api/users', { token: h.adminToken });
    expect((users.body as { username: string }[]).map((user) => user.username).sort()).toEqual(
      ['admin', ...Object.keys(ROLE_USERS)].sort(),
    );
    for (const [username, roles] of Object.entries(ROLE_USERS)) {
      const me = await h.api.get('/api/me', { token: h.token(username) });
      expect(me.body).toMatchObject({ username, roles });
    }
  });

  it('creates one account for two concurrent requests for one name: 201 and 409, never an overwrite', async () => {
    const twins = await Promise.all(
      ['first-password', 'second-password'].map((password) =>
        h.api.post('/api/users', { token: h.adminToken, body: { username: 'twin', password, roles: ['samr'] } }),
      ),
    );
    expect(twins.map((response) => response.status).sort()).toEqual([201, 409]);
    expect((await h.api.post('/api/session', { body: { username: 'twin', password: 'first-password' } })).status).toBe(
      twins[0]?.status === 201 ? 200 : 401,
    );
  });

  it('runs the creation phase: park, province, leading group, the four ministries, SAMR → creating', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    expect(started.status).toBe(201);
    const view = started.body as CaseView;
    caseId = view.id;
    expect(view).toMatchObject({ process: PROCESS, version: VERSION, status: 'applying', park: 'P-001' });
    expect(view.openTasks.map((task) => task.taskId)).toEqual(['submitCreationApplication']);
    // Named as drawn, in the case and in the inbox.
    expect(view.openTasks[0]?.name).toBe('提交创建申请');
    const inbox = (await h.api.get('/api/tasks', { token: h.token('park1') })).body as { name?: string }[];
    expect(inbox.map((task) => task.name)).toEqual(['提交创建申请']);

    const plan = await h.api.post('/api/attachments', {
      token: h.token('park1'),
      raw: tinyPdf('creation plan'),
      headers: { 'X-File-Name': encodeURIComponent('创建方案.pdf') },
    });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ name: '创建方案.pdf', type: 'application/pdf', uploadedBy: 'park1' });
    const creationPlan = (plan.body as { id: string }).id;

    // Invalid form data: 422 with every field error, in Chinese, and nothing changes.
    const [submit] = view.openTasks;
    const invalid = await h.api.post(`/api/tasks/${submit?.ref ?? ''}/complete`, {
      token: h.token('park1'),
      body: { data: await h.example('submit-creation-application', { parkName: '', parkType: 'spaceport' }) },
    });
    expect(invalid.status).toBe(422);
    const { error, errors = [] } = errorOf(invalid.body);
    expect(error.code).toBe('validation');
    expect(errors.map((field) => field.path)).toEqual(expect.arrayContaining(['/parkName', '/parkType']));
    for (const field of errors) expect(field.message).toMatch(CHINESE);
    expect((await h.case(caseId)).openTasks.map((task) => task.taskId)).toEqual(['submitCreationApplication']);

    const submitted = await h.complete('park1', caseId, 'submitCreationApplication', {
      parkType: 'industry',
      creationPlan,
    });
    expect(submitted.openTasks.map((task) => task.taskId)).toEqual(['provincialFeasibilityReview']);
    await h.complete('province', caseId, 'provincialFeasibilityReview');
    const opinions = await h.complete('group', caseId, 'provincialLeadingGroupReview');
    expect(opinions.openTasks.map((task) => `${task.taskId}:${task.scope ?? ''}`).sort()).toEqual(
      MINISTRIES.map((ministry) => `departmentOpinion:${ministry}`).sort(),
    );

    // Each ministry sees only its own opinion task.
    for (const ministry of MINISTRIES) {
      const tasks = await h.tasks(ministry);
      expect(tasks.map((task) => [task.caseId, task.taskId, task.scope])).toEqual([
        [caseId, 'departmentOpinion', ministry],
      ]);
    }
    for (const ministry of MINISTRIES) await h.complete(ministry, caseId, 'departmentOpinion');
    const approved = await h.complete('samr', caseId, 'samrCreationApproval');
    expect(approved.status).toBe('creating');
    expect(approved.openTasks).toEqual([]);
    expect(approved.due.acceptanceOpens).toBe('2025-04-02');
  });

  it('runs acceptance, expert evaluation, the public notice with objections, and recognition on the sandbox clock', async () => {
    const clock = await h.api.get('/api/admin/clock', { token: h.adminToken });
    expect(clock.body).toEqual({ now: '2024-04-01T01:00:00.000Z', simulated: true });
    expect(await h.advanceTo('2025-04-01T23:59:00+08:00')).toBe(0);
    expect((await h.case(caseId)).openTasks).toEqual([]);
    expect(await h.advanceTo('2025-04-02T09:00:00+08:00')).toBeGreaterThan(0);
    const backwards = await h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo: '2025-01-01T00:00:00+08:00' },
    });
    expect(backwards.status).toBe(409);

    await h.complete('park1', caseId, 'submitAcceptanceApplication');
    await h.complete('province', caseId, 'provincialAcceptanceReview');
    await h.complete('group', caseId, 'provincialLeadingGroupAcceptanceReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, caseId, 'departmentOpinion');
    await h.complete('samr', caseId, 'samrAcceptanceReview');
    const evaluated = await h.complete('expert', caseId, 'expertEvaluation');
    expect(evaluated.status).toBe('publicizing');
    // Published Wed 2025-04-02: five working days after it skip Qingming (04-04 to 04-06).
    expect(evaluated.due).toMatchObject({ publicityStarts: '2025-04-02', publicityEnds: '2025-04-10' });

    const notices = await h.api.get('/api/public/notices');
    expect(notices.body).toEqual([
      expect.objectContaining({
        caseId,
        park: 'P-001',
        parkName: '云澜湖智能装备产业园区',
        province: '320000',
        provinceName: '江苏省',
        message: 'objection',
        title: '公示评估验收结果',
        opensOn: '2025-04-02',
        closesOn: '2025-04-10',
        workingDays: 5,
      }),
    ]);

    const evidence = await h.api.post('/api/public/attachments', {
      raw: tinyPdf('objection evidence'),
      type: 'application/pdf',
      headers: { 'X-File-Name': 'evidence.pdf' },
    });
    expect(evidence.status).toBe(201);
    const objection = await h.example('objection', { evidence: [(evidence.body as { id: string }).id] });
    const filed = await h.api.post(`/api/public/notices/${caseId}/objections`, { body: { data: objection } });
    expect(filed.status).toBe(201);
    // The receipt's code (random, counting nothing) is the one SAMR's inbox shows on the review it opened.
    expect(filed.body).toEqual({
      caseId,
      received: true,
      receivedAt: expect.any(String) as unknown,
      receipt: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/) as unknown,
    });
    const { receipt } = filed.body as { receipt: string };
    const review = (await h.tasks('samr')).find((task: TaskView) => task.caseId === caseId);
    expect(review).toMatchObject({
      taskId: 'samrObjectionReview',
      origin: { message: 'objection', number: 1, receipt },
    });

    // The objector's personal data and evidence are for SAMR, not for the park objected to.
    const evidenceId = (evidence.body as { id: string }).id;
    type Sent = { kind: string; name: string; data: unknown; redacted?: boolean };
    const sent = (who: string) =>
      h.api
        .get(`/api/cases/${caseId}/submissions`, { token: h.token(who) })
        .then((answer) => (answer.body as Sent[]).find((entry) => entry.kind === 'message'));
    expect(await sent('samr')).toMatchObject({ name: 'objection', data: { objector: objection.objector } });
    expect(await sent('park1')).toMatchObject({ name: 'objection', data: null, redacted: true });
    expect((await h.api.get(`/api/attachments/${evidenceId}`, { token: h.token('samr') })).status).toBe(200);
    expect((await h.api.get(`/api/attachments/${evidenceId}`, { token: h.token('park1') })).status).toBe(404);

    await h.advanceTo('2025-04-11T09:00:00+08:00');
    const late = await h.api.post(`/api/public/notices/${caseId}/objections`, { body: { data: objection } });
    expect(late.status).toBe(409);
    expect(errorOf(late.body).error.code).toBe('not-open');
    expect(errorOf(late.body).error.message).toMatch(CHINESE);
    expect(((await h.api.get('/api/public/notices')).body as unknown[]).length).toBe(0);

    const dismissed = await h.complete('samr', caseId, 'samrObjectionReview', { decision: 'dismissed' });
    expect(dismissed.openTasks.map((task) => task.taskId)).toEqual(['samrRecognition']);
    const recognized = await h.complete('samr', caseId, 'samrRecognition');
    expect(recognized.status).toBe('demonstrating');
    expect(recognized.due.recognizedOn).toBe('2025-04-11');

    const audit = await h.api.get(`/api/cases/${caseId}/audit`, { token: h.token('samr') });
    const entries = audit.body as { seq: number; type: string }[];
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_entry, index) => index + 1));
    expect(entries.filter((entry) => entry.type === 'message.received')).toHaveLength(1);
    const submissions = await h.api.get(`/api/cases/${caseId}/submissions`, { token: h.token('park1') });
    expect((submissions.body as unknown[]).length).toBeGreaterThanOrEqual(17);
    const diagram = await h.api.get(`/api/cases/${caseId}/diagram`, { token: h.token('province') });
    expect((diagram.body as { xml: string }).xml).toContain('bpmn:definitions');
  });

  it('revokes a token on logout (DELETE /api/session), then answers 401', async () => {
    const token = await h.login('expert');
    expect((await h.api.get('/api/me', { token })).status).toBe(200);
    expect((await h.api.delete('/api/session', { token })).status).toBe(204);
    const after = await h.api.get('/api/me', { token });
    expect(after.status).toBe(401);
    expect(errorOf(after.body).error.code).toBe('unauthorized');
    expect(errorOf(after.body).error.message).toMatch(CHINESE);
    expect((await h.api.get('/api/tasks', { token })).status).toBe(401);
  });

  it('lets the admin change a user: new roles or disabling end its sessions (200); unknown users 404', async () => {
    const token = await h.login('mofcom');
    const changed = await h.api.patch('/api/users/mofcom', {
      token: h.adminToken,
      body: { roles: ['ministry:mofcom', 'expert'], displayName: '商务部' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      username: 'mofcom',
      roles: ['ministry:mofcom', 'expert'],
      displayName: '商务部',
    });
    expect((await h.api.get('/api/me', { token })).status).toBe(401);
    const again = await h.login('mofcom');
    expect((await h.api.get('/api/me', { token: again })).body).toMatchObject({ roles: ['ministry:mofcom', 'expert'] });
    const disabled = await h.api.patch('/api/users/mofcom', { token: h.adminToken, body: { disabled: true } });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await h.api.get('/api/me', { token: again })).status).toBe(401);
    const refused = await h.api.post('/api/session', { body: { username: 'mofcom', password: PASSWORD } });
    expect(refused.status).toBe(401);
    await h.api.patch('/api/users/mofcom', { token: h.adminToken, body: { disabled: false } });
    expect((await h.api.post('/api/session', { body: { username: 'mofcom', password: PASSWORD } })).status).toBe(200);
    expect((await h.api.patch('/api/users/nobody', { token: h.adminToken, body: { disabled: true } })).status).toBe(
      404,
    );
    expect((await h.api.post('/api/admin/incidents/retry', { token: h.adminToken })).body).toEqual({ resolved: 0 });
  });

  it('keeps sessions when the case clock moves: they run on the machine clock (CONTRACT §6)', async () => {
    const token = await h.login('moa');
    const before = h.adminToken;
    await h.advanceTo(new Date(h.clock.now().getTime() + 13 * 3_600_000).toISOString());
    expect((await h.api.get('/api/me', { token })).status).toBe(200);
    // The admin who moved the clock is still logged in too.
    expect((await h.api.get('/api/users', { token: before })).status).toBe(200);
  });

  it('slows repeated wrong passwords from one address (429, Retry-After), but never locks the account', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.7' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await h.api.post('/api/session', {
        headers,
        body: { username: 'mct', password: 'wrong-password' },
      });
      expect(wrong.status).toBe(401);
      expect(errorOf(wrong.body).error.message).toMatch(CHINESE);
    }
    const blocked = await h.api.post('/api/session', { headers, body: { username: 'mct', password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorOf(blocked.body).error).toMatchObject({ code: 'too-many-attempts' });
    // The same user from another address, and another user, are not held up.
    for (const username of ['mct', 'cnipa']) {
      const other = await h.api.post('/api/session', {
        headers: { 'X-Forwarded-For': '203.0.113.8' },
        body: { username, password: PASSWORD },
      });
      expect(other.status).toBe(200);
    }
  });

  it('lets a whole office behind one address log in at once (the address limit is far above the user limit)', async () => {
    const names = ['park1', 'park2', 'park3', 'province', 'province2', 'group', 'group2', 'samr', 'moa', 'mofcom'];
    const logins = await Promise.all(
      names.map((username) =>
        h.api.post('/api/session', {
          headers: { 'X-Forwarded-For': '203.0.113.50' },
          body: { username, password: PASSWORD },
        }),
      ),
    );
    expect(logins.map((login) => login.status)).toEqual(names.map(() => 200));
  });

  it('throttles concurrent guesses too: of 20 wrong passwords at once, at most 5 are tried', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.20' };
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_unused, index) =>
        h.api.post('/api/session', { headers, body: { username: 'cnipa', password: `guess-${index}` } }),
      ),
    );
    const statuses = guesses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401).length, statuses.join(',')).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - statuses.filter((s) => s === 401).length);
  });
});
