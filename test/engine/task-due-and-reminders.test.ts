import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import { ADMIN, as, EngineHarness } from '../support/engine-harness.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { REVIEW_DUE_REVISION } from '../support/review-due-revision.js';

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
