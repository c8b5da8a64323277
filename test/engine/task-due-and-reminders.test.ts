import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import { ADMIN, as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { ANNUAL_REPORT_DUE_REVISION, REVIEW_DUE_REVISION } from '../support/task-due-revisions.js';
import { DefinitionsSandbox } from '../scenarios/script-builder.js';

// A park's account names its province: it starts cases only there (CONTRACT §6).
const PARK = { ...as('park', 'P-001'), region: '320000' };
const PROVINCE = as('province', '320000');

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isEngineError(error) ? error.code : error).toBe(code);
}

describe('task due dates and reminders (催办)', () => {
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let h: EngineHarness;
  let caseId: string;
  beforeAll(async () => {
    fixture = await definitionsWithRevisions([REVIEW_DUE_REVISION]);
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
    caseId = (await h.engine.startCase({ process: 'quality-brand-zone', park: 'P-001', province: '320000' }, PARK)).id;
  });
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
  });

  it('gives a task the date its element declares, counted in working days from the day it opens', async () => {
    const submit = h.engine.listTasks(PARK)[0];
    expect(submit?.taskId).toBe('submitCreationApplication');
    expect(submit?.due).toBeUndefined(); // no `due` on that element: no due date
    const view = await h.complete(caseId, 'submitCreationApplication', PARK, { parkType: 'industry' });
    // Opened Mon 2024-04-01; 20 working days after it, with Qingming (4/4–4/6) off and the make-up
    // Sundays 4/7 and 4/28 on, end on Mon 2024-04-29.
    const review = view.openTasks.find((task) => task.taskId === 'provincialFeasibilityReview');
    expect(review?.due).toEqual({ name: 'provincialReviewDue', date: '2024-04-29' });
    expect(h.engine.listTasks(PROVINCE).map((task) => task.due)).toEqual([
      { name: 'provincialReviewDue', date: '2024-04-29' },
    ]);
  });

  it('lets SAMR remind any open task, recorded in the audit chain and shown on the task', async () => {
    const [task] = h.engine.listTasks(PROVINCE);
    const view = await h.engine.remindTask(task?.ref ?? '', as('samr'), '请于期限内办结');
    expect(view.openTasks[0]?.reminders).toEqual([
      { at: '2024-04-01T01:00:00.000Z', group: 'samr', note: '请于期限内办结' },
    ]);
    expect(h.engine.listTasks(PROVINCE)[0]?.reminders?.[0]?.group).toBe('samr');
    const audit = await h.engine.audit(caseId, ADMIN);
    expect(audit.at(-1)).toMatchObject({ type: 'task.reminded', actor: 'samr', details: { group: 'samr' } });
    expect((await h.engine.verifyAudit(caseId)).ok).toBe(true);
  });

  it('refuses a reminder note with NUL or bidi control characters, and records nothing', async () => {
    const ref = h.engine.listTasks(PROVINCE)[0]?.ref ?? '';
    const before = (await h.engine.audit(caseId, ADMIN)).length;
    for (const note of ['a\u0000b', '\u202Eb'])
      await expectCode(h.engine.remindTask(ref, as('samr'), note), 'validation');
    expect((await h.engine.audit(caseId, ADMIN)).length).toBe(before);
  });

  it('refuses reminders from a park, a ministry, and a province on its own (provincial) task', async () => {
    const ref = h.engine.listTasks(PROVINCE)[0]?.ref ?? '';
    await expectCode(h.engine.remindTask(ref, PARK), 'forbidden');
    await expectCode(h.engine.remindTask(ref, as('ministry', 'moa')), 'forbidden');
    await expectCode(h.engine.remindTask(ref, PROVINCE), 'forbidden');
  });

  it("lets a province remind its own parks' tasks, and not another province's case", async () => {
    await h.complete(caseId, 'provincialFeasibilityReview', PROVINCE, { decision: 'return', comments: '请补充' });
    const [submit] = h.engine.listTasks(PARK);
    expect(submit?.taskId).toBe('submitCreationApplication');
    await expectCode(h.engine.remindTask(submit?.ref ?? '', as('province', '330000')), 'not-open');
    const view = await h.engine.remindTask(submit?.ref ?? '', PROVINCE);
    expect(view.openTasks[0]?.reminders?.map((reminder) => reminder.group)).toEqual(['province']);
    await expectCode(h.engine.remindTask('no-such-task', as('samr')), 'not-open');
  });

  it('dates a task again when it opens again (after a return, from the day it is resubmitted)', async () => {
    await h.advanceTo('2024-05-06T09:00:00+08:00');
    const view = await h.complete(caseId, 'submitCreationApplication', PARK, { parkType: 'industry' });
    // Opened Mon 2024-05-06; 20 working days (make-up Sat 5/11 on) end on Fri 2024-05-31.
    expect(view.openTasks.find((task) => task.taskId === 'provincialFeasibilityReview')?.due?.date).toBe('2024-05-31');
  });
});

