import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { isEngineError } from '../../engine/errors.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { ADMIN, as, EngineHarness, formExample } from '../support/engine-harness.js';
import { adminQuery, postgresAvailable } from '../support/postgres.js';
import { enginesOnPostgres, type EnginesOnPostgres } from '../support/postgres-engines.js';

/**
 * Two engines on one store, as two server processes on one database would be: each keeps the case
 * it worked on hot in memory. A writer working from a revision another has moved past is refused
 * with `conflict` (HTTP 409) and nothing of its transition is written — never a lost update.
 */
describe('optimistic concurrency per case', () => {
  let h: EngineHarness | undefined;
  let other: WorkflowEngine | undefined;

  afterEach(async () => {
    await other?.close();
    await h?.close();
    other = undefined;
    h = undefined;
  });

  it('refuses the stale writer with conflict, keeps the first completion, and recovers on the next command', async () => {
    h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00' });
    const started = await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      { ...as('park', 'P-001'), region: '320000' },
    );
    const [task] = started.openTasks;
    if (task === undefined) throw new Error('no open task');
    // The second engine opens on the same store after the case started (its first engine keeps it hot).
    const definitions = await DefinitionRegistry.load('definitions', { shared: 'definitions' });
    other = await WorkflowEngine.open({ definitions, store: h.store, clock: h.clock });

    const data = await h.example(task.formKey, { parkType: 'industry' });
    const first = await other.completeTask(task.ref, as('park', 'P-001'), data);
    expect(first.openTasks.map((open) => open.taskId)).toEqual(['provincialFeasibilityReview']);

    const stale: unknown = await h.engine.completeTask(task.ref, as('park', 'P-001'), data).catch((e: unknown) => e);
    expect(isEngineError(stale, 'conflict'), String(stale)).toBe(true);

    // Nothing of the refused transition was written: one completion, one submission, a whole chain.
    const audit = await other.audit(started.id, ADMIN);
    expect(audit.filter((entry) => entry.type === 'task.completed')).toHaveLength(1);
    expect(await h.engine.verifyAudit(started.id)).toEqual({ ok: true, problems: [] });

    // The refused engine dropped its stale instance: it now reads the case as stored.
    const again: unknown = await h.engine.completeTask(task.ref, as('park', 'P-001'), data).catch((e: unknown) => e);
    expect(isEngineError(again, 'conflict') || isEngineError(again, 'not-open'), String(again)).toBe(true);
    const view = await h.engine.getCase(started.id, ADMIN);
    expect(view.openTasks.map((open) => open.taskId)).toEqual(['provincialFeasibilityReview']);
    const next = await h.complete(started.id, 'provincialFeasibilityReview', as('province', '320000'));
    expect(next.openTasks.map((open) => open.taskId)).toEqual(['provincialLeadingGroupReview']);
    expect(await h.engine.verifyAudit(started.id)).toEqual({ ok: true, problems: [] });
  });
});

// The same on PostgreSQL, with each engine on a pool of its own (as two server processes would be).
const postgresUp = await postgresAvailable();

describe.skipIf(!postgresUp)('optimistic concurrency per case, PostgreSQL, two pools', () => {
  let engines: EnginesOnPostgres | undefined;
  afterEach(async () => {
    await engines?.close();
    engines = undefined;
  });

  it('runs cases on PostgreSQL; the process that kept the case hot reads the stored revision and writes nothing', async () => {
    const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
    engines = await enginesOnPostgres(clock);
    const { schema } = engines;
    const open = () => engines?.open() ?? Promise.reject(new Error('no engines'));
    const a = await open();
    const started = await a.startCase(
      { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
      { ...as('park', 'P-001'), region: '320000' },
    );
    const [task] = started.openTasks;
    if (task === undefined) throw new Error('no open task');
    const b = await open();
    const data = await formExample(task.formKey, { parkType: 'industry' });
    const first = await b.completeTask(task.ref, as('park', 'P-001'), data);
    expect(first.openTasks.map((open) => open.taskId)).toEqual(['provincialFeasibilityReview']);

    // On a shared store a hot case is used only at the stored revision (README "Several processes on
    // one database"): the first process sees the task done by the other, as one process would (409).
    const stale: unknown = await a.completeTask(task.ref, as('park', 'P-001'), data).catch((e: unknown) => e);
    expect(isEngineError(stale, 'not-open'), String(stale)).toBe(true);

    // A third process starting now reads the case as committed: one completion, a whole chain.
    const c = await open();
    const view = await c.getCase(started.id, ADMIN);
    expect(view.openTasks.map((open) => open.taskId)).toEqual(['provincialFeasibilityReview']);
    const audit = await c.audit(started.id, ADMIN);
    expect(audit.filter((entry) => entry.type === 'task.completed')).toHaveLength(1);
    expect(await c.verifyAudit(started.id)).toEqual({ ok: true, problems: [] });
    // Start, one completion: the stored record is at revision 2, its real columns as the view says.
    const [row] = await adminQuery<{ revision: number; status: string }>(
      'SELECT revision, status FROM cases WHERE id = $1',
      [started.id],
      schema,
    );
    expect(row).toEqual({ revision: 2, status: view.status });
  });
});
