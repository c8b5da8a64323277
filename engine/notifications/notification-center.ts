import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../cases/actors.js';
import { EngineError, isEngineError } from '../errors.js';
import { damageOf } from '../store/damage.js';
import type { Clock, Store } from '../ports.js';
import type { Manifest } from '../definitions/types.js';
import {
  subjectRegionOfNotification,
  type Audience,
  type Delivery,
  type Notification,
  type NotificationChannel,
  type NotificationKind,
  type NotificationSubject,
  type NotificationView,
} from './notification.js';
import { ENGINE_SAYS } from '../messages.js';

const NOTIFICATIONS = 'notifications';
const READS = 'notification-reads';
const DELIVERIES = 'notification-deliveries';

/** Kinds about one task (`ref`): done once the task is no longer open. */
const TASK_KINDS: ReadonlySet<NotificationKind> = new Set([
  'task.opened',
  'task.returned',
  'task.reminded',
  'task.dueSoon',
  'task.overdue',
]);

/** The most notifications one listing returns (newest first). */
export const NOTIFICATION_PAGE = 200;
/** Notifications read from the store at once when a list meets new ones. */
const READ_AT_ONCE = 32;

/**
 * The in-app notification centre on the engine's Store port: notifications (one document each,
 * addressed to audiences, not to accounts), what each user has read, and a record of every outbound
 * delivery. Nothing lives only in memory (notifications are kept there too once read, since they
 * never change), so another store (PostgreSQL) holds it unchanged.
 */
