// POST /api/admin/clock (CLOCK=simulated): an instant without a UTC offset is China time, never the
// server's zone (npm test runs this under America/Los_Angeles); what is not ISO 8601 is 422; the
// answer says which incidents the timers it fired raised or cleared.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { LiveInstance } from '../../engine/runtime/live-instance.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { ACCEPTANCE_DUE_REVISION } from '../support/task-due-revisions.js';
import { CHINESE, ServerHarness, throughAcceptance, throughCreation, tinyPdf, withUsers } from './harness.js';

describe('POST /api/admin/clock reads an instant without an offset as China time', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create();
  });
  afterAll(async () => {
    await h.close();
  });

  const advance = (advanceTo: string, request?: 'invalid') =>
    h.api.post('/api/admin/clock', { token: h.adminToken, body: { advanceTo }, ...(request && { request }) });

  it('moves to 09:00 in Beijing for "2024-04-02T09:00", to 00:00 in Beijing for a bare date', async () => {
    const first = await advance('2024-04-02T09:00');
    expect(first.status).toBe(200);
    expect((first.body as { now: string }).now).toBe('2024-04-02T01:00:00.000Z');
    const second = await advance('2024-04-03');
    expect(second.status).toBe(200);
    expect((second.body as { now: string }).now).toBe('2024-04-02T16:00:00.000Z');
  });

  it('takes an instant with an offset as written', async () => {
    const response = await advance('2024-04-03T12:00:00Z');
    expect((response.body as { now: string }).now).toBe('2024-04-03T12:00:00.000Z');
  });

  it('refuses what is not an ISO 8601 instant with 422 and a Chinese message', async () => {
    const response = await advance('2024-04-05 09:00', 'invalid');
    expect(response.status).toBe(422);
    expect((response.body as { error: { message: string } }).error.message).toMatch(CHINESE);
  });
});

describe('POST /api/admin/clock refuses what is no time, or too far ahead, and moves nothing', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create();
  });
  afterAll(async () => {
    await h.close();
  });

  const advance = (advanceTo: unknown, english = false) =>
    h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo },
      request: 'unchecked',
      ...(english && { headers: { 'Accept-Language': 'en' } }),
    });
  const messageOf = (body: unknown) => (body as { error: { message: string } }).error.message;
  const now = async () => ((await h.api.get('/api/admin/clock', { token: h.adminToken })).body as { now: string }).now;

  it('says a number or a list is not an ISO 8601 time (it said 「目标时间」为必填项), and that a missing one is', async () => {
    const before = await now();
    for (const value of [12345, ['2024-05-01'], { at: '2024-05-01' }, true]) {
      const answer = await advance(value);
      expect(answer.status, JSON.stringify(value)).toBe(422);
      expect(messageOf(answer.body)).toMatch(/^「目标时间」应为 ISO 8601 时间/);
    }
    expect(messageOf((await advance(null)).body)).toBe('「目标时间」为必填项');
    expect(messageOf((await advance(12345, true)).body)).toMatch(/must be an ISO 8601 time/);
    expect(await now()).toBe(before);
  });

  it('moves at most 100 years at once and never into year 10000: the clock cannot come back, and a case then could not start', async () => {
    const before = await now();
    for (const value of ['9999-12-31T00:00:00+08:00', '9999-12-31T23:59:59-12:00', '2925-04-01']) {
      const answer = await advance(value);
      expect(answer.status, value).toBe(422);
      expect(messageOf(answer.body)).toBe(
        '演练时钟一次最多前进 100 年，且不能晚于北京时间 9999 年底：本次最晚可到 2124-04-01 09:00（北京时间）',
      );
    }
    expect(messageOf((await advance('2925-04-01', true)).body)).toMatch(/at most 100 years at once/);
    expect(await now()).toBe(before);
    // A century is a rehearsal's business: it goes, and the next step counts from there.
    expect((await advance('2124-04-01T09:00:00+08:00')).status).toBe(200);
    expect((await advance('2125-01-01')).status).toBe(200);
  });

  it('says of a name, a password or a process given as a number that it should be text', async () => {
    const login = await h.api.post('/api/session', { body: { username: 12345, password: 'x' }, request: 'unchecked' });
    expect(login.status).toBe(422);
    expect(messageOf(login.body)).toBe('「用户名」应为文字');
  });
});

