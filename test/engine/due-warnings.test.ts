import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/cases/actors.js';
import { SimulatedClock } from '../../engine/clock.js';
import { as, EngineHarness, formExample } from '../support/engine-harness.js';
import { adminQuery, postgresAvailable } from '../support/postgres.js';
import { enginesOnPostgres, type EnginesOnPostgres } from '../support/postgres-engines.js';
import { definitionsWithRevisions, type Revision } from '../support/definitions-fixture.js';
import { REVIEW_DUE_REVISION } from '../support/task-due-revisions.js';

const PROVINCE = as('province', '320000');
const park = (id: string): Actor => ({ ...as('park', id), region: '320000' });

/** The deadline warnings an actor's bell lists, oldest first, as [kind, park, task, date, working days left]. */
async function warnings(h: EngineHarness, actor: Actor) {
  const { items } = await h.engine.notifications.list(actor);
  return items
    .filter((item) => item.kind === 'task.dueSoon' || item.kind === 'task.overdue')
    .reverse()
    .map((item) => [
      item.kind,
      (item as unknown as Record<string, unknown>).park,
      item.taskName,
      item.due?.date,
      item.workingDaysLeft,
    ]);
}

describe('warnings before a deadline: the holders of a task due soon or overdue are told once (README "Notifications")', () => {
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let h: EngineHarness;
  let first: string;
  let second: string;
  beforeAll(async () => {
    // The provincial review is due 20 working days after it opens; the manifest declares no warning
    // period: five working days, the overdue board's yellow.
    fixture = await definitionsWithRevisions([REVIEW_DUE_REVISION]);
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
    const apply = async (id: string) => {
      const caseId = (
        await h.engine.startCase({ process: 'quality-brand-zone', park: id, province: '320000' }, park(id))
      ).id;
      await h.complete(caseId, 'submitCreationApplication', park(id), { parkType: 'industry' });
      return caseId;
    };
    // Both reviews opened Mon 2024-04-01, due Mon 2024-04-29.
    first = await apply('P-001');
    second = await apply('P-002');
  });
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
  });

  it('says nothing while more than five working days are left, nor of a task done before the point', async () => {
    // Tue 04-22: 23, 24, 25, 26, the make-up Sunday 28 and 29 are six working days.
    await h.advanceTo('2024-04-22T09:00:00+08:00');
    await h.complete(second, 'provincialFeasibilityReview', PROVINCE);
    expect(await warnings(h, PROVINCE)).toEqual([]);
  });

  it('tells the province once five are left — its own group and scope only, with the date and the days left', async () => {
    await h.advanceTo('2024-04-23T00:00:00+08:00');
    const soon = ['task.dueSoon', 'P-001', '可行性论证与遴选', '2024-04-29', 5];
    expect(await warnings(h, PROVINCE)).toEqual([soon]);
    for (const other of [as('province', '330000'), park('P-001'), as('samr')])
      expect(await warnings(h, other)).toEqual([]);
    // Again and again, and after a restart (another process on the same data): once.
    await h.advanceTo('2024-04-24T09:00:00+08:00');
    await h.engine.runDueTimers();
    await h.restart();
    await h.advanceTo('2024-04-25T09:00:00+08:00');
    expect(await h.engine.warnDueTasks()).toBe(0);
    expect(await warnings(h, PROVINCE)).toEqual([soon]);
    const { items } = await h.engine.notifications.list(PROVINCE);
    expect(items.find((item) => item.kind === 'task.dueSoon')).toMatchObject({
      caseId: first,
      due: { name: 'provincialReviewDue', date: '2024-04-29' },
    });
  });

  it('tells it once more when the date has passed, and again of the task returned and dated anew', async () => {
    await h.advanceTo('2024-04-29T23:00:00+08:00');
    expect((await warnings(h, PROVINCE)).map(([kind]) => kind)).toEqual(['task.dueSoon']);
    await h.advanceTo('2024-04-30T09:00:00+08:00');
    await h.advanceTo('2024-04-30T10:00:00+08:00');
    expect((await warnings(h, PROVINCE)).at(-1)).toEqual([
      'task.overdue',
      'P-001',
      '可行性论证与遴选',
      '2024-04-29',
      undefined,
    ]);
    expect(await warnings(h, PROVINCE)).toHaveLength(2);
    // Done, the warnings no longer count as unread.
    await h.complete(first, 'provincialFeasibilityReview', PROVINCE, { decision: 'return', comments: '请补充' });
    const { items } = await h.engine.notifications.list(PROVINCE);
    expect(
      items.filter((item) => item.kind.startsWith('task.') && item.done !== true && item.due !== undefined),
    ).toEqual([]);
    // Sent again Mon 05-06, due Fri 05-31: five working days left from Fri 05-24.
    await h.advanceTo('2024-05-06T09:00:00+08:00');
    await h.complete(first, 'submitCreationApplication', park('P-001'), { parkType: 'industry' });
    await h.advanceTo('2024-05-23T09:00:00+08:00');
    expect(await warnings(h, PROVINCE)).toHaveLength(2);
    await h.advanceTo('2024-05-24T09:00:00+08:00');
    expect((await warnings(h, PROVINCE)).at(-1)).toEqual([
      'task.dueSoon',
      'P-001',
      '可行性论证与遴选',
      '2024-05-31',
      5,
    ]);
  });

  it('tells only that the date passed when the clock jumps past both points at once', async () => {
    const caseId = (
      await h.engine.startCase({ process: 'quality-brand-zone', park: 'P-003', province: '320000' }, park('P-003'))
    ).id;
    await h.complete(caseId, 'submitCreationApplication', park('P-003'), { parkType: 'industry' });
    await h.advanceTo('2024-07-15T09:00:00+08:00');
    expect((await warnings(h, PROVINCE)).filter(([, id]) => id === 'P-003').map(([kind]) => kind)).toEqual([
      'task.overdue',
    ]);
  });
});

