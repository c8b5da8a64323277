import { EngineError } from '../errors.js';
import { LiveInstance } from '../runtime/live-instance.js';
import type { Actor } from './actors.js';
import { SYSTEM, type CaseRuntime } from './case-runtime.js';
import type { CaseView } from './case-view.js';
import { planMigration, type MigrationPlan } from './migration.js';

/** Groups that maintain definitions and may move cases between versions. */
const DEFINITION_ADMINS: ReadonlySet<string> = new Set(['admin', 'policy-admin']);

/**
 * Moves a running case to another version of its process: a dry run reports where each open task,
 * timer and message window goes (timers re-dated under the target's rules); the move itself is
 * refused when anything cannot be mapped, and audited when done.
 */
export async function migrateCase(
  runtime: CaseRuntime,
  caseId: string,
  to: string,
  actor: Actor,
  options: { dryRun?: boolean } = {},
): Promise<{ plan: MigrationPlan; applied: boolean; view?: CaseView }> {
  if (!actor.roles.some((role) => DEFINITION_ADMINS.has(role.group))) {
    throw new EngineError('forbidden', '只有政策管理人员或系统管理员可以迁移案件', { caseId });
  }
  return runtime.withLock(caseId, async () => {
    const record = await runtime.catchUp(await runtime.record(caseId), { pastHeld: true });
    const from = runtime.version(record);
    const target = runtime.definitions.get(record.process, to);
    if (record.final) throw new EngineError('conflict', `案件 ${caseId} 已办结，不能迁移`, { caseId });
    if (target.key === from.key) throw new EngineError('conflict', `案件 ${caseId} 已在 ${to} 版本上运行`, { caseId });
    const now = runtime.clock.now();
    let live: LiveInstance | undefined;
    let recoverError: string | undefined;
    try {
      const state = await runtime.repository.state(record);
      live = await LiveInstance.recover(target, state, runtime.transition(record, target, now, SYSTEM), record.layout);
    } catch (error) {
      recoverError = (error as Error).message;
    }
    const calendar = runtime.definitions.calendarOf(target);
    const plan = planMigration(record, from, target, calendar, live?.snapshot(), recoverError);
    if (options.dryRun === true) return { plan, applied: false };
    if (!plan.possible || live === undefined) {
      const problem = plan.items.find((item) => item.problem !== undefined)?.problem ?? '';
      throw new EngineError('conflict', `案件 ${caseId} 无法迁移到 ${to}：${problem}`, { caseId, plan });
    }
    const moved = { ...record, version: target.definition.manifest.version };
    const transition = runtime.transition(moved, target, now, actor.id);
    transition.redateTimers();
    transition.record.tasks = transition.record.tasks.map((task) => ({
      ...task,
      formKey: target.model.userTasks.find((spec) => spec.elementId === task.elementId)?.formKey ?? task.formKey,
    }));
    transition.note('case.migrated', { from: from.key, to: target.key, items: plan.items });
    const committed = await runtime.commitRecord(transition, live.state());
    runtime.live.keep(committed, live);
    return { plan, applied: true, view: runtime.view(committed) };
  });
}
