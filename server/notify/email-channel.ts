import { createTransport } from 'nodemailer';
import {
  chinaMinuteOf,
  type Notification,
  type NotificationChannel,
  type NotificationSubject,
} from '../../engine/index.js';
import { MAIL_WORDS as MAIL } from '../messages.js';

/** What sends one e-mail (nodemailer's transport; a fake one in tests). */
export interface MailTransport {
  sendMail(message: { from: string; to: string[]; subject: string; text: string }): Promise<unknown>;
}

/** Addresses by audience: `group:scope` (e.g. `province:320000`) or a whole `group` (e.g. `samr`). */
export type Recipients = Readonly<Record<string, readonly string[]>>;

/**
 * E-mail over SMTP as the notification centre's outbound channel. Each notification goes to the
 * addresses configured for its audience; none configured: nothing is sent (and that is recorded).
 * The text names the case, its subject (by the declared title) and task, never who sent an objection (Art. 22).
 */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email';

  constructor(
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly recipients: Recipients,
    /** The workbench's address (`WORKBENCH_URL`), for a link to the case; none: no link. */
    private readonly workbench?: string,
  ) {}

  async send(
    notification: Notification,
    about: NotificationSubject,
  ): Promise<{ status: 'sent' | 'not-configured'; recipients: string[] }> {
    const to = [
      ...new Set(
        notification.audience.flatMap((target) => [
          ...(target.scope === undefined ? [] : (this.recipients[`${target.group}:${target.scope}`] ?? [])),
          ...(this.recipients[target.group] ?? []),
        ]),
      ),
    ].sort();
    if (to.length === 0) return { status: 'not-configured', recipients: [] };
    const name = notification.subjectName ?? about.id;
    const subject = MAIL.subject(about.programme, MAIL.kinds[notification.kind], name);
    const lines = [
      MAIL.caseId(notification.caseId),
      MAIL.about(about.title, notification.subjectName ?? '', about.id),
      // A stage's outcome, an end or a message is named (taskName) without a task: said too.
      ...(notification.taskName === undefined && notification.taskId === undefined
        ? []
        : [MAIL.task(notification.taskName ?? notification.taskId ?? '')]),
      ...(notification.statusTitle === undefined
        ? []
        : [(notification.kind === 'status.changed' ? MAIL.stage : MAIL.outcome)(notification.statusTitle)]),
      ...(notification.note === undefined ? [] : [MAIL.note(notification.note)]),
      ...(notification.due === undefined ? [] : [MAIL.due(notification.due.date, notification.workingDaysLeft)]),
      // The instant as the officials read it (it was the stored UTC instant, 2025-04-02T01:00:00.000Z).
      MAIL.at(chinaMinuteOf(notification.at)),
      ...(this.workbench === undefined
        ? []
        : [MAIL.link(`${this.workbench}/cases/${encodeURIComponent(notification.caseId)}`)]),
    ];
    await this.transport.sendMail({ from: this.from, to, subject, text: lines.join('\n') });
    return { status: 'sent', recipients: to };
  }
}

/**
 * The channel the environment configures: `SMTP_URL` (e.g. smtps://user:pass@smtp.example.cn),
 * `SMTP_FROM`, `SMTP_RECIPIENTS` (JSON: audience → addresses) and `WORKBENCH_URL` (the e-mails link to
 * the case there). Without SMTP_URL, none.
 */
export function emailChannelFromEnvironment(env: NodeJS.ProcessEnv): EmailChannel | undefined {
  const url = env.SMTP_URL;
  if (url === undefined || url === '') return undefined;
  const recipients = JSON.parse(env.SMTP_RECIPIENTS ?? '{}') as unknown;
  if (typeof recipients !== 'object' || recipients === null || Array.isArray(recipients)) {
    throw new Error('SMTP_RECIPIENTS must be a JSON object of audience → addresses');
  }
  const workbench = env.WORKBENCH_URL?.trim().replace(/\/+$/, '');
  if (workbench !== undefined && workbench !== '' && !/^https?:\/\/\S+$/.test(workbench)) {
    throw new Error(
      'WORKBENCH_URL must be the http(s) address people open the workbench at, e.g. https://zlpp.example.cn',
    );
  }
  return new EmailChannel(
    createTransport(url),
    env.SMTP_FROM ?? 'noreply@localhost',
    recipients as Recipients,
    workbench === '' ? undefined : workbench,
  );
}
