import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { NotificationCenter } from '../../engine/notifications/notification-center.js';
import type { Notification } from '../../engine/notifications/notification.js';
import { LowdbStore, MemoryStore } from '../../engine/store/index.js';
import { EmailChannel, emailChannelFromEnvironment, type MailTransport } from '../../server/notify/email-channel.js';

/** The programme, its subject and region as quality-brand-zone declares them. */
const NAMES = {
  title: '全国质量品牌提升示范区创建与管理',
  subject: { name: 'park', title: '园区' },
  region: { name: 'province', title: '省级单位' },
};

const DRAFT: Omit<Notification, 'id'> = {
  at: '2024-04-01T01:00:00.000Z',
  kind: 'task.reminded',
  caseId: 'c1',
  ...{ park: 'P-001', province: '320000' },
  subjectName: '云澜高新区',
  taskId: 'provincialFeasibilityReview',
  taskName: '可行性论证与遴选',
  by: 'samr',
  audience: [{ group: 'province', scope: '320000' }],
};

function transport(fail = false): MailTransport & { sent: { to: string[]; subject: string; text: string }[] } {
  const sent: { to: string[]; subject: string; text: string }[] = [];
  return {
    sent,
    sendMail: (message) => {
      if (fail) return Promise.reject(new Error('connection refused'));
      sent.push(message);
      return Promise.resolve({});
    },
  };
}

const clock = new SimulatedClock(new Date('2024-04-01T01:00:00Z'));

describe('the outbound e-mail channel', () => {
  it('is absent without SMTP_URL: nothing is sent, and each notification records that', async () => {
    expect(emailChannelFromEnvironment({})).toBeUndefined();
    // A workbench address that is no address is refused at start, not sent in every e-mail.
    expect(() =>
      emailChannelFromEnvironment({ SMTP_URL: 'smtp://localhost:2525', WORKBENCH_URL: 'zlpp.example.cn' }),
    ).toThrow(/WORKBENCH_URL/);
    const center = new NotificationCenter(new MemoryStore(), clock);
    const [published] = await center.publish([DRAFT], NAMES);
    expect(await center.deliveries()).toEqual([
      expect.objectContaining({ notificationId: published?.id, channel: 'none', status: 'not-configured' }),
    ]);
  });

  it("mails the addresses configured for the audience's scope and records the delivery", async () => {
    const mail = transport();
    const channel = new EmailChannel(
      mail,
      'noreply@example.cn',
      { 'province:320000': ['js@example.cn'], 'province:330000': ['zj@example.cn'], samr: ['samr@example.cn'] },
      'https://zlpp.example.cn',
    );
    const center = new NotificationCenter(new MemoryStore(), clock, channel);
    await center.publish([DRAFT], NAMES);
    expect(mail.sent.map((message) => message.to)).toEqual([['js@example.cn']]);
    // Which programme, in China time, with the way to the case (it said 【示范区】 for every programme,
    // the stored UTC instant, and no link).
    expect(mail.sent[0]?.subject).toBe('【全国质量品牌提升示范区创建与管理】催办提醒：云澜高新区');
    expect(mail.sent[0]?.text.split('\n')).toEqual([
      '案件：c1',
      '园区：云澜高新区（P-001）',
      '事项：可行性论证与遴选',
      '时间：2024-04-01 09:00（北京时间）',
      '查看案件：https://zlpp.example.cn/cases/c1',
    ]);
    expect((await center.deliveries())[0]).toMatchObject({
      channel: 'email',
      status: 'sent',
      recipients: ['js@example.cn'],
    });
  });

  it('names the outcome that put a case in a stage, which has no task (a failed re-review, Art. 28)', async () => {
    const mail = transport();
    const center = new NotificationCenter(
      new MemoryStore(),
      clock,
      new EmailChannel(mail, 'noreply@example.cn', { 'park:P-001': ['park@example.cn'] }),
    );
    const { taskId: _taskId, by: _by, ...rest } = DRAFT;
    await center.publish(
      [
        {
          ...rest,
          kind: 'status.changed',
          taskName: '复审未通过，示范期内维持认定',
          statusTitle: '示范期内',
          audience: [{ group: 'park', scope: 'P-001' }],
        },
      ],
      NAMES,
    );
    expect(mail.sent[0]?.text).toContain('事项：复审未通过，示范期内维持认定');
    expect(mail.sent[0]?.text).toContain('阶段：示范期内');
  });

  it('mails a deadline warning with its date and the working days left, once though published again', async () => {
    const mail = transport();
    const store = new MemoryStore();
    const channel = new EmailChannel(mail, 'noreply@example.cn', { 'province:320000': ['js@example.cn'] });
    const { by: _by, ...rest } = DRAFT;
    const warning: Notification = {
      ...rest,
      id: 'n20240422160000000-000000-0123456789',
      kind: 'task.dueSoon',
      due: { name: 'provincialReviewDue', date: '2024-04-29' },
      workingDaysLeft: 5,
    };
    await new NotificationCenter(store, clock, channel).publishOnce([warning, warning], NAMES);
    // Another process on the same store, or this one after a restart: stored already, not sent again.
    expect(await new NotificationCenter(store, clock, channel).publishOnce([warning], NAMES)).toEqual([]);
    expect(mail.sent.map((message) => message.subject)).toEqual([
      '【全国质量品牌提升示范区创建与管理】临近办理期限：云澜高新区',
    ]);
    expect(mail.sent[0]?.text).toContain('事项：可行性论证与遴选\n办理期限：2024-04-29（剩 5 个工作日）');
  });

  it('records a failed delivery and keeps the in-app notification', async () => {
    const channel = new EmailChannel(transport(true), 'noreply@example.cn', { province: ['all@example.cn'] });
    const center = new NotificationCenter(new MemoryStore(), clock, channel);
    await center.publish([DRAFT], NAMES);
    expect((await center.deliveries())[0]).toMatchObject({ status: 'failed', error: 'connection refused' });
    const listing = await center.list({ id: 'js', roles: [{ group: 'province', scope: '320000' }] });
    expect(listing.unread).toBe(1);
    expect((await center.list({ id: 'zj', roles: [{ group: 'province', scope: '330000' }] })).items).toEqual([]);
  });
});

