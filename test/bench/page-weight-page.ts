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

/** A case page is usable when the open task's form can be filled: its first field and its submit button. */
export async function caseReady(page: Page): Promise<void> {
  const form = page.locator('[data-task]').first();
  await form.locator('input, textarea').first().waitFor(WAIT);
  await form.locator('button[type="submit"]').first().waitFor(WAIT);
}
