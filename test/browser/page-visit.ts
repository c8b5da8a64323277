import type { Browser, Page } from 'playwright-core';
import { newTab } from './tabs.js';
import { USER_PASSWORD, type WebServer } from './web-server.js';

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 900 } as const;

export interface Visit {
  path: string;
  /** Signed in as this user (created with USER_PASSWORD); anonymous when absent. */
  user?: string;
  viewport?: { width: number; height: number };
  /** The browser's clock (the sandbox's day), e.g. 2025-04-03T10:00:00+08:00. */
  time: string;
  /** Lets the test inject a script (axe-core) past the server's Content-Security-Policy. */
  injectScripts?: boolean;
  /** The system's motion setting (default: reduced, see launchChromium). */
  reducedMotion?: 'reduce' | 'no-preference';
  /**
   * Done to the tab before the page loads, e.g. an API answer faked (`page.route`): set after, it
   * needed a second load. A route turns Playwright's HTTP cache off, so the load fetches the app afresh.
   */
  before?: (page: Page) => Promise<unknown>;
}

async function signIn(server: WebServer, username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Leaves `page` signed in as `username` (with `password`, USER_PASSWORD unless given) the way the
 * login form leaves a tab (the session's token in the tab's sessionStorage), without loading the app
 * to fill in that form: the next `goto` opens the page wanted, signed in. For tests about something
 * else than signing in; the login form is the subject of workbench.test.ts (and the files that still
 * sign in through it). The tab stands on a small API answer of the server's origin meanwhile,
 * sessionStorage being the origin's.
 */
export async function signInTab(
  page: Page,
  server: WebServer,
  username: string,
  password = USER_PASSWORD,
): Promise<void> {
  const token = await signIn(server, username, password);
  await page.goto(`${server.url}/api/health`);
  await page.evaluate((value) => {
    sessionStorage.setItem('qbz.token', value);
  }, token);
}

/**
 * Opens a page in a tab of its own (`newTab`: kept from an earlier test when it fits) and waits until
 * it has settled: its own content is there, nothing is loading any more (spinners gone), and a
 * diagram, if any, is drawn. Give it back with `closeTab`.
 */
export async function openPage(browser: Browser, server: WebServer, visit: Visit): Promise<Page> {
  const page = await newTab(browser, {
    viewport: visit.viewport ?? DESKTOP,
    time: visit.time,
    timezoneId: 'Asia/Shanghai',
    ...(visit.injectScripts === true && { bypassCSP: true }),
    ...(visit.reducedMotion !== undefined && { reducedMotion: visit.reducedMotion }),
  });
  if (visit.user !== undefined) await signInTab(page, server, visit.user);
  trackRequests(page);
  page.on('pageerror', (error) => {
    console.error(`page error on ${visit.path}: ${error.message}`);
  });
  await visit.before?.(page);
  await page.goto(`${server.url}${visit.path}`);
  await settled(page);
  return page;
}

/** The requests a page opened by `openPage` has under way, and when that number last changed. */
const requestsOf = new WeakMap<Page, { underWay: number; changedAt: number }>();

function trackRequests(page: Page): void {
  const requests = { underWay: 0, changedAt: Date.now() };
  requestsOf.set(page, requests);
  const change = (by: number) => () => {
    requests.underWay += by;
    requests.changedAt = Date.now();
  };
  page.on('request', change(1));
  page.on('requestfinished', change(-1));
  page.on('requestfailed', change(-1));
}

/**
 * Until the page has had no request under way for a moment (what the app asks for next, it asks
 * for within a frame of an answer). Playwright's `networkidle` waits out a fixed 500 ms of quiet on
 * every visit; a page not opened by `openPage` still gets it, its requests so far being unknown.
 */
async function requestsDone(page: Page): Promise<void> {
  const requests = requestsOf.get(page);
  if (requests === undefined) return page.waitForLoadState('networkidle');
  const quietMs = 150;
  for (const started = Date.now(); Date.now() - started < 30_000;) {
    if (requests.underWay === 0 && Date.now() - requests.changedAt >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${page.url()}: ${requests.underWay} requests still under way after 30 s`);
}

export async function settled(page: Page): Promise<void> {
  await page.locator('#root main, #root form').first().waitFor();
  await requestsDone(page);
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning').length === 0);
  if ((await page.getByTestId('case-diagram').count()) > 0)
    await page.getByTestId('case-diagram').locator('.djs-element').first().waitFor();
  // Let entrance animations (antd's motion) finish before anything is measured: at once for a person
  // who asked for reduced motion, who sees none (a spinner's endless turn is not waited for).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
}

/** How far the page reaches past the viewport, and the widest element that does (for the message). */
export const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const widest = Array.from(document.querySelectorAll('body *'))
      .map((element) => ({ element, right: element.getBoundingClientRect().right }))
      .filter(({ right }) => right > width + 0.5)
      .sort((a, b) => b.right - a.right)[0];
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      widest: widest === undefined ? '' : `${widest.element.tagName}.${widest.element.getAttribute('class') ?? ''}`,
    };
  });

export { stepScreenshot as screenshot } from './chromium.js';
export { closeTab } from './tabs.js';
