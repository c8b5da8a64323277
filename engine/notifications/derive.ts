import type { AuditDraft } from '../audit/audit-chain.js';
import type { ProcessModel } from '../definitions/process-model.js';
import type { Manifest } from '../definitions/types.js';
import { PUBLIC_GROUP } from '../cases/actors.js';
import type { CaseRecord } from '../cases/case-record.js';
import type { Audience, Notification, NotificationKind } from './notification.js';

/** What one committed transition changed, as the notification centre reads it. */
export interface CommittedChange {
  record: CaseRecord;
  audit: readonly AuditDraft[];
  /** The message windows open and the elements visited before the transition. */
  before: { windows: readonly string[]; visited: ReadonlySet<string> };
  manifest: Manifest;
  model: ProcessModel;
}

/**
 * The notifications a transition gives rise to: a new task for its group and scope (a task opened
 * again by a review is "returned"), a reminder for the task's holders, and — for the case's own park
 * and province and for the supervising national groups — a public notice opening and each message
 * the public sent (an objection), never saying who sent it.
 */
export function deriveNotifications(change: CommittedChange): Omit<Notification, 'id'>[] {
  const { record, audit } = change;
  const base = {
    caseId: record.id,
    park: record.park,
    province: record.province,
    ...(record.subjectName !== undefined && { subjectName: record.subjectName }),
  };
  const out: Omit<Notification, 'id'>[] = [];
  const add = (at: string, kind: NotificationKind, audience: Audience[], extra: Partial<Notification> = {}) => {
    if (audience.length > 0) out.push({ at, kind, ...base, ...extra, audience });
  };
  const completedHere = audit.some((entry) => entry.type === 'task.completed');
  for (const entry of audit) {
    const details = entry.details;
    const ref = typeof details.ref === 'string' ? details.ref : undefined;
    const taskId = typeof details.taskId === 'string' ? details.taskId : undefined;
    const task = record.tasks.find((open) => open.ref === ref);
    if (entry.type === 'task.opened' && task !== undefined) {
      const again = completedHere && change.before.visited.has(task.elementId);
      add(entry.at, again ? 'task.returned' : 'task.opened', taskAudience(task), { ref, taskId });
    } else if (entry.type === 'task.reminded' && task !== undefined) {
      const note = typeof details.note === 'string' ? details.note : undefined;
      const by = typeof details.group === 'string' ? details.group : undefined;
      add(entry.at, 'task.reminded', taskAudience(task), {
        ref,
        taskId,
        ...(by !== undefined && { by }),
        ...(note !== undefined && { note }),
      });
    } else if (entry.type === 'message.received' && fromPublic(change.model, String(details.message))) {
      add(entry.at, 'objection.received', caseAudience(change.manifest, record));
    }
  }
  const opened = record.windows.filter(
    (window) =>
      !change.before.windows.includes(window) &&
      change.model.messageCatches.some(
        (catcher) => catcher.elementId === window && catcher.candidateGroups.includes(PUBLIC_GROUP),
      ),
  );
  if (opened.length > 0) add(record.updatedAt, 'notice.opened', caseAudience(change.manifest, record));
  return out;
}

function taskAudience(task: CaseRecord['tasks'][number]): Audience[] {
  const group = task.groups[0];
  if (group === undefined || group === PUBLIC_GROUP) return [];
  return [{ group, ...(task.scope !== undefined && { scope: task.scope }) }];
}

/** The case's own park and province groups, and the groups that supervise every case. */
function caseAudience(manifest: Manifest, record: CaseRecord): Audience[] {
  return Object.entries(manifest.groups).flatMap(([group, declared]): Audience[] => {
    if (declared.scope === 'park') return [{ group, scope: record.park }];
    if (declared.scope === 'province') return [{ group, scope: record.province }];
    return declared.supervises === 'all' ? [{ group }] : [];
  });
}

function fromPublic(model: ProcessModel, message: string): boolean {
  return model.messageCatches.some(
    (catcher) => catcher.messageName === message && catcher.candidateGroups.includes(PUBLIC_GROUP),
  );
}
