import type { AuditDraft } from '../audit/audit-chain.js';
import type { ProcessModel } from '../definitions/process-model.js';
import type { Manifest } from '../definitions/types.js';
import { anyoneGroup, declaredSubjectRegion, scopeKind } from '../definitions/subject-region.js';
import type { CaseRecord, Submission } from '../cases/case-record.js';
import { decidesReturn } from '../cases/returned-task.js';
import type { Audience, Notification, NotificationKind } from './notification.js';

/** What one committed transition changed, as the notification centre reads it. */
export interface CommittedChange {
  record: CaseRecord;
  audit: readonly AuditDraft[];
  /** The message windows open and the elements visited before the transition. */
  before: { windows: readonly string[]; visited: ReadonlySet<string>; tasks: readonly CaseRecord['tasks'][number][] };
  /** The elements a token entered in the transition. */
  reached?: readonly string[];
  manifest: Manifest;
  model: ProcessModel;
  /** The forms the transition took in (a task's, a message's): a review's `decision` says a return. */
  submissions?: readonly Pick<Submission, 'kind' | 'data'>[];
}

/**
 * The notifications a transition gives rise to: a new task for its group and scope (a task opened
 * again by a review deciding `return`, CONTRACT §2, is "returned"; one met again as the case goes on —
 * the province's review after the park sent its application again — is new, not returned), a reminder
 * for the task's holders, each stage entered (by the outcome's name when an event drawn on the diagram
 * entered it: a re-review failed) for its subject and region groups that did not decide it, and the end
 * of the case for its subject and region (the end also for the holders of the tasks it closed), and — for
 * the case's own subject and region and for the supervising national groups — a public notice opening and
 * each message the public sent (an objection), never saying who sent it — once while its review is
 * pending (`repeatedPublicMessage`); and each message a group sent
 * of its own accord (the subject's report, a supervising group's proposal), to those groups of the case
 * that did not send it — unless it ended the case, which the end says; and what a submission concluded
 * that opens nothing for the others (a plain end reached, by its name), to the groups that did not submit it;
 * and a plain end a timer reached (公示结束: the notice closed), to the case's groups not given a task by it.
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
  const endedHere = audit.some((entry) => entry.type === 'case.ended');
  const deciders = submitters(change);
  // The province heard 案件已退回 of its own review when the park sent a returned application again
  // (found by the walk): only a review's `return` sends a task back.
  const returning = (change.submissions ?? []).some(decidesReturn);
  const repeated = repeatedPublicMessage(change);
  for (const entry of audit) {
    const details = entry.details;
    const ref = typeof details.ref === 'string' ? details.ref : undefined;
    const taskId = typeof details.taskId === 'string' ? details.taskId : undefined;
    const task = record.tasks.find((open) => open.ref === ref);
    const taskName = task === undefined ? undefined : change.model.nodes.get(task.elementId)?.name;
    const named = { ref, taskId, ...(taskName !== undefined && { taskName }) };
    if (entry.type === 'task.opened' && task !== undefined) {
      if (repeated.has(task.ref)) continue;
      const again = returning && change.before.visited.has(task.elementId);
      const period = task.period === undefined ? undefined : { start: task.period.start, end: task.period.end };
      add(entry.at, again ? 'task.returned' : 'task.opened', taskAudience(change.manifest, task), {
        ...named,
        ...(period !== undefined && { period }),
      });
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
      if (repeated.size === 0) add(entry.at, 'objection.received', caseAudience(change.manifest, record));
    } else if (entry.type === 'message.received' && !endedHere) {
      // A message a group sends of its own accord opens no task for the others (a major event the
      // subject reports, Art. 27; a revocation the supervising group proposes): the case's other
      // groups hear of it, by the message's name on the diagram. One that ends the case (a withdrawal)
      // is told by case.ended, once.
      const catcher = sentByCaseGroup(change.manifest, change.model, String(details.message));
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
      // A stage entered by an outcome the diagram names (an event carrying the status) is told by that
      // name: a failed re-review was heard only as 示范期内 again, never that it failed.
      const outcome = stageOutcome(change, String(details.to));
      if (status !== undefined && status.final !== true && !started && !opensNotice(change))
        add(
          entry.at,
          'status.changed',
          caseAudience(change.manifest, record).filter(
            (audience) => audience.scope !== undefined && !deciders.has(audience.group),
          ),
          { statusTitle: status.title, ...(outcome !== undefined && { taskName: outcome }) },
        );
    } else if (entry.type === 'case.ended') {
      // The subject and its region hear how their case ended (a rejection, Art. 7), and so do the
      // holders of a task the end closed (a review under way when the subject withdrew); the national
      // groups see the others in their lists.
      const statusTitle = change.manifest.statuses[record.status]?.title;
      add(
        entry.at,
        'case.ended',
        distinct([
          ...caseAudience(change.manifest, record).filter((audience) => audience.scope !== undefined),
          ...closedTasks(change).flatMap((task) => taskAudience(change.manifest, task)),
        ]),
        statusTitle === undefined ? {} : { statusTitle },
      );
    }
  }
  if (opensNotice(change)) add(record.updatedAt, 'notice.opened', caseAudience(change.manifest, record));
  for (const end of branchEnds(change))
    add(
      record.updatedAt,
      'branch.ended',
      caseAudience(change.manifest, record).filter((one) => !end.by.has(one.group)),
      {
        taskName: end.name,
      },
    );
  return out;
}

/**
 * The tasks a message from the public (an objection) opened while a task of the same element, group
 * and scope was still open on the case — another review while the last is pending — when every task
 * it opened is such; else none. Neither the objection nor its review is told again then: an
 * anonymous flood of objections put an entry per objection in the bells of the subject, its region
 * and SAMR (two in SAMR's), hundreds a day. Each is recorded and reviewed all the same (the case's
 * history, the inbox's reviews); one after the reviews are done is told again.
 */
