import { EngineError } from '../errors.js';
import { hasUnsafeText } from '../forms/text-safety.js';
import { scopeKind } from '../definitions/subject-region.js';
import type { Manifest } from '../definitions/types.js';
import { ADMIN_GROUP, type Actor, type Role } from './actors.js';
import type { CaseRecord, TaskRecord } from './case-record.js';
import type { CaseRuntime } from './case-runtime.js';
import type { CaseView } from './case-view.js';
import { ENGINE_SAYS } from '../messages.js';

/** The longest note a reminder carries. */
export const REMINDER_NOTE_MAX = 500;

/**
 * Whether `role` supervises `task` on this case (manifest `groups.<g>.supervises`): `all` supervises
 * every open task (SAMR, Art. 5); `subject` supervises the tasks of subject-scoped groups (the park's)
 * on the cases of its own region (a province over its parks, Art. 6).
 */
export function supervises(role: Role, manifest: Manifest, record: CaseRecord, task: TaskRecord): boolean {
  const declared = manifest.groups[role.group];
  if (declared?.supervises === 'all') return true;
  if (declared?.supervises !== 'subject' || scopeKind(manifest, declared) !== 'region') return false;
  const taskScope = scopeKind(manifest, manifest.groups[task.groups[0] ?? '']);
  return role.scope === record.region && taskScope === 'subject';
}

/**
 * 催办: a supervising group reminds the holders of an open task. The reminder is recorded in the
 * case's audit chain (`task.reminded`) and on the task, where the assignee's inbox shows it. It does
 * not move the process.
 */
export async function remindTask(
  runtime: CaseRuntime,
  ref: string,
  actor: Actor,
  note: string | undefined,
): Promise<CaseView> {
  const caseId = runtime.index.caseOfTask(ref);
  if (caseId === undefined) throw EngineError.taskNotOpen(ref);
  if (note !== undefined && note.length > REMINDER_NOTE_MAX) {
    throw new EngineError('validation', ENGINE_SAYS.reminderNoteTooLong(REMINDER_NOTE_MAX), { ref });
  }
  if (note !== undefined && hasUnsafeText(note)) {
    throw new EngineError('validation', ENGINE_SAYS.reminderNoteUnsafe, { ref });
  }
  return runtime.withLock(caseId, async () => {
    const record = await runtime.catchUp(await runtime.record(caseId));
    const task = record.tasks.find((open) => open.ref === ref);
    const version = runtime.version(record);
    const { manifest } = version.definition;
    // A task the caller cannot see answers as not open, like any other out-of-scope reference.
    if (task === undefined || !runtime.sees(actor, record)) {
      throw EngineError.taskNotOpen(ref);
    }
    const role = actor.roles.find(
      (candidate) => candidate.group !== ADMIN_GROUP && supervises(candidate, manifest, record, task),
    );
    if (role === undefined) throw new EngineError('forbidden', ENGINE_SAYS.mayNotRemind, { ref, taskId: task.taskId });
    const now = runtime.clock.now();
    const transition = runtime.transition(record, version, now, actor.id);
    const reminder = {
      at: now.toISOString(),
      actor: actor.id,
      group: role.group,
      ...(note !== undefined && note !== '' && { note }),
    };
    transition.record.tasks = transition.record.tasks.map((open) =>
      open.ref === ref ? { ...open, reminders: [...(open.reminders ?? []), reminder] } : open,
    );
    transition.record.updatedAt = transition.at;
    transition.note('task.reminded', {
      ref,
      taskId: task.taskId,
      group: role.group,
      ...(task.scope !== undefined && { scope: task.scope }),
      ...(reminder.note !== undefined && { note: reminder.note }),
    });
    return runtime.view(await runtime.commitRecord(transition));
  });
}
