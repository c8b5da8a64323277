import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/ports.js';
import { MemoryStore } from '../../engine/store/index.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { Accounts, type AccountScope, type UserChange } from '../../server/accounts/accounts.js';
import { RoleCatalogue } from '../../server/accounts/roles.js';
import { DEMO_ACCOUNTS } from '../../server/demo-accounts.js';
import { SAY } from '../../server/messages.js';
import { CHINESE, PASSWORD, PROCESS, ServerHarness, tinyPdf } from './harness.js';
import { freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';

const postgresUp = await postgresAvailable();

const codeOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;

/** Issue 9: account rules, login throttling, a park's province, sessions and headers. */
describe('accounts and sessions, hardened', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await h.user('samr', ['samr']);
  });
  afterAll(async () => {
    await h.close();
  });

  const createUser = (body: Record<string, unknown>) =>
    h.api.post('/api/users', { token: h.adminToken, body, request: 'unchecked' });

  it('refuses short, common and over-long passwords, with Chinese messages', async () => {
    for (const password of ['12345678', 'password1234', 'qwertyqwerty', 'x'.repeat(257), 'newuser-secret-1']) {
      const answer = await createUser({ username: 'newuser', password, roles: ['samr'] });
      expect(answer.status, password.slice(0, 20)).toBe(422);
      expect(codeOf(answer.body).message).toMatch(CHINESE);
    }
    expect((await createUser({ username: 'newuser', password: 'x7-Quiet-Lantern', roles: ['samr'] })).status).toBe(201);
  });

  it('says a password holding the user name is refused for that, not as too common (Chinese and English)', async () => {
    const made = await createUser({ username: 'newuser2', password: 'x7-NewUser2-Lantern', roles: ['samr'] });
    expect(made.status).toBe(422);
    expect(codeOf(made.body).message).toMatch(/不能包含用户名/);
    const changed = await h.api.patch('/api/users/samr', {
      token: h.adminToken,
      headers: { 'Accept-Language': 'en' },
      body: { password: 'Quiet-SAMR-Lantern-9' },
    });
    expect(changed.status).toBe(422);
    expect(codeOf(changed.body).message).toMatch(/must not contain the user name/);
    // A common password is still said to be one.
    expect(
      codeOf((await createUser({ username: 'newuser2', password: 'password1234', roles: ['samr'] })).body).message,
    ).toBe(SAY.passwordGuessable.zh);
  });

  it('names the request field a refusal is about (the dialog clears it when that field changes)', async () => {
    const weak = await createUser({ username: 'fielded', password: 'password1234', roles: ['samr'] });
    expect(codeOf(weak.body)).toMatchObject({ code: 'validation', field: 'password' });
    const taken = await createUser({ username: 'SAMR', password: PASSWORD, roles: ['samr'] });
    expect(codeOf(taken.body)).toMatchObject({ code: 'conflict', field: 'username' });
    const lastAdmin = await h.api.patch('/api/users/admin', { token: h.adminToken, body: { disabled: true } });
    expect(codeOf(lastAdmin.body)).not.toHaveProperty('field');
  });

  it('refuses a display name that hides or spoofs what it says, or is blank or endless: others read it in the history', async () => {
    const made = await createUser({ username: 'shown', password: PASSWORD, roles: ['samr'], displayName: ' 张三 ' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ displayName: '张三' });
    for (const displayName of [
      '张\u202e三',
      '张\u0000三',
      '张三\n市场监管总局',
      '   ',
      '\u200b\u200b',
      'x'.repeat(101),
    ]) {
      const created = await createUser({ username: 'shown2', password: PASSWORD, roles: ['samr'], displayName });
      const changed = await h.api.patch('/api/users/shown', {
        token: h.adminToken,
        body: { displayName },
        request: 'unchecked',
      });
      for (const answer of [created, changed]) {
        expect(answer.status, JSON.stringify(displayName).slice(0, 20)).toBe(422);
        expect(codeOf(answer.body)).toMatchObject({ code: 'validation', field: 'displayName' });
        expect(codeOf(answer.body).message).toMatch(/显示名称/);
      }
    }
    const english = await h.api.patch('/api/users/shown', {
      token: h.adminToken,
      body: { displayName: '张\u202e三' },
      headers: { 'Accept-Language': 'en' },
      request: 'unchecked',
    });
    expect(codeOf(english.body).message).toBe(SAY.displayNameUnsafe.en);
    expect((await h.api.get('/api/users', { token: h.adminToken })).body).toContainEqual(
      expect.objectContaining({ username: 'shown', displayName: '张三' }),
    );
  });

  it('refuses an organisation of more than one line: the history names the account by it', async () => {
    for (const organisation of [
      '江苏省市场监督管理局\n市场监管总局',
      '江苏省\t市场监督管理局',
      '江苏省\u0007市场监督管理局',
    ]) {
      const answer = await h.api.patch('/api/users/samr', { token: h.adminToken, body: { organisation } });
      expect(answer.status, JSON.stringify(organisation)).toBe(422);
      expect(codeOf(answer.body)).toMatchObject({ code: 'validation', field: 'organisation' });
      expect(codeOf(answer.body).message).toBe(SAY.organisationControl.zh);
    }
    // Too long, at the field too (it stood above the account dialog's form).
    const long = await h.api.patch('/api/users/samr', {
      token: h.adminToken,
      body: { organisation: '局'.repeat(101) },
      request: 'invalid',
    });
    expect(codeOf(long.body)).toMatchObject({ code: 'validation', field: 'organisation' });
    expect(codeOf(long.body).message).toBe(SAY.organisationForm.zh);
    const kept = await h.api.patch('/api/users/samr', {
      token: h.adminToken,
      body: { organisation: ' 市场监管总局 ' },
    });
    expect(kept.body).toMatchObject({ organisation: '市场监管总局' });
  });

  it('keeps user names unique regardless of case', async () => {
    const answer = await createUser({ username: 'ADMIN', password: PASSWORD, roles: ['samr'] });
    expect(answer.status).toBe(409);
    expect(codeOf(answer.body).code).toBe('conflict');
  });

  it('signs a name in as it was created whatever its case, width or surrounding spaces, and counts its guesses as one name', async () => {
    expect((await createUser({ username: 'Zhang-Wei', password: PASSWORD, roles: ['samr'] })).status).toBe(201);
    // Typed with Caps Lock, in a full-width input method, pasted with a space or a zero-width space:
    // each was 用户名或密码不正确 though no other account could be meant.
    for (const [index, username] of [
      'zhang-wei',
      'ZHANG-WEI',
      'Ｚｈａｎｇ－Ｗｅｉ',
      ' Zhang-Wei ',
      'Zhang-Wei\u200b',
      '\u3000zhang-wei',
    ].entries()) {
      const answer = await h.api.post('/api/session', {
        headers: { 'X-Forwarded-For': `198.51.100.${40 + index}` },
        body: { username, password: PASSWORD },
      });
      expect(answer.status, JSON.stringify(username)).toBe(200);
      expect(answer.body).toMatchObject({ user: { username: 'Zhang-Wei' } });
    }
    // A wrong password is still wrong, and each spelling is a guess at the same name from that address.
    const headers = { 'X-Forwarded-For': '198.51.100.60' };
    const statuses: number[] = [];
    for (const username of ['zhang-wei', 'ZHANG-WEI', 'Ｚｈａｎｇ－Ｗｅｉ', ' zhang-wei']) {
      statuses.push(
        (await h.api.post('/api/session', { headers, body: { username, password: 'wrong-password' } })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const other = { 'X-Forwarded-For': '198.51.100.61' };
    expect(
      (await h.api.post('/api/session', { headers: other, body: { username: 'zhang wei', password: PASSWORD } }))
        .status,
    ).toBe(401);
  });

  it('finds the account an admin changes as a sign-in does, whatever its case or width, and never echoes an endless name', async () => {
    expect((await createUser({ username: 'Li-Na', password: PASSWORD, roles: ['samr'] })).status).toBe(201);
    // PATCH /api/users/LI-NA answered 404 「用户 LI-NA 不存在」 though no other account could be meant.
    for (const [typed, displayName] of [
      ['LI-NA', '李娜'],
      ['ｌｉ－ｎａ', '李娜（全角）'],
      [' li-na ', '李娜（空格）'],
    ] as const) {
      const answer = await h.api.patch(`/api/users/${encodeURIComponent(typed)}`, {
        token: h.adminToken,
        body: { displayName },
        request: 'unchecked',
      });
      expect(answer.status, JSON.stringify(typed)).toBe(200);
      expect(answer.body).toMatchObject({ username: 'Li-Na', displayName });
    }
    expect((await h.api.get('/api/users', { token: h.adminToken })).body).not.toContainEqual(
      expect.objectContaining({ username: 'LI-NA' }),
    );
    // A name of 10,000 characters was said back whole in the 404.
    const endless = 'x'.repeat(10_000);
    const answer = await h.api.patch(`/api/users/${endless}`, {
      token: h.adminToken,
      body: { displayName: '无名' },
      request: 'unchecked',
    });
    expect(answer.status).toBe(404);
    expect(codeOf(answer.body).message.length).toBeLessThan(120);
    expect(codeOf(answer.body).message).toContain('xxxx…');
  });

  it('keeps each role once, refuses two different provinces, and says so in English when asked', async () => {
    const made = await createUser({ username: 'twice', password: PASSWORD, roles: ['samr', 'samr', 'expert', 'samr'] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ roles: ['samr', 'expert'] });
    const many = await h.api.patch('/api/users/twice', {
      token: h.adminToken,
      body: { roles: Array.from({ length: 5000 }, () => 'samr') },
    });
    expect(many.body).toMatchObject({ roles: ['samr'] });
    const listed = (await h.api.get('/api/users', { token: h.adminToken })).body as {
      username: string;
      roles: string[];
    }[];
    expect(listed.find((user) => user.username === 'twice')?.roles).toEqual(['samr']);
    // province and region are one field: two different codes were taken as the first, the other dropped.
    const both = await h.api.patch('/api/users/twice', {
      token: h.adminToken,
      body: { province: '320000', region: '330000' },
      request: 'unchecked',
    });
    expect(both.status).toBe(422);
    expect(codeOf(both.body).message).toMatch(/只能填写一个/);
    const same = await h.api.patch('/api/users/twice', {
      token: h.adminToken,
      body: { province: '320000', region: '320000' },
      request: 'unchecked',
    });
    expect(same.status).toBe(200);
    const english = { 'Accept-Language': 'en' };
    for (const body of [{ roles: 'samr' }, { province: 5 }, { organisation: 'x'.repeat(101) }]) {
      const answer = await h.api.patch('/api/users/twice', {
        token: h.adminToken,
        headers: english,
        body,
        request: 'unchecked',
      });
      expect(answer.status).toBe(422);
      expect(codeOf(answer.body).message, JSON.stringify(body)).not.toMatch(CHINESE);
    }
  });

  it('refuses unknown roles, a scoped group without its scope and an unknown scope', async () => {
    for (const roles of [['superuser'], ['park'], ['samr:x'], ['province:999999'], ['ministry:nasa'], ['public']]) {
      const answer = await createUser({ username: 'roleless', password: PASSWORD, roles });
      expect(answer.status, roles[0]).toBe(422);
      expect(codeOf(answer.body).message).toMatch(CHINESE);
    }
    const patched = await h.api.patch('/api/users/samr', {
      token: h.adminToken,
      body: { roles: ['superuser'] },
      request: 'unchecked',
    });
    expect(patched.status).toBe(422);
  });

  it('refuses an account whose region contradicts its region-scoped role, at the field, created or changed', async () => {
    // Made and listed as of Zhejiang while its role acts in Jiangsu (accepted, 201).
    const made = await createUser({
      username: 'mixed',
      password: PASSWORD,
      roles: ['province:320000'],
      province: '330000',
    });
    expect(made.status).toBe(422);
    expect(codeOf(made.body)).toMatchObject({ code: 'validation', field: 'province' });
    expect(codeOf(made.body).message).toBe(SAY.regionAgainstRole('省级单位', '330000', 'province:320000').zh);
    // The region the role names, or none (the role's scope names it), is taken.
    expect((await createUser({ username: 'mixed', password: PASSWORD, roles: ['province:320000'] })).status).toBe(201);
    const patch = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      h.api.patch('/api/users/mixed', { token: h.adminToken, headers, body, request: 'unchecked' });
    // Changed apart: the region alone, then the roles alone, against what the account keeps.
    const moved = await patch({ region: '330000' }, { 'Accept-Language': 'en' });
    expect(moved.status).toBe(422);
    expect(codeOf(moved.body)).toMatchObject({ field: 'province' });
    expect(codeOf(moved.body).message).toBe(SAY.regionAgainstRole('省级单位', '330000', 'province:320000').en);
    expect((await patch({ province: '320000' })).status).toBe(200);
    expect((await patch({ roles: ['province-leading-group:330000'] })).status).toBe(422);
    expect((await patch({ roles: ['province-leading-group:330000'], province: '330000' })).status).toBe(200);
  });

  it('gives a park in one province across its accounts, spelt one way, created or changed (given by mistake in another, it gave two provinces each other’s cases)', async () => {
    const make = (username: string, roles: string[], province: string) =>
      createUser({ username, password: PASSWORD, roles, province });
    expect((await make('park-a1', ['park:P-JS-101'], '320000')).status).toBe(201);
    // A second officer of the same park, in its province: taken.
    expect((await make('park-a2', ['park:P-JS-101'], '320000')).status).toBe(201);

    const elsewhere = await make('park-zj9', ['park:P-JS-101'], '330000');
    expect(elsewhere.status).toBe(422);
    expect(codeOf(elsewhere.body)).toMatchObject({ code: 'validation', field: 'province' });
    expect(codeOf(elsewhere.body).message).toBe(
      SAY.subjectInAnotherRegion('P-JS-101', '省级单位', '320000', '330000').zh,
    );
    const spelt = await make('park-a3', ['park:p-js-101'], '320000');
    expect(spelt.status).toBe(422);
    expect(codeOf(spelt.body)).toMatchObject({ code: 'validation', field: 'roles' });
    expect(codeOf(spelt.body).message).toBe(SAY.subjectSpeltOtherwise('p-js-101', 'P-JS-101').zh);

    // Changed: another park's account given this park from another province.
    expect((await make('park-zj9', ['park:P-ZJ-109'], '330000')).status).toBe(201);
    const patch = (username: string, body: Record<string, unknown>) =>
      h.api.patch(`/api/users/${username}`, { token: h.adminToken, body, request: 'unchecked' });
    expect((await patch('park-zj9', { roles: ['park:P-ZJ-109', 'park:P-JS-101'] })).status).toBe(422);
    // Its own account is not another (any case of its name); the park's accounts are moved one by one
    // when the regions are redrawn, and then a new one is given the park in its new province.
    expect((await patch('PARK-A1', { province: '320000', displayName: '园区甲' })).status).toBe(200);
    expect((await patch('park-a1', { province: '330000' })).status).toBe(200);
    expect((await patch('park-a2', { province: '330000' })).status).toBe(200);
    expect((await make('park-a4', ['park:P-JS-101'], '330000')).status).toBe(201);
  });

  it('gives a park in one province when two admins give it in two at the same moment (each read no other)', async () => {
    const answers = await Promise.all([
      createUser({ username: 'park-b1', password: PASSWORD, roles: ['park:P-JS-201'], province: '320000' }),
      createUser({ username: 'park-b2', password: PASSWORD, roles: ['park:P-JS-201'], province: '330000' }),
      h.api.patch('/api/users/park-zj9', {
        token: h.adminToken,
        body: { roles: ['park:P-ZJ-109', 'park:P-JS-201'] },
        request: 'unchecked',
      }),
    ]);
    // Whichever is committed first decides: 江苏 alone, or 浙江 for both that name it.
    expect([
      [201, 422, 422],
      [422, 201, 200],
    ]).toContainEqual(answers.map((answer) => answer.status));
    const holders = (await h.accounts.list()).flatMap((user) =>
      'roles' in user && user.roles.includes('park:P-JS-201') ? [user.province] : [],
    );
    expect(new Set(holders).size).toBe(1);
  });

  it('refuses removing or disabling the last admin, and allows it when another admin remains', async () => {
    for (const body of [{ roles: ['samr'] }, { disabled: true }]) {
      const answer = await h.api.patch('/api/users/admin', { token: h.adminToken, body });
      expect(answer.status).toBe(409);
      expect(codeOf(answer.body).message).toMatch(CHINESE);
    }
    await h.user('admin2', ['admin']);
    expect((await h.api.patch('/api/users/admin2', { token: h.adminToken, body: { roles: ['samr'] } })).status).toBe(
      200,
    );
  });

  it('says its refusals in English to a client asking for English (the workbench in English), in Chinese otherwise', async () => {
    const english = { 'Accept-Language': 'en' };
    const weak = await h.api.post('/api/users', {
      token: h.adminToken,
      headers: english,
      body: { username: 'newuser', password: 'password1234', roles: ['samr'] },
    });
    expect(weak.status).toBe(422);
    expect(codeOf(weak.body).message).toBe('This password is too common or easy to guess; choose another');
    const lastAdmin = await h.api.patch('/api/users/admin', {
      token: h.adminToken,
      headers: english,
      body: { disabled: true },
    });
    expect(codeOf(lastAdmin.body).message).toBe('The last administrator cannot be removed or disabled');
    const upload = await h.api.post('/api/attachments', {
      token: h.adminToken,
      headers: english,
      raw: Buffer.from('MZ\x90\x00 not a document'),
    });
    expect(upload.status).toBe(422);
    // The types are listed as English lists them, not with the Chinese 、.
    expect(codeOf(upload.body).message).toBe(
      'This type of file is not accepted: only PDF, PNG, JPEG, DOCX, XLSX, XLS, DOC, ZIP (told by the file’s content)',
    );
    const wrong = await h.api.post('/api/session', {
      headers: { ...english, 'X-Forwarded-For': '198.51.100.77' },
      body: { username: 'samr', password: 'wrong-password' },
    });
    expect(codeOf(wrong.body).message).toBe('The user name or password is wrong');
    // The engine's refusals too (a task done meanwhile, by another reviewer).
    const done = await h.api.post('/api/tasks/no-such-task/complete', {
      token: h.token('samr'),
      headers: english,
      body: { data: {} },
    });
    expect(done.status).toBe(409);
    expect(codeOf(done.body).message).toBe(
      'This task is done or does not exist (perhaps sent in another window or by a colleague); refresh to see the case',
    );
    // A browser in Chinese, or a client that asks for nothing, hears Chinese.
    for (const headers of [{ 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' }, {} as Record<string, string>]) {
      const answer = await h.api.patch('/api/users/admin', { token: h.adminToken, headers, body: { disabled: true } });
      expect(codeOf(answer.body).message).toBe('不能移除或停用最后一个系统管理员');
    }
  });

  it('never locks a user out: 5 failures from 5 addresses, then the right password from a 6th works', async () => {
    for (let index = 1; index <= 5; index++) {
      const wrong = await h.api.post('/api/session', {
        headers: { 'X-Forwarded-For': `198.51.100.${index}` },
        body: { username: 'samr', password: 'wrong-password' },
      });
      expect(wrong.status).toBe(401);
    }
    const right = await h.api.post('/api/session', {
      headers: { 'X-Forwarded-For': '198.51.100.6' },
      body: { username: 'samr', password: PASSWORD },
    });
    expect(right.status).toBe(200);
  });

  it('counts an IPv6 client by its /56: fresh addresses of one network do not buy fresh guesses', async () => {
    await h.user('ipv6-target', ['samr']);
    const from = (index: number) => ({ 'X-Forwarded-For': `2001:db8:0:${index.toString(16)}::${index}` });
    for (let index = 1; index <= 3; index++) {
      const wrong = await h.api.post('/api/session', {
        headers: from(index),
        body: { username: 'ipv6-target', password: 'wrong-password' },
      });
      expect(wrong.status).toBe(401);
    }
    // A fourth address in the same /56: the pair's free failures are spent, so it waits.
    const fourth = await h.api.post('/api/session', {
      headers: from(4),
      body: { username: 'ipv6-target', password: 'wrong-password' },
      request: 'unchecked',
    });
    expect(fourth.status).toBe(429);
    // Another network is not held back.
    const elsewhere = await h.api.post('/api/session', {
      headers: { 'X-Forwarded-For': '2001:db8:1::1' },
      body: { username: 'ipv6-target', password: PASSWORD },
    });
    expect(elsewhere.status).toBe(200);
  });

  it('lets a park start cases only in the province its account names, and none without one', async () => {
    await h.user('park-js', ['park:P-011'], '320000');
    const elsewhere = await h.api.post('/api/cases', {
      token: h.token('park-js'),
      body: { process: PROCESS, park: 'P-011', province: '330000' },
    });
    expect(elsewhere.status).toBe(403);
    expect(codeOf(elsewhere.body).code).toBe('forbidden');
    const home = await h.api.post('/api/cases', {
      token: h.token('park-js'),
      body: { process: PROCESS, park: 'P-011', province: '320000' },
    });
    expect(home.status).toBe(201);

    // `region` is the neutral name; an account without one starts nothing.
    expect((await createUser({ username: 'park-none', password: PASSWORD, roles: ['park:P-012'] })).status).toBe(201);
    await h.login('park-none');
    const none = await h.api.post('/api/cases', {
      token: h.token('park-none'),
      body: { process: PROCESS, park: 'P-012', province: '320000' },
    });
    expect(none.status).toBe(403);
    // Said as what it is: the account lacks its province (not "may not start in 320000", which it chose).
    expect(codeOf(none.body).message).toBe('您的账号未登记所在省级单位，不能发起申请；请联系系统管理员补填');
    const neutral = await h.api.patch('/api/users/park-none', { token: h.adminToken, body: { region: '330000' } });
    expect(neutral.body).toMatchObject({ province: '330000' });
    expect((await h.api.get('/api/me', { token: await h.login('park-none') })).body).toMatchObject({
      province: '330000',
    });
    // Either name removes it with null (`province: null` used to be taken for "not given").
    for (const field of ['province', 'region']) {
      const removed = await h.api.patch('/api/users/park-none', { token: h.adminToken, body: { [field]: null } });
      expect(removed.status).toBe(200);
      expect(removed.body).not.toHaveProperty('province');
      await h.api.patch('/api/users/park-none', { token: h.adminToken, body: { region: '330000' } });
    }
    expect((await createUser({ username: 'park-bad', password: PASSWORD, roles: [], province: '999999' })).status).toBe(
      422,
    );
  });

  it('answers an unknown name, a wrong password and a disabled account alike: nothing tells which names exist', async () => {
    await h.user('disabled-expert', ['expert']);
    expect(
      (await h.api.patch('/api/users/disabled-expert', { token: h.adminToken, body: { disabled: true } })).status,
    ).toBe(200);
    const tries = [
      { username: 'no-such-account', password: PASSWORD },
      { username: 'samr', password: `${PASSWORD}-wrong` },
      { username: 'disabled-expert', password: PASSWORD },
      { username: 'disabled-expert', password: `${PASSWORD}-wrong` },
    ];
    // Each from its own address, so that throttling (tested above) does not answer first.
    const answers = await Promise.all(
      tries.map((body, index) =>
        h.api.post('/api/session', { body, headers: { 'X-Forwarded-For': `198.51.100.${index + 1}` } }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(answers[0]?.text);
    }
  });

  it('lets no page run scripts but its own, nor another site frame it, nor a file be read as anything but its type', async () => {
    const upload = await h.api.post('/api/attachments', { token: h.adminToken, raw: tinyPdf('headers') });
    const download = await h.api.get(`/api/attachments/${(upload.body as { id: string }).id}`, {
      token: h.adminToken,
    });
    for (const answer of [await h.api.get('/api/health'), download]) {
      const policy = answer.headers['content-security-policy'] ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("script-src-attr 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'self'");
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('sends HSTS only over HTTPS (a trusted proxy’s X-Forwarded-Proto), never over plain HTTP', async () => {
    const plain = await h.api.get('/api/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await h.api.get('/api/health', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('marks every answer to a logged-in call, and the login that hands out the token, Cache-Control: no-store', async () => {
    for (const path of ['/api/me', '/api/cases', '/api/tasks', '/api/users']) {
      const answer = await h.api.get(path, { token: h.adminToken });
      expect(answer.headers['cache-control'], path).toBe('no-store');
    }
    const login = await h.api.post('/api/session', { body: { username: 'samr', password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    // However the path is spelt, as the router takes it.
    const spelt = await request(h.app).post('/API/Session/').send({ username: 'samr', password: PASSWORD });
    expect(spelt.status).toBe(200);
    expect(spelt.headers['cache-control']).toBe('no-store');
  });
});

describe('sessions and throttling on the machine clock', () => {
  it('expires sessions after 12 hours of machine time and purges expired ones from the store', async () => {
    const store = new MemoryStore();
    let now = Date.parse('2024-04-01T01:00:00Z');
    const accounts = new Accounts(store, { hashCost: 2 ** 10, now: () => new Date(now) });
    try {
      await accounts.create({ username: 'alice', password: PASSWORD, roles: ['samr'] });
      await accounts.create({ username: 'bob', password: PASSWORD, roles: ['samr'] });
      const session = await accounts.login('alice', PASSWORD);
      now += 11 * 3_600_000;
      expect(await accounts.authenticate(session?.token ?? '')).toMatchObject({ username: 'alice' });
      now += 2 * 3_600_000;
      // Alice never comes back; Bob's login sweeps her expired session out of the store.
      await accounts.login('bob', PASSWORD);
      expect(await store.list('sessions')).toHaveLength(1);
      expect(await accounts.authenticate(session?.token ?? '')).toBeUndefined();
    } finally {
      await accounts.close();
    }
  });
});

/** Runs `run` on two stores on one fresh PostgreSQL schema: two server processes' views of one database. */
async function onTwoPostgresStores(run: (stores: readonly [Store, Store]) => Promise<void>): Promise<void> {
  const { schema, drop } = await freshSchema();
  const open = () => PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 });
  const stores = [await open(), await open()] as const;
  try {
    await run(stores);
  } finally {
    for (const store of stores) await store.close();
    await drop();
  }
}

/**
 * Stores whose first `parties` commits wait for one another, so that two writers have each read what
 * they read before either writes: the instant two requests race for.
 */
function commitsMeeting(parties: number): (store: Store) => Store {
  const waiting: (() => void)[] = [];
  const meet = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === parties) for (const release of waiting) release();
    });
  return (store) =>
    new Proxy(store, {
      get(target, key) {
        if (key === 'commit')
          return async (...args: Parameters<Store['commit']>) => {
            if (waiting.length < parties) await meet();
            return target.commit(...args);
          };
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
}

/**
 * Two admins giving one park in two provinces at the same instant through two server processes: each
 * read the other accounts before the other's was written, and both were.
 */
async function giveOneParkInTwoProvinces(stores: readonly [Store, Store]): Promise<void> {
  const h = await ServerHarness.create();
  const catalogue = new RoleCatalogue(h.engine);
  const meeting = commitsMeeting(2);
  const [first, second] = stores.map((store) => new Accounts(meeting(store), { hashCost: 2 ** 10 })) as [
    Accounts,
    Accounts,
  ];
  const check = (next: AccountScope, others: AccountScope[]) => {
    catalogue.checkSubjectAgrees(next.roles, next.province, others);
  };
  const park = (username: string, province: string) => ({
    username,
    password: PASSWORD,
    roles: ['park:P-JS-301'],
    province,
  });
  try {
    const results = await Promise.allSettled([
      first.create(park('park-c1', '320000'), 'admin', check),
      second.create(park('park-c2', '330000'), 'admin', check),
    ]);
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
    expect(refused.map((error) => error.message)).toEqual([
      results[0].status === 'fulfilled'
        ? SAY.subjectInAnotherRegion('P-JS-301', '省级单位', '320000', '330000').zh
        : SAY.subjectInAnotherRegion('P-JS-301', '省级单位', '330000', '320000').zh,
    ]);
  } finally {
    await first.close();
    await second.close();
    await h.close();
  }
}

describe('accounts shared by server processes', () => {
  it('gives a park in one province when two processes give it in two at the same moment (one store)', async () => {
    const store = new MemoryStore();
    await giveOneParkInTwoProvinces([store, store]);
  });

  it.skipIf(!postgresUp)(
    'gives a park in one province when two processes on one PostgreSQL database give it in two',
    () => onTwoPostgresStores(giveOneParkInTwoProvinces),
  );

  it('creates a name once when two processes create it at the same moment: the other hears it is taken', async () => {
    // Given two processes' account services on one store (each with its own in-process guard)
    const store = new MemoryStore();
    const first = new Accounts(store, { hashCost: 2 ** 10 });
    const second = new Accounts(store, { hashCost: 2 ** 10 });

    // When both create the same user, with different passwords, at once
    const results = await Promise.allSettled([
      first.create({ username: 'twin', password: 'first-Quiet-Lantern', roles: ['samr'] }),
      second.create({ username: 'twin', password: 'second-Quiet-Lantern', roles: ['samr'] }),
    ]);

    // Then one is created and the other refused as taken, in Chinese; the stored password is the winner's
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]?.message).toBe('用户名 twin 已被使用');
    const winner = results[0].status === 'fulfilled' ? 'first-Quiet-Lantern' : 'second-Quiet-Lantern';
    expect(await first.login('twin', winner)).toBeDefined();
  });
});

/**
 * Two admins, each removing the other's admin role (or disabling the other) at the same instant
 * through two server processes: each saw the other's account as "another admin remains", and both
 * changes were written, leaving no admin to manage accounts again.
 */
async function demoteEachOther(stores: readonly [Store, Store]): Promise<void> {
  const [first, second] = stores.map((store) => new Accounts(store, { hashCost: 2 ** 10 })) as [Accounts, Accounts];
  try {
    const rounds: [UserChange, UserChange][] = [
      [{ roles: ['samr'] }, { roles: ['samr'] }],
      [{ disabled: true }, { disabled: true }],
      [{ roles: ['samr'] }, { disabled: true }],
    ];
    for (const [index, [a, b]] of rounds.entries()) {
      const [nameA, nameB] = [`admin-a${String(index)}`, `admin-b${String(index)}`];
      await first.create({ username: nameA, password: PASSWORD, roles: ['admin'] });
      await first.create({ username: nameB, password: PASSWORD, roles: ['admin'] });
      // The admins of the round before are gone: only these two remain.
      for (const earlier of await first.list())
        if (earlier.username !== nameA && earlier.username !== nameB && !('damaged' in earlier))
          await first.update(earlier.username, { roles: ['samr'] }, nameA);
      const results = await Promise.allSettled([first.update(nameB, a, nameA), second.update(nameA, b, nameB)]);
      const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
      expect(refused.map((error) => error.message)).toEqual([SAY.lastAdmin.zh]);
      const admins = (await first.list()).filter(
        (user) => 'roles' in user && user.roles.includes('admin') && user.disabled !== true,
      );
      expect(admins).toHaveLength(1);
    }
  } finally {
    await first.close();
    await second.close();
  }
}

describe('the last admin, shared by server processes', () => {
  it('stays when two admins each remove the other, or disable the other, by requests at the same moment', async () => {
    for (const [a, b] of [
      [{ roles: ['samr'] }, { roles: ['samr'] }],
      [{ disabled: true }, { roles: ['samr'] }],
    ]) {
      const h = await ServerHarness.create();
      try {
        const [tokenA, tokenB] = [await h.user('admin-a', ['admin']), await h.user('admin-b', ['admin'])];
        // The harness's own admin steps aside: only admin-a and admin-b are admins.
        await h.api.patch('/api/users/admin', { token: tokenA, body: { roles: ['samr'] } });
        const answers = await Promise.all([
          h.api.patch('/api/users/admin-b', { token: tokenA, body: a, request: 'unchecked' }),
          h.api.patch('/api/users/admin-a', { token: tokenB, body: b, request: 'unchecked' }),
        ]);
        // The other is refused as the last admin's, or as a session the first change ended.
        const statuses = answers.map((answer) => answer.status).sort();
        expect(statuses[0]).toBe(200);
        expect([401, 409]).toContain(statuses[1]);
        const admins = (await h.accounts.list()).filter(
          (user) => 'roles' in user && user.roles.includes('admin') && user.disabled !== true,
        );
        expect(admins).toHaveLength(1);
      } finally {
        await h.close();
      }
    }
  });

  it('stays when two processes each remove the other admin at the same moment (one store)', async () => {
    const store = new MemoryStore();
    await demoteEachOther([store, store]);
  });

  it.skipIf(!postgresUp)('stays when two processes on one PostgreSQL database each remove the other admin', () =>
    onTwoPostgresStores(demoteEachOther),
  );
});

describe('the demo accounts', () => {
  it('name a province for every park, and hold only roles the definitions know', async () => {
    const h = await ServerHarness.create();
    try {
      const catalogue = new RoleCatalogue(h.engine);
      for (const account of DEMO_ACCOUNTS) {
        catalogue.check(account.roles);
        if (account.roles.some((role) => role.startsWith('park:')))
          expect(account.province, account.username).toBeTruthy();
      }
    } finally {
      await h.close();
    }
  });
});
