import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { bothProgrammesRoot, countyBrandRoot } from '../support/definitions-fixture.js';
import { OpenPages, startServerAndBrowser } from './browser-setup.js';
import { browserAvailable } from './chromium.js';
import { choose, clickInDialog, dialogsSettled, pickDate, twoChars } from './form-controls.js';
import { openPage, overflow, PHONE, screenshot, settled, type Visit } from './page-visit.js';
import type { WebServer } from './web-server.js';

// Another 创建示范 programme is files, not code (README, "Other programmes"): the workbench on a server
// running only test/programmes/county-brand — counties in cities, none of the first programme's words.
// Its subject and region are `county` and `city` (申报县, 设区的市; cities from its own directory).

const START = '2025-07-01T09:00:00+08:00';
/** A city's return comment as one is written: a document number, and an address that has no place to break. */
const RETURN_COMMENT =
  '申报材料中创建方案的目标指标与《杭州市质量强市建设实施方案》（杭质强〔2025〕3号）不一致，请修改后重新报送。\n对照文件见 https://scjg.hangzhou.gov.cn/art/2025/6/30/art_1229000001_59012345.html';

describe.runIf(browserAvailable())('the workbench on another programme (county-brand)', () => {
  let server: WebServer;
  let browser: Browser | undefined;
  let definitions: Awaited<ReturnType<typeof countyBrandRoot>> | undefined;
  let caseId: string;
  const pages = new OpenPages('other-programme');

  beforeAll(async () => {
    definitions = await countyBrandRoot();
    ({ server, browser } = await startServerAndBrowser({
      clockStart: START,
      env: { DEFINITIONS_DIR: definitions.root },
    }));
    await server.createUsers({
      county: ['county:C-001'],
      county2: ['county:C-002'],
      county6: ['county:C-006'],
      city: ['city:330100'],
      bureau: ['bureau'],
      officer: ['admin'],
    });
    // A county's account names its city (the programme's region), as a park's names its province.
    await server.ok('PATCH', '/api/users/county', { as: 'admin', body: { region: '330100' } });
    await server.ok('PATCH', '/api/users/county2', { as: 'admin', body: { region: '330200' } });
    await server.ok('PATCH', '/api/users/county6', { as: 'admin', body: { region: '330100' } });
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'county',
      body: { process: 'county-brand', subject: 'C-001', region: '330100' },
    });
    caseId = started.id;
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await (server as WebServer | undefined)?.stop();
    await definitions?.cleanup();
  });
  afterEach(async (context) => {
    await pages.closeAll(context.task);
  });

  const open = async (visit: Omit<Visit, 'time'>) =>
    pages.keep(await openPage(browser as Browser, server, { ...visit, time: START }));
  /** Sends `user`'s open `taskId` on case `id` with its form's example, changed by `patch`. */
  const complete = async (id: string, user: string, taskId: string, patch: Record<string, unknown> = {}) => {
    const view = await server.ok<CaseView>('GET', `/api/cases/${encodeURIComponent(id)}`, { as: user });
    const task = view.openTasks.find((item) => item.taskId === taskId);
    if (task === undefined) throw new Error(`no open ${taskId}`);
    const form = `/api/definitions/county-brand/2025-07-01/forms/${task.formKey}`;
    const schema = await server.ok<{ examples: Record<string, unknown>[] }>('GET', form, { as: user });
    const data = { ...schema.examples[0], ...patch };
    await server.ok('POST', `/api/tasks/${task.ref}/complete`, { as: user, body: { data } });
  };
  /** The page, measured and saved: nothing wider than the phone's screen. */
  const fits = async (page: Page, what: string) => {
    await screenshot(page, `county-phone-${what}`);
    const measured = await overflow(page);
    expect(measured, `${what} overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
  };

  it("the inbox's lists name the county and its city under the programme's titles, never undefined", async () => {
    const page = await open({ path: '/', user: 'city' });
    const cases = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '可查看的案件' }) });
    const headers = await cases.getByRole('columnheader').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['申报县', '设区的市']));
    expect(headers).not.toContain('园区');
    expect(headers).not.toContain('省级单位');
    const row = cases.getByRole('row').filter({ hasText: caseId });
    expect(await row.innerText()).toContain('C-001');
    expect(await row.innerText()).toContain('杭州市');
    expect(await page.locator('#root').innerText()).not.toContain('undefined');
    expect(await page.getByRole('combobox', { name: '设区的市' }).count()).toBe(1);
  });

  it("the statistics page is for the programme's city and bureau (they were told it is not for their role), not for a county", async () => {
    for (const user of ['city', 'bureau']) {
      const page = await open({ path: '/statistics', user });
      await page.getByRole('heading', { name: '统计分析' }).waitFor();
      expect(await page.getByRole('menuitem', { name: '统计' }).count()).toBe(1);
      expect(await page.locator('#root').innerText()).not.toContain('此页面不对您的角色开放');
    }
    const county = await open({ path: '/', user: 'county' });
    await county.getByRole('menuitem', { name: '工作台' }).waitFor();
    expect(await county.getByRole('menuitem', { name: '统计' }).count()).toBe(0);
  });

  it("the statistics page titles its charts by the programme's city (they read 各省, 按省 and 已认定示范区（按园区类型）)", async () => {
    const page = await open({ path: '/statistics', user: 'bureau' });
    await page.getByRole('heading', { name: '统计分析' }).waitFor();
    await page.locator('[data-chart-card]').first().waitFor();
    const titles = await page
      .locator('[data-chart-card]')
      .evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.chartCard));
    expect(titles).toEqual(['各设区的市案件状态', '各月进入各阶段的案件', '逾期待办（按设区的市）']);
    expect(await page.locator('#main').innerText()).not.toMatch(/各省|按省|示范区|园区|undefined/);
  });

  it('the statistics page fills its top row with the two figures it has (a third of it stood empty: no designations to count)', async () => {
    const page = await open({ path: '/statistics', user: 'bureau' });
    const figures = page
      .locator('.ant-row')
      .filter({ has: page.locator('.ant-statistic') })
      .first();
    await figures.locator('.ant-statistic').first().waitFor();
    const { row, cards } = await figures.evaluate((element) => ({
      row: element.getBoundingClientRect().right,
      cards: Array.from(element.querySelectorAll('.ant-card'), (card) => card.getBoundingClientRect().right),
    }));
    expect(cards).toHaveLength(2);
    // Ant's gutter of 16 leaves 8 px between the row's edge and its last card's.
    expect(row - (cards.at(-1) ?? 0)).toBeLessThanOrEqual(8.5);
  });

  it('the case page titles its county and city and names the city; its history says who started it where', async () => {
    const page = await open({ path: `/cases/${caseId}`, user: 'county' });
    const text = await page.locator('#root').innerText();
    expect(text).not.toContain('undefined');
    const item = (label: string) =>
      page.locator('.ant-descriptions-item').filter({ has: page.getByText(label, { exact: true }) });
    expect(await item('申报县').innerText()).toContain('C-001');
    // Its code aside only beside a name (county-brand's forms give none): it read C-001（C-001）.
    expect(await item('申报县').innerText()).not.toContain('C-001（C-001）');
    expect(await item('设区的市').innerText()).toContain('杭州市（330100）');
    expect(await page.getByText('发起案件（申报县 C-001，设区的市 杭州市）').count()).toBe(1);
  });

  it('the bell names the county a new task is about (it read 新待办：undefined)', async () => {
    const page = await open({ path: '/', user: 'county' });
    await page.getByRole('button', { name: /^通知 \(\d+\)$/ }).click();
    const panel = page.getByRole('dialog', { name: '通知' });
    await expect.poll(() => panel.getByRole('link', { name: '新待办：C-001' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await panel.innerText()).not.toContain('undefined');
  });

  it('the print view of its application names the county and its city under their titles (it read 省级单位 undefined)', async () => {
    // The example's file ids are uploaded by the harness (`ok` on a submission).
    await complete(caseId, 'county', 'submitApplication');
    const page = await open({ path: `/cases/${caseId}/print/1`, user: 'city' });
    const head = page.locator('.print-form-head');
    const cell = (title: string) =>
      head.getByRole('rowheader', { name: title }).locator('xpath=following-sibling::td[1]');
    expect(await cell('设区的市').innerText()).toBe('杭州市');
    expect(await cell('申报县').innerText()).toContain('（C-001）');
    expect(await head.innerText()).not.toMatch(/undefined|园区|省级单位/);
  });

  it("the admin makes a county's account on the account page: its city chosen among the programme's cities (they were the provinces)", async () => {
    const page = await open({ path: '/accounts', user: 'officer' });
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialogsSettled(page);
    await dialog.getByLabel('用户名').fill('county3');
    await dialog.getByLabel('密码').fill('Linan-County#2025-apply');
    await choose(page, dialog, '角色', '申报县（县级人民政府）');
    await dialog.getByLabel('申报县', { exact: true }).fill('C-003');
    await dialog.getByRole('button', { name: twoChars('保存') }).click();
    // As the programme calls starting a case (manifest startTitle): it read 否则不能发起创建申请.
    await dialog.getByText('申报县账号须选择所在设区的市，否则不能发起命名申报').waitFor();
    await choose(page, dialog, '所在设区的市（申报县账号必填）', '宁波市');
    await dialog.getByRole('button', { name: twoChars('保存') }).click();
    await dialog.waitFor({ state: 'detached' });
    const made = (
      await server.ok<{ username: string; roles: string[]; province?: string }[]>('GET', '/api/users', { as: 'admin' })
    ).find((user) => user.username === 'county3');
    expect(made).toMatchObject({ roles: ['county:C-003'], province: '330200' });
    await page.getByRole('row').filter({ hasText: 'county3' }).getByText('宁波市', { exact: true }).waitFor();
    // The change log names the city as the programme calls it (it read 所在省级单位：宁波市).
    await page.getByRole('button', { name: '账号变更记录' }).click();
    const entry = page.locator('[data-account-changes] [data-account-change="county3"]').first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('所在设区的市：宁波市');
    expect(await entry.textContent()).not.toContain('省级单位');
  });

  it("the account page says a county's account without its city cannot start what the programme starts (发起命名申报, in English from its catalogue)", async () => {
    await server.createUsers({ county4: ['county:C-004'] });
    for (const [language, words] of [
      [
        'zh',
        {
          add: '新建账号',
          user: '用户名',
          password: '密码',
          role: '角色',
          county: '申报县',
          group: '申报县（县级人民政府）',
          save: twoChars('保存'),
          needed: '申报县账号须选择所在设区的市，否则不能发起命名申报',
          missing: '未填所在设区的市：不能发起命名申报',
        },
      ],
      [
        'en',
        {
          add: 'New account',
          user: 'User name',
          password: 'Password',
          role: 'Role',
          county: 'Applicant county',
          group: "Applicant county (county people's government)",
          save: 'Save',
          needed: 'Applicant county accounts need their City: without one, “Apply for designation” is closed to them',
          missing: 'No City: “Apply for designation” is closed to it',
        },
      ],
    ] as const) {
      const page = await open({ path: language === 'en' ? '/accounts?lang=en' : '/accounts', user: 'officer' });
      // An account that names no city is marked so in the list (it read 未填所在设区的市：不能发起创建申请).
      await page.getByRole('row').filter({ hasText: 'county4' }).getByText(words.missing, { exact: true }).waitFor();
      await page.getByRole('button', { name: words.add }).click();
      const dialog = page.getByRole('dialog', { name: words.add });
      await dialogsSettled(page);
      await dialog.getByLabel(words.user).fill(`county5${language}`);
      await dialog.getByLabel(words.password).fill('Linan-County#2025-apply');
      await choose(page, dialog, words.role, words.group);
      await dialog.getByLabel(words.county, { exact: true }).fill('C-005');
      await dialog.getByRole('button', { name: words.save }).click();
      await dialog.getByText(words.needed, { exact: true }).waitFor();
      expect(await page.locator('#root').innerText()).not.toMatch(/发起创建申请|start no application/);
    }
    // The county itself is told so when it would start one (it read 暂不能发起创建申请).
    const county = await open({ path: '/', user: 'county4' });
    await county.getByRole('button', { name: '发起命名申报' }).click();
    await county
      .getByRole('dialog', { name: '发起命名申报' })
      .getByText('您的账号未登记所在设区的市，暂不能发起命名申报。请联系系统管理员在「账号管理」中补填。')
      .waitFor();
  });

  it('a county starts its application from the workbench (发起命名申报, as the programme calls it): its county and its city, sent as the programme names them', async () => {
    const page = await open({ path: '/', user: 'county2' });
    // As the programme calls its first step (manifest startTitle): it read 发起创建申请.
    await page.getByRole('button', { name: '发起命名申报' }).click();
    const dialog = page.getByRole('dialog', { name: '发起命名申报' });
    await dialogsSettled(page);
    expect(await dialog.getByRole('combobox', { name: '设区的市' }).isDisabled()).toBe(true);
    expect(await dialog.locator('.ant-select-disabled').filter({ hasText: '宁波市（330200）' }).count()).toBe(1);
    expect(await dialog.getByText('C-002', { exact: true }).count()).toBe(1);
    expect(await dialog.innerText()).not.toMatch(/园区|省级|第十六条/);
    expect(await page.locator('#root').innerText()).not.toContain('发起创建申请');
    await dialog.getByRole('button', { name: '发起命名申报' }).click();
    await page.waitForURL(/\/cases\//);
    await settled(page);
    const id = decodeURIComponent(page.url().split('/cases/')[1] ?? '');
    const view = await server.ok<CaseView>('GET', `/api/cases/${encodeURIComponent(id)}`, { as: 'county2' });
    expect([view.process, view.county, view.city]).toEqual(['county-brand', 'C-002', '330200']);
    await page.locator('[data-task="submitApplication"]').waitFor();
  });

  it("a county's case on a phone (390 px): its start, its inbox, its case page and the city's return comment read within the screen", async () => {
    const page = await open({ path: '/', user: 'county6', viewport: PHONE });
    const start = page.getByRole('button', { name: '发起命名申报' });
    await start.waitFor();
    await fits(page, '1-inbox');
    await start.click();
    const dialog = page.getByRole('dialog', { name: '发起命名申报' });
    await dialogsSettled(page);
    expect(await dialog.getByText('C-006', { exact: true }).count()).toBe(1);
    await fits(page, '2-start');
    await dialog.getByRole('button', { name: '发起命名申报' }).click();
    await page.waitForURL(/\/cases\//);
    await settled(page);
    const id = decodeURIComponent(page.url().split('/cases/')[1] ?? '');
    await page.locator('[data-task="submitApplication"]').waitFor();
    await fits(page, '3-case');
    // Sent, and returned by the city with a comment naming a document and where to read it.
    await complete(id, 'county6', 'submitApplication');
    await complete(id, 'city', 'cityReview', {
      decision: 'return',
      comments: RETURN_COMMENT,
      reviewDate: '2025-07-01',
    });
    await page.goto(`${server.url}/`);
    await settled(page);
    const returned = page.locator('[data-returned]');
    await returned.first().waitFor();
    await fits(page, '4-inbox-returned');
    await page.goto(`${server.url}/cases/${encodeURIComponent(id)}`);
    await settled(page);
    const banner = page.locator('[data-returned-by]');
    await banner.waitFor();
    await expect.poll(() => banner.innerText()).toContain('退回修改');
    // Who returned it, by its city's name (it read 设区的市市场监管局 · 330100).
    expect(await banner.innerText()).toContain('设区的市市场监管局 · 杭州市');
    // The comment whole, line by line, its address too: not cut, nor running off the screen.
    for (const line of RETURN_COMMENT.split('\n')) expect(await banner.innerText()).toContain(line);
    const box = await banner.evaluate((element) => {
      const { left, right } = element.getBoundingClientRect();
      return { left, right };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(PHONE.width);
    await fits(page, '5-case-returned');
  });

  /** A county of Hangzhou with its application sent: its case's id. */
  const applied = async (user: string, county: string) => {
    await server.createUsers({ [user]: [`county:${county}`] });
    await server.ok('PATCH', `/api/users/${user}`, { as: 'admin', body: { region: '330100' } });
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: user,
      body: { process: 'county-brand', county, city: '330100' },
    });
    await complete(started.id, user, 'submitApplication');
    return started.id;
  };
  const CHINESE = /[\u3400-\u9fff]/;
  const COMMENT = '目标指标与《杭州市质量强市建设实施方案》不一致，请修改后重新报送。';
  const ENDED =
    'Case ended: Not approved in review. The city market regulation department rejected the application; it ends here (Art. 9).';

  it("in English, a city returns one county's application and rejects another's: what it reviews, the reason asked for, the dialog and the history in English", async () => {
    for (const [user, county, choice] of [
      ['county7', 'C-007', 'Return for revision'],
      ['county8', 'C-008', 'Reject'],
    ] as const) {
      const id = await applied(user, county);
      const page = await open({ path: `/cases/${id}?lang=en`, user: 'city' });
      const form = page.locator('[data-task="cityReview"]');
      // What is reviewed, named whole beside the form (it was cut to "Under review: Submit th").
      const head = form.locator('[data-under-review] .ant-card-head-title');
      await expect.poll(() => head.innerText()).toBe('Under review: Submit the cultivation application');
      expect(await head.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await choose(page, form, 'Review conclusion', choice);
      await pickDate(page, form, 'Date of review', '2025-07-01');
      // A return or a rejection needs its reason: said in English, naming the field.
      await form.getByRole('button', { name: 'Submit', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Review comments is required' }).waitFor();
      await form.getByLabel('Review comments', { exact: true }).fill(COMMENT);
      await form.getByRole('button', { name: 'Submit', exact: true }).click();
      const sure = page.getByRole('dialog');
      await sure.getByRole('button', { name: 'Submit', exact: true }).waitFor();
      const said = (await sure.textContent()) ?? '';
      expect(said).toContain(`Submit "${choice}"?`);
      expect(said).not.toMatch(CHINESE);
      await clickInDialog(page, sure.getByRole('button', { name: 'Submit', exact: true }));
      await form.waitFor({ state: 'detached' });
      if (choice === 'Reject') {
        // How the rejection ends the case, from the programme's catalogue (it was the diagram's Chinese).
        expect(said).toContain('This ends the case: Not approved in review');
        expect(said).toContain(
          'The city market regulation department rejected the application; it ends here (Art. 9).',
        );
        await page.getByText(ENDED, { exact: true }).waitFor();
        // The header's codes and times on one line each beside the reason (C- / 002, 2025-07-01 / 09:00).
        const header = page.locator('main .ant-descriptions').first();
        await header.getByText('Reason', { exact: true }).waitFor();
        for (const label of ['Applicant county', 'Case', 'Started', 'Ended']) {
          const content = header
            .locator('.ant-descriptions-item')
            .filter({ has: page.getByText(label, { exact: true }) })
            .locator('.ant-descriptions-item-content');
          const lines = await content.evaluate((element) =>
            Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)),
          );
          expect(lines, `${label}: ${await content.innerText()}`).toBe(1);
        }
      }
    }
  });

  it("in English on a phone, a returned county's inbox, bell and task with the city's reason, sent again; a rejected county's bell and history", async () => {
    const returned = await applied('county9', 'C-009');
    await complete(returned, 'city', 'cityReview', { decision: 'return', comments: COMMENT, reviewDate: '2025-07-01' });
    const rejected = await applied('county10', 'C-010');
    await complete(rejected, 'city', 'cityReview', { decision: 'reject', comments: COMMENT, reviewDate: '2025-07-01' });

    const county = await open({ path: '/?lang=en', user: 'county9', viewport: PHONE });
    await county.locator('[data-returned]').getByText('Returned for revision').waitFor();
    await fits(county, 'en-1-inbox-returned');
    await county.getByRole('button', { name: /^Notifications \(\d+\)$/ }).click();
    const bell = county.locator('.ant-popover:visible');
    await bell.getByRole('link', { name: 'Case returned: C-009' }).waitFor();
    expect(await bell.innerText()).toContain('Submit the cultivation application');
    expect(await bell.innerText()).not.toMatch(CHINESE);
    await fits(county, 'en-2-bell');
    await bell.getByRole('link', { name: 'Case returned: C-009' }).click();
    await county.waitForURL(/\/cases\//);
    await settled(county);
    const banner = county.locator('[data-returned-by]');
    await expect
      .poll(() => banner.innerText())
      .toContain('City market regulation bureau · Hangzhou decided on 2025-07-01 09:00: Return for revision');
    expect(await banner.innerText()).toContain(COMMENT);
    await fits(county, 'en-3-case-returned');
    // Sent again from the phone: the button within reach, its dialog in English.
    const task = county.locator('[data-task="submitApplication"]');
    await task.getByRole('button', { name: 'Submit', exact: true }).click();
    const again = county.getByRole('dialog', {
      name: 'Submit "Application for National Quality County demonstration cultivation"?',
    });
    await again.waitFor();
    await fits(county, 'en-4-resubmit');
    await clickInDialog(county, again.getByRole('button', { name: 'Submit', exact: true }));
    await task.waitFor({ state: 'detached' });
    const resent = await server.ok<CaseView>('GET', `/api/cases/${returned}`, { as: 'city' });
    expect([resent.status, resent.openTasks.map((open) => open.taskId)]).toEqual(['nominating', ['cityReview']]);

    const ended = await open({ path: `/cases/${rejected}?lang=en`, user: 'county10', viewport: PHONE });
    await ended.getByText(ENDED, { exact: true }).waitFor();
    expect(await ended.locator('.ant-timeline').innerText()).toContain('Decision: Reject');
    await ended.getByRole('button', { name: /^Notifications \(\d+\)$/ }).click();
    const closed = ended.locator('.ant-popover:visible');
    await closed.getByRole('link', { name: 'Case closed: C-010' }).waitFor();
    expect(await closed.innerText()).toContain('Not approved in review');
    await fits(ended, 'en-5-rejected');
  });

  /** The county's case on public notice (2026-07-03), as the bureau puts it there; once. */
  let onNotice: Promise<void> | undefined;
  const putOnNotice = () => (onNotice ??= sendToNotice());
  const sendToNotice = async () => {
    const step = (user: string, taskId: string, patch: Record<string, unknown> = {}) =>
      complete(caseId, user, taskId, patch);
    // The application is sent by the print view's test, or here when that one did not run (-t).
    const started = await server.ok<CaseView>('GET', `/api/cases/${encodeURIComponent(caseId)}`, { as: 'county' });
    if (started.openTasks.some((task) => task.taskId === 'submitApplication'))
      await step('county', 'submitApplication');
    await step('city', 'cityReview', { decision: 'approve', reviewDate: '2025-07-01' });
    await step('bureau', 'bureauApproval');
    await server.advanceTo('2026-07-03T10:00:00+08:00');
    await step('county', 'submitSelfEvaluation', { score: 60 });
  };

  it('the public notice names the county and its city under their titles (it read 园区 undefined（{text}）, 提出异议：undefined)', async () => {
    await putOnNotice();
    const page = pages.keep(
      await openPage(browser as Browser, server, { path: '/notices', time: '2026-07-03T10:00:00+08:00' }),
    );
    const card = page.locator(`[data-notice="${caseId}"]`);
    const item = (label: string) =>
      card.locator('.ant-descriptions-item').filter({ has: page.getByText(label, { exact: true }) });
    expect(await item('设区的市').innerText()).toContain('杭州市');
    expect(await item('申报县').innerText()).toContain('C-001');
    // Its code aside only beside a name (county-brand's forms give none): it read C-001（C-001）.
    expect(await item('申报县').innerText()).not.toContain('C-001（C-001）');
    expect(await card.innerText()).not.toMatch(/undefined|\{text\}|园区|省级单位/);
    expect(await card.getByRole('button', { name: /提出异议：/ }).innerText()).not.toContain('undefined');
  });

  it("the header and the tab name the programme, before sign-in and after (they read the first programme's 全国质量品牌提升示范区), in both languages", async () => {
    for (const [query, name] of [
      ['', '全国质量品牌强县'],
      ['?lang=en', 'National Quality Brand Counties'],
    ] as const) {
      for (const user of [undefined, 'bureau']) {
        const page = await open({ path: `/${query}`, ...(user !== undefined && { user }) });
        await expect.poll(() => page.locator('.qbz-brand').innerText()).toBe(name);
        await expect.poll(() => page.title()).toMatch(new RegExp(`^.+ · ${name}$`));
        expect(await page.locator('#root').innerText()).not.toMatch(/示范区|Demonstration Zones/);
      }
    }
  });

  it("the public notices, the note above the objection and its receipt cite the programme's own articles and reviewer (they cited Art. 22 and 28), in both languages", async () => {
    await putOnNotice();
    for (const words of [
      {
        query: '',
        intro:
          '以下为市场监管总局正在公示的拟命名的全国质量品牌强县；每项公示的起止日期见其下方，公示期内可以提出异议（第十五条、第十六条）。',
        open: /^提出异议：/,
        hint: '任何单位或个人对公示名单有不同意见的，可提出异议，并提供证明材料（第十六条）。',
        submit: '提交异议',
        confirm: '确认提交「公示异议书」？',
        ok: '确认提交',
        final: '提交后不能撤回或修改；市场监管总局将组织复核（第十六条）。',
        receipt: '市场监管总局将对异议进行复核（第十六条）。',
        labels: { name: '异议人名称或姓名', phone: '联系电话', statement: '异议内容', declaration: /真实性承诺/ },
      },
      {
        query: '?lang=en',
        intro:
          'Counties proposed for designation as National Quality Brand Counties on public notice by SAMR; each notice shows its dates below, within which anyone may object (Art. 15, Art. 16).',
        open: /^File an objection/,
        hint: 'Anyone who disagrees with a listed result may object, with written evidence (Art. 16).',
        submit: 'Submit the objection',
        confirm: 'Submit "Objection to the public notice"?',
        ok: 'Submit',
        final: 'Once submitted it cannot be withdrawn or changed; SAMR will have it reviewed (Art. 16).',
        receipt: 'SAMR will review it (Art. 16).',
        // The form in English from the programme's catalogue (it was in Chinese: county-brand had a few words).
        labels: {
          name: "Objector's name",
          phone: 'Telephone',
          statement: 'Objection',
          declaration: /Declaration of truthfulness/,
        },
      },
    ]) {
      const page = pages.keep(
        await openPage(browser as Browser, server, {
          path: `/notices${words.query}`,
          time: '2026-07-03T10:00:00+08:00',
        }),
      );
      await page.getByText(words.intro, { exact: true }).waitFor();
      const card = page.locator(`[data-notice="${caseId}"]`);
      await card.getByRole('button', { name: words.open }).click();
      await card.getByText(words.hint, { exact: true }).waitFor();
      const object = async (name: string, statement: string): Promise<string> => {
        const { labels } = words;
        await card.getByLabel(labels.name, { exact: true }).fill(name);
        await card.getByLabel(labels.phone, { exact: true }).fill('13912345678');
        await card.getByLabel(labels.statement, { exact: true }).fill(statement);
        await card.getByRole('checkbox', { name: labels.declaration }).check();
        await card.getByRole('button', { name: words.submit }).click();
        const sure = page.getByRole('dialog', { name: words.confirm });
        await sure.waitFor();
        expect(await sure.textContent()).toContain(words.final);
        await clickInDialog(page, sure.getByRole('button', { name: words.ok, exact: true }));
        await expect.poll(() => card.locator('.ant-result').textContent()).toContain(words.receipt);
        // Its evidence counted as its form calls it (it read 书面举证材料, the first programme's field).
        if (words.query === '') expect(await card.locator('.ant-result').textContent()).toContain('证明材料 0 份');
        return (await card.locator('[data-receipt-number]').textContent()) ?? '';
      };
      const first = await object('张明', '该县2025年发生区域性质量安全事件，请予复核。');
      expect(await page.locator('#root').innerText()).not.toMatch(/二十二条|二十八条|Art\. 2[28]/);
      if (words.query !== '') continue;
      // A second objection from the receipt (再提出一项异议): an empty form, its own receipt.
      await card.getByRole('button', { name: '再提出一项异议' }).click();
      await card.getByLabel('异议内容', { exact: true }).waitFor();
      expect(await card.getByLabel('异议内容', { exact: true }).inputValue()).toBe('');
      const second = await object('云溪县某茶叶专业合作社', '公示的申报县2025年有茶叶产品抽检不合格，请予复核。');
      expect(second).toMatch(/^回执编号：/);
      expect(second).not.toBe(first);
    }
    // Each objection is reviewed on its own by the bureau (three: two in Chinese, one in English).
    const view = await server.ok<CaseView>('GET', `/api/cases/${encodeURIComponent(caseId)}`, { as: 'bureau' });
    expect(view.openTasks.filter((task) => task.taskId === 'bureauObjectionReview')).toHaveLength(3);
  });
});

describe.runIf(browserAvailable())('the workbench on a server running both programmes', () => {
  let server: WebServer;
  let browser: Browser | undefined;
  let definitions: Awaited<ReturnType<typeof bothProgrammesRoot>> | undefined;
  const pages = new OpenPages('both-programmes');

  beforeAll(async () => {
    definitions = await bothProgrammesRoot();
    ({ server, browser } = await startServerAndBrowser({
      clockStart: START,
      env: { DEFINITIONS_DIR: definitions.root },
    }));
    await server.createUsers({ county: ['county:C-001'], park: ['park:P-001'], samr: ['samr', 'bureau'] });
    await server.ok('PATCH', '/api/users/county', { as: 'admin', body: { region: '330100' } });
    await server.ok('POST', '/api/cases', {
      as: 'county',
      body: { process: 'county-brand', county: 'C-001', city: '330100' },
    });
    await server.ok('POST', '/api/cases', {
      as: 'park',
      body: { process: 'quality-brand-zone', park: 'P-001', province: '320000' },
    });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await (server as WebServer | undefined)?.stop();
    await definitions?.cleanup();
  });
  afterEach(async (context) => {
    await pages.closeAll(context.task);
  });

  const headers = async (user: string) => {
    const page = pages.keep(await openPage(browser as Browser, server, { path: '/', user, time: START }));
    const cases = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '可查看的案件' }) });
    await cases.getByRole('row').nth(1).waitFor();
    return cases.getByRole('columnheader').allInnerTexts();
  };

  it("a county's lists are titled as its programme calls them (they read 园区 and 省级单位 beside the park's programme)", async () => {
    expect(await headers('county')).toEqual(expect.arrayContaining(['申报县', '设区的市']));
    expect(await headers('park')).toEqual(expect.arrayContaining(['园区', '省级单位']));
  });

  it("a reader of both programmes' cases reads neither's words over the other's rows", async () => {
    const titles = await headers('samr');
    expect(titles).toEqual(expect.arrayContaining(['申报主体', '所属地区']));
    expect(titles).not.toContain('园区');
    expect(titles).not.toContain('申报县');
  });

  it("the header, the tab and the notices' introduction say neither programme's name over both (they read the first's, Art. 22 and 28), in both languages", async () => {
    for (const words of [
      {
        query: '',
        name: '质量品牌创建与管理',
        intro: '以下为正在公示的名单，各依其项目的办法公示；每项公示的起止日期见其下方，公示期内可以提出异议。',
      },
      {
        query: '?lang=en',
        name: 'Quality brand programmes',
        intro:
          'Results on public notice, each under its own programme’s measures; each notice shows its dates below, within which anyone may object.',
      },
    ]) {
      const page = pages.keep(
        await openPage(browser as Browser, server, { path: `/notices${words.query}`, time: START }),
      );
      await page.getByText(words.intro, { exact: true }).waitFor();
      expect(await page.locator('.qbz-brand').innerText()).toBe(words.name);
      await expect.poll(() => page.title()).toMatch(new RegExp(` · ${words.name}$`));
    }
  });
});