describe('POST /api/admin/clock says which incidents the timers it fired raised', () => {
  let h: ServerHarness;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const fixture = await definitionsWithRevisions([ACCEPTANCE_DUE_REVISION]);
    cleanup = fixture.cleanup;
    h = await ServerHarness.create({ definitionsRoot: fixture.root });
    await withUsers(h, ['park1', 'province', 'group', 'moa', 'mofcom', 'mct', 'cnipa', 'samr']);
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  it('a case approved in 2026 opens its acceptance in 2027, a year without holiday data: calendar-missing, in the answer', async () => {
    await h.advanceTo('2026-02-02T09:00:00+08:00');
    const created = await throughCreation(h);
    expect(created.due.acceptanceOpens).toBe('2027-02-03');
    const response = await h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo: '2027-02-04T09:00:00+08:00' },
    });
    expect(response.status).toBe(200);
    const body = response.body as { timersFired: number; incidents: unknown[] };
    expect(body.timersFired).toBe(1);
    expect(body.incidents).toEqual([
      {
        event: 'raised',
        caseId: created.id,
        kind: 'calendar-missing',
        element: 'submitAcceptanceApplication',
        message: expect.stringContaining('2027') as unknown,
        at: '2027-02-02T16:00:00.000Z',
      },
    ]);
    // A time that is no time is refused, in the reader's language, and moves nothing.
    for (const [headers, said] of [
      [{}, /^「目标时间」应为 ISO 8601 时间/],
      [{ 'Accept-Language': 'en' }, /^“advanceTo” must be an ISO 8601 time/],
    ] as const) {
      const refused = await h.api.post('/api/admin/clock', {
        token: h.adminToken,
        headers,
        body: { advanceTo: 'next Tuesday' },
        request: 'invalid',
      });
      expect(refused.status).toBe(422);
      expect((refused.body as { error: { message: string } }).error.message).toMatch(said);
    }
    // Nor one before now: said in China time (it gave the stored UTC instant).
    const back = await h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo: '2027-02-03T09:00:00+08:00' },
    });
    expect(back.status).toBe(409);
    expect((back.body as { error: { message: string } }).error.message).toBe(
      '模拟时钟不能倒退：现在是 2027-02-04 09:00（北京时间）',
    );
    // Held, not raised again: an advance that fires nothing says none.
    const quiet = await h.api.post('/api/admin/clock', { token: h.adminToken, body: { advanceTo: '2027-02-05' } });
    expect(quiet.body).toMatchObject({ timersFired: 0, incidents: [] });
  }, 120_000);
});

