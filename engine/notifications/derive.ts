import type { AuditDraft } from '../audit/audit-chain.js';
import type { ProcessModel } from '../definitions/process-model.js';
import type { Manifest } from '../definitions/types.js';
import { anyoneGroup, declaredSubjectRegion, scopeKind } from '../definitions/subject-region.js';
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
 * again by a review is "returned"), a reminder for the task's holders, each stage entered and the end
 * of the case for its subject and region, and — for the case's own subject and region and for the supervising national
 * groups — a public notice opening and each message the public sent (an objection), never saying who
 * sent it; and, for the supervising and region groups, each message the subject itself sent (a report).
 */
export function deriveNotifications(change: CommittedChange): Omit<Notification, 'id'>[] {
  const { record, audit } = change;
  const base = {
    caseId: record.id,
    process: record.process,
    ...declaredSubjectRegion(change.manifest, record),
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
    const taskName = task === undefined ? undefined : change.model.nodes.get(task.elementId)?.name;
    const named = { ref, taskId, ...(taskName !== undefined && { taskName }) };
    if (entry.type === 'task.opened' && task !== undefined) {
      const again = completedHere && change.before.visited.has(task.elementId);
      add(entry.at, again ? 'task.returned' : 'task.opened', taskAudience(change.manifest, task), named);
    } else if (entry.type === 'task.reminded' && task !== undefined) {
      const note = typeof details.note === 'string' ? details.note : undefined;
      const by = typeof details.group === 'string' ? details.group : undefined;
      add(entry.at, 'task.reminded', taskAudience(change.manifest, task), {
        ...named,
        ...(by !== undefined && { by }),
        ...(note !== undefined && { note }),
      });
    } else if (
      entry.type === 'message.received' &&
      fromPublic(change.manifest, change.model, String(details.message))
    ) {
      add(entry.at, 'objection.received', caseAudience(change.manifest, record));
    } else if (entry.type === 'message.received') {
      // What a case's subject reports of its own accord (a major event, Art. 27) opens no task: the
      // groups that supervise it and its region hear of it, by the message's name on the diagram.
      const catcher = subjectMessage(change.manifest, change.model, String(details.message));
      const name = catcher === undefined ? undefined : change.model.nodes.get(catcher.elementId)?.name;
      if (catcher !== undefined)
        add(
          entry.at,
          'message.received',
          caseAudience(change.manifest, record).filter((audience) => !catcher.candidateGroups.includes(audience.group)),
          name === undefined ? {} : { taskName: name },
        );
    } else if (entry.type === 'status.changed') {
      // The subject and its region hear of each stage their case enters (an approval to start, a
      // designation): these came only with the next task, or not at all. A final status is said by
      // case.ended, a public notice opening by notice.opened; the first status (from none) is the start.
      const status = change.manifest.statuses[String(details.to)];
      const started = typeof details.from !== 'string' || details.from === '';
      if (status !== undefined && status.final !== true && !started && !opensNotice(change))
        add(
          entry.at,
          'status.changed',
          caseAudience(change.manifest, record).filter((audience) => audience.scope !== undefined),
          { statusTitle: status.title },
        );
    } else if (entry.type === 'case.ended') {
      // The subject and its region hear how their case ended (a rejection, Art. 7); the national
      // groups see it in their lists.
      const statusTitle = change.manifest.statuses[record.status]?.title;
      add(
        entry.at,
        'case.ended',
        caseAudience(change.manifest, record).filter((audience) => audience.scope !== undefined),
        statusTitle === undefined ? {} : { statusTitle },
      );
    }
  }
  if (opensNotice(change)) add(record.updatedAt, 'notice.opened', caseAudience(change.manifest, record));
  return out;
}

/** Whether the transition opened a window for anyone to send a message (a public notice). */
function opensNotice(change: CommittedChange): boolean {
  return change.record.windows.some(
    (window) =>
      !change.before.windows.includes(window) &&
      change.model.messageCatches.some(
        (catcher) => catcher.elementId === window && opensToAnyone(change.manifest, catcher.candidateGroups),
      ),
  );
}

function taskAudience(manifest: Manifest, task: CaseRecord['tasks'][number]): Audience[] {
  const group = task.groups[0];
  if (group === undefined || group === anyoneGroup(manifest)) return [];
  return [{ group, ...(task.scope !== undefined && { scope: task.scope }) }];
}

/** The case's own subject and region groups, and the groups that supervise every case. */
function caseAudience(manifest: Manifest, record: CaseRecord): Audience[] {
  return Object.entries(manifest.groups).flatMap(([group, declared]): Audience[] => {
    const kind = scopeKind(manifest, declared);
    if (kind === 'subject') return [{ group, scope: record.subject }];
    if (kind === 'region') return [{ group, scope: record.region }];
    return declared.supervises === 'all' ? [{ group }] : [];
  });
}

function opensToAnyone(manifest: Manifest, groups: readonly string[]): boolean {
  const anyone = anyoneGroup(manifest);
  return anyone !== undefined && groups.includes(anyone);
}

function fromPublic(manifest: Manifest, model: ProcessModel, message: string): boolean {
  return model.messageCatches.some(
    (catcher) => catcher.messageName === message && opensToAnyone(manifest, catcher.candidateGroups),
  );
}

/** The catch of a message only the case's own subject sends (not the public, not a supervising group). */
function subjectMessage(manifest: Manifest, model: ProcessModel, message: string) {
  return model.messageCatches.find(
    (catcher) =>
      catcher.messageName === message &&
      catcher.candidateGroups.length > 0 &&
      catcher.candidateGroups.every((group) => {
        const declared = manifest.groups[group];
        return declared !== undefined && scopeKind(manifest, declared) === 'subject';
      }),
  );
}
