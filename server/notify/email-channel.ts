import { createTransport } from 'nodemailer';
import type { Notification, NotificationChannel, NotificationKind, NotificationSubject } from '../../engine/index.js';

/** What sends one e-mail (nodemailer's transport; a fake one in tests). */
export interface MailTransport {
  sendMail(message: { from: string; to: string[]; subject: string; text: string }): Promise<unknown>;
}

/** Addresses by audience: `group:scope` (e.g. `province:320000`) or a whole `group` (e.g. `samr`). */
export type Recipients = Readonly<Record<string, readonly string[]>>;

const SUBJECTS: Record<NotificationKind, string> = {
  'task.opened': '新待办',
  'task.returned': '案件已退回，请修改后重新提交',
  'task.reminded': '催办提醒',
  'notice.opened': '公示已开始',
  'objection.received': '收到异议',
  'message.received': '案件收到新事项',
  'case.ended': '案件已办结',
  'status.changed': '案件进入新阶段',
  'branch.ended': '案件有新进展',
};

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
    const subject = `【示范区】${SUBJECTS[notification.kind]}：${notification.subjectName ?? about.id}`;
    const lines = [
      `案件：${notification.caseId}`,
      `${about.title}：${notification.subjectName ?? ''}（${about.id}）`,
      // A stage's outcome, an end or a message is named (taskName) without a task: said too.
      ...(notification.taskName === undefined && notification.taskId === undefined
        ? []
        : [`事项：${notification.taskName ?? notification.taskId ?? ''}`]),
      ...(notification.statusTitle === undefined
        ? []
        : [`${notification.kind === 'status.changed' ? '阶段' : '结果'}：${notification.statusTitle}`]),
      ...(notification.note === undefined ? [] : [`说明：${notification.note}`]),
      `时间：${notification.at}`,
    ];
    await this.transport.sendMail({ from: this.from, to, subject, text: lines.join('\n') });
    return { status: 'sent', recipients: to };
  }
}

/**
 * The channel the environment configures: `SMTP_URL` (e.g. smtps://user:pass@smtp.example.cn),
 * `SMTP_FROM` and `SMTP_RECIPIENTS` (JSON: audience → addresses). Without SMTP_URL, none.
 */
export function emailChannelFromEnvironment(env: NodeJS.ProcessEnv): EmailChannel | undefined {
  const url = env.SMTP_URL;
  if (url === undefined || url === '') return undefined;
  const recipients = JSON.parse(env.SMTP_RECIPIENTS ?? '{}') as unknown;
  if (typeof recipients !== 'object' || recipients === null || Array.isArray(recipients)) {
    throw new Error('SMTP_RECIPIENTS must be a JSON object of audience → addresses');
  }
  return new EmailChannel(createTransport(url), env.SMTP_FROM ?? 'noreply@localhost', recipients as Recipients);
}