export class NotificationCenter {
  #sequence = 0;
  /**
   * Notifications read so far (null: damaged). A notification never changes once stored, so another
   * process's are as good here as this one's: each list reads only the ids it has not met.
   */
  readonly #read = new Map<string, Notification | null>();
  /** Ids `publishOnce` found stored already (by this process before, or by another). */
  readonly #stored = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly channel?: NotificationChannel,
    /** Whether the task a notification names (by `ref`) is still open; none: always. */
    private readonly taskOpen: (ref: string) => boolean = () => true,
    /**
     * What a notification stored before it was recorded lacks, from its case (`process`, `taskName`,
     * `subjectName`); none: nothing (a case the server does not hold leaves it as stored).
     */
    private readonly storedBefore: (
      notification: Notification,
    ) => Pick<Notification, 'process' | 'taskName' | 'subjectName'> = () => ({}),
  ) {}

  /** Stores new notifications and hands each to the outbound channel, recording what it did. */
  async publish(
    drafts: readonly Omit<Notification, 'id'>[],
    subject: Pick<Manifest, 'subject' | 'region' | 'title'>,
  ): Promise<Notification[]> {
    const published: Notification[] = [];
    for (const draft of drafts) {
      const notification = { id: this.#newId(draft), ...draft };
      await this.store.put(NOTIFICATIONS, notification.id, notification);
      await this.#published(notification, subject);
      published.push(notification);
    }
    return published;
  }

  /**
   * Stores notifications whose ids say what they are about (a task's warning before its due date),
   * each only when none of its id is stored — by this process or another on the same store, before a
   * restart or since — and hands only those to the outbound channel: the store's insert-if-absent
   * (a commit expecting no document), one transaction on PostgreSQL.
   */
  async publishOnce(
    notifications: readonly Notification[],
    subject: Pick<Manifest, 'subject' | 'region' | 'title'>,
  ): Promise<Notification[]> {
    const published: Notification[] = [];
    for (const notification of notifications) {
      const { id } = notification;
      if (this.#read.has(id) || this.#stored.has(id)) continue;
      try {
        await this.store.commit([{ kind: 'put', collection: NOTIFICATIONS, id, value: notification }], {
          collection: NOTIFICATIONS,
          id,
          revision: null,
        });
      } catch (error) {
        // Stored already (a damaged one too: it was stored, and is not told again).
        if (!isEngineError(error, 'conflict') && damageOf(error) === undefined) throw error;
        this.#stored.add(id);
        continue;
      }
      await this.#published(notification, subject);
      published.push(notification);
    }
    return published;
  }

  async #published(notification: Notification, subject: Pick<Manifest, 'subject' | 'region' | 'title'>): Promise<void> {
    this.#read.set(notification.id, notification);
    await this.#deliver(notification, {
      title: subject.subject.title,
      id: subjectRegionOfNotification(notification, subject).subject,
      programme: subject.title,
    });
  }

  /**
   * The actor's notifications, newest first, with whether each was read and the unread count. One
   * about a task that is no longer open is `done` and counts as unread no more: the bell kept 新任务
   * for work long finished.
   */
  async list(
    actor: Actor,
    options: { unreadOnly?: boolean } = {},
  ): Promise<{ items: NotificationView[]; unread: number }> {
    const read = new Set(await this.#readIds(actor));
    const ids = (await this.store.list(NOTIFICATIONS)).reverse();
    await this.#readNew(ids);
    const items: NotificationView[] = [];
    let unread = 0;
    for (const id of ids) {
      const notification = this.#read.get(id);
      if (notification === undefined || notification === null || !reaches(actor, notification.audience)) continue;
      const isRead = read.has(id);
      const done =
        TASK_KINDS.has(notification.kind) && notification.ref !== undefined && !this.taskOpen(notification.ref);
      const waiting = !isRead && !done;
      if (waiting) unread += 1;
      if ((options.unreadOnly !== true || waiting) && items.length < NOTIFICATION_PAGE) {
        const { audience: _audience, ...view } = notification;
        // One stored before notifications recorded their process (or the task's name, or before the
        // forms named the subject) takes its case's: the reader's catalogue then names its task and
        // status (stored as the definitions' words), and the bell the park by its name.
        items.push({ ...this.storedBefore(notification), ...view, read: isRead, ...(done && { done }) });
      }
    }
    return { items, unread };
  }

  /** Marks notifications read for this actor (`all`: every one it can see). */
  async markRead(actor: Actor, ids: readonly string[] | 'all'): Promise<number> {
    const visible = (await this.list(actor)).items.map((item) => item.id);
    const wanted = ids === 'all' ? visible : ids.filter((id) => visible.includes(id));
    if (ids !== 'all' && wanted.length !== ids.length) {
      throw new EngineError('not-found', ENGINE_SAYS.noSuchNotification, {
        ids: ids.filter((id) => !visible.includes(id)),
      });
    }
    const read = new Set(await this.#readIds(actor));
    for (const id of wanted) read.add(id);
    await this.store.put(READS, readerKey(actor), { ids: [...read].sort() });
    return wanted.length;
  }

  /** Every outbound delivery recorded for a notification (for admins and tests). */
  async deliveries(): Promise<Delivery[]> {
    const ids = await this.store.list(DELIVERIES);
    const found = await Promise.all(ids.map((id) => this.#readable<Delivery>(DELIVERIES, id)));
    return found.filter((delivery): delivery is Delivery => delivery !== undefined);
  }

  async #deliver(notification: Notification, subject: NotificationSubject): Promise<void> {
    const at = this.clock.now().toISOString();
    let result: Pick<Delivery, 'status' | 'recipients' | 'error'>;
    try {
      result =
        this.channel === undefined
          ? { status: 'not-configured', recipients: [] }
          : await this.channel.send(notification, subject);
    } catch (error) {
      result = { status: 'failed', recipients: [], error: error instanceof Error ? error.message : String(error) };
    }
    const delivery: Delivery = {
      notificationId: notification.id,
      at,
      channel: this.channel?.name ?? 'none',
      ...result,
    };
    await this.store.put(DELIVERIES, notification.id, delivery);
  }

  async #readIds(actor: Actor): Promise<string[]> {
    return (await this.#readable<{ ids: string[] }>(READS, readerKey(actor)))?.ids ?? [];
  }

  /** Reads the notifications among `ids` not read before, a few at a time. */
  async #readNew(ids: readonly string[]): Promise<void> {
    const unread = ids.filter((id) => !this.#read.has(id));
    for (let start = 0; start < unread.length; start += READ_AT_ONCE) {
      await Promise.all(
        unread.slice(start, start + READ_AT_ONCE).map(async (id) => {
          this.#read.set(id, (await this.#readable<Notification>(NOTIFICATIONS, id)) ?? null);
        }),
      );
    }
  }

  /**
   * A document, or undefined when there is none or it is damaged: one damaged notification (logged
   * by the store with its file) must not take every reader's notifications down with it.
   */
  async #readable<T>(collection: string, id: string): Promise<T | undefined> {
    return this.store.get<T>(collection, id).catch((error: unknown) => {
      if (damageOf(error) !== undefined) return undefined;
      throw error;
    });
  }

  /** Ids sort by time (the store lists ids sorted), then by case and order within the transition. */
  #newId(draft: Omit<Notification, 'id'>): string {
    this.#sequence = (this.#sequence + 1) % 1_000_000;
    const stamp = draft.at.replace(/[^0-9]/g, '').padEnd(17, '0');
    const suffix = randomBytes(5).toString('hex');
    return `n${stamp}-${String(this.#sequence).padStart(6, '0')}-${suffix}`;
  }
}

/** Whether an audience includes one of the actor's roles. */
export function reaches(actor: Actor, audience: readonly Audience[]): boolean {
  return audience.some((target) =>
    actor.roles.some(
      (role) => role.group === target.group && (target.scope === undefined || role.scope === target.scope),
    ),
  );
}

/** Store ids are plain names: a user id becomes a hash of it. */
function readerKey(actor: Actor): string {
  return createHash('sha256').update(actor.id).digest('hex').slice(0, 32);
}
