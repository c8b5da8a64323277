// antd's styles (THEME is zeroRuntime) first: the app's own stylesheets, imported below, come after.
import 'antd/dist/antd.css';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useRoutes, type RouteObject } from 'react-router';
import { AppShell } from './app-shell.js';
import { PageErrorBoundary } from './page-error-boundary.js';
import { keepTabInDialogs } from './dialog-tab-wrap.js';
import { openSelectsWithSpace } from './select-space.js';
import { toggleCollapsesWithSpace } from './collapse-space.js';
import { nameNumberSteps } from './number-steps.js';
import { quietIcons } from './quiet-icons.js';
import { titleTabsByHeading } from './tab-title.js';
import { LoginPage } from './auth/login-page.js';
import { SessionProvider, useSession } from './auth/session.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { enUS, zhCN } from './i18n/antd-locales.js';
import { onDemand } from './designer/on-demand.js';
import { usePageGroups, type PageName } from './page-groups.js';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { usePrefersReducedMotion } from './reduced-motion.js';
import { STILL_THEME, THEME } from './theme.js';

// Each page's code loads with the page: the inbox does not carry the case page (nor the form renderer,
// nor bpmn-js), and the designer (bpmn-js modeler, properties panel) loads only when a policy officer
// opens it. The opened page's code was requested already, by boot.ts.
const InboxPage = onDemand(() => import('./workbench/inbox-page.js').then((module) => module.InboxPage));
const CasePage = onDemand(() => import('./workbench/case-page.js').then((module) => module.CasePage));
const NoticesPage = onDemand(() => import('./public/notices-page.js').then((module) => module.NoticesPage));
const DesignerHome = onDemand(() => import('./designer/designer-home.js').then((module) => module.DesignerHome));
const VersionEditor = onDemand(() => import('./designer/version-editor.js').then((module) => module.VersionEditor));
const CalendarPage = onDemand(() => import('./calendars/calendar-page.js').then((module) => module.CalendarPage));
const SandboxClockPage = onDemand(() =>
  import('./sandbox/sandbox-clock-page.js').then((module) => module.SandboxClockPage),
);
const OverdueBoard = onDemand(() => import('./workbench/overdue-board.js').then((module) => module.OverdueBoard));
// Statistics (ECharts) and print views load when opened: other pages do not carry them.
const StatisticsPage = onDemand(() => import('./reports/statistics-page.js').then((module) => module.StatisticsPage));
const AccountsPage = onDemand(() => import('./accounts/accounts-page.js').then((module) => module.AccountsPage));
const NotForRole = onDemand(() => import('./not-for-role.js').then((module) => module.NotForRole));
const NoSuchPage = onDemand(() => import('./not-for-role.js').then((module) => module.NoSuchPage));
const PrintPage = onDemand(() => import('./reports/print-page.js').then((module) => module.PrintPage));

/**
 * Pages that need a login show the login form in place until there is one; a page for some roles
 * only (`page`) tells anyone else so, instead of failing to load what the server will not give them.
 */
function Authenticated({ children, page }: { children: ReactNode; page?: PageName }) {
  const { me, ready, hasGroup } = useSession();
  const pages = usePageGroups(me !== undefined);
  if (!ready) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (me === undefined) return <LoginPage />;
  if (page === undefined || hasGroup(...pages.groups[page])) return children;
  // Not theirs by the fallback: the programmes' manifests, still loading, may say it is.
  return pages.ready ? <NotForRole /> : <Spin style={{ display: 'block', margin: 64 }} />;
}

function Localized({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const still = usePrefersReducedMotion();
  // The date pickers' month and weekday names are dayjs's (they read 2026年 Dec, Su Mo Tu in Chinese).
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      theme={still ? STILL_THEME : THEME}
      // antd spaces out a two-character label (登 录): a screen reader then spells it out.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** A page for signed-in users; `page` names the roles it is for (page-groups.ts). */
const signedIn = (element: ReactNode, page?: PageName) => (
  <Authenticated {...(page !== undefined && { page })}>{element}</Authenticated>
);

const ROUTES: RouteObject[] = [
  { path: '/', element: signedIn(<InboxPage />) },
  { path: '/cases/:id', element: signedIn(<CasePage />) },
  { path: '/cases/:id/print/:seq', element: signedIn(<PrintPage />) },
  { path: '/statistics', element: signedIn(<StatisticsPage />, 'statistics') },
  { path: '/notices', element: <NoticesPage /> },
  { path: '/overdue', element: signedIn(<OverdueBoard />, 'overdue') },
  { path: '/accounts', element: signedIn(<AccountsPage />, 'accounts') },
  { path: '/calendars', element: signedIn(<CalendarPage />, 'calendars') },
  { path: '/clock', element: signedIn(<SandboxClockPage />, 'clock') },
  { path: '/designer', element: signedIn(<DesignerHome />, 'designer') },
  { path: '/designer/:process/:version', element: signedIn(<VersionEditor />, 'designer') },
  { path: '*', element: <NoSuchPage /> },
];

function Pages() {
  return useRoutes(ROUTES);
}

function App() {
  return (
    <I18nProvider>
      <Localized>
        <SessionProvider>
          <BrowserRouter>
            <AppShell>
              <PageErrorBoundary>
                <Pages />
              </PageErrorBoundary>
            </AppShell>
          </BrowserRouter>
        </SessionProvider>
      </Localized>
    </I18nProvider>
  );
}

keepTabInDialogs();
openSelectsWithSpace();
toggleCollapsesWithSpace();
quietIcons();
nameNumberSteps();
const root = document.getElementById('root');
if (root !== null) {
  titleTabsByHeading(root);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
