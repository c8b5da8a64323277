import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import { LowdbStore } from '../../engine/store/index.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import type { Actor } from '../../engine/cases/actors.js';
import type { CaseView } from '../../engine/cases/case-view.js';

export const as = (group: string, scope?: string): Actor => ({
  id: scope === undefined ? group : `${group}:${scope}`,
  roles: [scope === undefined ? { group } : { group, scope }],
});
export const ADMIN = as('admin');

/** A form's examples[0] with `patch` merged onto it (RFC 7396), as the scenario runner does. */
export async function formExample(formKey: string, patch: unknown = {}, version = '2024-03-14'): Promise<unknown> {
  const file = join('definitions', 'quality-brand-zone', version, 'forms', `${formKey}.schema.json`);
  let example = examples.get(file);
  if (example === undefined) {
    example = (JSON.parse(await readFile(file, 'utf8')) as { examples: unknown[] }).examples[0];
    examples.set(file, example);
  }
  return applyMergePatch(example, patch);
}

const examples = new Map<string, unknown>();

/**
 * An engine on a real LowdbStore in a temp directory and a simulated clock, that can be restarted
 * (a new engine on the same data, as a process restart would) — for engine-level tests.
 */
export class EngineHarness {
  engine!: WorkflowEngine;
  store!: LowdbStore;

  private constructor(
    readonly dataDir: string,
    readonly definitions: string,
    readonly clock: SimulatedClock,
    /** Where calendars and directory files come from (a sandbox's, so a test may publish a year). */
    readonly shared = 'definitions',
  ) {}

  static async open(options: {
    start: string;
    definitions?: string;
    dataDir?: string;
    shared?: string;
  }): Promise<EngineHarness> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'qbz-engine-')));
    const harness = new EngineHarness(
      dataDir,
      options.definitions ?? 'definitions',
      new SimulatedClock(new Date(options.start)),
      options.shared,
    );
    await harness.restart(false);
    return harness;
  }

  async restart(close = true): Promise<void> {
    if (close) {
      await this.engine.close();
      await this.store.close();
    }
    this.store = new LowdbStore(this.dataDir);
    const definitions = await DefinitionRegistry.load(this.definitions, { shared: this.shared });
    this.engine = await WorkflowEngine.open({ definitions, store: this.store, clock: this.clock });
  }

  async advanceTo(instant: string): Promise<number> {
    this.clock.advanceTo(new Date(instant));
    return this.engine.runDueTimers();
  }

  example(formKey: string, patch: unknown = {}): Promise<unknown> {
    return formExample(formKey, patch);
  }

  /** Completes the oldest open task with this id (matching the actor's scope), data merged onto the example. */
  complete(caseId: string, taskId: string, actor: Actor, patch: unknown = {}): Promise<CaseView> {
    return completeOpenTask(this.engine, caseId, taskId, actor, patch);
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.store.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** What the lifecycle walks below need: an engine, on any store (the benches run them on PostgreSQL too). */
export type CaseWalker = Pick<EngineHarness, 'engine' | 'complete'>;

/** Completes the case's oldest open task with this id (matching the actor's scope), data merged onto the example. */
export async function completeOpenTask(
  engine: WorkflowEngine,
  caseId: string,
  taskId: string,
  actor: Actor,
  patch: unknown = {},
): Promise<CaseView> {
  const view = await engine.getCase(caseId, ADMIN);
  const scope = actor.roles[0]?.scope;
  const candidates = view.openTasks.filter((task) => task.taskId === taskId);
  const task = candidates.find((open) => open.scope === scope) ?? candidates[0];
  if (task === undefined)
    throw new Error(`no open ${taskId} on ${caseId}: ${view.openTasks.map((t) => t.taskId).join(', ')}`);
  return engine.completeTask(task.ref, actor, await formExample(task.formKey, patch));
}

/** Runs the creation phase of one case to `creating` (approved on the clock's current day). */
export async function throughCreation(h: CaseWalker, park = 'P-001', province = '320000'): Promise<CaseView> {
  const view = await h.engine.startCase(
    { process: 'quality-brand-zone', park, province },
    { ...as('park', park), region: province },
  );
  await h.complete(view.id, 'submitCreationApplication', as('park', park), { parkType: 'industry' });
  await h.complete(view.id, 'provincialFeasibilityReview', as('province', province));
  await h.complete(view.id, 'provincialLeadingGroupReview', as('province-leading-group', province));
  for (const ministry of ['moa', 'mofcom', 'mct', 'cnipa'])
    await h.complete(view.id, 'departmentOpinion', as('ministry', ministry));
  return h.complete(view.id, 'samrCreationApproval', as('samr'));
}

/** From `creating` with acceptance open, through expert evaluation: the notice opens that day. */
export async function throughAcceptance(
  h: CaseWalker,
  caseId: string,
  park = 'P-001',
  province = '320000',
): Promise<CaseView> {
  await h.complete(caseId, 'submitAcceptanceApplication', as('park', park));
  await h.complete(caseId, 'provincialAcceptanceReview', as('province', province));
  await h.complete(caseId, 'provincialLeadingGroupAcceptanceReview', as('province-leading-group', province));
  for (const ministry of ['moa', 'mofcom', 'mct', 'cnipa'])
    await h.complete(caseId, 'departmentOpinion', as('ministry', ministry));
  await h.complete(caseId, 'samrAcceptanceReview', as('samr'));
  return h.complete(caseId, 'expertEvaluation', as('expert'));
}
