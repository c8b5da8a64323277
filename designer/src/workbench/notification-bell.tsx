import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { NotificationView } from '../../../engine/notifications/notification.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { chinaTime } from './format.js';

interface Listing {
  items: NotificationView[];
  unread: number;
}

/** How often the unread count is fetched again while the page stays open. */
const POLL_MS = 60_000;

/**
 * The header's bell: the unread count as a badge, the latest notifications in a popover; opening
 * one marks it read and goes to its case. It never shows who objected (the server sends no such data).
 */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [listing, setListing] = useState<Listing>({ items: [], unread: 0 });
  const refresh = useCallback(() => {
    api<Listing>('GET', '/api/notifications').then(setListing, () => undefined);
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
    <div style={{ width: 320, maxWidth: '80vw' }}>
      <List<NotificationView>
        size="small"
        dataSource={listing.items.slice(0, 20)}
        locale={{ emptyText: t('noNotifications') }}
        renderItem={(item) => (
          <List.Item
            style={{ cursor: 'pointer', fontWeight: item.read ? 'normal' : 'bold' }}
            onClick={() => {
              void markRead([item.id]);
              void navigate(`/cases/${encodeURIComponent(item.caseId)}`);
            }}
          >
            <List.Item.Meta
              title={`${t(`notify.${item.kind}` as MessageKey)}：${item.subjectName ?? String((item as unknown as Record<string, unknown>).park)}`}
              description={
                <Typography.Text type="secondary">
                  {item.taskId ?? ''} {chinaTime(item.at)}
                  {item.note === undefined ? '' : ` — ${item.note}`}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {listing.unread > 0 && (
        <Button type="link" onClick={() => void markRead('all')}>
          {t('markAllRead')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover
      content={content}
      title={t('notificationsTitle')}
      trigger="click"
      onOpenChange={(open) => {
        if (open) refresh();
      }}
    >
      <Badge count={listing.unread} size="small" data-testid="notification-badge">
        <Button
          type="text"
          icon={<BellOutlined style={{ color: '#fff' }} />}
          aria-label={`${t('notificationsTitle')} (${String(listing.unread)})`}
        />
      </Badge>
    </Popover>
  );
}
