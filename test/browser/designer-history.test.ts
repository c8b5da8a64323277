import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './chromium.js';
import { startDesignerServer, type DesignerServer } from './designer-server.js';
import { clickInDialog } from './form-controls.js';
import { signInTab } from './page-visit.js';

const PROCESS = 'quality-brand-zone';

/** A poll with room for a loaded machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

/**
 * The browser's Back from a draft once its edits are saved or left: the copy of the page that the
 * guard against leaving unsaved pushes must not make Back stay on the draft a step.
 */
describe.runIf(browserAvailable())('Back from a draft in the designer', () => {
  let server: DesignerServer;
  let browser: Browser;
  let page: Page;
  let draftPath: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDesignerServer(), launchChromium()]);
    await server.createUsers({ officer: ['policy-admin'] });
    const draft = await server.ok<{ id: string }>('POST', '/api/drafts', {
      as: 'officer',
      body: { process: PROCESS, from: '2024-03-14' },
    });
    draftPath = `/designer/${PROCESS}/draft:${encodeURIComponent(draft.id)}`;
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(60_000);
    await signInTab(page, server, 'officer');
  }, 240_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as DesignerServer | undefined)?.stop();
  });

  const pathname = () => decodeURIComponent(new URL(page.url()).pathname);

  /** From the list of versions, the draft opened by its link, a period changed (not saved yet). */
  async function openAndEdit(days: string): Promise<void> {
    await page.getByRole('link', { name: '打开' }).first().click();
    await poll(pathname).toBe(decodeURIComponent(draftPath));
    await page.getByRole('tab', { name: '期限' }).click();
    const amount = page.getByLabel('publicityMinWorkingDays · 取值 · 数量');
    await amount.fill(days);
    await amount.blur();
    await poll(() => page.locator('[data-words="publicityMinWorkingDays"]').textContent()).toBe(`${days} 个工作日`);
  }

  it('goes back to the versions at once after the edits are saved (the first Back stayed on the draft)', async () => {
    await page.goto(`${server.url}/designer`);
    await openAndEdit('7');
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();
    await page.goBack();
    await poll(pathname).toBe('/designer');
  }, 120_000);

  it('after leaving unsaved by a link, Back returns to the draft once, then to the versions', async () => {
    await page.goto(`${server.url}/designer`);
    await openAndEdit('8');
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    const leave = page.getByRole('dialog', { name: '有修改尚未保存，确定离开此页？' });
    await clickInDialog(page, leave.getByRole('button', { name: '放弃修改并离开' }));
    await poll(pathname).toBe('/designer');
    await page.goBack();
    await poll(pathname).toBe(decodeURIComponent(draftPath));
    await page.getByRole('tab', { name: '期限' }).waitFor();
    await page.goBack();
    await poll(pathname).toBe('/designer');
  }, 120_000);
});
