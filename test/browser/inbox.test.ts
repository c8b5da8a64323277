import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { REVIEW_DUE_REVISION } from '../support/task-due-revisions.js';
import { browserAvailable, launchChromium, stepScreenshot } from './chromium.js';
import { startWebServer, USER_PASSWORD, type WebServer } from './web-server.js';
import { ACCEPTANCE, completeWithExample, SAMPLE_USERS, throughCreation, walk } from './sample-cases.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import { accessibleDescription, twoChars } from './form-controls.js';
import { closeTab, PHONE, settled } from './page-visit.js';
import { newTab } from './tabs.js';

const PROCESS = 'quality-brand-zone';
const USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  park4: ['park:P-004'],
  js: ['province:320000', 'province-leading-group:320000'],
  samr: ['samr'],
};
const PARKS = { park1: '云澜湖智能装备产业园区', park2: '星河湾现代农业园区', park4: '青峰山文旅服务业园区' };

/** A poll with room for a loaded machine (the default second is not enough for a page's first load). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

const shot = (page: Page, name: string) => stepScreenshot(page, `inbox-${name}`);

describe.runIf(browserAvailable())('the inbox: search, filters, sort in the address; 催办 and notifications', () => {
  let server: WebServer;
  let browser: Browser;
  let fixture: Awaited<ReturnType<typeof definitionsWithRevisions>>;

  beforeAll(async () => {
    // A revision whose provincial review is due in 20 working days (the test's own target).
    fixture = await definitionsWithRevisions([REVIEW_DUE_REVISION]);
    for (const shared of ['calendars', 'directory'])
      await cp(join('definitions', shared), join(fixture.root, shared), { recursive: true });
    // One after the other: on a loaded machine the server starts faster without Chromium beside it.
    server = await startWebServer({ env: { DEFINITIONS_DIR: fixture.root } });
    browser = await launchChromium();
    await server.createUsers(USERS);
  }, 180_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
    await fixture.cleanup();
  });

  async function apply(park: keyof typeof PARKS): Promise<string> {
    const parkId = (USERS[park]?.[0] ?? '').slice('park:'.length);
    const view = await server.ok<CaseView>('POST', '/api/cases', {
      as: park,
      body: { process: PROCESS, park: parkId, province: '320000' },
    });
    await completeWithExample(server, park, view.id, 'submitCreationApplication', {
      parkType: 'industry',
      parkName: PARKS[park],
    });
    return view.id;
  }

  const pages: Page[] = [];
  afterEach(async () => {
    await Promise.all(pages.splice(0).map(closeTab));
  }, 30_000);

  async function loggedIn(
    username: string,
    time: string,
    path = '/',
    viewport: { width: number; height: number } = { width: 1440, height: 1000 },
  ): Promise<Page> {
    const page = await newTab(browser, { viewport, time });
    pages.push(page);
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(USER_PASSWORD);
    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    if (path !== '/') await page.goto(`${server.url}${path}`);
    return page;
  }

  const parkColumn = (page: Page) =>
    page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: '待办任务' }) })
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((row) => row.textContent));

  const order = async (page: Page) =>
    (await parkColumn(page)).map((text) => Object.values(PARKS).find((name) => text.includes(name)) ?? text);

  it('searches, filters (with counts) and sorts by due date, all kept in the address; SAMR reminds; the bell counts', async () => {
    const first = await apply('park1');
    const second = await apply('park2');
    await completeWithExample(server, 'js', second, 'provincialFeasibilityReview');
    await server.advanceTo('2024-04-10T09:00:00+08:00');
    await apply('park4');
    // 2024-04-30: the first review was due 04-29 (overdue); the third is due later; the leading
    // group's review has no due date.
    await server.advanceTo('2024-04-30T09:00:00+08:00');
    const now = '2024-04-30T09:00:00+08:00';

    const page = await loggedIn('js', now);
    page.setDefaultTimeout(60_000);
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await poll(() => order(page)).toEqual([PARKS.park1, PARKS.park4, PARKS.park2]);
    await poll(() => page.getByText(/已逾期 \(1\)/).count()).toBe(1);
    await poll(() => page.getByText(/逾期 1 个工作日/).count()).toBe(1);
    await shot(page, '1-sorted-by-due');
    // Two links named 可行性论证与遴选: each says, after its name, which park it is for (a screen
    // reader's list of links leaves the row out).
    const reviews = page.getByRole('link', { name: '可行性论证与遴选', exact: true });
    await poll(() => reviews.count()).toBe(2);
    expect(await accessibleDescription(reviews.first())).toContain(PARKS.park1);
    expect(await accessibleDescription(reviews.last())).toContain(PARKS.park4);

    await page.getByRole('checkbox', { name: /已逾期/ }).click();
    await poll(() => order(page)).toEqual([PARKS.park1]);
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('1');
    await page.reload();
    await poll(() => order(page)).toEqual([PARKS.park1]);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await poll(() => order(page)).toHaveLength(3);

    const search = page.getByLabel('搜索案件编号、园区或任务');
    await search.fill('青峰');
    // The button is named in words (antd's icon named it "search").
    await page.getByRole('button', { name: twoChars('搜索') }).click();
    await poll(() => order(page)).toEqual([PARKS.park4]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('青峰');
    // By the keyboard: Enter searches and leaves the focus in the box (the box was made again, and
    // the focus fell to the page's top: found by the walk).
    await search.fill('青');
    await search.press('Enter');
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe('青');
    expect(await search.evaluate((box) => box === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await poll(() => search.inputValue()).toBe('');

    await page.getByLabel('任务类型', { exact: true }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual([expect.stringMatching(/\(2\)$/), expect.stringMatching(/\(1\)$/)]);
    await options.filter({ hasText: '(1)' }).click();
    await poll(() => order(page)).toEqual([PARKS.park2]);
    expect(new URL(page.url()).searchParams.get('task')).toBe('provincialLeadingGroupReview');
    await shot(page, '2-filtered-by-task');
    await page.getByRole('button', { name: '清除筛选' }).click();

    // SAMR's overdue board: the overdue review first, in red; 催办 on it.
    const samr = await loggedIn('samr', now, '/overdue');
    samr.setDefaultTimeout(60_000);
    const rows = samr.locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(2);
    await poll(() => rows.first().getAttribute('class')).toMatch(/qbz-urgency-red/);
    // Who holds it, by name (never `province:320000`).
    await poll(() => rows.first().textContent()).toContain('省级市场监管部门 · 江苏省');
    await rows
      .first()
      .getByRole('button', { name: /催\s?办/ })
      .click();
    await samr.getByText('已催办').first().waitFor();
    await shot(samr, '3-overdue-board');

    // The reminder reaches the province's inbox on that task, and its bell counts it.
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => page.getByTestId('reminded').allTextContents(), { timeout: 30_000 })
      .toEqual([expect.stringContaining('已催办 × 1')]);
    const bell = page.getByRole('button', { name: /^通知 \(\d+\)$/ });
    // Four new tasks (the three parks' reviews, park2's leading-group review) and the reminder, less
    // park2's review, done: it stays in the list, saying so, but is not counted (the bell kept it); and
    // the deadline warnings: park1's review past its date, park4's five working days from it.
    await poll(() => bell.getAttribute('aria-label')).toBe('通知 (6)');
    // By keyboard: Enter on the bell takes the focus to the first notification, a link; Escape back.
    // The bell says it opens a dialog, and whether it is open; the panel is that dialog, named 通知.
    expect(await bell.getAttribute('aria-haspopup')).toBe('dialog');
    expect(await bell.getAttribute('aria-expanded')).toBe('false');
    await bell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: '通知' });
    const reminder = panel.getByRole('link', { name: /^催办：云澜湖/ });
    await reminder.waitFor();
    await poll(() => reminder.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    expect(await bell.getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
    // An unread one says so (it was bold only); its entries are no headings (each was an h4: a level skipped).
    expect(await accessibleDescription(reminder)).toBe('未读');
    expect(await panel.getByRole('heading').count()).toBe(0);
    // Named by the task's name in the diagram, not its code.
    await page
      .getByText(/^可行性论证与遴选 /)
      .first()
      .waitFor();
    expect(await page.getByText('provincialFeasibilityReview').count()).toBe(0);
    // The holder is told a deadline is near, or passed, with the date and the working days left.
    await panel.getByRole('link', { name: `临近办理期限：${PARKS.park4}` }).waitFor();
    await panel.getByText(/^可行性论证与遴选 · 截止 2024-05-10（剩 5 个工作日） · 2024-/).waitFor();
    await panel.getByRole('link', { name: `已超过办理期限：${PARKS.park1}` }).waitFor();
    await panel.getByText(/^可行性论证与遴选 · 截止 2024-04-29 · 2024-/).waitFor();
    expect(
      await page
        .locator('.ant-popover')
        .getByText(/ · 已不在待办中$/)
        .count(),
    ).toBe(1);
    await shot(page, '4-notifications');
    // On a phone the warnings' long lines wrap within the panel, and the panel stays within the screen.
    const phone = await loggedIn('js', now, '/', PHONE);
    await phone.getByRole('button', { name: /^通知 \(\d+\)$/ }).click();
    const phonePanel = phone.getByRole('dialog', { name: '通知' });
    await phonePanel.getByText(/^可行性论证与遴选 · 截止 2024-05-10（剩 5 个工作日） · 2024-/).waitFor();
    await poll(() =>
      phonePanel.evaluate((element) => {
        const { left, right } = element.getBoundingClientRect();
        return left >= 0 && right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth;
      }),
    ).toBe(true);
    // No date is split over two lines (a line broke at one's hyphen: 截止 2024-04-29 · 2024- / 04-30 09:00).
    const splitDates = await phonePanel.locator('.ant-typography').evaluateAll((lines) =>
      lines.flatMap((line) => {
        const split: string[] = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(/\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            if (new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size > 1)
              split.push(match[0]);
          }
        }
        return split;
      }),
    );
    expect(splitDates).toEqual([]);
    await phone.locator('.ant-popover:not(.ant-zoom-big)').waitFor();
    await stepScreenshot(phone, 'inbox-4a-notifications-phone', false);
    await page.keyboard.press('Escape');
    await poll(() => bell.evaluate((button) => button === document.activeElement)).toBe(true);
    // Tab past the popover's last control closes it and gives the bell the focus (it fell to the page).
    await page.keyboard.press('Enter');
    await poll(() => reminder.evaluate((link) => link === document.activeElement)).toBe(true);
    const markAll = page.getByRole('button', { name: '全部标为已读' });
    await markAll.focus();
    await page.keyboard.press('Tab');
    await poll(() => bell.evaluate((button) => button === document.activeElement)).toBe(true);
    await markAll.waitFor({ state: 'hidden' });
    // Opening the bell fetches the list; its answer, read before 全部标为已读 and held back here until
    // after the list fetched since, must not bring the count back (it said 通知 (4) again).
    let staleAnswered!: () => void;
    const staleDelivered = new Promise<void>((resolve) => (staleAnswered = resolve));
    await page.route(
      '**/api/notifications',
      async (route) => {
        const answer = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await route.fulfill({ response: answer });
        staleAnswered();
      },
      { times: 1 },
    );
    await bell.click();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await staleDelivered;
    await poll(() => bell.getAttribute('aria-label')).toBe('通知 (0)');
    await page.waitForTimeout(500);
    expect(await bell.getAttribute('aria-label')).toBe('通知 (0)');

    expect(first).not.toBe('');
  }, 300_000);

  it('says in Chinese when the server cannot be reached or answers with another\'s error page (fetch said "Failed to fetch")', async () => {
    const page = await loggedIn('js', '2024-04-30T09:00:00+08:00');
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    const inbox = page.getByRole('alert').filter({ hasText: /服务器/ });
    // No answer at all: the connection is gone.
    const reload = page.getByRole('button', { name: '刷新', exact: true });
    await page.route('**/api/tasks', (route) => route.abort('internetdisconnected'));
    await reload.click();
    await poll(() => inbox.first().innerText()).toContain('无法连接服务器，请检查网络后重试');
    // A proxy's page instead of the server's answer.
    await page.unroute('**/api/tasks');
    await page.route('**/api/tasks', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' }),
    );
    await reload.click();
    await poll(() => inbox.first().innerText()).toContain('服务器暂时无法处理（502），请稍后重试');
    expect(await page.getByText(/Failed to fetch|Bad Gateway/).count()).toBe(0);
  }, 120_000);

  it('opens a case with one history entry: one Back returns to the inbox with its filter (the link pushed twice)', async () => {
    const park = '白云峰高端制造产业园区';
    await server.createUsers({ park6: ['park:P-006'] });
    const view = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park6',
      body: { process: PROCESS, park: 'P-006', province: '320000' },
    });
    await completeWithExample(server, 'park6', view.id, 'submitCreationApplication', {
      parkType: 'industry',
      parkName: park,
    });
    const page = await loggedIn('js', '2024-04-30T09:00:00+08:00', `/?q=${encodeURIComponent(park)}`);
    page.setDefaultTimeout(60_000);
    const tasks = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: '待办任务' }) })
      .locator('tbody tr.ant-table-row');
    const entries = () => page.evaluate(() => history.length);
    const backToInbox = async () => {
      await page.goBack();
      await poll(() => new URL(page.url()).pathname).toBe('/');
      expect(new URL(page.url()).searchParams.get('q')).toBe(park);
      await poll(() => tasks.count()).toBe(1);
      expect(await page.getByLabel('搜索案件编号、园区或任务').inputValue()).toBe(park);
    };
    await poll(() => tasks.count()).toBe(1);
    const before = await entries();

    // The task's link, in a row that opens the case when clicked anywhere else.
    await tasks.first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: new RegExp(park) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${view.id}`);
    expect(await entries()).toBe(before + 1);
    await backToInbox();

    // The case's number in the list of cases; the forward entry is replaced, none added.
    await page.getByRole('link', { name: view.id, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(park) }).waitFor();
    expect(await entries()).toBe(before + 1);
    await backToInbox();
  }, 180_000);

  it('drops a task done in another tab once this tab is shown again (it stayed until 刷新)', async () => {
    const park = '紫金山新材料产业园区';
    await server.createUsers({ park7: ['park:P-007'] });
    const view = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park7',
      body: { process: PROCESS, park: 'P-007', province: '320000' },
    });
    const page = await loggedIn('park7', '2024-04-30T09:00:00+08:00');
    const tasks = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: '待办任务' }) })
      .locator('tbody tr.ant-table-row');
    await poll(() => tasks.count()).toBe(1);
    // Meanwhile, in another tab: the application is sent.
    await completeWithExample(server, 'park7', view.id, 'submitCreationApplication', {
      parkType: 'industry',
      parkName: park,
    });
    // The browser hides this tab and shows it again (headless Chromium keeps every tab visible).
    await page.evaluate(() => {
      for (const state of ['hidden', 'visible']) {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }
    });
    await poll(() => tasks.count()).toBe(0);
    expect(await page.getByText(park).count()).toBeGreaterThan(0);
    // The case's first notice came when it started, before any form named the park: it names the
    // park now, as the lists do (it said 新待办：P-007).
    await page.getByRole('button', { name: /^通知 \(\d+\)$/ }).click();
    await page.getByRole('link', { name: `新待办：${park}` }).waitFor();
    expect(await page.locator('.ant-popover').getByText('P-007').count()).toBe(0);
  }, 180_000);

  it('its tables are no live regions: a reload that changes the tasks is said once by a status beside them, a first load and an unchanged list not at all', async () => {
    await server.createUsers({ park8: ['park:P-008'] });
    const view = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park8',
      body: { process: PROCESS, park: 'P-008', province: '320000' },
    });
    const page = await loggedIn('park8', '2024-04-30T09:00:00+08:00');
    const card = (heading: string) =>
      page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: heading }) });
    const [tasks, cases] = [card('待办任务'), card('可查看的案件')];
    await poll(() => tasks.locator('tbody tr.ant-table-row').count()).toBe(1);
    await poll(() => cases.locator('tbody tr.ant-table-row').count()).toBe(1);
    // A case with no date ahead: 剩余工作日 says so as 下一期限 does (the cell was empty); then 规则版本.
    expect(
      await cases
        .locator('tbody tr.ant-table-row td')
        .evaluateAll((cells) => cells.slice(-3, -1).map((cell) => cell.textContent)),
    ).toEqual(['—', '—']);
    // antd's loading wrapper (aria-live=polite) held each whole table: every reload read every row again.
    expect(await page.locator('.ant-card [aria-live="polite"]').count()).toBe(0);
    // The page's first answer is no change.
    expect(await tasks.getByRole('status').textContent()).toBe('');
    expect(await cases.getByRole('status').textContent()).toBe('');
    // Meanwhile the application is sent (another tab); 刷新 shows the task gone, and says so once.
    await completeWithExample(server, 'park8', view.id, 'submitCreationApplication', {
      parkType: 'industry',
      parkName: '栖霞湾数字服务业园区',
    });
    await tasks.getByRole('button', { name: twoChars('刷新') }).click();
    await poll(() => tasks.getByRole('status').textContent()).toBe('待办任务已更新：共 0 项（减少 1）');
    expect(await tasks.locator('tbody tr.ant-table-row').count()).toBe(0);
    // The case is still applying, its next date now the province's review's (the revision's 20 working days).
    expect(await cases.getByRole('status').textContent()).toBe('案件列表已更新：共 1 件（变更 1）');
    expect(await page.locator('.ant-card [aria-live="polite"]').count()).toBe(0);
    // A reload that changes nothing says nothing new (the line keeps the last change, not said again).
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/tasks'));
    await tasks.getByRole('button', { name: twoChars('刷新') }).click();
    await answered;
    await settled(page);
    expect(await tasks.getByRole('status').textContent()).toBe('待办任务已更新：共 0 项（减少 1）');
  }, 180_000);

  it('says what a reload changed in the tasks the filter shows, and how many there are in all (it counted the hidden ones as shown)', async () => {
    const [shown, hidden] = ['紫霞湖数字经济产业园区', '碧波湾生物医药产业园区'];
    await server.createUsers({ park12: ['park:P-012'], park13: ['park:P-013'] });
    const cases: string[] = [];
    for (const [user, park, name] of [
      ['park12', 'P-012', shown],
      ['park13', 'P-013', hidden],
    ] as const) {
      const view = await server.ok<CaseView>('POST', '/api/cases', {
        as: user,
        body: { process: PROCESS, park, province: '320000' },
      });
      await completeWithExample(server, user, view.id, 'submitCreationApplication', {
        parkType: 'industry',
        parkName: name,
      });
      cases.push(view.id);
    }
    // The province's review of each.
    const open = await server.ok<TaskView[]>('GET', '/api/tasks', { as: 'js' });
    const reviews = cases.map((id) => open.find((task) => task.caseId === id)?.ref ?? '');
    const page = await loggedIn('js', '2024-04-30T09:00:00+08:00', `/?q=${encodeURIComponent(shown)}`);
    page.setDefaultTimeout(60_000);
    const tasks = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '待办任务' }) });
    await poll(() => tasks.locator('tbody tr.ant-table-row').count()).toBe(1);
    const said = await listenToStatus(tasks);
    // SAMR reminds the province of the task the search hides: what the reader sees is unchanged.
    await server.ok('POST', `/api/tasks/${reviews[1] ?? ''}/remind`, { as: 'samr', body: {} });
    await reload(page, tasks);
    expect(await said()).toEqual([]);
    // Then of the one it shows: said of the list shown, with how many there are in all.
    await server.ok('POST', `/api/tasks/${reviews[0] ?? ''}/remind`, { as: 'samr', body: {} });
    await reload(page, tasks);
    await poll(said).toEqual([`待办任务已更新：筛选后显示 1 项（变更 1），共 ${String(open.length)} 项`]);
  }, 180_000);

  it('says a change again when the next reload changes the tasks the same way (a live region keeps quiet about a text it already has), and nothing when nothing changed', async () => {
    await server.createUsers({ park11: ['park:P-011'] });
    const view = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park11',
      body: { process: PROCESS, park: 'P-011', province: '320000' },
    });
    const ref = view.openTasks[0]?.ref ?? '';
    const page = await loggedIn('park11', '2024-04-30T09:00:00+08:00');
    page.setDefaultTimeout(60_000);
    const tasks = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '待办任务' }) });
    await poll(() => tasks.locator('tbody tr.ant-table-row').count()).toBe(1);
    const said = await listenToStatus(tasks);
    // The province reminds the park twice: each reload changes the one task the same way.
    const line = '待办任务已更新：共 1 项（变更 1）';
    await server.ok('POST', `/api/tasks/${ref}/remind`, { as: 'js', body: {} });
    await reload(page, tasks);
    await poll(said).toEqual([line]);
    await server.ok('POST', `/api/tasks/${ref}/remind`, { as: 'js', body: {} });
    await reload(page, tasks);
    await poll(said).toEqual([line, line]);
    await reload(page, tasks);
    expect(await said()).toEqual([line, line]);
    expect(await tasks.getByRole('status').textContent()).toBe(line);
  }, 180_000);

  it("tells SAMR's three objection reviews of one notice apart: number, time received, opening words", async () => {
    await server.createUsers(OBJECTION_USERS);
    const caseId = await throughCreation(server, 'park5', 'P-005', '白鹭洲质量品牌园区');
    const { due, version } = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'park5' });
    const noticeDay = `${due.acceptanceOpens ?? ''}T09:00:00+08:00`;
    await server.advanceTo(noticeDay);
    await walk(server, caseId, 'park5', [...ACCEPTANCE, ['expert', 'expertEvaluation']]);
    const form = await server.ok<{ examples: unknown[] }>(
      'GET',
      `/api/definitions/${PROCESS}/${version}/forms/objection`,
    );
    // At one instant (the sandbox clock stands still): the time received alone cannot tell them apart.
    for (const statement of STATEMENTS)
      await server.ok('POST', `/api/public/notices/${caseId}/objections`, {
        body: { data: applyMergePatch(form.examples[0], { statement }) },
      });

    const samr = await loggedIn('samr', noticeDay);
    samr.setDefaultTimeout(60_000);
    const rows = samr
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: '白鹭洲质量品牌园区' })
      .filter({ hasText: '复核异议' });
    await poll(() => rows.count()).toBe(3);
    const labels = await rows.getByTestId('task-origin').allTextContents();
    expect(labels).toEqual(
      STATEMENTS.map((statement, index): unknown =>
        expect.stringMatching(
          new RegExp(
            // The receipt code its sender was given, so a code quoted on the telephone finds the review.
            `^公示异议书 第 ${index + 1} 件 · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 收到 · 回执编号 [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4} · “${statement.slice(0, 10)}`,
          ),
        ),
      ),
    );
    // Each row's link is described by its label (a screen reader hears which objection it opens).
    const described = await rows
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((link) => document.getElementById(link.getAttribute('aria-describedby') ?? '')?.textContent),
      );
    expect(described).toEqual(labels);
    await shot(samr, '5-objection-reviews');
  }, 300_000);
});

/**
 * What a card's status is given to say from now on: its text each time text is put into it (a node
 * added or a text changed; a screen reader says a live region's additions, and nothing for a text
 * set again unchanged, which is no change to the page at all).
 */
async function listenToStatus(card: Locator): Promise<() => Promise<string[]>> {
  const status = card.getByRole('status');
  await status.evaluate((region) => {
    const said: string[] = [];
    Object.assign(region, { said });
    new MutationObserver((records) => {
      const put = records.some((record) => record.type === 'characterData' || record.addedNodes.length > 0);
      if (put && region.textContent !== '') said.push(region.textContent);
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
  return () => status.evaluate((region) => [...(region as unknown as { said: string[] }).said]);
}

/** 刷新, waiting for its answer and for the page to have shown it. */
async function reload(page: Page, card: Locator): Promise<void> {
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/tasks'));
  await card.getByRole('button', { name: twoChars('刷新') }).click();
  await answered;
  await settled(page);
}

/** Who takes a case to its public notice beside the users above, and a fifth park with no case yet. */
const OBJECTION_USERS: Record<string, string[]> = Object.fromEntries(
  Object.entries(SAMPLE_USERS).filter(([name]) => !['park1', 'park2', 'samr', 'officer'].includes(name)),
);
OBJECTION_USERS.park5 = ['park:P-005'];
const STATEMENTS = [
  '园区内企业于2024年发生产品质量事故，造成较大经济损失，请予复核。',
  '园区申报材料中的品牌培育成效数据与统计年鉴不一致，请核实。',
  '园区所在地近期发生重大舆情事件，不宜认定为示范区。',
];
