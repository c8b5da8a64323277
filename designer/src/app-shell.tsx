import { useAppTitle } from './public/programmes.js';
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { focusHeading, focusMainHeading } from './auth/focus-after-login.js';
import { useSession } from './auth/session.js';
import { useI18n } from './i18n/i18n.js';
import { usePageGroups } from './page-groups.js';
import { NotificationBell } from './workbench/notification-bell.js';
import { reportMenu } from './reports/report-menu.js';
import './app-shell.css';

const { Header, Content } = Layout;

/** The pages the user may open (by role), and which of them the current address belongs to. */
function useNavigation() {
  const { t, language } = useI18n();
  const { me, hasGroup } = useSession();
  const location = useLocation();
  const { groups: pageGroups } = usePageGroups(me !== undefined);
  const items = [
    // Signed out, the same place is the login (a visitor on the public notices finds the way in).
    { key: '/', label: <Link to="/">{t(me === undefined ? 'login' : 'workbench')}</Link> },
    ...reportMenu(me !== undefined && hasGroup(...pageGroups.statistics), language),
    { key: '/notices', label: <Link to="/notices">{t('notices')}</Link> },
    ...(hasGroup(...pageGroups.overdue)
      ? [{ key: '/overdue', label: <Link to="/overdue">{t('overdueBoard')}</Link> }]
      : []),
    ...(hasGroup(...pageGroups.accounts)
      ? [{ key: '/accounts', label: <Link to="/accounts">{t('accounts')}</Link> }]
      : []),
    ...(hasGroup(...pageGroups.designer)
      ? [{ key: '/designer', label: <Link to="/designer">{t('designer')}</Link> }]
      : []),
    ...(hasGroup(...pageGroups.calendars)
      ? [{ key: '/calendars', label: <Link to="/calendars">{t('calendars')}</Link> }]
      : []),
  ];
  const selected = items
    .map((item) => item.key)
    .filter((key) =>
      key === '/'
        ? location.pathname === '/' || location.pathname.startsWith('/cases')
        : location.pathname.startsWith(key),
    );
  return { items, selected, pathname: location.pathname };
}

/**
 * The page's first Tab stop, shown once it has the focus: to the page's heading past the header's
 * links, bell, language and 退出 (up to eleven stops before a case's first control, on a page opened
 * from its address or reloaded; a link followed within the app puts the focus on the heading itself).
 */
function SkipToContent() {
  const { t } = useI18n();
  return (
    <a
      href="#main"
      className="qbz-skip"
      onClick={(event) => {
        event.preventDefault();
        const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
        if (target === null) return;
        focusHeading(target);
        target.scrollIntoView({ block: 'start' });
      }}
    >
      {t('skipToContent')}
    </a>
  );
}

/** Language switch, who is signed in, and logout: in the header, or at the foot of the phone's drawer. */
function Account({ inDrawer }: { inDrawer: boolean }) {
  const { t, language, setLanguage } = useI18n();
  const { me, logout } = useSession();
  return (
    <div className={inDrawer ? 'qbz-account qbz-account-drawer' : 'qbz-account'}>
      {/* The button reads the other language's name in that language (its accessible name is its text). */}
      <Button
        type="text"
        className="qbz-language"
        lang={language === 'zh' ? 'en' : 'zh-CN'}
        onClick={() => {
          setLanguage(language === 'zh' ? 'en' : 'zh');
        }}
      >
        {t('language')}
      </Button>
      {me !== undefined && (
        <>
          <Typography.Text className="qbz-user" title={me.displayName ?? me.username}>
            {me.displayName ?? me.username}
          </Typography.Text>
          <Button onClick={() => void logout()}>{t('logout')}</Button>
        </>
      )}
    </div>
  );
}

/**
 * The frame of every page: title, navigation by role, language switch, the user and logout. Below
 * the `md` breakpoint (phones) the navigation and the account move into a drawer behind a menu button,
 * so that the header never pushes the page wider than the screen.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const appTitle = useAppTitle();
  const { me } = useSession();
  const { items, selected, pathname } = useNavigation();
  const narrow = Grid.useBreakpoint().md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const firstPage = useRef(true);
  useEffect(() => {
    // A page chosen in the drawer (or any other navigation) closes it.
    setDrawerOpen(false);
    // A new page in place of the old: when the link followed went with the old page, the focus goes
    // to the new page's heading, as after a login (left on the page itself, a keyboard user started
    // again from its top). A menu link, still there, keeps it.
    if (firstPage.current) firstPage.current = false;
    else focusMainHeading(null);
  }, [pathname]);

  return (
    <Layout className="qbz-shell">
      <SkipToContent />
      <Header className="qbz-header">
        {narrow && (
          <Button
            type="text"
            className="qbz-menu-button"
            icon={<MenuOutlined />}
            aria-label={t('menu')}
            aria-expanded={drawerOpen}
            onClick={() => {
              setDrawerOpen(true);
            }}
          />
        )}
        {/* The programme's name, known before sign-in (GET /api/public/programmes); the tab reads it too. */}
        <span className="qbz-brand">{appTitle}</span>
        {!narrow && (
          <nav className="qbz-nav" aria-label={t('mainNavigation')}>
            <Menu theme="dark" mode="horizontal" items={items} selectedKeys={selected} />
          </nav>
        )}
        {me !== undefined && <NotificationBell />}
        {!narrow && <Account inDrawer={false} />}
      </Header>
      {narrow && (
        <Drawer
          title={t('menu')}
          placement="left"
          size={280}
          open={drawerOpen}
          onClose={() => {
            setDrawerOpen(false);
          }}
          rootClassName="qbz-drawer"
        >
          <nav aria-label={t('mainNavigation')}>
            <Menu mode="inline" items={items} selectedKeys={selected} />
          </nav>
          <Account inDrawer />
        </Drawer>
      )}
      <Content id="main" className="qbz-content">
        {children}
      </Content>
    </Layout>
  );
}
