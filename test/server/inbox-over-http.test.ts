import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../engine/cases/case-record.js';
import type { CaseView } from '../../engine/cases/case-view.js';
import { returnedTask } from '../../engine/cases/returned-task.js';
import type { NotificationView } from '../../engine/notifications/notification.js';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { CHINESE, MINISTRIES, PROCESS, ServerHarness, throughAcceptance, tinyPdf, withUsers } from './harness.js';

interface Listing {
  items: NotificationView[];
  unread: number;
}

describe('催办 and the notification centre over HTTP', () => {
  let h: ServerHarness;
  let caseId = '';
  const notifications = async (user: string): Promise<Listing> =>
    (await h.api.get('/api/notifications', { token: h.token(user) })).body as Listing;
  const kinds = async (user: string) =>
    (await notifications(user)).items.map((item) => `${item.kind} ${item.taskId ?? ''}`.trim());

  beforeAll(async () => {
    // At most three messages a day from one account to one case (20 by default): the last tests send four.
    h = await ServerHarness.create({ limits: { messagesPerCaseDay: 3 } });
    await withUsers(h);
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    caseId = (started.body as CaseView).id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('tells a new task to its group within its scope only, and nobody else; once done, it is unread no more', async () => {
    expect(await kinds('park1')).toEqual(['task.opened submitCreationApplication']);
    expect((await notifications('park1')).unread).toBe(1);
    await h.complete('park1', caseId, 'submitCreationApplication', { parkType: 'industry' });
    // The bell kept 新任务 for a task long sent: the notification stays, marked done, not counted.
    const park = await notifications('park1');
    expect([park.unread, park.items.map((item) => [item.read, item.done])]).toEqual([0, [[false, true]]]);
    expect((await h.api.get('/api/notifications?unread=true', { token: h.token('park1') })).body).toEqual({
      items: [],
      unread: 0,
    });
    expect(await kinds('province')).toEqual(['task.opened provincialFeasibilityReview']);
    expect(await kinds('province2')).toEqual([]);
    expect(await kinds('park2')).toEqual([]);
    expect(await kinds('samr')).toEqual([]);
  });

  it('lets SAMR remind the province (200, in the audit and in its inbox); a park may not (403)', async () => {
    const task = await h.task('province', caseId, 'provincialFeasibilityReview');
    const refused = await h.api.post(`/api/tasks/${task.ref}/remind`, { token: h.token('park1'), body: {} });
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(CHINESE);
    // A field the reminder does not take is refused at the field, not dropped (nothing is sent).
    const extra = await h.api.post(`/api/tasks/${task.ref}/remind`, {
      token: h.token('samr'),
      body: { note: '请尽快论证', urgent: true },
      request: 'invalid',
    });
    expect([extra.status, extra.body]).toMatchObject([422, { error: { code: 'validation', field: 'urgent' } }]);
    const sent = await h.api.post(`/api/tasks/${task.ref}/remind`, {
      token: h.token('samr'),
      body: { note: '请尽快论证' },
    });
    expect(sent.status).toBe(200);
    const [inInbox] = (await h.tasks('province')).filter((open) => open.ref === task.ref);
    expect(inInbox?.reminders).toEqual([{ at: expect.any(String) as string, group: 'samr', note: '请尽快论证' }]);
    const audit = await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken });
    expect((audit.body as { type: string }[]).map((entry) => entry.type)).toContain('task.reminded');
    const listing = await notifications('province');
    expect(listing.unread).toBe(2);
    expect(listing.items[0]).toMatchObject({ kind: 'task.reminded', by: 'samr', note: '请尽快论证', read: false });
    // Named as the diagram names the task, for people; the code stays beside it, and the process
    // whose catalogue names it in another language.
    expect(listing.items.map((item) => [item.taskId, item.taskName, item.process])).toEqual([
      ['provincialFeasibilityReview', '可行性论证与遴选', PROCESS],
      ['provincialFeasibilityReview', '可行性论证与遴选', PROCESS],
    ]);
  });

  it("marks a returned task in the park's inbox; refuses a province's reminder on another province's case as not open (409), a bad note as 422", async () => {
    expect((await h.tasks('province')).find((open) => open.caseId === caseId)?.returned).toBeUndefined();
    await h.complete('province', caseId, 'provincialFeasibilityReview', { decision: 'return' });
    const submit = await h.task('park1', caseId, 'submitCreationApplication');
    // The park's inbox says the task came back, and from which step.
    const [again] = (await h.tasks('park1')).filter((open) => open.ref === submit.ref);
    expect(again?.returned).toEqual({ at: expect.any(String) as string, step: '可行性论证与遴选' });
    const other = await h.api.post(`/api/tasks/${submit.ref}/remind`, { token: h.token('province2'), body: {} });
    expect(other.status).toBe(409);
    const bad = await h.api.post(`/api/tasks/${submit.ref}/remind`, {
      token: h.token('province'),
      body: { note: 5 },
      request: 'unchecked',
    });
    expect(bad.status).toBe(422);
    // Each refusal of a note in the reader's language (they were Chinese only).
    const notes: [note: unknown, zh: RegExp, en: RegExp][] = [
      [5, /^「催办说明」应为文字$/, /^note must be text$/],
      ['催'.repeat(501), /^催办说明不能超过 500 个字$/, /^A reminder's note may be at most 500 characters long$/],
      ['请‮尽快', /^「催办说明」含有不允许的字符/, /^The reminder’s note contains characters that are not allowed/],
    ];
    for (const [note, zh, en] of notes) {
      for (const [language, expected] of [
        ['zh-CN', zh],
        ['en', en],
      ] as const) {
        const refused = await h.api.post(`/api/tasks/${submit.ref}/remind`, {
          token: h.token('province'),
          body: { note },
          request: 'unchecked',
          headers: { 'Accept-Language': language },
        });
        expect.soft(refused.status).toBe(422);
        expect.soft((refused.body as { error: { message: string } }).error.message).toMatch(expected);
      }
    }
    const own = await h.api.post(`/api/tasks/${submit.ref}/remind`, { token: h.token('province'), body: {} });
    expect(own.status).toBe(200);
    expect(await kinds('park1')).toEqual([
      'task.reminded submitCreationApplication',
      'task.returned submitCreationApplication',
      'task.opened submitCreationApplication',
    ]);
  });

  it('marks notifications read (one, then all), counting unread per user', async () => {
    const before = await notifications('park1');
    // The first 新任务 is done (the application was sent); the return and the reminder are of the task open again.
    expect(before.unread).toBe(2);
    const [first] = before.items;
    // A field marking does not take is refused at the field (nothing is marked).
    const extra = await h.api.post('/api/notifications/read', {
      token: h.token('park1'),
      body: { ids: [first?.id], read: true },
      request: 'invalid',
    });
    expect([extra.status, extra.body]).toMatchObject([422, { error: { code: 'validation', field: 'read' } }]);
    const one = await h.api.post('/api/notifications/read', { token: h.token('park1'), body: { ids: [first?.id] } });
    expect(one.body).toEqual({ marked: 1, unread: 1 });
    const unreadOnly = await h.api.get('/api/notifications?unread=true', { token: h.token('park1') });
    expect((unreadOnly.body as Listing).items.map((item) => item.id)).not.toContain(first?.id);
    // `unread` is true or false: another word, or the parameter twice, listed everything as if absent.
    for (const query of ['unread=yes', 'unread=1', 'unread=true&unread=false']) {
      const refused = await h.api.get(`/api/notifications?${query}`, { token: h.token('park1') });
      expect([query, refused.status, refused.body]).toEqual([
        query,
        422,
        { error: { code: 'validation', message: '「只看未读」应为 true 或 false', field: 'unread' } },
      ]);
    }
    // Ids that are not a list of ids are refused in the reader's language (it was Chinese to English too).
    for (const [language, message] of [
      ['zh', '「ids」应为通知编号列表或 "all"'],
      ['en', 'ids must be a list of notification ids, or "all"'],
    ]) {
      const refused = await h.api.post('/api/notifications/read', {
        token: h.token('park1'),
        body: { ids: 'some' },
        request: 'unchecked',
        headers: { 'Accept-Language': language ?? '' },
      });
      expect([refused.status, (refused.body as { error: { message: string } }).error.message]).toEqual([422, message]);
    }
    const foreign = await h.api.post('/api/notifications/read', {
      token: h.token('park2'),
      body: { ids: [first?.id] },
    });
    expect(foreign.status).toBe(404);
    const all = await h.api.post('/api/notifications/read', { token: h.token('park1'), body: { ids: 'all' } });
    expect(all.body).toEqual({ marked: 3, unread: 0 });
    // Read state is per user: the province's stay unread (its task was done, so it counts none).
    const province = await notifications('province');
    expect([province.unread, province.items.map((item) => [item.read, item.done])]).toEqual([
      0,
      [
        [false, true],
        [false, true],
      ],
    ]);
  });

  it('tells the park, its province and SAMR that the notice opened and that an objection came, without the objector', async () => {
    await h.complete('park1', caseId, 'submitCreationApplication', { parkType: 'industry' });
    await h.complete('province', caseId, 'provincialFeasibilityReview');
    await h.complete('group', caseId, 'provincialLeadingGroupReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, caseId, 'departmentOpinion');
    const approved = await h.complete('samr', caseId, 'samrCreationApproval');
    expect(approved.statusTitle).toMatch(CHINESE);
    // SAMR's approval to start (Art. 18) came to the park only as its next task, a year later.
    const stages = async (user: string) =>
      (await notifications(user)).items
        .filter((item) => item.caseId === caseId && item.kind === 'status.changed')
        .map((item) => item.statusTitle);
    for (const user of ['park1', 'province']) expect(await stages(user), user).toEqual([approved.statusTitle]);
    for (const user of ['park2', 'province2', 'samr']) expect(await stages(user), user).toEqual([]);
    await throughAcceptance(h, caseId);
    // Entering the public notice is told once, as notice.opened.
    expect(await stages('park1')).not.toContain((await h.case(caseId)).statusTitle);
    // The public's evidence is a public upload (a form may refer only to files its sender may read).
    let objection = JSON.stringify(await h.example('objection'));
    for (const id of attachmentIds(JSON.parse(objection))) {
      const upload = await h.api.post('/api/public/attachments', {
        raw: tinyPdf(id),
        type: 'application/pdf',
        headers: { 'X-File-Name': 'evidence.pdf' },
      });
      objection = objection.replaceAll(id, (upload.body as { id: string }).id);
    }
    const filedData = JSON.parse(objection) as { objector: { name: string; phone: string } };
    const filed = await h.api.post(`/api/public/notices/${caseId}/objections`, {
      body: { data: JSON.parse(objection) as unknown },
    });
    expect(filed.status).toBe(201);
    for (const user of ['park1', 'province', 'samr']) {
      const listing = await notifications(user);
      const kindsSeen = listing.items.map((item) => item.kind);
      expect(kindsSeen).toContain('notice.opened');
      expect(kindsSeen).toContain('objection.received');
      const text = JSON.stringify(listing);
      const objector = filedData.objector.name;
      expect(text).not.toContain(objector);
      expect(text).not.toContain(filedData.objector.phone);
    }
    expect((await notifications('province2')).items).toEqual([]);
    expect((await kinds('samr')).filter((kind) => kind.startsWith('task.opened samrObjectionReview'))).toHaveLength(1);
  });

  it('tells the park and its province how a case ended (a rejection), and no one else', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const rejectedId = (started.body as CaseView).id;
    await h.complete('park2', rejectedId, 'submitCreationApplication', { parkType: 'industry' });
    await h.complete('province', rejectedId, 'provincialFeasibilityReview', {
      decision: 'reject',
      comments: '不符合条件',
    });
    for (const user of ['park2', 'province']) {
      const ended = (await notifications(user)).items.filter(
        (item) => item.caseId === rejectedId && item.kind === 'case.ended',
      );
      expect(ended, user).toEqual([expect.objectContaining({ statusTitle: expect.any(String) as unknown })]);
      expect(ended[0]?.statusTitle).toBe((await h.case(rejectedId)).statusTitle);
    }
    for (const user of ['park1', 'province2', 'samr'])
      expect(
        (await notifications(user)).items.some((item) => item.caseId === rejectedId && item.kind === 'case.ended'),
      ).toBe(false);
  });

  it('marks a task returned a second time by the later review, not the first', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park3'),
      body: { process: PROCESS, park: 'P-003', province: '330000' },
    });
    const id = (started.body as CaseView).id;
    await h.complete('park3', id, 'submitCreationApplication', { parkType: 'industry' });
    await h.complete('province2', id, 'provincialFeasibilityReview', { decision: 'return' });
    const returnedBy = async () =>
      (await h.tasks('park3')).find((open) => open.caseId === id && open.taskId === 'submitCreationApplication')
        ?.returned;
    expect(await returnedBy()).toEqual({ at: expect.any(String) as string, step: '可行性论证与遴选' });
    await h.complete('park3', id, 'submitCreationApplication', { parkType: 'industry' });
    await h.complete('province2', id, 'provincialFeasibilityReview');
    await h.complete('group2', id, 'provincialLeadingGroupReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, id, 'departmentOpinion');
    await h.complete('samr', id, 'samrCreationApproval', { decision: 'return' });
    expect(await returnedBy()).toEqual({ at: expect.any(String) as string, step: '审核同意创建' });
  });

  it("does not call the departments' opinions returned when SAMR sent the application back, and keeps each department's rounds its own", async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const id = (started.body as CaseView).id;
    const untilDepartments = async () => {
      await h.complete('park2', id, 'submitCreationApplication', { parkType: 'industry' });
      await h.complete('province', id, 'provincialFeasibilityReview');
      await h.complete('group', id, 'provincialLeadingGroupReview');
    };
    await untilDepartments();
    for (const ministry of MINISTRIES)
      await h.complete(ministry, id, 'departmentOpinion', { comments: `${ministry} 第一轮意见` });
    await h.complete('samr', id, 'samrCreationApproval', { decision: 'return' });
    await untilDepartments();
    // Met again, not returned: SAMR sent the application back to the park (CONTRACT §2), and the
    // park, the province and the group have acted since. The inbox said 退回修改 to each department.
    for (const ministry of MINISTRIES) {
      const task = (await h.tasks(ministry)).find((open) => open.caseId === id);
      expect([ministry, task?.taskId, task?.returned]).toEqual([ministry, 'departmentOpinion', undefined]);
    }
    // Nor their bells, nor the province's, whose review met the park's application again: new tasks,
    // not 案件已退回 (found by the walk); the park's, sent back by SAMR, was returned.
    const latest = async (user: string) =>
      (await notifications(user)).items
        .filter((item) => item.caseId === id && item.kind.startsWith('task.'))
        .map((item) => `${item.kind} ${item.taskId ?? ''}`)[0];
    for (const user of ['province', 'group', ...MINISTRIES])
      expect([user, await latest(user)]).toEqual([user, expect.stringMatching(/^task\.opened /)]);
    expect((await notifications('park2')).items.map((item) => `${item.kind} ${item.taskId ?? ''}`)).toContain(
      'task.returned submitCreationApplication',
    );
    // One department answers: each of the others still finds its own first-round opinion as its
    // previous one (the form offered another department's, whichever had answered last).
    await h.complete('cnipa', id, 'departmentOpinion', { comments: 'cnipa 第二轮意见' });
    const submissions = (await h.api.get(`/api/cases/${id}/submissions`, { token: h.adminToken })).body as Submission[];
    for (const ministry of ['moa', 'mofcom', 'mct'] as const) {
      const task = (await h.tasks(ministry)).find((open) => open.caseId === id);
      const previous = returnedTask(submissions, 'departmentOpinion', task?.scope)?.previous;
      expect([ministry, (previous?.data as { comments?: string } | undefined)?.comments]).toEqual([
        ministry,
        `${ministry} 第一轮意见`,
      ]);
    }
  });

  it('gives a notification stored before notifications recorded their process (or the task’s name) its case’s, so the bell can name its task and status in English', async () => {
    // As a server of before stored it: the definitions' Chinese, no process (the bell showed it in Chinese to an English reader).
    const stored = {
      id: 'n20250101000000000-000001-0000000000',
      at: '2025-01-01T00:00:00.000Z',
      kind: 'status.changed',
      caseId,
      park: 'P-001',
      province: '320000',
      statusTitle: '创建中',
      audience: [{ group: 'park', scope: 'P-001' }],
    };
    await h.store.put('notifications', stored.id, stored);
    // Older still: a task by its code only (before notifications named it as the diagram does).
    const byCode = {
      ...stored,
      id: 'n20250101000000000-000003-0000000000',
      kind: 'task.opened',
      taskId: 'provincialFeasibilityReview',
      statusTitle: undefined,
    };
    await h.store.put('notifications', byCode.id, byCode);
    const listed = (await notifications('park1')).items;
    expect(listed.find((each) => each.id === stored.id)).toMatchObject({
      kind: 'status.changed',
      statusTitle: '创建中',
      process: PROCESS,
    });
    expect(listed.find((each) => each.id === byCode.id)).toMatchObject({
      taskId: 'provincialFeasibilityReview',
      taskName: '可行性论证与遴选',
      process: PROCESS,
    });
    // One whose case this server does not hold keeps reading as written.
    await h.store.put('notifications', 'n20250101000000000-000002-0000000000', {
      ...stored,
      id: 'n20250101000000000-000002-0000000000',
      caseId: 'no-such-case',
    });
    const unknown = (await notifications('park1')).items.find((each) => each.caseId === 'no-such-case');
    expect(unknown).toBeDefined();
    expect(unknown?.process).toBeUndefined();
  });

  it("names the case's subject in a notice sent before the forms named it (the park's first 新待办 showed its code)", async () => {
    await h.user('park4', ['park:P-004']);
    const started = await h.api.post('/api/cases', {
      token: h.token('park4'),
      body: { process: PROCESS, park: 'P-004', province: '320000' },
    });
    const { id } = started.body as CaseView;
    const first = async () =>
      (await notifications('park4')).items.find((item) => item.caseId === id && item.kind === 'task.opened');
    // At the start no form has named the park yet: the notice has only its code.
    expect((await first())?.subjectName).toBeUndefined();
    await h.complete('park4', id, 'submitCreationApplication', {
      parkType: 'industry',
      parkName: '青峰山文旅服务业园区',
    });
    // Listed once the application names it, it names the park as the inbox and the case page do.
    expect(await first()).toMatchObject({ subjectName: '青峰山文旅服务业园区' });
  });

  it('tells SAMR and the province of a major event a zone reports (Art. 27), naming it; not the park that sent it, not another province', async () => {
    // The first test's case, in its public notice with an objection: reviewed, the notice over, recognised.
    await h.complete('samr', caseId, 'samrObjectionReview');
    const ends = (await h.case(caseId)).due.publicityEnds ?? '';
    await h.advanceTo(new Date(Date.parse(`${ends}T09:00:00+08:00`) + 86_400_000).toISOString());
    await h.complete('samr', caseId, 'samrRecognition');
    expect((await h.case(caseId)).status).toBe('demonstrating');
    const sent = await h.api.post(`/api/cases/${caseId}/messages/majorEvent`, {
      token: h.token('park1'),
      body: { data: await h.withUploads('park1', await h.example('major-event')) },
    });
    expect(sent.status, sent.text).toBe(202);
    const reports = async (user: string) =>
      (await notifications(user)).items.filter((item) => item.caseId === caseId && item.kind === 'message.received');
    for (const user of ['samr', 'province', 'group']) {
      const told = await reports(user);
      expect(told, user).toHaveLength(1);
      expect(told[0]?.taskName).toBe('重大事项报告');
    }
    for (const user of ['park1', 'province2']) expect(await reports(user), user).toEqual([]);
  });

  it("takes a zone's reports to its case up to a day's limit: 300 sent in half a minute buried SAMR's bell", async () => {
    const report = async (patch: Record<string, unknown> = {}) =>
      h.api.post(`/api/cases/${caseId}/messages/majorEvent`, {
        token: h.token('park1'),
        body: { data: { ...(await h.withUploads('park1', await h.example('major-event'))), ...patch } },
        request: 'unchecked',
      });
    // The previous test sent one; a report with errors is refused and not counted.
    expect((await report({ title: '' })).status).toBe(422);
    for (let sent = 2; sent <= 3; sent += 1) expect((await report()).status).toBe(202);
    const refused = await report();
    expect(refused.status, refused.text).toBe(429);
    const { error } = refused.body as { error: { code: string; message: string } };
    expect(error.code).toBe('too-many-requests');
    expect(error.message).toMatch(CHINESE);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const told = (await notifications('samr')).items.filter(
      (item) => item.caseId === caseId && item.kind === 'message.received',
    );
    expect(told).toHaveLength(3);
  });

  it('tells the zone and its province once that SAMR proposes to revoke it (Art. 27), naming it; not SAMR that sent it, not another province', async () => {
    // The first test's case, recognised above.
    const sent = await h.api.post(`/api/cases/${caseId}/messages/revocationProposed`, {
      token: h.token('samr'),
      body: { data: await h.withUploads('samr', await h.example('revocation-proposed')) },
    });
    expect(sent.status, sent.text).toBe(202);
    const told = async (user: string) =>
      (await notifications(user)).items
        .filter((item) => item.caseId === caseId && item.kind === 'message.received')
        .map((item) => item.taskName);
    for (const user of ['park1', 'province', 'group']) expect(await told(user), user).toContain('提出撤销');
    for (const user of ['park1', 'province', 'group'])
      expect(
        (await told(user)).filter((name) => name === '提出撤销'),
        user,
      ).toHaveLength(1);
    for (const user of ['samr', 'province2', 'park2']) expect(await told(user), user).not.toContain('提出撤销');
    expect(await kinds('samr')).toContain('task.opened samrRevocationDecision');
  });

  it('tells what a submission concluded that opens nothing for the others, by its end on the diagram: an objection found groundless, a revocation not pursued, an annual report (Art. 22, 27)', async () => {
    const progress = async (user: string) =>
      (await notifications(user)).items
        .filter((item) => item.caseId === caseId && item.kind === 'branch.ended')
        .map((item) => item.taskName);
    // Newest first. SAMR kept the zone it had proposed to revoke: the zone and its province heard of the proposal, and now of this.
    // Before it, the public notice closed by its timer (公示结束): the park heard nothing more until it was
    // recognised; SAMR, given the recognition by the same step, hears of that task.
    await h.complete('samr', caseId, 'samrRevocationDecision', { decision: 'keep' });
    for (const user of ['park1', 'province', 'group'])
      expect(await progress(user), user).toEqual(['维持认定', '公示结束', '异议不成立']);
    for (const user of ['samr', 'province2']) expect(await progress(user), user).toEqual([]);
    // A year into the demonstration the zone reports to SAMR (每年向市场监管总局报送年度工作报告): SAMR and
    // the province hear of it, the zone (which sent it) does not.
    const due = (await h.case(caseId)).due.nextAnnualReportDue ?? '';
    await h.advanceTo(new Date(Date.parse(`${due}T09:00:00+08:00`) + 86_400_000).toISOString());
    // The zone was told its report opened, and for which year: the day after recognition to the first
    // anniversary (each year's report opens under one name, Art. 27).
    const recognizedOn = (await h.case(caseId)).due.recognizedOn ?? '';
    const opened = (await notifications('park1')).items.find(
      (item) => item.caseId === caseId && item.kind === 'task.opened' && item.taskId === 'submitAnnualReport',
    );
    expect(opened?.period).toEqual({
      start: new Date(Date.parse(`${recognizedOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
      end: due,
    });
    await h.complete('park1', caseId, 'submitAnnualReport');
    for (const user of ['samr', 'province', 'group'])
      expect(
        (await progress(user)).filter((name) => name === '年度报告已报送'),
        user,
      ).toHaveLength(1);
    expect(await progress('park1')).toEqual(['维持认定', '公示结束', '异议不成立']);
    expect(await progress('province2')).toEqual([]);
  });

  it('tells the zone and its leading group by name that its re-review failed within the period (Art. 28), once; not the province that decided it', async () => {
    const stages = async (user: string) =>
      (await notifications(user)).items
        .filter((item) => item.caseId === caseId && (item.kind === 'status.changed' || item.kind === 'branch.ended'))
        .map((item) => `${item.kind} ${item.taskName ?? ''} ${item.statusTitle ?? ''}`.trim());
    // Recognised earlier: the zone heard the designation by its name on the diagram, not only 示范期内.
    expect(await stages('park1')).toContain('status.changed 认定为示范区 示范期内');
    const opens = (await h.case(caseId)).due.reReviewOpens ?? '';
    await h.advanceTo(new Date(Date.parse(`${opens}T09:00:00+08:00`) + 86_400_000).toISOString());
    await h.complete('park1', caseId, 'submitReReviewApplication');
    const before = { park1: await stages('park1'), group: await stages('group'), province: await stages('province') };
    const failed = await h.complete('province', caseId, 'provincialReReview', { decision: 'reject' });
    expect(failed.status).toBe('demonstrating');
    // It was heard only as 案件进入新阶段：示范期内, the zone's stage before its re-review.
    for (const user of ['park1', 'group'] as const)
      expect((await stages(user)).slice(0, -before[user].length), user).toEqual([
        'status.changed 复审未通过，示范期内维持认定 示范期内',
      ]);
    expect(await stages('province')).toEqual(before.province);
    for (const user of ['samr', 'province2', 'park2'])
      expect(await stages(user), user).not.toContainEqual(expect.stringContaining('复审'));
  });

  it('tells a withdrawal (Art. 3) once, as the end of the case, to the park, its province and the holders of the tasks it closed; no one else', async () => {
    // Park P-005 withdraws while the departments give their opinions on its creation (moa has given its).
    await h.user('park5', ['park:P-005']);
    const started = await h.api.post('/api/cases', {
      token: h.token('park5'),
      body: { process: PROCESS, park: 'P-005', province: '320000' },
    });
    const withdrawnId = (started.body as CaseView).id;
    await h.complete('park5', withdrawnId, 'submitCreationApplication', { parkType: 'industry' });
    await h.complete('province', withdrawnId, 'provincialFeasibilityReview');
    await h.complete('group', withdrawnId, 'provincialLeadingGroupReview');
    await h.complete('moa', withdrawnId, 'departmentOpinion');
    const sent = await h.api.post(`/api/cases/${withdrawnId}/messages/withdraw`, {
      token: h.token('park5'),
      body: { data: await h.example('withdraw') },
    });
    expect(sent.status, sent.text).toBe(202);
    expect((await h.case(withdrawnId)).status).toBe('withdrawn');
    const about = async (user: string) =>
      (await notifications(user)).items
        .filter((item) => item.caseId === withdrawnId && !item.kind.startsWith('task.'))
        .map((item) => `${item.kind} ${item.statusTitle ?? ''}`);
    // The province heard 收到撤回申请 and 案件已办结 of the one withdrawal; now once.
    for (const user of ['park5', 'province', 'group', 'mofcom', 'mct', 'cnipa'])
      expect(await about(user), user).toEqual(['case.ended 已撤回']);
    // moa had given its opinion (no task of its was closed), SAMR held none; another province, another park.
    for (const user of ['moa', 'samr', 'province2', 'park1']) expect(await about(user), user).toEqual([]);
  });
});
