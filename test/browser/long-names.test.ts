import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerAndBrowser } from './browser-setup.js';
import { browserAvailable } from './chromium.js';
import { closeTab, DESKTOP, openPage, PHONE, screenshot } from './page-visit.js';
import { completeWithExample, PROCESS, SAMPLE_USERS, throughExpertEvaluation, VERSION } from './sample-cases.js';
import type { WebServer } from './web-server.js';
import { tinyPdf } from '../support/tiny-pdf.js';

const TODAY = '2025-04-02T10:00:00+08:00';
/** As the public names its evidence: the document's whole title, one unbroken run of Chinese (about 150 characters). */
const NAME = `${'关于云澜湖智能装备产业园区存在重大质量事故隐瞒情况的举证材料'.repeat(5)}.pdf`;
/** A statement pasted without a space: a long run of letters and digits has no place to break either. */
const STATEMENT = `该园区企业产品抽检不合格，见https://example.cn/${'a1b2c3d4e5'.repeat(20)}，请予复核。`;

/** A province's comment of 2,000 characters, in paragraphs (a ministry's filled 25 lines of the history). */
const LONG_COMMENT = Array.from(
  { length: 20 },
  (_, index) => `第${String(index + 1)}条意见：${'创建方案中的指标需要细化并补充佐证材料。'.repeat(4)}`,
)
  .join('\n')
  .slice(0, 2000);
const START_P001 = { process: PROCESS, park: 'P-001', province: '320000' };

type Box = { left: number; right: number; width: number };
const boxOf = (locator: Locator): Promise<Box> =>
  locator.evaluate((element) => {
    const { left, right, width } = element.getBoundingClientRect();
    return { left, right, width };
  });

