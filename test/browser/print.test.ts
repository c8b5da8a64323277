import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../../engine/definitions/types.js';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { OpenPages, startServerAndBrowser } from './browser-setup.js';
import { browserAvailable } from './chromium.js';
import { DESKTOP, openPage, PHONE, screenshot } from './page-visit.js';
import { completeWithExample, PROCESS, SAMPLE_USERS, throughExpertEvaluation } from './sample-cases.js';
import type { WebServer } from './web-server.js';

const TODAY = '2025-04-02T10:00:00+08:00';
const INDICATORS = 'definitions/quality-brand-zone/2024-03-14/indicators.json';

interface Stored {
  seq: number;
  name: string;
  data?: unknown;
}

type Box = { top: number; bottom: number; left: number; right: number };
const boxOf = (locator: Locator): Promise<Box> =>
  locator.evaluate((element) => {
    const { top, bottom, left, right } = element.getBoundingClientRect();
    return { top, bottom, left, right };
  });

/** The form's own text, the print page's header and buttons aside. */
const documentText = async (page: Page) => (await page.locator('article.print-form').textContent()) ?? '';

describe.runIf(browserAvailable())('a submission’s print view reads as its read-back does', () => {
  let server: WebServer;
  let browser: Browser;
  let caseId: string;
  let submissions: Stored[];
  let titles: string[];
  /** park1's application returned by the province, park3's rejected (Art. 17), with the province's reasons. */
  const reviews = {
    return: {
      caseId: '',
      decision: '退回修改',
      comments: '创建目标未对标国内先进园区，指标基线数据缺少来源，请补充后重新提交。',
    },
    reject: { caseId: '', decision: '不予通过', comments: '园区近三年发生较大质量安全事故，不符合第七条规定。' },
  };
  const pages = new OpenPages('print');

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    await server.createUsers(SAMPLE_USERS);
    for (const [decision, park] of [
      ['return', 'P-001'],
      ['reject', 'P-003'],
    ] as const) {
      const user = `park${park.slice(-1)}`;
      const { id } = await server.ok<{ id: string }>('POST', '/api/cases', {
        as: user,
        body: { process: PROCESS, park, province: '320000' },
      });
      await completeWithExample(server, user, id, 'submitCreationApplication');
      await completeWithExample(server, 'province-js', id, 'provincialFeasibilityReview', {
        decision,
        comments: reviews[decision].comments,
      });
      reviews[decision].caseId = id;
    }
    caseId = await throughExpertEvaluation(server, 'park2', 'P-002', '云澜湖智能装备产业园区');
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

  const printOf = async (
    name: string,
    viewport: { width: number; height: number } = DESKTOP,
    of = { caseId, submissions },
  ) => {
    const seq = of.submissions.find((submission) => submission.name === name)?.seq;
    const path = `/cases/${encodeURIComponent(of.caseId)}/print/${String(seq)}`;
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

  it('in English the document stays Chinese, as official documents do (it read Case number and none beside Chinese fields); the way back and its button are English', async () => {
    const seq = submissions.find((submission) => submission.name === 'expertEvaluation')?.seq;
    const path = `/cases/${encodeURIComponent(caseId)}/print/${String(seq)}?lang=en`;
    const page = pages.keep(await openPage(browser, server, { path, user: 'samr', time: TODAY, viewport: DESKTOP }));
    const article = page.locator('article.print-form');
    await article.waitFor();
    expect(await article.getAttribute('lang')).toBe('zh-CN');
    const text = await documentText(page);
    expect(text).toContain('案件编号');
    expect(text).toContain('通过分数线 80 分');
    expect(text).not.toMatch(/Case number|Total|none|Attachments|Submitted/);
    await page.getByRole('button', { name: 'Print' }).waitFor();
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

  it('at 390 px the header table holds its cells and the case number reads on one line', async () => {
    const page = await printOf('submitAcceptanceApplication', PHONE);
    await screenshot(page, 'print-phone-header');
    const head = page.locator('table.print-form-head');
    const table = await boxOf(head);
    const cells = await head.locator('th, td').all();
    expect(cells.length).toBeGreaterThan(5);
    for (const cell of cells) {
      // The cell and its text (江苏省 stood right of the border, its cell a sliver).
      const text = await cell.evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const { top, bottom, left, right } = range.getBoundingClientRect();
        return { top, bottom, left, right };
      });
      for (const box of [await boxOf(cell), text]) {
        expect.soft(box.left).toBeGreaterThanOrEqual(table.left - 0.5);
        expect.soft(box.right).toBeLessThanOrEqual(table.right + 0.5);
      }
    }
    // One line box for the whole case number (it ran one character a line under its label).
    const number = head.locator('td', { hasText: caseId });
    const lines = await number.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
    });
    expect.soft(lines).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  }, 120_000);

  it.each(['return', 'reject'] as const)(
    'a %sed review prints its conclusion by its title and its reasons as written: no keys, no JSON, no ids',
    async (decision) => {
      const review = reviews[decision];
      const stored = await server.ok<Stored[]>('GET', `/api/cases/${encodeURIComponent(review.caseId)}/submissions`, {
        as: 'samr',
      });
      const page = await printOf('provincialFeasibilityReview', DESKTOP, {
        caseId: review.caseId,
        submissions: stored,
      });
      await screenshot(page, `print-review-${decision}`);
      const row = (label: string) =>
        page
          .locator('.print-form-fields > tbody > tr', { has: page.locator('th', { hasText: label }) })
          .locator('> td');
      expect.soft(await row('审核结论').textContent()).toBe(review.decision);
      expect.soft(await row('审核意见').textContent()).toBe(review.comments);
      const text = await documentText(page);
      // Neither the stored choice nor a task's code, a reference, a file id or a piece of JSON.
      expect.soft(text).not.toMatch(/\b(approve|return|reject)\b/);
      expect.soft(text).not.toMatch(/provincialFeasibilityReview|submitCreationApplication/);
      expect.soft(text).not.toMatch(/[{}[\]"]/);
      const submission = stored.find((item) => item.name === 'provincialFeasibilityReview');
      expect.soft(Object.keys(submission?.data as object).filter((key) => text.includes(key))).toEqual([]);
      // Who reviewed, by its group and region; the case by its number.
      expect.soft(text).toContain('省级市场监管部门');
      expect.soft(text).toContain(review.caseId);
    },
    120_000,
  );
});
