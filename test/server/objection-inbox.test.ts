import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { ServerHarness, throughAcceptance, throughCreation, tinyPdf, withUsers } from './harness.js';

/**
 * One review per objection (CONTRACT §2): three objections to one notice open three reviews in
 * SAMR's inbox, and each says which objection it is — its number, when it came and the opening words
 * of its statement — while the park learns no more than before (Art. 22: what the public sent is
 * read only by the groups the manifest names).
 */
const STATEMENTS = [
  '园区内企业于2024年发生产品质量事故，造成较大经济损失，请予复核。',
  '园区申报材料中的品牌培育成效数据与统计年鉴不一致，请核实。',
  '园区所在地近期发生重大舆情事件，不宜认定为示范区。',
];
const OBJECTORS = ['异议人甲某某', '异议人乙某某', '异议人丙某某'];

describe("SAMR's inbox tells objection reviews apart", () => {
  let h: ServerHarness;
  let caseId = '';

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h);
    caseId = (await throughCreation(h)).id;
    expect((await throughAcceptance(h, caseId)).status).toBe('publicizing');
    // Three objections at one instant (a sandbox clock stands still): the received time alone cannot tell them apart.
    for (const [index, statement] of STATEMENTS.entries()) {
      const upload = await h.api.post('/api/public/attachments', {
        raw: tinyPdf(`evidence-${index}`),
        type: 'application/pdf',
        headers: { 'X-File-Name': 'evidence.pdf' },
      });
      const data = await h.example('objection', {
        objector: { name: OBJECTORS[index] },
        statement,
        evidence: [(upload.body as { id: string }).id],
      });
      const filed = await h.api.post(`/api/public/notices/${caseId}/objections`, { body: { data } });
      expect(filed.status, filed.text).toBe(201);
      receipts.push((filed.body as { receipt: string }).receipt);
    }
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  /** The receipt code each objector was given, in the order they objected. */
  const receipts: string[] = [];

  it('gives each objector a random receipt code, not a count of the objections, shown on its review', async () => {
    // The answer says nothing that counts: no number, and codes that follow no order.
    for (const receipt of receipts) expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(new Set(receipts).size).toBe(3);
    // SAMR finds the review a quoted code names; the park, whose case it is, never sees the codes.
    expect((await reviews('samr')).map((task) => task.origin?.receipt)).toEqual(receipts);
    for (const path of [`/api/cases/${caseId}`, '/api/tasks', `/api/cases/${caseId}/submissions`]) {
      const { text } = await h.api.get(path, { token: h.token('park1') });
      for (const receipt of receipts) expect(text, path).not.toContain(receipt);
    }
  });

  const reviews = async (user: string): Promise<TaskView[]> =>
    (await h.tasks(user)).filter((task) => task.caseId === caseId && task.taskId === 'samrObjectionReview');

  it('numbers each review by its objection, with when it came and the opening words of what it says', async () => {
    const listed = await reviews('samr');
    expect(listed).toHaveLength(3);
    const origins = listed.map((task) => task.origin);
    expect(origins.map((origin) => origin?.number)).toEqual([1, 2, 3]);
    for (const [index, origin] of origins.entries()) {
      expect(origin?.message).toBe('objection');
      expect(origin?.receivedAt).toBe(new Date('2025-04-02T09:00:00+08:00').toISOString());
      const excerpt = origin?.excerpt ?? '';
      expect(excerpt.endsWith('…')).toBe(true);
      expect(STATEMENTS[index]?.startsWith(excerpt.slice(0, -1))).toBe(true);
    }
    expect(new Set(origins.map((origin) => origin?.excerpt)).size).toBe(3);
    // Short and not who sent it: the statement's words, never the objector's name.
    const text = JSON.stringify(listed);
    for (const objector of OBJECTORS) expect(text).not.toContain(objector);
  });

  it('tells the park nothing of what the objections say (its case view is as before)', async () => {
    const view = (await h.api.get(`/api/cases/${caseId}`, { token: h.token('park1') })).body as CaseView;
    const opened = view.openTasks.filter((task) => task.taskId === 'samrObjectionReview');
    expect(opened).toHaveLength(3);
    for (const task of opened) expect(Object.keys(task.origin ?? {}).sort()).toEqual(['message', 'submission']);
    for (const path of [`/api/cases/${caseId}`, '/api/tasks', '/api/cases', `/api/cases/${caseId}/submissions`]) {
      const { text } = await h.api.get(path, { token: h.token('park1') });
      for (const statement of STATEMENTS) expect(text, path).not.toContain(statement.slice(0, 8));
    }
  });

  /** The user's bell entries about the case's objections: each objection received and each review opened. */
  const bell = async (user: string): Promise<string[]> => {
    const { items } = (await h.api.get('/api/notifications', { token: h.token(user) })).body as {
      items: { kind: string; caseId: string; taskId?: string; done?: boolean }[];
    };
    return items
      .filter(
        (item) =>
          item.caseId === caseId && (item.kind === 'objection.received' || item.taskId === 'samrObjectionReview'),
      )
      .map(
        (item) =>
          `${item.kind}${item.taskId === undefined ? '' : ` ${item.taskId}`}${item.done === true ? ' done' : ''}`,
      );
  };

  /** Files an objection from an address of its own (the per-address limits count none twice). */
  const object = async (address: string, statement: string): Promise<void> => {
    const headers = { 'X-Forwarded-For': address };
    const upload = await h.api.post('/api/public/attachments', {
      raw: tinyPdf(`evidence-${address}`),
      type: 'application/pdf',
      headers: { ...headers, 'X-File-Name': 'evidence.pdf' },
    });
    const data = await h.example('objection', { statement, evidence: [(upload.body as { id: string }).id] });
    const filed = await h.api.post(`/api/public/notices/${caseId}/objections`, { body: { data }, headers });
    expect(filed.status, filed.text).toBe(201);
  };

  it('tells the bells of an objection once while its reviews are pending, each objection kept: a flood of them filled the bells', async () => {
    for (let index = 0; index < 10; index++)
      await object(`203.0.113.${String(index + 10)}`, `${STATEMENTS[0] ?? ''}（第 ${String(index + 4)} 件）`);
    // Every objection is recorded and reviewed: thirteen reviews in SAMR's inbox.
    expect(await reviews('samr')).toHaveLength(13);
    // Each objection told the park, its province and SAMR, and each review SAMR again: 13 and 26 entries.
    expect(await bell('park1')).toEqual(['objection.received']);
    expect(await bell('province')).toEqual(['objection.received']);
    expect((await bell('samr')).sort()).toEqual(['objection.received', 'task.opened samrObjectionReview']);
    // Once SAMR has reviewed them all, the next objection is told again.
    for (let review = 0; review < 13; review++)
      await h.complete('samr', caseId, 'samrObjectionReview', { decision: 'dismissed' });
    await object('203.0.113.99', STATEMENTS[1] ?? '');
    expect((await bell('park1')).filter((kind) => kind === 'objection.received')).toHaveLength(2);
    expect((await bell('samr')).filter((kind) => kind.startsWith('task.opened samrObjectionReview'))).toEqual([
      'task.opened samrObjectionReview',
      'task.opened samrObjectionReview done',
    ]);
  }, 120_000);
});
