import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerHarness, withUsers } from './harness.js';

interface AssignableRole {
  group: string;
  title?: string;
  scope?: { title: string; values?: { code: string; name: string }[] };
  regionRequired?: true;
}

describe('GET /api/roles: what the account page offers an admin', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists admin, policy-admin and every declared group but the public, titled, with their scopes', async () => {
    const listed = await h.api.get('/api/roles', { token: h.adminToken });
    expect(listed.status).toBe(200);
    const roles = listed.body as AssignableRole[];
    const byGroup = new Map(roles.map((role) => [role.group, role]));
    expect([...byGroup.keys()].sort()).toEqual(
      ['admin', 'expert', 'ministry', 'park', 'policy-admin', 'province', 'province-leading-group', 'samr'].sort(),
    );
    // Each declared group names its process, whose catalogue titles it in another language.
    expect(byGroup.get('samr')).toEqual({ group: 'samr', process: 'quality-brand-zone', title: '市场监管总局' });
    expect(byGroup.get('admin')).toEqual({ group: 'admin' });
    // A region-scoped group lists the directory's codes by name; a subject-scoped one lists none.
    expect(byGroup.get('province')?.scope?.title).toBe('省级单位');
    expect(byGroup.get('province')?.scope?.values).toContainEqual({ code: '320000', name: '江苏省' });
    expect(byGroup.get('park')?.scope).toEqual({ title: '园区' });
    // Only the subject's role says its account must name a region (the account dialog asks for it).
    expect(roles.filter((role) => role.regionRequired === true).map((role) => role.group)).toEqual(['park']);
    expect(byGroup.get('ministry')?.scope?.values).toContainEqual({ code: 'moa', name: '农业农村部' });
    // Each listed role is one the account routes accept.
    const created = await h.api.post('/api/users', {
      token: h.adminToken,
      body: { username: 'ministry-moa', password: 'Zq7#wLr9!mVb2pX', roles: ['ministry:moa', 'expert'] },
    });
    expect(created.status).toBe(201);
  });

  it('answers only an admin (403 in Chinese for anyone else)', async () => {
    const refused = await h.api.get('/api/roles', { token: h.token('park1') });
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
