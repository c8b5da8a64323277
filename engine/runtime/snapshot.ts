import type { ProcessModel } from '../definitions/process-model.js';
import type { RecordingTimers } from './recording-timers.js';

/**
 * Where a process instance is waiting, read from bpmn-engine after a step. The engine keeps this in
 * the case record, so listing tasks, checking who may act and opening message windows never needs the
 * instance in memory.
 */
export interface Snapshot {
  /** Every user task instance waiting to be completed (one per multi-instance element). */
  userTasks: WaitingTask[];
  /** Tokens queued in front of a busy user task: bpmn-elements runs one instance of an element at a time. */
  queued: Map<string, number>;
  timers: { elementId: string; executionId: string }[];
  /** Message catch events that are active: their messages may be sent now. */
  messageCatches: string[];
}

export interface WaitingTask {
  elementId: string;
  executionId: string;
  /** The collection element of a multi-instance task (e.g. a ministry code). */
  item?: string;
}

interface PostponedApi {
  id: string;
  type: string;
  executionId: string;
  content: Record<string, unknown>;
  getPostponed?: () => PostponedApi[];
  getExecuting?: () => PostponedApi[];
}

interface QueueMessage {
  fields: { routingKey: string };
}

interface ActivityLike {
  id: string;
  broker: { getQueue(name: string): { messages: QueueMessage[] } | undefined };
  execution?: { source?: Record<symbol, unknown> };
}

interface ExecutionLike {
  getPostponed(): PostponedApi[];
  definitions: { getProcesses(): { getActivities(): ActivityLike[] }[] }[];
}

// bpmn-elements keeps a sub-process's running executions under this symbol (SubProcess.js).
const SUB_PROCESS_EXECUTIONS = Symbol.for('executions');

/** Every activity of the instance, sub-process children included. */
function allActivities(execution: ExecutionLike): ActivityLike[] {
  const result: ActivityLike[] = [];
  const visit = (activities: ActivityLike[]) => {
    for (const activity of activities) {
      result.push(activity);
      const executions = activity.execution?.source?.[SUB_PROCESS_EXECUTIONS];
      if (executions instanceof Set) {
        for (const child of executions as Set<{ getActivities(): ActivityLike[] }>) visit(child.getActivities());
      }
    }
  };
  for (const definition of execution.definitions) {
    for (const process of definition.getProcesses()) visit(process.getActivities());
  }
  return result;
}

export function snapshotOf(executionHandle: unknown, timers: RecordingTimers, model: ProcessModel): Snapshot {
  const execution = executionHandle as ExecutionLike;
  const tasksById = new Map(model.userTasks.map((task) => [task.elementId, task]));
  const catchIds = new Set(model.messageCatches.map((catcher) => catcher.elementId));

  const userTasks: WaitingTask[] = [];
  const seenTasks = new Set<string>();
  const messageCatches = new Set<string>();
  const seen = new Set<string>();
  const visit = (apis: PostponedApi[]) => {
    for (const api of apis) {
      const key = `${api.id}|${api.executionId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (catchIds.has(api.id)) messageCatches.add(api.id);
      const spec = tasksById.get(api.id);
      if (spec !== undefined) {
        // A multi-instance task waits once per element: its root's executing children, not the root.
        const instances =
          spec.multiInstance === undefined
            ? [api]
            : (api.getExecuting?.() ?? []).filter(
                (child) => child.id === api.id && child.executionId !== api.executionId,
              );
        const variable = spec.multiInstance?.elementVariable;
        for (const instance of instances) {
          if (seenTasks.has(instance.executionId)) continue;
          seenTasks.add(instance.executionId);
          const item = variable === undefined ? undefined : instance.content[variable];
          userTasks.push({
            elementId: api.id,
            executionId: instance.executionId,
            ...(typeof item === 'string' && { item }),
          });
        }
      }
      if (api.type === 'bpmn:SubProcess') visit(api.getPostponed?.() ?? []);
    }
  };
  visit(execution.getPostponed());

  const queued = new Map<string, number>();
  for (const activity of allActivities(execution)) {
    if (!tasksById.has(activity.id)) continue;
    const takes = activity.broker
      .getQueue('inbound-q')
      ?.messages.filter((message) => message.fields.routingKey === 'flow.take');
    if (takes !== undefined && takes.length > 0) queued.set(activity.id, (queued.get(activity.id) ?? 0) + takes.length);
  }

  const armed = timers.executing.flatMap((ref) =>
    ref.owner?.id !== undefined && ref.owner.executionId !== undefined
      ? [{ elementId: ref.owner.id, executionId: ref.owner.executionId }]
      : [],
  );
  return { userTasks, queued, timers: armed, messageCatches: [...messageCatches] };
}