/** 2027 as policy staff would enter it (a synthetic notice: the dates are the test's, not the State Council's). */
const YEAR_2027 = {
  notice: {
    title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
    number: '国办发明电〔2026〕99号',
    issued: '2026-11-20',
    url: 'https://example.gov.cn/2027-holidays',
  },
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-12' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-11' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-17' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: [
    { date: '2027-02-20', name: '春节' },
    { date: '2027-04-25', name: '劳动节' },
    { date: '2027-10-09', name: '国庆节' },
  ],
};

describe('a task a loop comes round to again: each year’s annual report dated and told apart on its own (Art. 27)', () => {
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let sandbox: DefinitionsSandbox;
  let h: EngineHarness;
  let caseId: string;
  const reports = async () =>
    (await h.engine.getCase(caseId, ADMIN)).openTasks
      .filter((task) => task.taskId === 'submitAnnualReport')
      .map((task) => [task.createdAt, task.due?.date]);

  beforeAll(async () => {
    fixture = await definitionsWithRevisions([ANNUAL_REPORT_DUE_REVISION]);
    // Calendars of its own, without 2027: the second year's report opens in a year with no data.
    sandbox = await DefinitionsSandbox.create([]);
    h = await EngineHarness.open({
      start: '2024-04-01T09:00:00+08:00',
      definitions: fixture.root,
      shared: sandbox.shared,
    });
    caseId = (await throughCreation(h)).id;
    await h.advanceTo('2025-04-02T09:00:00+08:00');
    await throughAcceptance(h, caseId);
    await h.advanceTo('2025-05-07T10:00:00+08:00');
    const view = await h.complete(caseId, 'samrRecognition', as('samr'));
    expect(view.version).toBe('2024-03-15');
  }, 120_000);
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
    await sandbox.remove();
  });

  it('gives the second year’s report, opened while the first is late, its own date — none until its year’s calendar is entered, then that', async () => {
    // The first year ends 2026-05-07: its report opens Fri 05-08; 20 working days (make-up Sat 05-09 on) end Thu 06-04.
    await h.advanceTo('2026-05-08T09:00:00+08:00');
    expect(await reports()).toEqual([['2026-05-07T16:00:00.000Z', '2026-06-04']]);
    // Not sent by the time the second year ends: the second report waits behind it. It took the
    // first one's 2026-06-04 (the date the case last computed), as if due a year before it opened.
    await h.advanceTo('2027-05-08T09:00:00+08:00');
    expect(await reports()).toEqual([
      ['2026-05-07T16:00:00.000Z', '2026-06-04'],
      ['2027-05-07T16:00:00.000Z', undefined],
    ]);
    // Each says which demonstration year it is for: two open reports of one name, told apart.
    const waiting = await h.engine.getCase(caseId, ADMIN);
    expect(waiting.openTasks.map((task) => task.period)).toEqual([
      { due: 'nextAnnualReportDue', number: 1, start: '2025-05-08', end: '2026-05-07' },
      { due: 'nextAnnualReportDue', number: 2, start: '2026-05-08', end: '2027-05-07' },
    ]);
    expect(h.engine.listTasks(PARK).map((task) => task.period?.number)).toEqual([1, 2]);
    expect(waiting.incidents).toEqual([
      expect.objectContaining({ kind: 'calendar-missing', element: 'submitAnnualReport', year: 2027 }),
    ]);
    expect(waiting.due.annualReportDue).toBeUndefined();

    // 2027 entered: the report gets its date, counted from the day it opened, Sat 2027-05-08 — 20
    // working days end Fri 06-04 (it stayed without one, the incident held, however the year was entered).
    const published = await h.engine.publishCalendarYear(2027, YEAR_2027, { ...ADMIN, id: 'policy' });
    expect(published.resolved).toEqual([caseId]);
    expect(await reports()).toEqual([
      ['2026-05-07T16:00:00.000Z', '2026-06-04'],
      ['2027-05-07T16:00:00.000Z', '2027-06-04'],
    ]);
    const dated = await h.engine.getCase(caseId, ADMIN);
    expect(dated.incidents).toEqual([]);
    expect(dated.due.annualReportDue).toBe('2027-06-04');
    const audit = await h.engine.audit(caseId, ADMIN);
    expect(audit.at(-1)).toMatchObject({
      type: 'incident.resolved',
      details: { element: 'submitAnnualReport', due: 'annualReportDue', kind: 'calendar-missing', to: '2027-06-04' },
    });

    // The first sent late: the second keeps its date; the case's is still the second's (counted
    // again from the day the first was sent, it read 20 working days after 05-20).
    await h.advanceTo('2027-05-20T09:00:00+08:00');
    const view = await h.complete(caseId, 'submitAnnualReport', PARK, {
      reportYear: 1,
      reportPeriod: { start: '2025-05-08', end: '2026-05-07' },
    });
    expect(view.openTasks.map((task) => [task.taskId, task.due?.date])).toEqual([['submitAnnualReport', '2027-06-04']]);
    expect(view.due.annualReportDue).toBe('2027-06-04');
    await h.restart();
    expect(await reports()).toEqual([['2027-05-07T16:00:00.000Z', '2027-06-04']]);
  }, 60_000);
});
