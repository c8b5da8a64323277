import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { CHINESE, PROCESS, ServerHarness, throughAcceptance, throughCreation, withUsers } from './harness.js';

/**
 * The walk: a park whose zone was revoked pressed 发起创建申请, filled the whole creation application,
 * and learnt only in the dialog before 提交 that the case would end — Art. 27 bans it for three years
 * (rules.reapplyBanAfterRevocation). The gateway after the application reads nothing of the form for
 * the ban (`some h in case.history …`), so the new case's view says so from the start: `foretold`,
 * with the earlier case's revocation and its 可再次提出创建申请之日.
 */
describe('a new case within the Art. 27 ban after a revocation', () => {
  let h: ServerHarness;
  let revoked = '';

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, [
      ...['park1', 'park2', 'province', 'province2', 'group', 'group2', 'samr'],
      ...['moa', 'mofcom', 'mct', 'cnipa', 'expert'],
    ]);
    revoked = (await throughCreation(h)).id;
    await throughAcceptance(h, revoked);
    await h.advanceTo('2025-04-11T09:00:00+08:00');
    await h.complete('samr', revoked, 'samrRecognition');
    await h.advanceTo('2026-03-02T09:00:00+08:00');
    const proposal = await h.api.post(`/api/cases/${revoked}/messages/revocationProposed`, {
      token: h.token('samr'),
      body: { data: await h.withUploads('samr', await h.example('revocation-proposed')) },
    });
    expect(proposal.status, proposal.text).toBe(202);
    await h.advanceTo('2026-03-16T09:00:00+08:00');
    const decided = await h.complete('samr', revoked, 'samrRevocationDecision', { decision: 'revoke' });
    expect(decided).toMatchObject({ status: 'revoked', due: { reapplyAllowedFrom: '2029-03-17' } });
    await h.advanceTo('2026-06-01T09:00:00+08:00');
  });
  afterAll(async () => {
    await h.close();
  });

  const start = async (user: string, park: string) => {
    const started = await h.api.post('/api/cases', {
      token: h.token(user),
      body: { process: PROCESS, park, province: '320000' },
    });
    expect(started.status, started.text).toBe(201);
    return started.body as CaseView;
  };

  it('tells the park at the start, and on the case page, that its application will end the case, and why', async () => {
    const started = await start('park1', 'P-001');
    const foretold = {
      taskId: 'submitCreationApplication',
      status: 'ineligible',
      statusTitle: '不符合申报条件',
      reason: expect.stringContaining('Art. 27') as unknown,
      earlier: [
        {
          id: revoked,
          status: 'revoked',
          statusTitle: '已撤销认定',
          statusDate: '2026-03-16',
          due: { reapplyAllowedFrom: '2029-03-17' },
          dueTitles: { reapplyAllowedFrom: { title: '可再次提出创建申请之日', article: 'Art. 27' } },
        },
      ],
    };
    expect(started.foretold).toEqual(foretold);
    expect((await h.case(started.id)).foretold).toEqual(foretold);
    // Its province and leading group, who see the revoked case too, read the same.
    for (const user of ['park1', 'province', 'group']) {
      const read = await h.api.get(`/api/cases/${started.id}`, { token: h.token(user) });
      expect((read.body as CaseView).foretold, user).toEqual(foretold);
    }
    // What it tells is what the submission does.
    const ended = await h.complete('park1', started.id, 'submitCreationApplication', { parkType: 'industry' });
    expect(ended).toMatchObject({ status: 'ineligible', final: true });
    expect(ended.foretold).toBeUndefined();
  });

  it('tells nothing to a park never revoked, nor of the revoked case itself, nor in a list', async () => {
    const other = await start('park2', 'P-002');
    expect(other.foretold).toBeUndefined();
    expect((await h.case(other.id)).foretold).toBeUndefined();
    expect((await h.case(revoked)).foretold).toBeUndefined();
    const listed = await h.api.get('/api/cases', { token: h.token('park1') });
    expect((listed.body as CaseView[]).some((view) => view.foretold !== undefined)).toBe(false);
  });

  it("names the earlier case only to readers who may see it: a park now in another province applies, that province's department is not told of it", async () => {
    // P-001, revoked in 320000, now applies through 330000 (after a redrawing of the regions, its
    // account moved there and another made): the ban holds whatever the province, and the new case
    // tells so to every reader.
    expect((await h.api.patch('/api/users/park1', { token: h.adminToken, body: { province: '330000' } })).status).toBe(
      200,
    );
    await h.user('park1-zj', ['park:P-001'], '330000');
    const started = await h.api.post('/api/cases', {
      token: h.token('park1-zj'),
      body: { process: PROCESS, park: 'P-001', province: '330000' },
    });
    expect(started.status, started.text).toBe(201);
    const { id } = started.body as CaseView;
    const read = async (user: string) => {
      const response = await h.api.get(`/api/cases/${id}`, { token: h.token(user) });
      expect(response.status, `${user} ${response.text.slice(0, 200)}`).toBe(200);
      return (response.body as CaseView).foretold;
    };
    // The park (either account) and SAMR see the revoked case: it is named, with its date.
    for (const user of ['park1-zj', 'park1', 'samr'])
      expect(
        (await read(user))?.earlier.map((earlier) => [earlier.id, earlier.due]),
        user,
      ).toEqual([[revoked, { reapplyAllowedFrom: '2029-03-17' }]]);
    // The new province and its leading group see this case, not the one in 320000: told the end, not of that case.
    for (const user of ['province2', 'group2']) {
      const told = await read(user);
      expect(told, user).toMatchObject({ taskId: 'submitCreationApplication', status: 'ineligible' });
      expect(told?.earlier, user).toEqual([]);
      expect(JSON.stringify(told), user).not.toContain(revoked);
    }
    // The old province sees the revoked case, not this one.
    expect((await h.api.get(`/api/cases/${id}`, { token: h.token('province') })).status).toBe(404);
    // Submitted, it ends as told (the park has one case in progress at a time: the next test starts another).
    const ended = await h.complete('park1-zj', id, 'submitCreationApplication', { parkType: 'industry' });
    expect(ended).toMatchObject({ status: 'ineligible', final: true });
    // The next tests' park1 applies in 320000 again.
    expect((await h.api.patch('/api/users/park1', { token: h.adminToken, body: { province: '320000' } })).status).toBe(
      200,
    );
  });

  it('tells again, read after read, until the day the park may apply again, and then nothing', async () => {
    // What a view tells is kept between reads (a park polling its case); a new day is read anew.
    const again = await start('park1', 'P-001');
    for (let read = 0; read < 3; read += 1)
      expect((await h.case(again.id)).foretold).toMatchObject({ status: 'ineligible', earlier: [{ id: revoked }] });
    await h.advanceTo('2029-03-16T09:00:00+08:00');
    expect((await h.case(again.id)).foretold).toMatchObject({ status: 'ineligible' });
    await h.advanceTo('2029-03-17T09:00:00+08:00');
    expect((await h.case(again.id)).foretold).toBeUndefined();
  });
});

