import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerAndBrowser } from './browser-setup.js';
import { browserAvailable } from './chromium.js';
import { closeTab, DESKTOP, openPage, PHONE, screenshot } from './page-visit.js';
import type { WebServer } from './web-server.js';

const TODAY = '2024-04-01T10:00:00+08:00';
/** An office laptop's screen. */
const LAPTOP = { width: 1280, height: 800 } as const;
/** The longest display name an admin may give (100 characters), one unbroken run as a pasted title is. */
const LONG = '园'.repeat(60) + 'QualityBrandZoneAdministration'.repeat(2).slice(0, 40);
/** 100 letters without a space: nowhere for the line to break. */
const LATIN = 'QualityBrandZoneAdministration'.repeat(4).slice(0, 100);
/** Markup is a name like any other: shown as typed, never run. */
const MARKUP = '<img src=x onerror="window.__ran=1">省局审核人';

/** Where an element's box ends on the right, in CSS px from the viewport's left. */
const rightOf = (locator: Locator): Promise<number> =>
  locator.evaluate((element) => element.getBoundingClientRect().right);

describe.runIf(browserAvailable())('a display name an admin gave, read back in the header', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    await server.createUsers({ longname: ['samr'], markup: ['samr'], latin: ['park:P-001'], 'admin-two': ['admin'] });
    for (const [username, displayName, organisation] of [
      ['longname', LONG, LONG],
      ['markup', MARKUP, MARKUP],
      ['latin', LATIN, LATIN],
    ]) {
      await server.ok('PATCH', `/api/users/${username}`, {
        token: server.adminToken,
        body: { displayName, organisation },
      });
    }
  }, 600_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  it('at 1440 px a 100-character name leaves the menu its pages and 退出 on the screen (it pushed both away)', async () => {
    expect(LONG).toHaveLength(100);
    const page = await openPage(browser, server, { path: '/', user: 'longname', time: TODAY, viewport: DESKTOP });
    try {
      const logout = page.getByRole('button', { name: '退出' });
      await logout.waitFor();
      await screenshot(page, 'hostile-names-long-header', false);
      expect(await rightOf(logout)).toBeLessThanOrEqual(DESKTOP.width);
      // The pages of SAMR's menu are in the header, not all under ··· (the name took their room).
      await expect(page.getByRole('menuitem', { name: '工作台' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('menuitem', { name: '统计' }).isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESKTOP.width);
      // The whole name is still there to read, on pointing at it.
      await expect(page.locator('.qbz-header .qbz-user').getAttribute('title')).resolves.toBe(LONG);
    } finally {
      await closeTab(page);
    }
  });

  it('at 390 px the drawer keeps the name within it, and 退出 under it', async () => {
    const page = await openPage(browser, server, {
      path: '/',
      user: 'longname',
      time: TODAY,
      viewport: PHONE,
      reducedMotion: 'reduce',
    });
    try {
      await page.getByRole('button', { name: '菜单' }).click();
      const logout = page.getByRole('button', { name: '退出' });
      await logout.waitFor();
      await screenshot(page, 'hostile-names-long-drawer', false);
      const drawer = await rightOf(page.locator('.ant-drawer-content-wrapper'));
      expect(await rightOf(page.locator('.qbz-account-drawer .qbz-user'))).toBeLessThanOrEqual(drawer + 0.5);
      expect(await rightOf(logout)).toBeLessThanOrEqual(drawer + 0.5);
    } finally {
      await closeTab(page);
    }
  });

  it('shows markup in a name as its text and runs none of it', async () => {
    const page = await openPage(browser, server, { path: '/', user: 'markup', time: TODAY, viewport: DESKTOP });
    try {
      await expect(page.locator('.qbz-header .qbz-user').textContent()).resolves.toBe(MARKUP);
      await expect(page.evaluate(() => (window as { __ran?: number }).__ran)).resolves.toBeUndefined();
    } finally {
      await closeTab(page);
    }
  });

  it('the account page wraps a 100-letter name and organisation in their column, 修改 within the card at 1280 px (it stood past it)', async () => {
    const page = await openPage(browser, server, {
      path: '/accounts',
      user: 'admin-two',
      time: TODAY,
      viewport: LAPTOP,
    });
    try {
      const edit = page.getByRole('button', { name: '修改：latin' });
      await edit.waitFor();
      await screenshot(page, 'hostile-names-accounts', true);
      // The card's content ends where its 新建账号 does; the table ran 16 px past it, into the padding.
      const content = await rightOf(page.getByRole('button', { name: '新建账号' }));
      expect(await rightOf(edit)).toBeLessThanOrEqual(content + 0.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LAPTOP.width);
      await expect(page.getByText(MARKUP, { exact: true }).first().isVisible()).resolves.toBe(true);
    } finally {
      await closeTab(page);
    }
  });
});
