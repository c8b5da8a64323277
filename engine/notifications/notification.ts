/** What a notification is about (README "Notification centre"). */
export const NOTIFICATION_KINDS = [
  'task.opened',
  'task.returned',
  'task.reminded',
  'task.dueSoon',
  'task.overdue',
  'notice.opened',
  'objection.received',
  'message.received',
  'case.ended',
  'status.changed',
  'branch.ended',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who a notification is for: holders of a group, within a scope when the group is scoped. */
export interface Audience {
  group: string;
  scope?: string;
}

/**
 * An in-app notification, stored in the `notifications` collection. It names the case, its subject and
 * region under their declared names (`park`, `province`), and
 * the task; it never names or describes who sent a public message (an objector, Art. 22).
 */
export interface Notification {
  // Besides these, the case's subject and region under their declared names (`park`, `province`):
  // the programme's words, read back with `subjectRegionOfNotification`.
  id: string;
  at: string;
  kind: NotificationKind;
  caseId: string;
  /**
   * The case's process, whose catalogue gives `taskName` and `statusTitle` in another language.
   * Notifications stored before it was recorded lack it; a listing gives them their case's (a case
   * the server does not hold leaves them as written).
   */
  process?: string;
  subjectName?: string;
  taskId?: string;
  /**
   * The task's name in the diagram (可行性论证与遴选), what people read; `taskId` is the code. For a
   * message, its catch event's name (重大事项报告); for `branch.ended`, the end event's (维持认定); for
   * `status.changed`, the event's that entered the stage, when the diagram names one (继续认定为示范区).
   */
  taskName?: string;
  ref?: string;
  /** The status a case ended in (不予通过, `case.ended`) or entered (创建中, `status.changed`), by its title. */
  statusTitle?: string;
  /** For `task.opened`: the period of a cycle the task is for (that year's annual report), as on the task. */
  period?: { start: string; end: string };
  /**
   * For `task.dueSoon` and `task.overdue`: the task's due date (its manifest name and the day), and for
   * `task.dueSoon` the working days left after the day it was told (0: due that day).
   */
  due?: { name: string; date: string };
  workingDaysLeft?: number;
  /** The group that sent a reminder, and its note. */
  by?: string;
  note?: string;
  audience: Audience[];
}

/** A notification as one user sees it. */
export interface NotificationView extends Omit<Notification, 'audience'> {
  read: boolean;
  /** About a task no longer open (done by this user or another holder): not counted unread. */
  done?: true;
}

/** One attempt to send a notification outside the app (e-mail), recorded whatever happened. */
export interface Delivery {
  notificationId: string;
  at: string;
  channel: string;
  status: 'sent' | 'not-configured' | 'failed';
  recipients: string[];
  error?: string;
}

/**
 * The outbound channel (a port): the server plugs in e-mail over SMTP when it is configured. It
 * answers what it did; the notification centre records every answer.
 */
/** Who the case is about, as people read it: the declared subject's title (园区) and its id. */
export interface NotificationSubject {
  title: string;
  id: string;
  /** The programme the case runs under, by its manifest's title (an e-mail says which it is about). */
  programme: string;
}

export interface NotificationChannel {
  readonly name: string;
  send(
    notification: Notification,
    subject: NotificationSubject,
  ): Promise<Pick<Delivery, 'status' | 'recipients' | 'error'>>;
}

/** A notification's subject and region, read back from under their declared names. */
export function subjectRegionOfNotification(
  notification: Notification,
  manifest: { subject: { name: string }; region: { name: string } } | undefined,
): { subject: string; region: string } {
  const fields = notification as unknown as Record<string, unknown>;
  const read = (key: string) => {
    const value = fields[key];
    return typeof value === 'string' ? value : '';
  };
  return { subject: read(manifest?.subject.name ?? 'subject'), region: read(manifest?.region.name ?? 'region') };
}
