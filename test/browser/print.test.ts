import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../../engine/definitions/types.js';
import { attachmentIds } from '../../server/attachments.js';
import { OpenPages, startServerAndBrowser } from './browser-setup.js';
import { browserAvailable } from './chromium.js';
import { DESKTOP, openPage, screenshot } from './page-visit.js';
import { ACCEPTANCE, completeWithExample, SAMPLE_USERS, throughCreation, walk } from './sample-cases.js';
import type { WebServer } from './web-server.js';

const TODAY = '2025-04-02T10:00:00+08:00';
const INDICATORS = 'definitions/quality-brand-zone/2024-03-14/indicators.json';

interface Stored {
  seq: number;
  name: string;
  data?: unknown;
}

/** The form's own text, the print page's header and buttons aside. */
const documentText = async (page: Page) => (await page.locator('article.print-form').textContent()) ?? '';

describe.runIf(browserAvailable())('a submission’s print view reads as its read-back does', () => {
  let server: WebServer;
  let browser: Browser;
  let caseId: string;
  let submissions: Stored[];
  let titles: string[];
  const pages = new OpenPages('print');

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    await server.createUsers(SAMPLE_USERS);
    caseId = await throughCreation(server, 'park2', 'P-002', '云澜湖智能装备产业园区');
    await server.advanceTo('2025-04-02T09:00:00+08:00');
    await walk(server, caseId, 'park2', ACCEPTANCE);
    await completeWithExample(server, 'expert', caseId, 'expertEvaluation');
    submissions = await server.ok<Stored[]>('GET', `/api/cases/${encodeURIComponent(caseId)}/submissions`, {
      as: 'samr',
    });
    // The example application's park is industrial: the industrial park's indicators are scored.
    const indicators = JSON.parse(await readFile(INDICATORS, 'utf8')) as Indicators;
    titles = (indicators.variants.industry ?? []).map((indicator) => indicator.title);
  }, 600_000);
  afterEach(async (context) => {
    await pages.closeAll(context.task);
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  const printOf = async (name: string, viewport: { width: number; height: number } = DESKTOP) => {
    const seq = submissions.find((submission) => submission.name === name)?.seq;
    const path = `/cases/${encodeURIComponent(caseId)}/print/${String(seq)}`;
    const page = pages.keep(await openPage(browser, server, { path, user: 'samr', time: TODAY, viewport }));
    await page.locator('article.print-form').waitFor();
    return page;
  };

  it('the expert’s score sheet names each indicator with its score, the total against the pass mark, and 无 for no veto', async () => {
    const page = await printOf('expertEvaluation');
    await screenshot(page, 'print-expert-evaluation');
    const text = await documentText(page);
    expect(titles.length).toBeGreaterThan(5);
    expect.soft(titles.filter((title) => !text.includes(title))).toEqual([]);
    // It printed the stored keys: org-1：4；org-2：4；…
    expect.soft(text).not.toMatch(/[a-z]+-\d+[：:]/);
    expect.soft(text).toContain('合计');
    expect.soft(text).toContain('通过分数线 80 分');
    // No veto found reads as the read-back says it, not as a question left blank.
    const veto = page.locator('.print-form-fields > tbody > tr', { has: page.locator('th', { hasText: '否决项' }) });
    expect.soft(await veto.locator('> td').textContent()).toBe('无');
  }, 120_000);

  it('the acceptance application names each 佐证材料 file, lists it among the attachments, and shows no file id', async () => {
    const page = await printOf('submitAcceptanceApplication');
    const application = submissions.find((submission) => submission.name === 'submitAcceptanceApplication');
    const ids = [...attachmentIds(application?.data)];
    // The files' names come one by one from the server.
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'print-acceptance-application');
    const text = await documentText(page);
    expect(ids.length).toBeGreaterThan(3);
    // Each file once in the attachments list (a row's 佐证材料 were missing from it).
    expect.soft(await page.locator('.print-form-attachments li').count()).toBe(ids.length);
    expect.soft(ids.filter((id) => text.includes(id.slice(0, 12)))).toEqual([]);
    expect.soft(text).not.toContain('["');
    // Each 创建目标完成情况 row names its evidence by the file's name, as the read-back does.
    const evidence = page.locator('table.print-form-list:not(.print-form-scores) > tbody td:last-child');
    expect.soft(await evidence.count()).toBe(3);
    for (const cell of await evidence.all()) expect.soft(await cell.textContent()).toContain('example.pdf');
    expect.soft(titles.filter((title) => !text.includes(title))).toEqual([]);
    expect.soft(text).not.toMatch(/[a-z]+-\d+[：:]/);
  }, 120_000);
});
