import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PLAYWRIGHT_DISABLED_FEATURES, browserAvailable, launchChromium } from './chromium.js';

/** The list Playwright passes as `--disable-features`, read from the installed playwright-core. */
async function playwrightsDisabledFeatures(): Promise<string[]> {
  const lib = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'lib');
  const bundle = await readFile(join(lib, 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([^\]]*)\]/.exec(bundle)?.[1];
  if (list === undefined) throw new Error('playwright-core no longer has a `disabledFeatures` list where it was');
  return [...list.matchAll(/^\s*"([^"]+)"/gm)].map((match) => match[1] ?? '');
}

describe.runIf(browserAvailable())('Chromium as the browser tests launch it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("keeps the features Playwright turns off turned off (ours replaces Playwright's list)", async () => {
    expect(PLAYWRIGHT_DISABLED_FEATURES).toEqual(await playwrightsDisabledFeatures());
  });

  it('opens a context without the address bar pop-ups (WebUI pages in a renderer of their own)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('data:text/html,<title>blank</title>');
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    expect(targetInfos.filter((target) => target.type !== 'page').map((target) => target.url)).toEqual([]);
    await context.close();
  });
});
