import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What a browser context fixes for its pages. Tabs of a browser are kept for the next test that asks
 * for the same; the viewport and the clock are set on each tab as it is handed out.
 */
export interface TabOptions {
  viewport: { width: number; height: number };
  /** The browser's clock, fixed at this instant (the sandbox's day). */
  time?: string;
  /** The browser's clock, running from this instant (timers faked: `clock.install`). */
  runningFrom?: string;
  locale?: string;
  timezoneId?: string;
  reducedMotion?: 'reduce' | 'no-preference';
  /** Lets the test inject a script (axe-core) past the server's Content-Security-Policy. */
  bypassCSP?: boolean;
  hasTouch?: boolean;
  isMobile?: boolean;
}

interface Tab {
  readonly key: string;
  readonly context: BrowserContext;
  readonly page: Page;
  inUse: boolean;
}

const tabsOf = new WeakMap<Browser, Tab[]>();

/** The tabs' default: a Chinese-speaking person (the time zone is the machine's unless given). */
const DEFAULTS = { locale: 'zh-CN' } as const;

/** A clock set cannot be taken off a context again: a tab with one is kept for tests that set theirs so. */
function contextOptionsOf({ viewport: _viewport, time, runningFrom, ...rest }: TabOptions) {
  const clock = time !== undefined ? 'fixed' : runningFrom !== undefined ? 'running' : 'machine';
  return { key: { ...DEFAULTS, ...rest, clock }, options: { ...DEFAULTS, ...rest } };
}

/**
 * A tab of its own for a test: one kept from an earlier test when its context fits, else a new
 * context and page. A new context is a new renderer process that compiles the web app afresh: about
 * half of what opening a page cost (a case page: 5.2 s in a new context, 2.6 s in a kept tab, two
 * busy cores; phone.test.ts 218 s → 127 s on a quiet machine). A kept tab holds only its process,
 * HTTP cache and history: its storage and cookies are cleared as it is given back, with what else the
 * last test left on it (`closeTab`). A context holds one tab in use at a time, so each test's tab has
 * its own clock.
 */
export async function newTab(browser: Browser, options: TabOptions): Promise<Page> {
  const tabs = tabsOf.get(browser) ?? [];
  tabsOf.set(browser, tabs);
  const { key: fits, options: contextOptions } = contextOptionsOf(options);
  const key = JSON.stringify(fits);
  let tab = tabs.find((candidate) => !candidate.inUse && candidate.key === key);
  if (tab === undefined) {
    const context = await browser.newContext({ ...contextOptions, viewport: options.viewport });
    if (options.runningFrom !== undefined) await context.clock.install({ time: options.runningFrom });
    const created: Tab = { key, context, page: await context.newPage(), inUse: true };
    context.on('close', () => {
      const index = tabs.indexOf(created);
      if (index >= 0) tabs.splice(index, 1);
    });
    tabs.push(created);
    tab = created;
  } else {
    tab.inUse = true;
    await tab.page.setViewportSize(options.viewport);
    if (options.runningFrom !== undefined) await tab.context.clock.setSystemTime(options.runningFrom);
  }
  if (options.time !== undefined) await tab.context.clock.setFixedTime(options.time);
  return tab.page;
}

/**
 * Gives a tab back for the next test: the pages it opened closed, its routes, listeners, headers and
 * emulated media undone, and the web app stopped by leaving for a plain answer of the same server (the
 * same site, so the renderer is kept), where its storage and cookies are cleared: no session, no
 * language chosen, no unsent form. A tab that cannot be put back so is closed with its context; a
 * page not handed out by `newTab` is closed with its context, as before, or alone if it was opened in
 * a kept tab's context.
 */
export async function closeTab(page: Page): Promise<void> {
  const tabs = tabsOfPage(page) ?? [];
  const tab = tabs.find((candidate) => candidate.page === page);
  if (tab === undefined) {
    // Another page of a kept tab's context (a second tab the test opened in it) goes alone.
    if (tabs.some((candidate) => candidate.context === page.context())) await page.close();
    else await page.context().close();
    return;
  }
  try {
    await Promise.all(
      tab.context
        .pages()
        .filter((other) => other !== page)
        .map((other) => other.close()),
    );
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    page.removeAllListeners();
    await page.emulateMedia({ media: null, colorScheme: null, reducedMotion: null, forcedColors: null });
    await tab.context.setExtraHTTPHeaders({});
    await tab.context.clearCookies();
    const { origin } = new URL(page.url());
    if (origin.startsWith('http')) {
      // Leaving unsaved work asks to confirm (beforeunload): the next test has not asked to stay.
      page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
      await page.goto(`${origin}/api/health`, { timeout: 10_000 });
      page.removeAllListeners('dialog');
      await page.evaluate(() => {
        sessionStorage.clear();
        localStorage.clear();
      });
    }
    tab.inUse = false;
  } catch {
    await tab.context.close().catch(() => undefined);
  }
}

function tabsOfPage(page: Page): Tab[] | undefined {
  const browser = page.context().browser();
  return browser === null ? undefined : tabsOf.get(browser);
}
