import type { ProcessModel } from '../definitions/process-model.js';
import type { Manifest } from '../definitions/types.js';
import type { Snapshot, WaitingTask } from '../runtime/snapshot.js';
import { scopeValue } from './actors.js';
import { EngineError } from '../errors.js';
import type { CaseRecord, TaskRecord } from './case-record.js';
import { ENGINE_SAYS } from '../messages.js';

export interface TaskFactory {
  newRef(): string;
  now: string;
  origin?: TaskRecord['origin'];
}

/**
 * Brings the case's open tasks in line with where the process waits. bpmn-elements runs one
 * instance of an element at a time and queues further tokens, so "one review per objection" is the
 * running instance plus the queued tokens: each gets a task with its own ref. A task keeps its ref
 * while it waits; when the running instance completes, a queued task takes over the next one.
 */
export function reconcileTasks(
  record: CaseRecord,
  snapshot: Snapshot,
  model: ProcessModel,
  manifest: Manifest,
  factory: TaskFactory,
): TaskRecord[] {
  const specs = new Map(model.userTasks.map((task) => [task.elementId, task]));
  const waiting = new Map(snapshot.userTasks.map((task) => [task.executionId, task]));
  const result: TaskRecord[] = [];
  const bound = new Set<string>();

  // Tasks still bound to a waiting instance keep it.
  for (const task of record.tasks) {
    if (task.executionId !== undefined && waiting.has(task.executionId)) {
      result.push(task);
      bound.add(task.executionId);
    }
  }
  const unboundByElement = new Map<string, TaskRecord[]>();
  for (const task of record.tasks) {
    if (task.executionId !== undefined && bound.has(task.executionId)) continue;
    const list = unboundByElement.get(task.elementId) ?? [];
    list.push({ ...task, executionId: undefined });
    unboundByElement.set(task.elementId, list);
  }

  const create = (elementId: string, instance?: WaitingTask): TaskRecord | undefined => {
    const spec = specs.get(elementId);
    if (spec === undefined) return undefined;
    const group = spec.candidateGroups[0];
    const scope = group === undefined ? undefined : scopeValue(manifest, group, record, instance?.item);
    return {
      ref: factory.newRef(),
      taskId: spec.taskId,
      elementId,
      formKey: spec.formKey ?? '',
      groups: [...spec.candidateGroups],
      ...(scope !== undefined && { scope }),
      ...(instance !== undefined && { executionId: instance.executionId }),
      createdAt: factory.now,
      ...(factory.origin !== undefined && { origin: factory.origin }),
    };
  };

  // New waiting instances take the oldest unbound task of their element, or a new one.
  for (const instance of snapshot.userTasks) {
    if (bound.has(instance.executionId)) continue;
    const previous = instance.item === undefined ? unboundByElement.get(instance.elementId)?.shift() : undefined;
    const task =
      previous === undefined
        ? create(instance.elementId, instance)
        : { ...previous, executionId: instance.executionId };
    if (task !== undefined) result.push(task);
  }

  // Queued tokens keep (or get) tasks without an instance; tasks beyond the queue were discarded.
  for (const [elementId, count] of snapshot.queued) {
    const unbound = unboundByElement.get(elementId) ?? [];
    for (let index = 0; index < count; index++) {
      const task = unbound[index] ?? create(elementId);
      if (task !== undefined) result.push(task);
    }
  }
  return result.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Completing a queued task runs the element's waiting instance: the completed task takes over that
 * instance, and the task that held it goes back to the queue (and takes the next instance).
 */
export function bindQueuedTask(record: CaseRecord, task: TaskRecord): CaseRecord {
  if (task.executionId !== undefined) return record;
  const holder = record.tasks.find((open) => open.elementId === task.elementId && open.executionId !== undefined);
  if (holder === undefined) throw new EngineError('not-open', ENGINE_SAYS.taskNotYet, { ref: task.ref });
  const tasks = record.tasks.map((open) => {
    if (open.ref === task.ref) return { ...open, executionId: holder.executionId };
    if (open.ref === holder.ref) {
      const { executionId: _executionId, ...queued } = open;
      return queued;
    }
    return open;
  });
  return { ...record, tasks };
}
