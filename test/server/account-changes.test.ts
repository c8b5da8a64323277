import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountChange } from '../../server/accounts/account-log.js';
import { PASSWORD, ServerHarness } from './harness.js';

/** 等级保护: who made, changed, disabled or re-passworded which account is on record, for admins only. */
describe('the account change log', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await h.user('admin2', ['admin']);
    await h.user('samr', ['samr']);
  });
  afterAll(async () => {
    await h.close();
  });

  const changes = async (token = h.token('admin2')) =>
    (await h.api.get('/api/account-changes', { token })).body as AccountChange[];

  it('records each creation and change: by whom, what before and after, a password only as set', async () => {
    const admin2 = h.token('admin2');
    const made = await h.api.post('/api/users', {
      token: admin2,
      body: { username: 'park7', password: PASSWORD, roles: ['park:P-007'], province: '320000' },
    });
    expect(made.status).toBe(201);
    await h.api.patch('/api/users/park7', { token: admin2, body: { roles: ['park:P-008'], province: '330000' } });
    await h.api.patch('/api/users/park7', { token: admin2, body: { password: 'Another-horse-7y', disabled: true } });
    // Nothing changed: nothing recorded.
    await h.api.patch('/api/users/park7', { token: admin2, body: { disabled: true } });

    const [disabled, moved, created] = (await changes()).filter((change) => change.username === 'park7');
    expect(created).toMatchObject({
      by: 'admin2',
      action: 'created',
      fields: { roles: { to: ['park:P-007'] }, province: { to: '320000' } },
    });
    expect(created).not.toHaveProperty('passwordSet');
    expect(moved).toMatchObject({
      by: 'admin2',
      action: 'changed',
      fields: {
        roles: { from: ['park:P-007'], to: ['park:P-008'] },
        province: { from: '320000', to: '330000' },
      },
    });
    expect(disabled).toMatchObject({ action: 'changed', passwordSet: true, fields: { disabled: { to: true } } });
    expect(disabled?.fields).not.toHaveProperty('roles');
    expect((await changes()).filter((change) => change.username === 'park7')).toHaveLength(3);
    expect(JSON.stringify(await changes())).not.toMatch(/Another-horse|scrypt|passwordHash/);
  });

  it('records an admin giving itself a role (it could then read the objectors, Art. 22)', async () => {
    await h.api.patch('/api/users/admin2', { token: h.token('admin2'), body: { roles: ['admin', 'samr'] } });
    const [latest] = await changes(h.adminToken);
    expect(latest).toMatchObject({
      by: 'admin2',
      username: 'admin2',
      fields: { roles: { from: ['admin'], to: ['admin', 'samr'] } },
    });
  });

  it('records a password reset as such, not as 启用账号: the dialog sends its 停用 box unticked with it', async () => {
    await h.user('park9', ['park:P-009']);
    const reset = await h.api.patch('/api/users/park9', {
      token: h.adminToken,
      body: { password: 'Another-horse-9y', disabled: false },
    });
    expect(reset.status).toBe(200);
    const [latest] = await changes(h.adminToken);
    expect(latest).toMatchObject({ username: 'park9', passwordSet: true });
    expect(latest?.fields).toEqual({});
    // Enabled again once disabled: that is a change, and said as one.
    await h.api.patch('/api/users/park9', { token: h.adminToken, body: { disabled: true } });
    await h.api.patch('/api/users/park9', { token: h.adminToken, body: { disabled: false } });
    const [enabled] = await changes(h.adminToken);
    expect(enabled?.fields).toEqual({ disabled: { from: true, to: false } });
  });

  it('is for admins only', async () => {
    expect((await h.api.get('/api/account-changes', { token: h.token('samr') })).status).toBe(403);
    expect((await h.api.get('/api/account-changes')).status).toBe(401);
  });
});
