import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from './auth/session.js';
import { useI18n } from './i18n/i18n.js';
import { NotificationBell } from './workbench/notification-bell.js';
import { reportMenu } from './reports/report-menu.js';

const { Header, Content } = Layout;

/** The frame of every page: title, navigation by role, language switch, the user and logout. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { me, logout, hasGroup } = useSession();
  const location = useLocation();
  const items = [
    ...(me === undefined ? [] : [{ key: '/', label: <Link to="/">{t('workbench')}</Link> }]),
    ...reportMenu(me !== undefined && hasGroup('samr', 'province', 'province-leading-group', 'admin'), language),
    { key: '/notices', label: <Link to="/notices">{t('notices')}</Link> },
    ...(hasGroup('samr', 'province')
      ? [{ key: '/overdue', label: <Link to="/overdue">{t('overdueBoard')}</Link> }]
      : []),
    ...(hasGroup('policy-admin', 'admin')
      ? [{ key: '/designer', label: <Link to="/designer">{t('designer')}</Link> }]
      : []),
  ];
  const selected = items
    .map((item) => item.key)
    .filter((key) =>
      key === '/'
        ? location.pathname === '/' || location.pathname.startsWith('/cases')
        : location.pathname.startsWith(key),
    );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('appTitle')}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          items={items}
          selectedKeys={selected}
          style={{ flex: 1, minWidth: 0 }}
          aria-label="main"
        />
        <Space>
          <Button
            type="link"
            onClick={() => {
              setLanguage(language === 'zh' ? 'en' : 'zh');
            }}
            aria-label="language"
          >
            {t('language')}
          </Button>
          {me !== undefined && (
            <>
              <NotificationBell />
              <Typography.Text style={{ color: '#fff' }}>{me.displayName ?? me.username}</Typography.Text>
              <Button onClick={() => void logout()}>{t('logout')}</Button>
            </>
          )}
        </Space>
      </Header>
      <Content style={{ padding: 24 }}>{children}</Content>
    </Layout>
  );
}
