// What the page-weight bench and profile share: a signed-in cold page, and when a case page is usable.
import type { Browser, Page } from 'playwright-core';
import type { WebServer } from '../browser/web-server.js';

/** A long wait: a loaded machine may need it; the figure is the measured time, this only stops a hung run. */
export const WAIT = { timeout: 120_000 };

/** A fresh context (nothing cached) with `user` signed in, its page, and a CDP session on it (Performance on). */
export async function signedInPage(browser: Browser, server: WebServer, user: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((token) => {
    sessionStorage.setItem('qbz.token', token);
  }, server.token(user));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

/**
 * A case page is usable when the open task's form can be filled: its first field and its submit
 * button are there and shown. Checked in the page at every frame: a locator's wait retries from
 * outside at growing intervals (up to 500 ms apart), and the figure took that wait in as well.
 * (No named functions inside: tsx would wrap them in a helper the page does not have.)
 */
export async function caseReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [
        document.querySelector('[data-task] input, [data-task] textarea'),
        document.querySelector('[data-task] button[type="submit"]'),
      ].every((element) => element?.checkVisibility() === true),
    undefined,
    { polling: 'raf', ...WAIT },
  );
}

/** The inbox is usable when the case's link is shown (checked at every frame, as `caseReady`). */
export async function inboxReady(page: Page, caseId: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      Array.from(document.querySelectorAll('a')).some(
        (link) => link.textContent.trim() === id && link.checkVisibility(),
      ),
    caseId,
    { polling: 'raf', ...WAIT },
  );
}
