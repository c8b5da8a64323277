import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../engine/audit/audit-chain.js';
import type { CaseView } from '../../engine/cases/case-view.js';
import { ActorNames, PUBLIC_NAME } from '../../server/actor-names.js';
import { PASSWORD, PROCESS, ServerHarness, VERSION } from './harness.js';

type Named = { actor: string; actorName?: string; actorRole?: { group: string; scope?: string }; actorPublic?: true };

describe('who acted on a case, by organisation (issue 8 defect 4)', () => {
  let h: ServerHarness;
  let caseId = '';

  beforeAll(async () => {
    h = await ServerHarness.create();
    await h.api.post('/api/users', {
      token: h.adminToken,
      body: {
        username: 'province',
        password: PASSWORD,
        roles: ['province:320000'],
        organisation: '江苏省市场监督管理局',
      },
    });
    await h.login('province');
    await h.user('park1', ['park:P-001']);
    await h.user('group', ['province-leading-group:320000']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps an account’s organisation (POST, PATCH, GET /api/me) and refuses an empty one with 422', async () => {
    expect((await h.api.get('/api/me', { token: h.token('province') })).body).toMatchObject({
      organisation: '江苏省市场监督管理局',
    });
    const patched = await h.api.patch('/api/users/group', {
      token: h.adminToken,
      body: { organisation: '江苏省质量强省工作领导小组' },
    });
    expect(patched.body).toMatchObject({ username: 'group', organisation: '江苏省质量强省工作领导小组' });
    for (const organisation of [' ', '\u200b\u200b', 'o\u202Eb', 'a\u0000']) {
      const refused = await h.api.patch('/api/users/group', {
        token: h.adminToken,
        body: { organisation },
        request: 'unchecked',
      });
      expect(refused.status, JSON.stringify(organisation)).toBe(422);
      expect((refused.body as { error: { code: string } }).error.code).toBe('validation');
    }
    expect((await h.api.get('/api/me', { token: h.token('group') })).body).toMatchObject({
      organisation: '江苏省质量强省工作领导小组',
    });
  });

  it('names the audit’s and the submissions’ actors by organisation, else by role and scope, never by login', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    caseId = (started.body as CaseView).id;
    await h.complete('park1', caseId, 'submitCreationApplication', { parkName: '云澜湖智能装备产业园区' });
    await h.complete('province', caseId, 'provincialFeasibilityReview', { decision: 'return', comments: '请补充' });

    const audit = (await h.api.get(`/api/cases/${caseId}/audit`, { token: h.token('province') })).body as (Named & {
      type: string;
      details: { taskId?: string };
    })[];
    const completed = audit.filter((entry) => entry.type === 'task.completed');
    expect(completed.map((entry) => entry.actorName)).toEqual([
      '创建主体（园区管理委员会或所在地人民政府） · 云澜湖智能装备产业园区',
      '江苏省市场监督管理局',
    ]);
    expect(audit.filter((entry) => entry.actor === 'system').every((entry) => entry.actorName === undefined)).toBe(
      true,
    );
    const submissions = (await h.api.get(`/api/cases/${caseId}/submissions`, { token: h.token('park1') }))
      .body as Named[];
    expect(submissions.map((submission) => submission.actorName)).toEqual([
      '创建主体（园区管理委员会或所在地人民政府） · 云澜湖智能装备产业园区',
      '江苏省市场监督管理局',
    ]);
  });

  it('names a province account without an organisation by its group and province (省级市场监管部门 · 江苏省)', async () => {
    await h.user('province-b', ['province:320000']);
    await h.complete('park1', caseId, 'submitCreationApplication');
    await h.complete('province-b', caseId, 'provincialFeasibilityReview');
    const submissions = (await h.api.get(`/api/cases/${caseId}/submissions`, { token: h.token('park1') }))
      .body as Named[];
    expect(submissions.at(-1)?.actorName).toBe('省级市场监管部门 · 江苏省');
  });

  it('gives the parts a name by role is made of (group, scope), for a page in another language; none for an organisation', async () => {
    const submissions = (await h.api.get(`/api/cases/${caseId}/submissions`, { token: h.token('park1') }))
      .body as Named[];
    expect(submissions.map(({ actorName, actorRole, actorPublic }) => ({ actorName, actorRole, actorPublic }))).toEqual(
      [
        {
          actorName: '创建主体（园区管理委员会或所在地人民政府） · 云澜湖智能装备产业园区',
          actorRole: { group: 'park', scope: 'P-001' },
        },
        { actorName: '江苏省市场监督管理局' },
        {
          actorName: '创建主体（园区管理委员会或所在地人民政府） · 云澜湖智能装备产业园区',
          actorRole: { group: 'park', scope: 'P-001' },
        },
        { actorName: '省级市场监管部门 · 江苏省', actorRole: { group: 'province', scope: '320000' } },
      ],
    );
    const audit = (await h.api.get(`/api/cases/${caseId}/audit`, { token: h.token('province') })).body as Named[];
    expect(audit.find((entry) => entry.actorName === '省级市场监管部门 · 江苏省')?.actorRole).toEqual({
      group: 'province',
      scope: '320000',
    });
  });

  it('calls whoever sent an objection “公众”, even a signed-in official, and everything of that transition', async () => {
    const names = new ActorNames(h.engine, h.accounts);
    const context = { process: PROCESS, version: VERSION, park: 'P-001' };
    const at = '2025-04-03T02:00:00.000Z';
    const entry = (seq: number, type: string, details: Record<string, unknown>): AuditEntry => ({
      seq,
      at,
      type,
      caseId,
      actor: 'province',
      version: `${PROCESS}@${VERSION}`,
      details,
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    });
    const audit = await names.audit(
      [entry(1, 'message.received', { message: 'objection' }), entry(2, 'task.opened', { taskId: 'x' })],
      context,
    );
    expect(audit.map((item) => item.actorName)).toEqual([PUBLIC_NAME, PUBLIC_NAME]);
    // Marked as the public's, never with the role of whoever sent it.
    expect(audit.map(({ actorRole, actorPublic }) => ({ actorRole, actorPublic }))).toEqual([
      { actorRole: undefined, actorPublic: true },
      { actorRole: undefined, actorPublic: true },
    ]);
    const submissions = await names.submissions(
      [
        { actor: 'province', kind: 'message', name: 'objection' },
        { actor: 'province', kind: 'message', name: 'majorEvent' },
      ],
      context,
    );
    expect(submissions.map((item) => item.actorName)).toEqual([PUBLIC_NAME, '江苏省市场监督管理局']);
  });
});