/**
 * Every start reads the subject's earlier cases, and so does the gateway after its application: the
 * attacker's walk started and withdrew 400 cases of one park in three minutes, and each start then held
 * the server's thread 250–450 ms. An account starts at most `casesStartedPerDay` cases a day (100).
 */
describe('cases one account starts in a day', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { casesStartedPerDay: 2 } });
    await withUsers(h, ['park1', 'park2']);
  });
  afterAll(async () => {
    await h.close();
  });

  const start = (user: string, park: string) =>
    h.api.post('/api/cases', { token: h.token(user), body: { process: PROCESS, park, province: '320000' } });
  const withdraw = async (user: string, id: string) => {
    const sent = await h.api.post(`/api/cases/${id}/messages/withdraw`, {
      token: h.token(user),
      body: { data: await h.example('withdraw') },
    });
    expect(sent.status, sent.text).toBe(202);
  };

  it('starts two, not counting a refused start, and refuses the third (429); another account starts its own', async () => {
    const first = await start('park1', 'P-001');
    expect(first.status).toBe(201);
    expect((await start('park1', 'P-001')).status).toBe(409); // one open already: refused, not counted
    await withdraw('park1', (first.body as CaseView).id);
    const second = await start('park1', 'P-001');
    expect(second.status).toBe(201);
    await withdraw('park1', (second.body as CaseView).id);
    const third = await start('park1', 'P-001');
    expect(third.status, third.text).toBe(429);
    const { error } = third.body as { error: { code: string; message: string } };
    expect(error.code).toBe('too-many-requests');
    expect(error.message).toMatch(CHINESE);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.api.get('/api/cases', { token: h.token('park1') })).body).toHaveLength(2);
    expect((await start('park2', 'P-002')).status).toBe(201);
  });
});
