import type { Browser, Page } from 'playwright-core';
import { failureScreenshot, launchChromium } from './chromium.js';
import { closeTab } from './tabs.js';
import { startWebServer, type WebServer, type WebServerOptions } from './web-server.js';

/**
 * The web server and Chromium, started side by side (each takes seconds on a busy machine). When one
 * fails, the other is stopped before the failure is thrown: nothing is left running.
 */
export async function startServerAndBrowser(
  options: WebServerOptions = {},
): Promise<{ server: WebServer; browser: Browser }> {
  const [started, launched] = await Promise.allSettled([startWebServer(options), launchChromium()]);
  if (started.status === 'fulfilled' && launched.status === 'fulfilled')
    return { server: started.value, browser: launched.value };
  if (started.status === 'fulfilled') await started.value.stop();
  if (launched.status === 'fulfilled') await launched.value.close();
  throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
}

/**
 * The pages a test opened: each given back after the test (`closeTab`), a failed test's saved as
 * screenshots first, named `<prefix>-<test>-<n>`.
 */
export class OpenPages {
  readonly #pages: Page[] = [];

  constructor(private readonly prefix: string) {}

  keep(page: Page): Page {
    this.#pages.push(page);
    return page;
  }

  async closeAll(test: { name: string; result?: { state: string } }): Promise<void> {
    for (const [index, page] of this.#pages.splice(0).entries()) {
      if (test.result?.state === 'fail')
        await failureScreenshot(page, `${this.prefix}-${test.name.slice(0, 24)}-${index}`);
      await closeTab(page);
    }
  }
}
