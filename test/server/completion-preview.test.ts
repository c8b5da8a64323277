import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { PROCESS, ServerHarness, withUsers } from './harness.js';

/** A new case of `user`'s park, by its id. */
async function startCase(h: ServerHarness, user: string, park = 'P-001', province = '320000'): Promise<string> {
  const started = await h.api.post('/api/cases', {
    token: h.token(user),
    body: { process: PROCESS, park, province },
  });
  return (started.body as CaseView).id;
}

/**
 * QA: one Art. 7 declaration ticked 是 ended the application at once, with no warning. The workbench
 * now asks first; it learns that a submission would end the case from POST /api/tasks/:ref/preview,
 * which runs the step on the real process and commits nothing.
 */
describe('previewing a completion', () => {
  let h: ServerHarness;
  let caseId = '';

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1', 'park2', 'province']);
    caseId = await startCase(h, 'park1');
  });
  afterAll(async () => {
    await h.close();
  });

  const submit = async (patch: unknown) => {
    const task = await h.task('park1', caseId, 'submitCreationApplication');
    return { task, data: await h.withUploads('park1', await h.example(task.formKey, patch)) };
  };

  it('says an Art. 7 declaration would end the case, and ends nothing', async () => {
    const before = await h.case(caseId);
    const audit = await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken });
    const { task, data } = await submit({ art7Declarations: { majorQualityAccident: true } });
    const preview = await h.api.post(`/api/tasks/${task.ref}/preview`, { token: h.token('park1'), body: { data } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      final: true,
      statusTitle: '不符合申报条件',
      reason: expect.stringContaining('第七条') as unknown,
    });

    const after = await h.case(caseId);
    expect(after).toEqual(before);
    expect((await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken })).body).toEqual(audit.body);
    expect((await h.task('park1', caseId, 'submitCreationApplication')).ref).toBe(task.ref);
  });

  it('says an ordinary application goes on to the province; then completing it does so', async () => {
    const { task, data } = await submit({ parkType: 'industry' });
    const preview = await h.api.post(`/api/tasks/${task.ref}/preview`, { token: h.token('park1'), body: { data } });
    expect(preview.body).toMatchObject({ final: false });
    const done = await h.api.post(`/api/tasks/${task.ref}/complete`, { token: h.token('park1'), body: { data } });
    expect(done.status).toBe(200);
    expect((done.body as CaseView).status).toBe((preview.body as { status: string }).status);
  });

  it('checks as a completion does: another park 409, the wrong group 403, bad data 422 at the field', async () => {
    const review = await h.task('province', caseId, 'provincialFeasibilityReview');
    const data = await h.example(review.formKey);
    const path = `/api/tasks/${review.ref}/preview`;
    expect((await h.api.post(path, { token: h.token('park2'), body: { data }, request: 'unchecked' })).status).toBe(
      409,
    );
    expect((await h.api.post(path, { token: h.token('park1'), body: { data }, request: 'unchecked' })).status).toBe(
      403,
    );
    const invalid = await h.api.post(path, {
      token: h.token('province'),
      body: { data: { ...data, decision: 'maybe' } },
      request: 'unchecked',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('/decision');
  });
});

/** A withdrawal (Art. 3) ends the case as a message, not a task: the workbench asks first the same way. */
describe('previewing a message', () => {
  let h: ServerHarness;
  let caseId = '';

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1', 'park2', 'province']);
    caseId = await startCase(h, 'park1');
  });
  afterAll(async () => {
    await h.close();
  });

  const withdraw = () => `/api/cases/${caseId}/messages/withdraw`;

  it('says a withdrawal would end the case as 已撤回, ends nothing; sending it then does', async () => {
    const before = await h.case(caseId);
    const audit = await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken });
    const data = await h.example('withdraw');
    const preview = await h.api.post(`${withdraw()}/preview`, { token: h.token('park1'), body: { data } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ final: true, status: 'withdrawn', statusTitle: '已撤回' });
    expect(await h.case(caseId)).toEqual(before);
    expect((await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken })).body).toEqual(audit.body);

    const sent = await h.api.post(withdraw(), { token: h.token('park1'), body: { data } });
    expect(sent.status, sent.text).toBe(202);
    expect(sent.body).toMatchObject({ status: 'withdrawn', final: true });
  });

  it('checks as sending does: another park 409, the wrong sender 403, bad data 422 at the field', async () => {
    caseId = await startCase(h, 'park1');
    const data = await h.example('withdraw');
    const preview = (user: string, body: unknown) =>
      h.api.post(`${withdraw()}/preview`, { token: h.token(user), body, request: 'unchecked' });
    expect((await preview('park2', { data })).status).toBe(409);
    expect((await preview('province', { data })).status).toBe(403);
    const invalid = await preview('park1', { data: { ...data, confirmation: 'yes' } });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('/confirmation');
    expect((await h.case(caseId)).status).toBe('applying');
  });
});

/** Each preview runs a full process step: a user asking for them in a loop must not take the server with it. */
describe('previews per user are limited', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { previewsPerMinute: 3 } });
    await withUsers(h, ['park1', 'park2', 'park3']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 in Chinese with Retry-After past the limit, for that user only', async () => {
    const task = await h.task('park1', await startCase(h, 'park1'), 'submitCreationApplication');
    const data = await h.withUploads('park1', await h.example(task.formKey, { parkType: 'industry' }));
    const preview = (user: string) =>
      h.api.post(`/api/tasks/${task.ref}/preview`, { token: h.token(user), body: { data }, request: 'unchecked' });
    for (let index = 0; index < 3; index += 1) expect((await preview('park1')).status).toBe(200);
    const refused = await preview('park1');
    expect(refused.status).toBe(429);
    expect((refused.body as { error: { code: string } }).error.code).toBe('too-many-requests');
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /^预览提交结果过于频繁，请 \d+ 秒后再试$/,
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // In English for a client asking for it, as every other refusal (the message catalogue).
    const english = await h.api.post(`/api/tasks/${task.ref}/preview`, {
      token: h.token('park1'),
      body: { data },
      request: 'unchecked',
      headers: { 'Accept-Language': 'en' },
    });
    expect(english.body).toMatchObject({
      error: {
        code: 'too-many-requests',
        message: expect.stringMatching(
          /^Too many previews of what a submission would do; try again in \d+ seconds?$/,
        ) as string,
      },
    });
    // Another user's previews are counted apart (park2 may not see the task: 409, but not 429).
    expect((await preview('park2')).status).toBe(409);
  });

  it('counts a message preview with the task previews', async () => {
    const caseId = await startCase(h, 'park3', 'P-003', '330000');
    const task = await h.task('park3', caseId, 'submitCreationApplication');
    const data = await h.withUploads('park3', await h.example(task.formKey, { parkType: 'industry' }));
    const withdrawal = { data: await h.example('withdraw') };
    const asked = [
      await h.api.post(`/api/tasks/${task.ref}/preview`, { token: h.token('park3'), body: { data } }),
      await h.api.post(`/api/cases/${caseId}/messages/withdraw/preview`, { token: h.token('park3'), body: withdrawal }),
      await h.api.post(`/api/tasks/${task.ref}/preview`, { token: h.token('park3'), body: { data } }),
      await h.api.post(`/api/cases/${caseId}/messages/withdraw/preview`, {
        token: h.token('park3'),
        body: withdrawal,
        request: 'unchecked',
      }),
    ];
    expect(asked.map((response) => response.status)).toEqual([200, 200, 200, 429]);
  });
});