describe('an advance whose timer fails answers 200 with the incident, and its notice takes no objection', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h);
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  /** park1's case and park2's. */
  const ids: string[] = [];
  /** The next firing of any timer fails, as a condition the process cannot evaluate would. */
  const failNextFiring = () => vi.spyOn(LiveInstance.prototype, 'fireTimer').mockImplementationOnce(() => false);
  type Advanced = { now: string; timersFired: number; incidents: { event: string; caseId: string; kind: string }[] };

  it('fires the other timers and says which one failed, as the scenario runner does', async () => {
    // Two cases whose acceptance opens on 2025-04-02 (Art. 18); the first firing fails.
    ids.push((await throughCreation(h, 'park1')).id, (await throughCreation(h, 'park2')).id);
    failNextFiring();
    const response = await h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo: '2025-04-02T09:00:00+08:00' },
    });
    vi.restoreAllMocks();
    // It was 409 incident (案件 … 流程定义无法执行), though the clock had moved and the other case's timer fired.
    expect(response.status, response.text).toBe(200);
    const body = response.body as Advanced;
    expect(body.now).toBe('2025-04-02T01:00:00.000Z');
    expect(body.timersFired).toBe(1);
    expect(body.incidents).toHaveLength(1);
    expect(body.incidents[0]).toMatchObject({ event: 'raised', kind: 'evaluation' });
    expect(ids).toContain(body.incidents[0]?.caseId);
    // An administrator's retry lets it fire.
    const retried = await h.api.post('/api/admin/incidents/retry', { token: h.adminToken });
    expect(retried.body).toEqual({ resolved: 1 });
  }, 120_000);

  it('lists no notice whose end is due, and refuses an objection to it as to any closed notice', async () => {
    const [id = ''] = ids;
    expect((await throughAcceptance(h, id)).status).toBe('publicizing');
    failNextFiring();
    // The notice ran to 2025-04-10 (five working days); its end fails to fire.
    const advanced = await h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo: '2025-04-11T09:00:00+08:00' },
    });
    vi.restoreAllMocks();
    expect((advanced.body as Advanced).incidents).toMatchObject([{ event: 'raised', caseId: id }]);
    const notices = (await h.api.get('/api/public/notices')).body as { caseId: string }[];
    expect(notices.map((notice) => notice.caseId)).not.toContain(id);
    const upload = await h.api.post('/api/public/attachments', {
      raw: tinyPdf('held-notice'),
      type: 'application/pdf',
      headers: { 'X-File-Name': 'evidence.pdf' },
    });
    const data = await h.example('objection', { evidence: [(upload.body as { id: string }).id] });
    const objection = await h.api.post(`/api/public/notices/${id}/objections`, { body: { data } });
    // It was 409 incident: 案件 … 的定时事项 … 已到期但无法执行（已记录异常），待管理员处理后重试 — the server's
    // incident, its case and its timer told to a member of the public.
    expect(objection.status).toBe(409);
    expect(objection.body).toEqual({ error: { code: 'not-open', message: '该公示当前不在受理期内' } });
  }, 180_000);

  it('tells an objector whose objection raised an incident that it was not sent, in the public’s words', async () => {
    const [, id = ''] = ids;
    for (const [user, taskId] of [
      ['park2', 'submitAcceptanceApplication'],
      ['province', 'provincialAcceptanceReview'],
      ['group', 'provincialLeadingGroupAcceptanceReview'],
      ...['moa', 'mofcom', 'mct', 'cnipa'].map((ministry) => [ministry, 'departmentOpinion']),
      ['samr', 'samrAcceptanceReview'],
      ['expert', 'expertEvaluation'],
    ] as const)
      await h.complete(user, id, taskId);
    const upload = await h.api.post('/api/public/attachments', {
      raw: tinyPdf('failing-objection'),
      type: 'application/pdf',
      headers: { 'X-File-Name': 'evidence.pdf' },
    });
    const data = await h.example('objection', { evidence: [(upload.body as { id: string }).id] });
    vi.spyOn(LiveInstance.prototype, 'deliverMessage').mockImplementationOnce(() => {
      throw new Error('condition cannot be evaluated');
    });
    const objection = await h.api.post(`/api/public/notices/${id}/objections`, { body: { data } });
    vi.restoreAllMocks();
    // It was the incident's own words: 案件 c_… 流程定义无法执行，已记录异常：condition cannot be evaluated.
    expect(objection.status).toBe(409);
    expect(objection.body).toEqual({
      error: {
        code: 'incident',
        message: '系统暂时无法受理对此项公示的异议，您的异议未提交；管理员已收到异常记录，请稍后再试',
      },
    });
    expect((await h.case(id)).incidents).toMatchObject([{ kind: 'evaluation' }]);
  }, 180_000);
});

