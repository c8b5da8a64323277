import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../engine/audit/audit-chain.js';
import type { CaseView } from '../../engine/cases/case-view.js';
import { syntheticYear } from '../scenarios/script-builder.js';
import { browserAvailable, launchChromium, stepScreenshot, failureScreenshot } from './chromium.js';
import { ACCEPTANCE, CREATION, PROCESS, walk } from './sample-cases.js';
import { startWebServer, USER_PASSWORD, type WebServer } from './web-server.js';
import { closeTab, newTab } from './tabs.js';

const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;

const USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  'province-js': ['province:320000'],
  'group-js': ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  policy: ['policy-admin'],
  ...Object.fromEntries(MINISTRIES.map((ministry) => [ministry, [`ministry:${ministry}`]])),
};

/** The 2030 arrangement entered below: synthetic (the real notice does not exist yet). */
const HOLIDAYS_2030: [string, string][] = [
  ['2030-01-01', '2030-01-01'],
  ['2030-02-02', '2030-02-08'],
  ['2030-04-05', '2030-04-07'],
  ['2030-05-01', '2030-05-05'],
  ['2030-06-05', '2030-06-07'],
  ['2030-09-12', '2030-09-14'],
  ['2030-10-01', '2030-10-07'],
];

/** antd spaces out two-character Chinese button labels (发 布). */
const twoChars = (text: string) => new RegExp(`^${Array.from(text).join('\\s?')}$`);

const shot = (page: Page, name: string) => stepScreenshot(page, `calendar-${name}`);

/**
 * Policy staff enter next year's holiday arrangement in the calendar editor (README "Calendars"): a case
 * whose public notice reaches the year leaves its incident with the right date, and a correction moves
 * the date not yet reached, the case's history saying why. 2027–2029 are synthetic weekend-only years.
 */
