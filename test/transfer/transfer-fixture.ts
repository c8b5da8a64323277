import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { chainEntries, GENESIS_HASH } from '../../engine/audit/audit-chain.js';
import { nextDue } from '../../engine/cases/next-due.js';
import type { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import type { Store } from '../../engine/ports.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { ADMIN, as, EngineHarness, formExample, throughCreation } from '../support/engine-harness.js';

export const START = '2024-04-01T09:00:00+08:00';
/** The day acceptance opens for a case approved on START's day (CONTRACT §2: P1Y, then 00:00). */
export const ACCEPTANCE_OPEN = '2025-04-02T09:00:00+08:00';

/** What the fixture holds, to check a copy against. */
export interface Fixture {
  /** A case at `creating` with its acceptance timer running. */
  creating: string;
  /** A case at the feasibility review. */
  reviewing: string;
  /** A case just started. */
  started: string;
  attachmentSha: string;
}

/**
 * A data directory with what a real one holds: cases at three stages (one with a running timer), an
 * account, a session, an attachment with its bytes, and a definition-audit chain.
 */
export async function buildFixture(h: EngineHarness): Promise<Fixture> {
  const creating = (await throughCreation(h, 'P-001', '320000')).id;
  const reviewing = (
    await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-002', province: '320000' },
      { ...as('park', 'P-002'), region: '320000' },
    )
  ).id;
  await h.complete(reviewing, 'submitCreationApplication', as('park', 'P-002'), { parkType: 'services' });
  const started = (
    await h.engine.startCase(
      { process: 'quality-brand-zone', park: 'P-003', province: '110000' },
      { ...as('park', 'P-003'), region: '110000' },
    )
  ).id;
  await addServerRecords(h.store, h.dataDir);
  return { creating, reviewing, started, attachmentSha: sha256(ATTACHMENT) };
}

const ATTACHMENT = Buffer.from('%PDF-1.4 fixture attachment\n');

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

async function addServerRecords(store: Store, dataDir: string): Promise<void> {
  await store.put('users', 'alice', { username: 'alice', roles: ['samr'], passwordHash: 'x' });
  await store.put('sessions', 'token-1', { username: 'alice', expiresAt: '2099-01-01T00:00:00.000Z' });
  const sha = sha256(ATTACHMENT);
  await mkdir(join(dataDir, 'attachment-files'), { recursive: true });
  await writeFile(join(dataDir, 'attachment-files', sha), ATTACHMENT);
  await store.put('attachments', 'a'.repeat(64), {
    id: 'a'.repeat(64),
    sha256: sha,
    name: 'evidence.pdf',
    type: 'application/pdf',
    size: ATTACHMENT.length,
    uploadedBy: 'alice',
    uploadedAt: '2024-04-01T01:00:00.000Z',
    cases: [],
  });
  const entries = chainEntries({ seq: 0, hash: GENESIS_HASH }, [
    {
      at: '2024-04-01T01:00:00.000Z',
      type: 'definition.published',
      caseId: '-',
      actor: 'admin',
      version: 'v',
      details: {},
    },
    {
      at: '2024-04-01T02:00:00.000Z',
      type: 'definition.published',
      caseId: '-',
      actor: 'admin',
      version: 'w',
      details: {},
    },
  ]);
  await store.append('definition-audit', 'all', entries);
}

/** An engine on `store` (as a server process would open it) on the harness's definitions. */
export async function engineOn(store: Store, clock: SimulatedClock): Promise<WorkflowEngine> {
  const definitions = await DefinitionRegistry.load('definitions', { shared: 'definitions' });
  return WorkflowEngine.open({ definitions, store, clock });
}

async function completeOn(engine: WorkflowEngine, caseId: string, taskId: string, actor = ADMIN, patch: unknown = {}) {
  const view = await engine.getCase(caseId, ADMIN);
  const task = view.openTasks.find((open) => open.taskId === taskId);
  if (task === undefined)
    throw new Error(`no open ${taskId} on ${caseId}: ${view.openTasks.map((t) => t.taskId).join(', ')}`);
  return engine.completeTask(task.ref, actor, await formExample(task.formKey, patch));
}

/**
 * Every case of the fixture moves on from where it was: the next task completed on each, and the
 * running timer fires when its day comes (opening the acceptance application). Then every chain verifies.
 */
export async function continueEveryCase(engine: WorkflowEngine, clock: SimulatedClock, f: Fixture): Promise<void> {
  // The list, drawn from the records as stored, knows the day acceptance opens for a fire day (its
  // basis says so): on that day, after the timer fired at 00:00, it is no date to come.
  const listed = engine.listCases(ADMIN).find((view) => view.id === f.creating);
  if (listed === undefined) throw new Error(`${f.creating} is not listed`);
  expect(listed.dueFireDays).toEqual(['acceptanceOpens']);
  expect(nextDue(listed, ACCEPTANCE_OPEN.slice(0, 10))).toBeUndefined();
  expect(nextDue(listed, '2025-04-01')).toMatchObject({ name: 'acceptanceOpens', date: '2025-04-02' });
  const reviewed = await completeOn(engine, f.reviewing, 'provincialFeasibilityReview', as('province', '320000'));
  expect(reviewed.openTasks.map((task) => task.taskId)).toEqual(['provincialLeadingGroupReview']);
  const submitted = await completeOn(engine, f.started, 'submitCreationApplication', as('park', 'P-003'), {
    parkType: 'agriculture',
  });
  expect(submitted.openTasks.map((task) => task.taskId)).toEqual(['provincialFeasibilityReview']);
  clock.advanceTo(new Date(ACCEPTANCE_OPEN));
  expect(await engine.runDueTimers()).toBeGreaterThanOrEqual(1);
  const opened = await engine.getCase(f.creating, ADMIN);
  expect(opened.openTasks.map((task) => task.taskId)).toEqual(['submitAcceptanceApplication']);
  const applied = await completeOn(engine, f.creating, 'submitAcceptanceApplication', as('park', 'P-001'));
  expect(applied.openTasks.map((task) => task.taskId)).toEqual(['provincialAcceptanceReview']);
  for (const id of [f.creating, f.reviewing, f.started])
    expect(await engine.verifyAudit(id)).toEqual({ ok: true, problems: [] });
}

export { EngineHarness };
