import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './chromium.js';
import { closeTab, newTab } from './tabs.js';

describe.runIf(browserAvailable())('tabs kept between tests (tabs.ts)', () => {
  let browser: Browser;
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html');
      response.end('<title>any</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('hands the next test the same tab with nothing of the last one: storage, cookies, routes, media, other pages, size and clock its own', async () => {
    const first = await newTab(browser, { viewport: { width: 390, height: 844 }, time: '2024-04-01T09:00:00+08:00' });
    await first.goto(`${origin}/cases/1`);
    await first.evaluate(() => {
      sessionStorage.setItem('qbz.token', 'a session');
      localStorage.setItem('qbz.lang', 'en');
      document.cookie = 'kept=yes';
    });
    await first.route('**/routed', (route) => route.fulfill({ body: 'from the last test' }));
    await first.emulateMedia({ media: 'print' });
    const popup = await first.context().newPage();
    await closeTab(first);
    expect(popup.isClosed()).toBe(true);

    const second = await newTab(browser, { viewport: { width: 1440, height: 900 }, time: '2025-04-03T10:00:00+08:00' });
    expect(second).toBe(first);
    expect(new URL(second.url()).origin).toBe(origin);
    expect(
      await second.evaluate(() => ({
        session: sessionStorage.length,
        local: localStorage.length,
        cookie: document.cookie,
        print: matchMedia('print').matches,
        width: innerWidth,
        now: new Date().toISOString(),
      })),
    ).toEqual({ session: 0, local: 0, cookie: '', print: false, width: 1440, now: '2025-04-03T02:00:00.000Z' });
    await second.goto(`${origin}/routed`);
    expect(await second.title()).toBe('any');
    await closeTab(second);
  });

  it('gives a test that asks for two tabs at once two contexts (each its own clock), and another context for other settings', async () => {
    const park = await newTab(browser, { viewport: { width: 1440, height: 900 }, time: '2024-04-01T09:00:00+08:00' });
    const province = await newTab(browser, {
      viewport: { width: 1440, height: 900 },
      time: '2024-05-01T09:00:00+08:00',
    });
    expect(province.context()).not.toBe(park.context());
    const now = (page: typeof park) => page.evaluate(() => new Date().toISOString());
    expect([await now(park), await now(province)]).toEqual(['2024-04-01T01:00:00.000Z', '2024-05-01T01:00:00.000Z']);
    await Promise.all([closeTab(park), closeTab(province)]);
    const touch = await newTab(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    expect([park.context(), province.context()]).not.toContain(touch.context());
    await closeTab(touch);
  });
});