describe.runIf(browserAvailable())('the calendar editor in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let definitions = '';
  let caseId = '';
  const pages: Page[] = [];

  beforeAll(async () => {
    definitions = await mkdtemp(join(tmpdir(), 'qbz-calendar-defs-'));
    await cp('definitions', definitions, { recursive: true });
    for (const year of [2027, 2028, 2029]) {
      const file = join(definitions, 'calendars', 'cn', `${year}.json`);
      await writeFile(file, `${JSON.stringify(syntheticYear(year), null, 2)}\n`);
    }
    const [started, launched] = await Promise.allSettled([
      startWebServer({ clockStart: '2028-12-18T09:00:00+08:00', env: { DEFINITIONS_DIR: definitions } }),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    await server.createUsers(USERS);
    caseId = (
      await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park1',
        body: { process: PROCESS, park: 'P-001', province: '320000' },
      })
    ).id;
    await walk(server, caseId, 'park1', CREATION);
    // The notice opens Thu 2029-12-27: its five working days reach 2030, which has no calendar yet.
    await server.advanceTo('2029-12-27T09:00:00+08:00');
    await walk(server, caseId, 'park1', [...ACCEPTANCE, ['expert', 'expertEvaluation']]);
  }, 240_000);

  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
    await rm(definitions, { recursive: true, force: true });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      for (const [index, page] of pages.entries()) await failureScreenshot(page, `calendar-failed-${index}`);
    await Promise.all(pages.splice(0).map(closeTab));
  }, 30_000);

  async function loggedIn(username: string, path = '/'): Promise<Page> {
    const page = await newTab(browser, { viewport: { width: 1440, height: 1000 }, time: '2029-12-27T10:00:00+08:00' });
    pages.push(page);
    page.on('pageerror', (error) => {
      console.error(`page error: ${error.message}`);
    });
    await page.goto(`${server.url}${path}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(USER_PASSWORD);
    await page.getByRole('button', { name: twoChars('登录') }).click();
    return page;
  }

  const caseNow = () => server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });

  it('enters 2030 from the workbench warning; the waiting case leaves its incident with the right date', async () => {
    let view = await caseNow();
    expect(view.incidents).toContainEqual(expect.objectContaining({ kind: 'calendar-missing', year: 2030 }));
    expect(view.due.publicityEnds).toBeUndefined();

    // The case says what it waits for and who acts, in Chinese (it showed the engine's English words).
    const samr = await loggedIn('samr', `/cases/${encodeURIComponent(caseId)}`);
    const incident = samr.getByRole('alert').filter({ hasText: '缺少日历数据' });
    await expect
      .poll(() => incident.innerText())
      .toContain(
        '2030 年的节假日安排尚未录入，此期限暂无法按工作日计算。日历维护人员在「节假日安排」页录入该年安排后，本案件自动继续',
      );
    expect(await incident.innerText()).not.toMatch(/[A-Za-z]{4,}/);
    // The public notice says its end is not fixed yet (it read 「2029-12-27 — —」), and how many
    // working days it runs (Art. 22; it said only from when).
    await samr.goto(`${server.url}/notices`);
    await samr
      .locator(`[data-notice="${caseId}"]`)
      .getByText(/^自 \d{4}-\d{2}-\d{2} 起公示5个工作日，截止日期待定：该年节假日安排公布后按工作日确定/)
      .waitFor();

    const page = await loggedIn('policy');
    await page.getByText('2030年节假日安排尚未录入').first().waitFor();
    await page.getByRole('link', { name: '去录入' }).click();
    await page.getByRole('button', { name: '录入新年份' }).click();
    await page.getByText('录入 2030 年节假日安排').waitFor();
    expect(await page.getByLabel('年份').inputValue()).toBe('2030');
    await page.getByLabel('文号').fill('国办发明电〔2029〕99号');
    // A notice dated after today (the sandbox's 2029-12-27) is a mistyped date.
    await page.getByLabel('发布日期').fill('2030-01-15');
    await page.getByLabel('通知网址').fill('https://example.gov.cn/2030-holidays');
    for (const [index, [from, to]] of HOLIDAYS_2030.entries()) {
      await page.getByLabel(`第${index + 1}段假期 开始日期`).fill(from);
      await page.getByLabel(`第${index + 1}段假期 结束日期`).fill(to);
    }
    // A make-up day on a Monday is refused, in Chinese, naming the day.
    await page.getByRole('button', { name: '添加调休上班日' }).click();
    await page.getByLabel('第1个调休上班日 日期').fill('2030-02-11');
    await page.getByLabel('第1个调休上班日 节日名称').fill('春节');
    // Each problem is marked at its field and said with it; the focus goes to the first one.
    const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    const saidAt = (label: string) =>
      page.getByLabel(label).evaluate((field) =>
        (field.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    await page.getByRole('button', { name: twoChars('发布') }).click();
    await expect.poll(focusedLabel).toBe('发布日期');
    expect(await page.getByLabel('发布日期').getAttribute('aria-invalid')).toBe('true');
    expect(await saidAt('发布日期')).toContain('「发布日期」2030-01-15 晚于今天（2029-12-27）');
    expect(await saidAt('第1个调休上班日 日期')).toContain('2030-02-11 是工作日，调休上班日应在周六或周日');
    expect(await page.getByLabel('通知网址').getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('发布日期').fill('2029-11-20');
    await page.getByRole('button', { name: twoChars('发布') }).click();
    await expect.poll(focusedLabel).toBe('第1个调休上班日 日期');
    expect(await page.getByLabel('发布日期').getAttribute('aria-invalid')).toBeNull();
    await page
      .getByTestId('calendar-errors')
      .getByText('2030-02-11 是工作日，调休上班日应在周六或周日', { exact: false })
      .waitFor();
    await page.getByLabel('第1个调休上班日 日期').fill('2030-02-09');

    // The month grid shows the holidays (休), the make-up day (班) and plain weekends.
    expect(await page.locator('[data-date="2030-01-01"]').getAttribute('data-kind')).toBe('holiday');
    expect(await page.locator('[data-date="2030-02-09"]').getAttribute('data-kind')).toBe('workday');
    expect(await page.locator('[data-date="2030-01-05"]').getAttribute('data-kind')).toBe('rest');
    expect(await page.locator('[data-date="2030-01-02"]').getAttribute('data-kind')).toBe('weekday');
    await shot(page, 'editor-2030');

    await page.getByRole('button', { name: twoChars('发布') }).click();
    await page.getByText('2030 年节假日安排已发布（第 1 版）', { exact: false }).waitFor();
    await page.getByRole('cell', { name: '国办发明电〔2029〕99号' }).waitFor();

    // Published Thu 2029-12-27: Fri 28, Mon 31, (元旦 Tue 1), Wed 2, Thu 3, Fri 4.
    view = await caseNow();
    expect(view.incidents).toEqual([]);
    expect(view.due.publicityEnds).toBe('2030-01-04');
    expect((await server.ok<{ calendarsMissing?: unknown }>('GET', '/api/health')).calendarsMissing).toBeUndefined();
  }, 120_000);

  it('corrects 2030 as revision 2: the notice end not yet reached moves, and the case history says why', async () => {
    const page = await loggedIn('policy', '/calendars');
    const row = page.getByRole('row', { name: /国办发明电〔2029〕99号/ });
    await row.getByRole('button', { name: twoChars('更正') }).click();
    await page.getByText('更正 2030 年节假日安排（将成为第 2 版）').waitFor();
    await page.getByLabel('第1段假期 结束日期').fill('2030-01-03');
    await page.getByRole('button', { name: '添加调休上班日' }).click();
    await page.getByLabel('第2个调休上班日 日期').fill('2030-01-05');
    await page.getByLabel('第2个调休上班日 节日名称').fill('元旦');
    await page.getByRole('button', { name: twoChars('发布') }).click();
    await page.getByText('2030 年节假日安排已发布（第 2 版）', { exact: false }).waitFor();

    // Fri 28, Mon 31, (元旦 1–3), Fri 4, Sat 5 (调休), Mon 7.
    const view = await caseNow();
    expect(view.due.publicityEnds).toBe('2030-01-07');
    const audit = await server.ok<AuditEntry[]>('GET', `/api/cases/${caseId}/audit`, { as: 'admin' });
    expect(audit.at(-1)).toMatchObject({
      type: 'due.rederived',
      details: { due: 'publicityEnds', from: '2030-01-04', to: '2030-01-07', revision: 2 },
    });

    const casePage = await loggedIn('samr', `/cases/${caseId}`);
    await casePage.getByText(/节假日安排更正（第2版）.*2030-01-04 改为 2030-01-07/).waitFor();
    await shot(casePage, 'case-rederived');
  }, 120_000);

  it('in English, says the problems of an entry in English, a day that is no day as such (they were all Chinese)', async () => {
    const page = await loggedIn('policy', '/calendars');
    await page.getByRole('button', { name: twoChars('退出') }).waitFor();
    await page.goto(`${server.url}/calendars?lang=en`);
    // By keyboard, the editor takes the focus at its heading (it fell to the page with the button).
    const enter = page.getByRole('button', { name: 'Enter a new year' });
    // Enabled once the years are listed (it proposes the first year missing).
    await expect.poll(() => enter.isEnabled()).toBe(true);
    await enter.focus();
    await page.keyboard.press('Enter');
    // 2030, or 2031 once the tests above published 2030.
    const heading = page.getByRole('heading', { name: /^Enter the \d{4} arrangement$/ });
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
    const year = /\d{4}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    // The preview heads its months by name (Month 2 read as a count).
    expect(await page.getByTestId('month-2').locator('caption').textContent()).toBe('February');
    const february = new Date(Date.UTC(Number(year), 2, 0)).getUTCDate();
    await page.getByLabel('Block 2 From').fill(`${year}-02-20`);
    await page.getByLabel('Block 2 To').fill(`${year}-02-30`);
    await page.getByRole('button', { name: 'Publish' }).click();
    const list = page.getByText('Fix these before publishing').locator('..').locator('..');
    await list.getByText(`“Block 2 To” ${year}-02-30 is no day: month 2 of ${year} has ${february} days`).waitFor();
    // The first field at fault has the focus (the notice's document number, empty).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('calendar-entry-notice-number');
    // Chinese only where it is a name (a document number's example, 国办发明电〔2025〕7号).
    expect(await list.textContent()).not.toMatch(/应为|不能|不存在|段假期|调休/);
    // Cancelled by keyboard, the list's heading has it back.
    await page.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    const listHeading = page.getByRole('heading', { name: 'Holiday calendar' });
    await expect.poll(() => listHeading.evaluate((element) => element === document.activeElement)).toBe(true);
  }, 120_000);
});