describe('a warning period the manifest declares (dueSoonWorkingDays)', () => {
  const TEN_DAYS: Revision = {
    ...REVIEW_DUE_REVISION,
    edit: async (read) => {
      const files = (await REVIEW_DUE_REVISION.edit?.(read)) ?? {};
      const manifest = JSON.parse(files['manifest.json'] ?? '{}') as Record<string, unknown>;
      return { ...files, 'manifest.json': JSON.stringify({ ...manifest, dueSoonWorkingDays: 10 }, null, 2) };
    },
  };
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;
  let h: EngineHarness;
  beforeAll(async () => {
    fixture = await definitionsWithRevisions([TEN_DAYS]);
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', definitions: fixture.root });
    const caseId = (
      await h.engine.startCase({ process: 'quality-brand-zone', park: 'P-001', province: '320000' }, park('P-001'))
    ).id;
    await h.complete(caseId, 'submitCreationApplication', park('P-001'), { parkType: 'industry' });
  });
  afterAll(async () => {
    await h.close();
    await fixture.cleanup();
  });

  it('warns ten working days before, from the day ten are left', async () => {
    await h.advanceTo('2024-04-15T09:00:00+08:00');
    expect(await warnings(h, PROVINCE)).toEqual([]);
    await h.advanceTo('2024-04-16T09:00:00+08:00');
    expect(await warnings(h, PROVINCE)).toEqual([['task.dueSoon', 'P-001', '可行性论证与遴选', '2024-04-29', 10]]);
  });
});

// Two server processes on one PostgreSQL database, each on a pool of its own, see the same task due
// soon at once: one warning between them, and none more from a third started later.
const postgresUp = await postgresAvailable();

describe.skipIf(!postgresUp)('warnings before a deadline, PostgreSQL, two processes', () => {
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>> | undefined;
  let engines: EnginesOnPostgres | undefined;
  afterAll(async () => {
    await engines?.close();
    await fixture?.cleanup();
  });

  it('stores one warning per task and date, whichever process sees it first, however often', async () => {
    fixture = await definitionsWithRevisions([REVIEW_DUE_REVISION]);
    const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
    engines = await enginesOnPostgres(clock, fixture.root);
    const a = await engines.open();
    const b = await engines.open();
    const started = await a.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      park('P-001'),
    );
    const [task] = started.openTasks;
    await b.completeTask(
      task?.ref ?? '',
      park('P-001'),
      await formExample(task?.formKey ?? '', { parkType: 'industry' }),
    );
    const kinds = async () =>
      (
        await adminQuery<{ kind: string }>(
          "SELECT body->>'kind' AS kind FROM documents WHERE collection = 'notifications' ORDER BY id",
          [],
          engines?.schema,
        )
      ).map((row) => row.kind);
    const before = await kinds();
    clock.advanceTo(new Date('2024-04-23T09:00:00+08:00'));
    // Told (stored, handed to e-mail) by one of them only, and by neither again, nor by a third.
    const told = await Promise.all([a.warnDueTasks(), b.warnDueTasks(), a.warnDueTasks(), b.warnDueTasks()]);
    expect(told.reduce((sum, count) => sum + count, 0)).toBe(1);
    await Promise.all([a.runDueTimers(), b.runDueTimers()]);
    expect(await (await engines.open()).warnDueTasks()).toBe(0);
    expect(await kinds()).toEqual([...before, 'task.dueSoon']);
    // Each process's bell lists it, once.
    for (const engine of [a, b]) {
      const { items } = await engine.notifications.list(PROVINCE);
      expect(items.filter((item) => item.kind === 'task.dueSoon').map((item) => item.workingDaysLeft)).toEqual([5]);
    }
    clock.advanceTo(new Date('2024-04-30T09:00:00+08:00'));
    await Promise.all([a.runDueTimers(), b.runDueTimers()]);
    expect(await kinds()).toEqual([...before, 'task.dueSoon', 'task.overdue']);
  });
});