function repeatedPublicMessage(change: CommittedChange): ReadonlySet<string> {
  const { audit, record, before } = change;
  const fromAnyone = audit.some(
    (entry) =>
      entry.type === 'message.received' && fromPublic(change.manifest, change.model, String(entry.details.message)),
  );
  if (!fromAnyone) return new Set();
  const opened = audit
    .filter((entry) => entry.type === 'task.opened')
    .flatMap((entry) => record.tasks.filter((task) => task.ref === entry.details.ref));
  const pending = (task: CaseRecord['tasks'][number]) =>
    before.tasks.some(
      (open) => open.elementId === task.elementId && open.scope === task.scope && open.groups[0] === task.groups[0],
    );
  return opened.length > 0 && opened.every(pending) ? new Set(opened.map((task) => task.ref)) : new Set();
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

/** A task's holders: its group within its scope (none for the group that is anyone). */
export function taskAudience(manifest: Manifest, task: CaseRecord['tasks'][number]): Audience[] {
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

/**
 * The catch of a message that groups of the case send of their own accord: not the public (an
 * objection, told as such), and only groups the case declares (its subject, region or supervisors).
 */
function sentByCaseGroup(manifest: Manifest, model: ProcessModel, message: string) {
  return model.messageCatches.find(
    (catcher) =>
      catcher.messageName === message &&
      catcher.candidateGroups.length > 0 &&
      catcher.candidateGroups.every((group) => {
        const declared = manifest.groups[group];
        const kind = scopeKind(manifest, declared);
        return kind === 'subject' || kind === 'region' || declared?.supervises === 'all';
      }),
  );
}

/**
 * The plain ends (no status: the case goes on) a submission led to, by their names on the diagram, and
 * the groups that submitted: what a task's holder did that opens nothing for the others — an annual
 * report received (Art. 27), a revocation not pursued (维持认定), an objection found groundless; or a plain
 * end a timer reached, which no one submitted: a public notice closed (Art. 22, 28) — the park heard nothing
 * more until it was recognised. Not when the transition ended the case or entered a stage, which
 * case.ended and status.changed say; not to those the same step gave a task, which says it.
 */
function branchEnds(change: CommittedChange): { name: string; by: ReadonlySet<string> }[] {
  const has = (type: string) => change.audit.some((entry) => entry.type === type);
  const timed = has('timer.fired') && !has('message.received');
  if (!has('task.completed') && !timed) return [];
  if (has('case.ended') || has('status.changed')) return [];
  // Those given a task in the same step hear of it by the task (SAMR's recognition as the notice closes).
  const by = new Set([
    ...submitters(change),
    ...change.audit
      .filter((entry) => entry.type === 'task.opened')
      .flatMap((entry) => change.record.tasks.find((task) => task.ref === String(entry.details.ref))?.groups ?? []),
  ]);
  return (change.reached ?? []).flatMap((elementId) => {
    const node = change.model.nodes.get(elementId);
    return node?.isEnd === true && node.status === undefined && node.name !== undefined && node.name !== ''
      ? [{ name: node.name, by }]
      : [];
  });
}

/** The refs of the tasks the transition completed. */
function completedRefs(change: CommittedChange): ReadonlySet<string> {
  return new Set(
    change.audit.filter((entry) => entry.type === 'task.completed').map((entry) => String(entry.details.ref)),
  );
}

/** The groups whose tasks the transition completed: who decided what it concluded. */
function submitters(change: CommittedChange): ReadonlySet<string> {
  const done = completedRefs(change);
  return new Set(change.before.tasks.filter((task) => done.has(task.ref)).flatMap((task) => task.groups));
}

/**
 * The name of the event, drawn on the diagram, that put the case in `status` in this transition (继续认定为示范区,
 * 复审未通过，示范期内维持认定): an outcome. A task carrying a status is told as the task; a catch event
 * names what the stage waits for, not how it came.
 */
function stageOutcome(change: CommittedChange, status: string): string | undefined {
  const names = (change.reached ?? []).flatMap((elementId) => {
    const node = change.model.nodes.get(elementId);
    return node?.type === 'bpmn:IntermediateThrowEvent' &&
      node.status === status &&
      node.name !== undefined &&
      node.name !== ''
      ? [node.name]
      : [];
  });
  return names.at(-1);
}

/** The tasks open before the transition that it closed without their being done (the case ended). */
function closedTasks(change: CommittedChange): CaseRecord['tasks'] {
  const done = completedRefs(change);
  const open = new Set(change.record.tasks.map((task) => task.ref));
  return change.before.tasks.filter((task) => !done.has(task.ref) && !open.has(task.ref));
}

function distinct(audience: Audience[]): Audience[] {
  const seen = new Set<string>();
  return audience.filter((one) => {
    const key = `${one.group}\u0000${one.scope ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
