import { taskIdOf } from '../definitions/conventions.js';
import type { ProcessModel } from '../definitions/process-model.js';
import type { Notification } from './notification.js';

/**
 * What a notification stored before notifications recorded it lacks, from its case: the process,
 * whose catalogue words its task and status in the reader's language (they are stored as the
 * definitions' words, so an English reader saw the Chinese), and the task's name as the diagram draws
 * it (it showed the task's code). Likewise the subject's name for one stored before the forms named
 * it: a case's first notice (its first task, at the start) has only the park's code, and the bell
 * showed 新待办：P-001 where the inbox and the case page name the park. Only what it lacks; nothing
 * without its case (`found`).
 */
export function storedBeforeParts(
  notification: Notification,
  found: { process: string; subjectName?: string; model: Pick<ProcessModel, 'nodes'> } | undefined,
): Pick<Notification, 'process' | 'taskName' | 'subjectName'> {
  if (found === undefined) return {};
  const { taskId } = notification;
  const taskName =
    notification.taskName !== undefined || taskId === undefined
      ? undefined
      : [...found.model.nodes.values()].find(
          (node) => node.type === 'bpmn:UserTask' && taskIdOf(node.id) === taskId && node.name !== undefined,
        )?.name;
  return {
    ...(notification.process === undefined && { process: found.process }),
    ...(taskName !== undefined && { taskName }),
    ...(notification.subjectName === undefined &&
      found.subjectName !== undefined && { subjectName: found.subjectName }),
  };
}
