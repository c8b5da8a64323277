// The page's script (index.html): tiny, so it runs at once. It starts the app (main.tsx: React, antd)
// and, beside it, the opened page's code and the API answers that page will ask for first, all at
// once, instead of one after the other once the app has started and checked the session (the case
// page waited for that, then for four rounds of API calls, before its form could show).
import { prefetch, storedToken } from './api/client.js';
import { startLanguage } from './i18n/chosen-language.js';

interface PageStart {
  path: RegExp;
  /** The page's code (and the code its first screen needs). */
  code: () => Promise<unknown>[];
  /** What the page asks the API for first, signed in, given the address's match. */
  api: (match: RegExpExecArray) => string[];
}

const casePath = (id: string, rest = '') => `/api/cases/${id}${rest}`;

const PAGES: PageStart[] = [
  {
    path: /^\/$/,
    code: () => [import('./workbench/inbox-page.js')],
    api: () => ['/api/tasks', '/api/cases', '/api/clock'],
  },
  {
    path: /^\/cases\/([^/]+)$/,
    // A case's open task is a form: the form renderer is needed before its schema is known.
    code: () => [import('./workbench/case-page.js'), import('./forms/schema-form.js')],
    // As case-data.ts loadCase asks, with the id encoded as it encodes it.
    api: ([, segment = '']) => {
      const id = encodeURIComponent(decodeURIComponent(segment));
      return [
        casePath(id),
        '/api/tasks',
        casePath(id, '/audit'),
        casePath(id, '/submissions'),
        casePath(id, '/diagram'),
        '/api/clock',
      ];
    },
  },
  { path: /^\/notices/, code: () => [import('./public/notices-page.js')], api: () => [] },
  { path: /^\/calendars/, code: () => [import('./calendars/calendar-page.js')], api: () => [] },
  { path: /^\/clock/, code: () => [import('./sandbox/sandbox-clock-page.js')], api: () => [] },
  { path: /^\/designer\/?$/, code: () => [import('./designer/designer-home.js')], api: () => [] },
  { path: /^\/designer\/[^/]+\/[^/]+/, code: () => [import('./designer/version-editor.js')], api: () => [] },
];

// The answers sent ahead are in the page's language (a case not found, in English, said so in Chinese).
startLanguage();

// Public (no sign-in): the header's and the tab's name of the app, on every page (public/programmes.ts).
prefetch(['/api/public/programmes']);

for (const page of PAGES) {
  const match = page.path.exec(window.location.pathname);
  if (match === null) continue;
  // A failed load is reported where the page is rendered (on-demand.tsx), which asks again.
  for (const loading of page.code()) loading.catch(() => undefined);
  if (storedToken() !== null) prefetch(['/api/me', ...page.api(match)]);
  break;
}

void import('./main.js');