describe('notifications beside a damaged file', () => {
  it("skips a damaged notification: every reader's other notifications are still listed", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qbz-notifications-'));
    const store = new LowdbStore(dir);
    try {
      const [first, second] = await new NotificationCenter(store, clock).publish(
        [DRAFT, { ...DRAFT, caseId: 'c2' }],
        NAMES,
      );
      await writeFile(join(dir, 'notifications', `${first?.id ?? ''}.json`), '{"at":');
      // Read by a process that had not read it before the damage (one that had keeps it).
      const center = new NotificationCenter(store, clock);
      const reader = { id: 'province-js', roles: [{ group: 'province', scope: '320000' }] };
      const { items, unread } = await center.list(reader);
      expect(items.map((item) => item.id)).toEqual([second?.id]);
      expect(unread).toBe(1);
      expect(await center.markRead(reader, 'all')).toBe(1);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("lists what another process published since this one's last look (read ones are kept, new ones read)", async () => {
    const store = new MemoryStore();
    const here = new NotificationCenter(store, clock);
    const there = new NotificationCenter(store, clock);
    const reader = { id: 'province-js', roles: [{ group: 'province', scope: '320000' }] };
    const [first] = await here.publish([DRAFT], NAMES);
    expect((await here.list(reader)).items.map((item) => item.id)).toEqual([first?.id]);
    const [second] = await there.publish([{ ...DRAFT, caseId: 'c2' }], NAMES);
    // (Two processes at one instant: the order between them is the ids' random part.)
    expect((await here.list(reader)).items.map((item) => item.id).sort()).toEqual([first?.id, second?.id].sort());
  });
});