describe('an advance meeting a case whose file was damaged while the server ran', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    // No case kept in memory: a damaged file is met as a case nobody has worked on lately is.
    h = await ServerHarness.create({ store: 'lowdb', hotCases: 0 });
    await withUsers(h);
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  type Advanced = { now: string; timersFired: number; incidents: Record<string, unknown>[] };

  it('answers 200, sets the case aside with the file to restore, and takes it back on 重试 once the file is mended', async () => {
    // Two cases whose acceptance opens on 2025-04-02 (Art. 18); one's file is cut short meanwhile.
    const damaged = (await throughCreation(h, 'park1')).id;
    const healthy = (await throughCreation(h, 'park2')).id;
    const file = join(h.dataDir, 'store', 'cases', `${damaged}.json`);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, 150));
    const response = await h.api.post('/api/admin/clock', {
      token: h.adminToken,
      body: { advanceTo: '2025-04-02T09:00:00+08:00' },
    });
    // It was 500 「数据文件损坏：cases/….json」 at every advance, though the clock had moved and the other case's timer fired.
    expect(response.status, response.text).toBe(200);
    const body = response.body as Advanced;
    expect(body.timersFired).toBe(1);
    expect(body.incidents).toEqual([
      {
        event: 'raised',
        caseId: damaged,
        kind: 'damaged',
        element: '',
        message: `数据文件损坏：cases/${damaged}.json`,
        at: '2025-04-02T01:00:00.000Z',
      },
    ]);
    expect((await h.case(healthy)).openTasks.map((task) => task.taskId)).toContain('submitAcceptanceApplication');
    // Set aside as at start-up: the admin sees it with its file; the next advance does not stumble on it.
    const view = (await h.api.get(`/api/cases/${damaged}`, { token: h.adminToken })).body as CaseView;
    expect(view.incidents).toMatchObject([{ kind: 'damaged', message: `数据文件损坏：cases/${damaged}.json` }]);
    const next = await h.api.post('/api/admin/clock', { token: h.adminToken, body: { advanceTo: '2025-04-03' } });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ timersFired: 0, incidents: [] });
    // Retried while still damaged: it stays aside.
    expect((await h.api.post('/api/admin/incidents/retry', { token: h.adminToken })).body).toEqual({ resolved: 0 });
    // Restored from a backup: 重试 takes it back, and its timer due meanwhile fires.
    await writeFile(file, text);
    expect((await h.api.post('/api/admin/incidents/retry', { token: h.adminToken })).body).toEqual({ resolved: 1 });
    // Its history says it was taken back, and from which file's damage (it said nothing of the pause).
    const audit = (await h.api.get(`/api/cases/${damaged}/audit`, { token: h.adminToken })).body as {
      type: string;
      actor: string;
      details: Record<string, unknown>;
    }[];
    expect(audit.filter((entry) => entry.type === 'incident.resolved')).toMatchObject([
      { actor: 'system', details: { kind: 'damaged', message: `数据文件损坏：cases/${damaged}.json` } },
    ]);
    await h.advanceTo('2025-04-03T09:00:00+08:00');
    const restored = (await h.api.get(`/api/cases/${damaged}`, { token: h.adminToken })).body as CaseView;
    expect(restored.incidents).toEqual([]);
    expect(restored.openTasks.map((task) => task.taskId)).toContain('submitAcceptanceApplication');
  }, 120_000);

  it('keeps a case aside on 重试 while another of its files is still damaged (its record restored, its log not)', async () => {
    const own = await ServerHarness.create({ store: 'lowdb', hotCases: 0 });
    try {
      await withUsers(own);
      const id = (await throughCreation(own, 'park1')).id;
      // Read once, its logs checked against its record: that check is not to be taken for granted later.
      await own.api.get(`/api/cases/${id}`, { token: own.adminToken });
      const record = join(own.dataDir, 'store', 'cases', `${id}.json`);
      const log = join(own.dataDir, 'store', 'audit', `${id}.jsonl`);
      const [recordText, logText] = [await readFile(record, 'utf8'), await readFile(log, 'utf8')];
      await writeFile(record, recordText.slice(0, 150));
      await writeFile(log, logText.replace(/^[^\n]*/, '{"seq": 1, "broken'));
      const opened = await own.api.get(`/api/cases/${id}`, { token: own.adminToken });
      expect((opened.body as CaseView).incidents).toMatchObject([{ kind: 'damaged' }]);
      // The record restored alone: its log is still damaged, so it stays aside (it came back).
      await writeFile(record, recordText);
      expect((await own.api.post('/api/admin/incidents/retry', { token: own.adminToken })).body).toEqual({
        resolved: 0,
      });
      await writeFile(log, logText);
      expect((await own.api.post('/api/admin/incidents/retry', { token: own.adminToken })).body).toEqual({
        resolved: 1,
      });
      expect((await own.case(id)).incidents).toEqual([]);
    } finally {
      await own.close();
    }
  }, 120_000);

  it('shows an admin opening a case whose file is found damaged then the case set aside, not a 500', async () => {
    const id = (await throughCreation(h, 'park3')).id;
    const file = join(h.dataDir, 'store', 'cases', `${id}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 150));
    // Its park, the first to open it, is told it cannot be read now (it got 500 with the file's name).
    const owner = await h.api.get(`/api/cases/${id}`, { token: h.token('park3') });
    expect(owner.status, owner.text).toBe(503);
    expect((owner.body as { error: { code: string } }).error.code).toBe('unavailable');
    // It answered 500 数据文件损坏 the first time, and the page showed that alone, without what to do.
    const opened = await h.api.get(`/api/cases/${id}`, { token: h.adminToken });
    expect(opened.status, opened.text).toBe(200);
    expect((opened.body as CaseView).incidents).toMatchObject([
      { kind: 'damaged', message: `数据文件损坏：cases/${id}.json` },
    ]);
  });
});