/** How far the page reaches sideways (the phone's width when nothing sticks out). */
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe.runIf(browserAvailable())('a long unbroken name or text read back (an objection’s evidence)', () => {
  let server: WebServer;
  let browser: Browser;
  let caseId: string;
  let returnedId: string;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    await server.createUsers(SAMPLE_USERS);
    caseId = await throughExpertEvaluation(server, 'park2', 'P-002', '云澜湖智能装备产业园区');
    // A return whose comment runs to the form's limit, and one of a line.
    returnedId = (await server.ok<{ id: string }>('POST', '/api/cases', { as: 'park1', body: START_P001 })).id;
    await completeWithExample(server, 'park1', returnedId, 'submitCreationApplication');
    await completeWithExample(server, 'province-js', returnedId, 'provincialFeasibilityReview', {
      decision: 'return',
      comments: LONG_COMMENT,
    });
    await completeWithExample(server, 'park1', returnedId, 'submitCreationApplication');
    await completeWithExample(server, 'province-js', returnedId, 'provincialFeasibilityReview', {
      decision: 'return',
      comments: '请补充创建方案。',
    });
    // The public's objection, its evidence uploaded as the public does, under the long name.
    const file = await server.ok<{ id: string }>('POST', '/api/public/attachments', {
      raw: tinyPdf(NAME),
      fileName: NAME,
    });
    const form = await server.ok<{ examples: { statement: string }[] }>(
      'GET',
      `/api/definitions/${PROCESS}/${VERSION}/forms/objection`,
    );
    const data = { ...form.examples[0], statement: STATEMENT, evidence: [file.id] };
    // Not by `ok`, which replaces the files the public cannot read with one named example.pdf.
    const sent = await server.call('POST', `/api/public/notices/${caseId}/objections`, { body: { data } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  }, 600_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  const path = () => `/cases/${encodeURIComponent(caseId)}`;

  it('at 1440 px SAMR’s objection review keeps the name in its column, clear of the review form, the labels a line wide', async () => {
    const page = await openPage(browser, server, { path: path(), user: 'samr', time: TODAY, viewport: DESKTOP });
    try {
      const task = page.locator('[data-task="samrObjectionReview"]');
      const document = task.locator('[data-under-review="objection"]');
      const link = document.getByRole('button', { name: `下载：${NAME}` });
      await link.waitFor();
      await link.scrollIntoViewIfNeeded();
      await screenshot(page, 'long-names-objection-review', false);
      const [name, column, form] = await Promise.all([
        boxOf(link),
        boxOf(document),
        boxOf(task.locator('form').first()),
      ]);
      // Within the objection's card (it ran 800 px past it), and left of the form (it ran under it).
      expect(name.right).toBeLessThanOrEqual(column.right + 0.5);
      expect(column.right).toBeLessThanOrEqual(form.left + 0.5);
      // Wrapped, not cut: the whole name is there to read, and a click anywhere on it downloads.
      expect(await link.textContent()).toBe(NAME);
      // 异议人, 异议内容, 书面举证材料: each at least four characters wide (they were one a line).
      const labels = await document
        .locator('.ant-descriptions-item-label')
        .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
      const fontSize = await document.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(labels.length).toBeGreaterThan(3);
      expect(Math.min(...labels)).toBeGreaterThanOrEqual(4 * fontSize);
      // The long statement too stays in its cell.
      const statement = await boxOf(document.getByText(STATEMENT));
      expect(statement.right).toBeLessThanOrEqual(column.right + 0.5);
    } finally {
      await closeTab(page);
    }
  }, 120_000);

  it('at 390 px the case page and its 查看提交内容 drawer fit the phone (they were 1,238 and 1,224 px wide)', async () => {
    const page = await openPage(browser, server, { path: path(), user: 'samr', time: TODAY, viewport: PHONE });
    try {
      await page
        .getByRole('button', { name: `下载：${NAME}` })
        .first()
        .waitFor();
      await screenshot(page, 'long-names-phone-case');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // The newest submission, the objection, is first in the history.
      await page.getByRole('button', { name: '查看提交内容' }).first().click();
      const drawer = page.locator('.ant-drawer .qbz-document');
      const link = drawer.getByRole('button', { name: `下载：${NAME}` });
      await link.waitFor();
      // Measured and pictured once it has slid in from the right edge.
      const slid = () => boxOf(page.locator('.ant-drawer-content-wrapper')).then((box) => Math.round(box.left));
      await expect.poll(slid).toBe(0);
      await screenshot(page, 'long-names-phone-drawer', false);
      const body = await boxOf(page.locator('.ant-drawer-body'));
      const inner = await page
        .locator('.ant-drawer-body')
        .evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
      expect(inner.scroll).toBeLessThanOrEqual(inner.client);
      expect((await boxOf(link)).right).toBeLessThanOrEqual(body.right + 0.5);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await closeTab(page);
    }
  }, 120_000);

  it('the history folds a long comment to its first lines until 展开全文 (2,000 characters filled 25 lines), a line-long one not', async () => {
    const visit = {
      path: `/cases/${encodeURIComponent(returnedId)}`,
      user: 'province-js',
      time: TODAY,
      viewport: DESKTOP,
    };
    const page = await openPage(browser, server, visit);
    try {
      const outcomes = page.locator('.ant-timeline [data-outcome="return"]');
      await expect.poll(() => outcomes.count()).toBe(2);
      // Newest first: the short one has nothing to unfold.
      const [short, long] = [outcomes.nth(0), outcomes.nth(1)];
      expect(await short.getByRole('button').count()).toBe(0);
      const comment = long.locator('.ant-typography').last();
      const lineHeight = await comment.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
      const foldedHeight = (await comment.boundingBox())?.height ?? 0;
      expect(foldedHeight).toBeLessThanOrEqual(lineHeight * 3 + 1);
      const unfold = long.getByRole('button', { name: '展开全文' });
      expect(await unfold.getAttribute('aria-expanded')).toBe('false');
      await unfold.click();
      const fold = long.getByRole('button', { name: '收起' });
      expect(await fold.getAttribute('aria-expanded')).toBe('true');
      expect((await comment.boundingBox())?.height ?? 0).toBeGreaterThan(lineHeight * 10);
      expect(await comment.textContent()).toContain(LONG_COMMENT.slice(-20));
      await fold.click();
      await long.getByRole('button', { name: '展开全文' }).waitFor();
    } finally {
      await closeTab(page);
    }
  }, 120_000);

  it('the objection’s print view lists the file within the page', async () => {
    const submissions = await server.ok<{ seq: number; name: string }[]>(
      'GET',
      `/api/cases/${encodeURIComponent(caseId)}/submissions`,
      { as: 'samr' },
    );
    const seq = submissions.find((submission) => submission.name === 'objection')?.seq;
    const visit = { path: `${path()}/print/${String(seq)}`, user: 'samr', time: TODAY, viewport: DESKTOP };
    const page = await openPage(browser, server, visit);
    try {
      const item = page.locator('.print-form-attachments li');
      await expect.poll(() => item.textContent()).toContain(NAME);
      await screenshot(page, 'long-names-print');
      const form = await boxOf(page.locator('article.print-form'));
      expect((await boxOf(item)).right).toBeLessThanOrEqual(form.right + 0.5);
      const statement = page.locator('.print-form td', { hasText: 'https://example.cn/' }).last();
      const cell = await statement.evaluate((element) => ({
        scroll: element.scrollWidth,
        client: element.clientWidth,
      }));
      expect(cell.scroll).toBeLessThanOrEqual(cell.client);
    } finally {
      await closeTab(page);
    }
  }, 120_000);
});
