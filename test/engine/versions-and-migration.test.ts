import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextDue } from '../../engine/cases/next-due.js';
import { isEngineError } from '../../engine/errors.js';
import { ADMIN, as, EngineHarness, throughAcceptance, throughCreation } from '../support/engine-harness.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';

// A revision taking effect on 2025-01-01 with a 7-working-day notice (Art. 22 "不少于五个工作日").
const REVISION = { version: '2025-01-01', effectiveFrom: '2025-01-01', rules: { publicityMinWorkingDays: 7 } };

describe('versions in force and migration', () => {
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let h: EngineHarness;
  beforeAll(async () => {
    fixture = await definitionsWithRevisions([REVISION]);
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
  });
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
  });

  it('runs each case on the version in force on its start day, side by side', async () => {
    const early = await throughCreation(h, 'P-OLD', '320000');
    expect(early.version).toBe('2024-03-14');
    await h.advanceTo('2025-01-02T09:00:00+08:00');
    const late = await throughCreation(h, 'P-NEW', '330000');
    expect(late.version).toBe('2025-01-01');
    expect((await h.engine.getCase(early.id, ADMIN)).version).toBe('2024-03-14');

    // Both reach their notice on Mon 2026-01-05 (the day itself not counted): 5 working days are
    // 01-06…01-09 and 01-12, so the notice ends Mon 01-12; 7 end on Wed 01-14.
    await h.advanceTo('2026-01-05T09:00:00+08:00');
    const earlyNotice = await throughAcceptance(h, early.id, 'P-OLD', '320000');
    const lateNotice = await throughAcceptance(h, late.id, 'P-NEW', '330000');
    expect(earlyNotice.due.publicityEnds).toBe('2026-01-12');
    expect(lateNotice.due.publicityEnds).toBe('2026-01-14');
    expect(lateNotice.dueBasis?.publicityEnds?.value).toBe(7);
  });

  it('previews a migration, re-dating timers under the target rules, then applies it with an audit entry', async () => {
    const view = h.engine.listCases(ADMIN).find((candidate) => candidate.park === 'P-OLD');
    if (view === undefined) throw new Error('no case');
    const dry = await h.engine.migrateCase(view.id, '2025-01-01', as('policy-admin'), { dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.plan.possible).toBe(true);
    const notice = dry.plan.items.find((item) => item.element === 'publicityEndsTimer_acceptance');
    expect(notice).toMatchObject({
      to: 'publicityEndsTimer_acceptance',
      before: { exposed: '2026-01-12' },
      after: { exposed: '2026-01-14' },
    });
    expect((await h.engine.getCase(view.id, ADMIN)).version).toBe('2024-03-14');

    const applied = await h.engine.migrateCase(view.id, '2025-01-01', as('policy-admin'));
    expect(applied.applied).toBe(true);
    expect(applied.view?.version).toBe('2025-01-01');
    expect(applied.view?.due.publicityEnds).toBe('2026-01-14');
    const audit = await h.engine.audit(view.id, ADMIN);
    expect(audit.at(-1)).toMatchObject({
      type: 'case.migrated',
      details: { from: 'quality-brand-zone@2024-03-14', to: 'quality-brand-zone@2025-01-01' },
    });
    expect((await h.engine.verifyAudit(view.id)).ok).toBe(true);

    // The migrated case keeps running on the new version, also after a restart.
    await h.restart();
    expect(await h.advanceTo('2026-01-15T09:00:00+08:00')).toBeGreaterThan(0);
    const after = await h.engine.getCase(view.id, ADMIN);
    expect(after.version).toBe('2025-01-01');
    expect(after.openTasks.map((task) => task.taskId)).toEqual(['samrRecognition']);
  });

  it('refuses a migration nobody may do, to an unknown version, or of an ended case', async () => {
    const view = h.engine.listCases(ADMIN).find((candidate) => candidate.park === 'P-NEW');
    if (view === undefined) throw new Error('no case');
    await expect(h.engine.migrateCase(view.id, '2024-03-14', as('samr'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.engine.migrateCase(view.id, '2099-01-01', as('admin'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(h.engine.migrateCase(view.id, '2025-01-01', as('admin'))).rejects.toMatchObject({ code: 'conflict' });
    await h.complete(view.id, 'samrRecognition', as('samr'), { decision: 'reject' });
    const error: unknown = await h.engine
      .migrateCase(view.id, '2024-03-14', as('admin'))
      .catch((caught: unknown) => caught);
    expect(isEngineError(error, 'conflict')).toBe(true);
  });
});

describe('a migration that changes which day a date exposes', () => {
  // A revision whose creation-period timer exposes the period's last day, not the day it fires.
  const LAST_DAY = {
    version: '2024-06-01',
    effectiveFrom: '2024-06-01',
    edit: async (read: (file: string) => Promise<string>) => {
      const bpmn = await read('process.bpmn');
      const exposed = bpmn.replace(
        '<camunda:property name="due" value="acceptanceOpens" />\n          <camunda:property name="dueIs" value="fireDay" />',
        '<camunda:property name="due" value="acceptanceOpens" />\n          <camunda:property name="dueIs" value="lastDay" />',
      );
      if (exposed === bpmn) throw new Error('the acceptance timer’s dueIs was not found');
      return { 'process.bpmn': exposed };
    },
  };
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let h: EngineHarness;
  beforeAll(async () => {
    fixture = await definitionsWithRevisions([LAST_DAY]);
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
  });
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
  });

  it('lists the date as a fire day no more once re-dated as a last day, also after a restart', async () => {
    const view = await throughCreation(h, 'P-OLD', '320000');
    expect(view.due.acceptanceOpens).toBe('2025-04-02');
    expect(h.engine.listCases(ADMIN).find((each) => each.id === view.id)?.dueFireDays).toEqual(['acceptanceOpens']);
    // On its day the timer has fired: the list has no date to come.
    expect(nextDue(view, '2025-04-02')).toBeUndefined();

    const applied = await h.engine.migrateCase(view.id, '2024-06-01', as('policy-admin'));
    expect(applied.view?.due.acceptanceOpens).toBe('2025-04-01');
    expect(applied.view?.dueFireDays).toBeUndefined();
    await h.restart();
    const listed = h.engine.listCases(ADMIN).find((each) => each.id === view.id);
    expect(listed?.dueFireDays).toBeUndefined();
    // A last day is still to come on its day.
    expect(nextDue(listed ?? { due: {} }, '2025-04-01')).toMatchObject({ name: 'acceptanceOpens' });
  });
});
