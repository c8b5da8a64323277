import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { NotificationView } from '../../../engine/notifications/notification.js';
import { api } from '../api/client.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { usePeriodLabel } from './task-period.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import type { MessageKey } from '../i18n/messages.js';
import { chinaTime } from './format.js';
import { loadSubjectKeys } from './vocabulary.js';
import { WholeDates } from './whole-dates.js';

interface Listing {
  items: NotificationView[];
  unread: number;
}

/** How often the unread count is fetched again while the page stays open. */
const POLL_MS = 60_000;

/**
 * The header's bell: the unread count as a badge, the latest notifications in a popover; opening
 * one marks it read and goes to its case. One about a task that is done says so and is not counted. It never shows who objected (the server sends no such data).
 * Each notification is a link; opening the popover moves focus to the first, Escape returns it to the
 * bell (the popover renders at the end of the page, out of the header's tab order). The bell says it
 * opens a dialog and whether it is open, the panel is that dialog named 通知, and an unread entry says
 * so to a screen reader (it was bold only); its entries are not headings (antd's list made each an h4,
 * below the page's h2s: a heading level skipped).
 */
export function NotificationBell() {
  const { t } = useI18n();
  // Task names and status titles are the definitions' words: in the reader's language by the case's process.
  const definitionText = useDefinitionText();
  const periodLabel = usePeriodLabel();
  const say = (item: NotificationView, text: string) =>
    item.process === undefined ? text : definitionText(item.process)(text);
  /** A deadline near or past: the task's date, and the working days left (· 截止 2025-05-01（剩 5 个工作日）). */
  const dueLabel = (item: NotificationView): string => {
    if (item.due === undefined) return '';
    const left = item.workingDaysLeft;
    return ` · ${
      left === undefined
        ? fill(t('notifyDue'), { date: item.due.date })
        : fill(t('notifyDueLeft'), { date: item.due.date, count: left })
    }`;
  };
  /** What it is about: the task as drawn, else its code, else the status the case entered or ended in. */
  const about = (item: NotificationView): string => {
    // Each year's report opens under one name: the year it is for tells them apart (Art. 27).
    if (item.taskName !== undefined)
      return `${say(item, item.taskName)}${item.period === undefined ? '' : ` · ${periodLabel(item.period)}`}${dueLabel(item)}`;
    if (item.taskId !== undefined) return item.taskId;
    return item.statusTitle === undefined ? '' : say(item, item.statusTitle);
  };
  // Who a notification is about: the name from its case's forms, else its subject's code, carried
  // under the name its programme declares (park, county); the case's id until those names are known.
  const [subjectKeys, setSubjectKeys] = useState<Map<string, string>>();
  useEffect(() => {
    loadSubjectKeys().then(setSubjectKeys, () => undefined);
  }, []);
  const subjectOf = (item: NotificationView): string => {
    if (item.subjectName !== undefined) return item.subjectName;
    const key = item.process === undefined ? undefined : subjectKeys?.get(item.process);
    const code: unknown = key === undefined ? undefined : (item as unknown as Record<string, unknown>)[key];
    return typeof code === 'string' ? code : item.caseId;
  };
  const location = useLocation();
  // Undefined until the first answer: 暂无通知 is said of an answer, not of a list still coming.
  const [listing, setListing] = useState<Listing>();
  const unread = listing?.unread ?? 0;
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const ids = useId();
  const panelId = `${ids}-panel`;
  const titleId = `${ids}-title`;
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => panel.current?.querySelector<HTMLElement>('a, button')?.focus(), 0);
    return () => {
      clearTimeout(timer);
    };
  }, [open, listing]);
  const close = () => {
    setOpen(false);
    bell.current?.focus();
  };
  // Only the latest request's answer is shown: opening the bell and then 全部标为已读 sent two, and
  // when the first (read before the marking) came back last, the bell said 通知 (4) again.
  const latestRequest = useRef(0);
  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    api<Listing>('GET', '/api/notifications').then(
      (answer) => {
        if (request === latestRequest.current) setListing(answer);
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [refresh, location.pathname]);
  const markRead = async (ids: string[] | 'all') => {
    await api('POST', '/api/notifications/read', { ids }).catch(() => undefined);
    refresh();
  };
  const content = (
    <div
      ref={panel}
      id={panelId}
      role="dialog"
      aria-labelledby={titleId}
      style={{ width: 320, maxWidth: '80vw' }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
        if (event.key !== 'Tab') return;
        // The popover is not in the page's tab order: Tab past its last control (or Shift+Tab before
        // its first) went to the page's body, the popover still open. It closes, the bell has the focus.
        const controls = Array.from(panel.current?.querySelectorAll<HTMLElement>('a, button') ?? []);
        const edge = event.shiftKey ? controls[0] : controls.at(-1);
        if (edge !== undefined && document.activeElement === edge) {
          event.preventDefault();
          close();
        }
      }}
    >
      {/* The title within the dialog it names (antd's, above the content, stood outside it). */}
      <div id={titleId} className="ant-popover-title">
        {t('notificationsTitle')}
      </div>
      <List<NotificationView>
        size="small"
        aria-busy={listing === undefined}
        loading={listing === undefined}
        dataSource={listing?.items.slice(0, 20) ?? []}
        locale={{ emptyText: listing === undefined ? t('loading') : t('noNotifications') }}
        renderItem={(item) => {
          const unreadNote = `${ids}-${item.id}-unread`;
          const unseen = !item.read && item.done !== true;
          return (
            <List.Item style={{ display: 'block', fontWeight: unseen ? 'bold' : 'normal' }}>
              <Link
                to={`/cases/${encodeURIComponent(item.caseId)}`}
                // A line of text was a 16 px target to tap on a phone (WCAG 2.5.8 asks 24 × 24).
                style={{ display: 'inline-block', minHeight: 24, paddingBlock: 2 }}
                {...(unseen && { 'aria-describedby': unreadNote })}
                onClick={() => {
                  void markRead([item.id]);
                  setOpen(false);
                }}
              >
                {`${t(`notify.${item.kind}` as MessageKey)}${t('colon')}${subjectOf(item)}`}
              </Link>
              {unseen && (
                <span id={unreadNote} className="qbz-sr-only">
                  {t('notificationUnread')}
                </span>
              )}
              <div>
                <Typography.Text type="secondary">
                  {/* Set apart from what it is about: a deadline's date and the time read as one (截止 2024-04-29 2024-04-30 10:00). */}
                  <WholeDates text={[about(item), chinaTime(item.at)].filter((part) => part !== '').join(' · ')} />
                  {item.note === undefined ? '' : ` — ${item.note}`}
                  {item.done === true && ` · ${t('taskDoneNotice')}`}
                </Typography.Text>
              </div>
            </List.Item>
          );
        }}
      />
      {unread > 0 && (
        <Button type="link" onClick={() => void markRead('all')}>
          {t('markAllRead')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) refresh();
        // Closed from within (a click outside while the focus was in it): the focus goes back to the bell.
        else if (panel.current?.contains(document.activeElement) === true || document.activeElement === document.body)
          bell.current?.focus();
      }}
    >
      <Badge count={unread} size="small" className="qbz-bell" data-testid="notification-badge">
        <Button
          ref={bell}
          type="text"
          icon={<BellOutlined style={{ color: '#fff' }} />}
          aria-label={`${t('notificationsTitle')} (${String(unread)})`}
          aria-haspopup="dialog"
          aria-expanded={open}
          {...(open && { 'aria-controls': panelId })}
        />
      </Badge>
    </Popover>
  );
}
