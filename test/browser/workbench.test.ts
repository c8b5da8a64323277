import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { browserAvailable, launchChromium, stepScreenshot, failureScreenshot } from './chromium.js';
import { ADMIN_PASSWORD, CLOCK_START, startWebServer, USER_PASSWORD, type WebServer } from './web-server.js';
import { ACCEPTANCE, PROCESS, throughCreation, VERSION, walk } from './sample-cases.js';
import { accessibleDescription, choose, clickInDialog, dialogsSettled, pickDate, twoChars } from './form-controls.js';
import { closeTab, newTab } from './tabs.js';
import { signInTab } from './page-visit.js';
import { tinyPdf } from '../support/tiny-pdf.js';

const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;

const USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  'province-js': ['province:320000'],
  'group-js': ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  ...Object.fromEntries(MINISTRIES.map((ministry) => [ministry, [`ministry:${ministry}`]])),
};

const shot = (page: Page, name: string) => stepScreenshot(page, `workbench-${name}`);

describe.runIf(browserAvailable())('the workbench and the public notices in Chromium', () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    // Whatever did start is kept, so that afterAll stops it even when the other failed.
    const [started, launched] = await Promise.allSettled([startWebServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    await server.createUsers(USERS);
  }, 120_000);
  afterAll(async () => {
    // Either may be missing when beforeAll failed.
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  const pages: Page[] = [];
  afterEach(async (context) => {
    // A failing step leaves every page of the test on disk, as it was.
    if (context.task.result?.state === 'fail')
      for (const [index, page] of pages.entries())
        await failureScreenshot(page, `workbench-failed-${context.task.name.slice(0, 24)}-${index}`);
    await Promise.all(pages.splice(0).map(closeTab));
  });

  /** A tab of its own (own session) whose clock shows the sandbox time, in another zone than China's. */
  async function newPage(time: string): Promise<Page> {
    const page = await newTab(browser, {
      viewport: { width: 1440, height: 1000 },
      // Only the date moves (the sandbox's day); timers stay real, so animations run as usual.
      time,
      timezoneId: 'America/Los_Angeles',
      // As most people see it: dialogs and lists move in (the other files ask for reduced motion).
      reducedMotion: 'no-preference',
    });
    pages.push(page);
    page.on('pageerror', (error) => {
      console.error(`page error: ${error.message}`);
    });
    return page;
  }

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(USER_PASSWORD);
    await page.getByRole('button', { name: twoChars('登录') }).click();
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
  }

  /**
   * `page` signed in as `username` without the login form (`signInTab`), opened at `path`. The form
   * itself is what the first two tests fill (three users, then the admin in English, who goes on to
   * Accounts by its link), and the inbox's links what the first follows; loading the form and the
   * inbox in the other tests only led to the page they were about.
   */
  async function signedIn(page: Page, username: string, path: string): Promise<void> {
    await signInTab(page, server, username, username === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD);
    await page.goto(`${server.url}${path}`);
  }

  /** The account page (账号管理), the admin signed in. */
  async function accountsAsAdmin(): Promise<Page> {
    const page = await newPage(CLOCK_START);
    await signedIn(page, 'admin', '/accounts');
    return page;
  }

  /** A park account of its own with a case just started (320000), for a test that signs it in and out. */
  async function parkWithCase(username: string, park: string): Promise<string> {
    await server.createUsers({ [username]: [`park:${park}`] });
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: username,
      body: { process: 'quality-brand-zone', park, province: '320000' },
    });
    return started.id;
  }

  async function upload(page: Page, scope: Locator, field: string, name: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await scope.getByRole('button', { name: `上传附件：${field}` }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: tinyPdf(name) });
    await expect.poll(() => scope.getByText(name).count()).toBeGreaterThan(0);
  }

  it('a park applies (a Chinese error at the field, fixed), the province approves from its inbox, SAMR sees the diagram', async () => {
    // The park starts its creation application.
    const park = await newPage(CLOCK_START);
    await login(park, 'park1');
    await park.getByRole('button', { name: '发起创建申请' }).click();
    const dialog = park.getByRole('dialog');
    await dialogsSettled(park);
    // The account's province, fixed: the server would refuse any other (403).
    expect(await dialog.getByRole('combobox', { name: '省级单位' }).isDisabled()).toBe(true);
    expect(await dialog.locator('.ant-select-disabled').filter({ hasText: '江苏省' }).count()).toBe(1);
    await dialog.getByRole('button', { name: '发起创建申请' }).click();
    await park.waitForURL(/\/cases\//);
    const caseId = decodeURIComponent(park.url().split('/cases/')[1] ?? '');

    const form = park.locator('[data-task="submitCreationApplication"]');
    await form.getByLabel('园区名称', { exact: true }).fill('云澜湖智能装备产业园区');
    await choose(park, form, '园区类型', '工业');
    await choose(park, form, '创建主体类型', '园区管理委员会');
    await form.getByLabel('创建主体名称', { exact: true }).fill('云澜湖智能装备产业园区管理委员会');
    await form.getByLabel('统一社会信用代码', { exact: true }).fill('91-ABC');
    await form.getByLabel('详细地址', { exact: true }).fill('苏州市云澜区湖滨大道88号');
    await form.getByLabel('邮政编码', { exact: true }).fill('215123');
    await form.getByLabel('主导产业', { exact: true }).fill('高端智能装备制造');
    await form.getByLabel('园区面积（平方公里）', { exact: true }).fill('52.6');
    await form.getByLabel('园区企业数量（家）', { exact: true }).fill('1286');
    await form.getByLabel('园区基本情况', { exact: true }).fill('园区设立于2006年，主导产业产值占比超过六成。');
    await form.getByLabel('指标名称', { exact: true }).fill('规上工业企业产品质量监督抽查合格率');
    await form.getByLabel('现状值', { exact: true }).fill('97.8');
    await form.getByLabel('创建目标值', { exact: true }).fill('≥99.0');
    await form.getByLabel('对标先进', { exact: true }).fill('对标某国家级经济技术开发区（99.2%）');
    await upload(park, form, '创建方案', '创建方案.pdf');
    for (const group of await form.getByRole('radiogroup').all()) await group.getByText('否', { exact: true }).click();
    await form.getByRole('checkbox', { name: /申报材料真实性承诺/ }).check();
    await form.getByLabel('联系人姓名', { exact: true }).fill('周雅琴');
    await form.getByLabel('联系电话', { exact: true }).fill('0512-66881234');
    await form.getByRole('button', { name: twoChars('提交') }).click();

    // Checked in the browser: the message is Chinese and stands at the field.
    const creditCode = form.locator('.ant-form-item', { has: park.getByLabel('统一社会信用代码', { exact: true }) });
    await expect
      .poll(() => creditCode.locator('.ant-form-item-explain-error div div').allTextContents())
      .toEqual(['不是有效的统一社会信用代码，请核对（校验码不符）']);
    await shot(park, '1-validation-error');
    await form.getByLabel('统一社会信用代码', { exact: true }).fill('11320594MB1C7D2X5E');
    await expect.poll(() => creditCode.locator('.ant-form-item-explain-error').count()).toBe(0);
    await form.getByRole('button', { name: twoChars('提交') }).click();
    // Sent, it cannot be taken back: asked first.
    const sure = park.getByRole('dialog', { name: '确认提交「全国质量品牌提升示范区创建申请表」？' });
    await clickInDialog(park, sure.getByRole('button', { name: '确认提交' }));
    await form.waitFor({ state: 'detached' });
    await park.getByText('办结任务：提交创建申请').waitFor();
    await shot(park, '2-submitted');

    // The province approves from its inbox.
    const province = await newPage(CLOCK_START);
    await login(province, 'province-js');
    const row = province.getByRole('row').filter({ hasText: '云澜湖智能装备产业园区' }).first();
    // The step as drawn on the diagram, not its form's title.
    await row.getByRole('link', { name: '可行性论证与遴选' }).waitFor();
    await shot(province, '3-province-inbox');
    await row.getByRole('link', { name: '可行性论证与遴选' }).click();
    const review = province.locator('[data-task="provincialFeasibilityReview"]');
    await choose(province, review, '审核结论', '同意（列入创建名单）');
    await review.getByLabel('可行性论证结论', { exact: true }).fill('园区符合第三条、第七条要求，创建方案可行。');
    await review.getByLabel('部门名称', { exact: true }).fill('省农业农村厅');
    await pickDate(province, review, '论证日期', '2024-04-01');
    await review.getByRole('button', { name: twoChars('提交') }).click();
    await clickInDialog(province, province.getByRole('dialog').getByRole('button', { name: '确认提交' }));
    await review.waitFor({ state: 'detached' });
    expect((await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).openTasks).toEqual([
      expect.objectContaining({ taskId: 'provincialLeadingGroupReview' }),
    ]);

    // SAMR opens the case and sees where it is on its diagram.
    const samr = await newPage(CLOCK_START);
    await login(samr, 'samr');
    await samr.getByRole('link', { name: caseId }).click();
    const element = (id: string) => samr.locator(`g.djs-element[data-element-id="${id}"]`);
    await element('provincialLeadingGroupReview').waitFor();
    const classes = async (id: string) => (await element(id).getAttribute('class')) ?? '';
    expect(await classes('submitCreationApplication')).toContain('qbz-done');
    expect(await classes('provincialFeasibilityReview')).toContain('qbz-done');
    expect(await classes('provincialLeadingGroupReview')).toContain('qbz-open');
    expect(await classes('samrCreationApproval')).toContain('qbz-ahead');
    await samr.getByText('状态变更：无 → 创建申请中').waitFor();
    await shot(samr, '4-samr-case');
    await samr.goto(`${server.url}/?lang=en`);
    await samr.getByRole('heading', { name: 'My tasks' }).waitFor();
    await samr.getByRole('link', { name: caseId }).waitFor();
    await expect.poll(() => samr.locator('.ant-spin-spinning').count()).toBe(0);
    await shot(samr, '5-samr-inbox-en');
  }, 180_000); // a whole application through three users; on a loaded machine over 90 s

  it('in English, a refused login and the server’s refusals are said in English, and the language stays without `?lang`', async () => {
    const page = await newPage(CLOCK_START);
    await page.goto(`${server.url}/?lang=en`);
    await page.getByLabel('User name').fill('samr');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The user name or password is wrong' }).waitFor();
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /[\u4e00-\u9fff]/ })
        .count(),
    ).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The language chosen by the link stays for the visit: a page without `?lang` is still in English.
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The server's own refusals come in English too (the password policy was said in Chinese).
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('User name').fill('samr-new');
    await dialog.getByLabel('Password').fill('password1234');
    // The role by its title in English (the programme's catalogue: 市场监管总局 → SAMR).
    await choose(page, dialog, 'Role', 'SAMR');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'This password is too common or easy to guess' }).waitFor();
  }, 60_000);

  it('a visitor’s address past its requests without a session: the notices and the login form say the server’s wait (请 N 秒后再试), in English too', async () => {
    // A visitor of its own behind a proxy the server trusts (loopback, TRUST_PROXY's default): its
    // address is spent, the test's own (127.0.0.1) is not.
    const address = '203.0.113.29';
    const ask = async () => {
      const answer = await fetch(`${server.url}/api/public/notices`, { headers: { 'X-Forwarded-For': address } });
      await answer.body?.cancel();
      return { status: answer.status, wait: Number(answer.headers.get('Retry-After') ?? 0) };
    };
    /**
     * Spends the address's minute (600 requests) until the server answers 429, with at least half a
     * minute of it left for the steps after (on a slow machine the first window could end midway).
     */
    const spend = async (): Promise<void> => {
      for (let sent = 0; sent < 2000; sent += 100) {
        const refused = (await Promise.all(Array.from({ length: 100 }, ask))).find((answer) => answer.status === 429);
        if (refused === undefined) continue;
        if (refused.wait >= 30) return;
        await new Promise((resolve) => setTimeout(resolve, (refused.wait + 1) * 1000));
        return spend();
      }
      throw new Error(`${address} was never refused`);
    };
    const visitor = await newPage(CLOCK_START);
    await visitor.context().setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    const refusal = (page: Page, text: RegExp) => page.getByRole('alert').filter({ hasText: text });
    const zh = /^来自同一网络地址的访问过于频繁，请 \d+ 秒后再试$/;
    const en = /^Too many requests from this network address; try again in \d+ seconds?$/;

    await spend();
    await visitor.goto(`${server.url}/notices`);
    await visitor.getByRole('heading', { name: '公示名单' }).waitFor();
    await refusal(visitor, zh).waitFor();
    await visitor.goto(`${server.url}/`);
    await visitor.getByLabel('用户名').fill('samr');
    await visitor.getByLabel('密码').fill(USER_PASSWORD);
    await visitor.getByRole('button', { name: twoChars('登录') }).click();
    await refusal(visitor, zh).waitFor();

    await spend();
    await visitor.goto(`${server.url}/notices?lang=en`);
    await visitor.getByRole('heading', { name: 'Public notices' }).waitFor();
    await refusal(visitor, en).waitFor();
    await visitor.goto(`${server.url}/?lang=en`);
    await visitor.getByLabel('User name').fill('samr');
    await visitor.getByLabel('Password').fill(USER_PASSWORD);
    await visitor.getByRole('button', { name: 'Log in' }).click();
    await refusal(visitor, en).waitFor();
    await shot(visitor, '429-login-en');
    // Nothing else in Chinese said there (the page's own words are English).
    expect(await refusal(visitor, /[\u4e00-\u9fff]/).count()).toBe(0);
  }, 120_000);

  it('a login throttled after failed passwords says the server’s wait, in Chinese and in English (English said 「please try again later」)', async () => {
    const address = '203.0.113.31';
    /** Wrong passwords for samr from the address until each further try must wait 8 s or more. */
    const fail = async (): Promise<void> => {
      for (let tries = 0; tries < 12; tries++) {
        const answer = await fetch(`${server.url}/api/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
          body: JSON.stringify({ username: 'samr', password: 'not-the-password' }),
        });
        await answer.body?.cancel();
        const wait = Number(answer.headers.get('Retry-After') ?? 0);
        if (answer.status === 429 && wait >= 8) return;
        if (answer.status === 429) await new Promise((resolve) => setTimeout(resolve, (wait + 0.2) * 1000));
      }
      throw new Error(`samr from ${address} was never kept waiting`);
    };
    const page = await newPage(CLOCK_START);
    await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    const tryLogin = async (user: string, password: string, button: string) => {
      await page.getByLabel(user).fill('samr');
      await page.getByLabel(password).fill(USER_PASSWORD);
      await page.getByRole('button', { name: button === '登录' ? twoChars(button) : button }).click();
    };
    await fail();
    await page.goto(`${server.url}/`);
    await tryLogin('用户名', '密码', '登录');
    await page
      .getByRole('alert')
      .filter({ hasText: /^登录失败次数过多，请 \d+ 秒后再试$/ })
      .waitFor();
    await fail();
    await page.goto(`${server.url}/?lang=en`);
    await tryLogin('User name', 'Password', 'Log in');
    await page
      .getByRole('alert')
      .filter({ hasText: /^Too many failed sign-ins; try again in \d+ seconds?$/ })
      .waitFor();
  }, 120_000);

  it('the admin makes a park account on the account page (its province asked for, a weak password refused in Chinese), and disables it; a damaged account is listed as such', async () => {
    // An account file cut short, as a full disk leaves it: listed with what is wrong, not silently left out.
    await mkdir(join(server.dataDir, 'users'), { recursive: true });
    await writeFile(join(server.dataDir, 'users', 'park-broken.json'), '{"username":"park-br');
    const page = await accountsAsAdmin();
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'province-js' }).getByText('省级市场监管部门 · 江苏省').waitFor();
    const broken = page.getByRole('row').filter({ hasText: 'park-broken' });
    await broken.getByText('数据损坏', { exact: true }).waitFor();
    expect(await broken.textContent()).toContain('数据文件损坏：users/park-broken.json。此账号不能登录');
    expect(await broken.getByRole('button').count()).toBe(0);

    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('用户名').fill('park-new');
    await dialog.getByLabel('密码').fill('password1234');
    await dialog.getByLabel('所属单位').fill('云溪湾产业园区管理委员会');
    // A role is chosen, not typed: so the dialog says (antd said 请输入角色).
    await dialog.getByRole('button', { name: twoChars('保存') }).click();
    await dialog.getByText('请选择角色', { exact: true }).waitFor();
    await choose(page, dialog, '角色', '创建主体（园区管理委员会或所在地人民政府）');
    await dialog.getByLabel('园区', { exact: true }).fill('P-NEW-001');
    // A park account without its province could start no case: the dialog asks for it, sending nothing.
    await dialog.getByRole('button', { name: twoChars('保存') }).click();
    await dialog.getByText('园区账号须选择所在省级单位，否则不能发起创建申请').waitFor();
    await choose(page, dialog, '所在省级单位（园区账号必填）', '江苏省');
    // Chosen, it is taken back by its ×, named in Chinese (antd named it Clear).
    await dialog.getByRole('button', { name: '清除', exact: true }).waitFor({ state: 'attached' });
    expect(await dialog.getByRole('button', { name: 'Clear' }).count()).toBe(0);
    await dialog.getByRole('button', { name: twoChars('保存') }).click();
    // The server's password policy, said in the dialog; nothing is created.
    await dialog.getByRole('alert').filter({ hasText: /密码/ }).waitFor();
    await dialog.getByLabel('密码').fill('Yunxi-Bay#2025-park');
    await dialog.getByRole('button', { name: twoChars('保存') }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'park-new' });
    await row.getByText('创建主体（园区管理委员会或所在地人民政府） · P-NEW-001').waitFor();
    const made = (
      await server.ok<{ username: string; roles: string[]; province?: string }[]>('GET', '/api/users', { as: 'admin' })
    ).find((user) => user.username === 'park-new');
    expect(made).toMatchObject({
      roles: ['park:P-NEW-001'],
      province: '320000',
      organisation: '云溪湾产业园区管理委员会',
    });

    await shot(page, '7-accounts');
    await row.getByRole('button', { name: '修改：park-new' }).click();
    const edit = page.getByRole('dialog', { name: '修改账号' });
    // Clicked while the dialog still zoomed in, the box was missed now and then (one CI run).
    await dialogsSettled(page);
    await edit.getByLabel('停用此账号（其登录随即失效）').check();
    await edit.getByRole('button', { name: twoChars('保存') }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('已停用').waitFor();
    // On record: who made the account and who disabled it (the log is folded until opened).
    await page.getByRole('button', { name: '账号变更记录' }).click();
    const changes = page.locator('[data-account-changes]');
    const entries = changes.getByRole('row').filter({ has: page.locator('[data-account-change="park-new"]') });
    await entries.nth(1).waitFor();
    expect(await entries.nth(0).locator('[data-account-change]').textContent()).toBe('停用账号');
    expect(await entries.nth(1).textContent()).toContain('admin');
    expect(await entries.nth(1).locator('[data-account-change]').textContent()).toBe(
      '创建账号角色：创建主体（园区管理委员会或所在地人民政府） · P-NEW-001所在省级单位：江苏省所属单位：云溪湾产业园区管理委员会',
    );
    await shot(page, '7b-account-changes');
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'park-new', password: 'Yunxi-Bay#2025-park' }),
    });
    expect(login.status).toBe(401);
  }, 120_000);

  it('the account dialog keeps the keyboard on 保存 while it saves and when the server refuses (it fell to the page); a second press sends nothing; saved, the keyboard is back on 修改', async () => {
    await server.createUsers({ 'samr-keys': ['samr'] });
    const page = await accountsAsAdmin();
    const open = page.getByRole('button', { name: '修改：samr-keys' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '修改账号' });
    await dialog.waitFor();
    await dialogsSettled(page);
    // A password the server refuses, on a slow network: the save is on its way for a while.
    await dialog.getByLabel('新密码').fill('password1234');
    const sent: string[] = [];
    await page.route('**/api/users/samr-keys', async (route) => {
      sent.push(route.request().method());
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    const save = dialog.getByRole('button', { name: twoChars('保存') });
    const hasFocus = (element: Locator) => element.evaluate((node) => node === document.activeElement);
    await save.focus();
    await page.keyboard.press('Enter');
    // Busy, it says so and keeps the keyboard; pressed again, it sends nothing more.
    await expect.poll(() => sent).toEqual(['PATCH']);
    expect(await hasFocus(save)).toBe(true);
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Enter');
    const refusal = dialog.getByRole('alert').filter({ hasText: /密码/ });
    await refusal.waitFor();
    // Said under the field it is about (error.field: password), marked there; not above the form.
    const passwordItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('新密码') });
    expect(await passwordItem.getByRole('alert').textContent()).toMatch(/密码/);
    expect(await passwordItem.locator('.ant-form-item-has-error, .ant-input-status-error').count()).toBeGreaterThan(0);
    expect(await dialog.locator('.ant-alert').count()).toBe(0);
    expect(sent).toEqual(['PATCH']);
    expect(await save.getAttribute('aria-disabled')).toBeNull();
    await expect.poll(() => hasFocus(save)).toBe(true);
    // The refusal is about the password: it stays while another field changes, and goes once the
    // password does, as the dialog's own checks do (it stayed, about a password no longer there).
    await dialog.getByLabel('显示名称').fill('市场监管总局 键盘');
    expect(await refusal.count()).toBe(1);
    // Without the new password it is saved; the dialog gone, the keyboard is where it was before.
    await dialog.getByLabel('新密码').fill('');
    await refusal.waitFor({ state: 'detached' });
    await save.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(sent).toEqual(['PATCH', 'PATCH']);
    // The list is drawn again with the change: the keyboard is on its new 修改 (it went to the heading).
    await expect.poll(() => hasFocus(open)).toBe(true);
    await page.waitForLoadState('networkidle');
    expect(await hasFocus(open)).toBe(true);
  }, 90_000);

  it('a park account made over the API without its province: the account page flags it, and the park is told why it cannot apply', async () => {
    await server.ok('POST', '/api/users', {
      as: 'admin',
      body: { username: 'park-noprov', password: USER_PASSWORD, roles: ['park:P-NOPROV'] },
    });
    const admin = await accountsAsAdmin();
    const row = admin.getByRole('row').filter({ hasText: 'park-noprov' });
    await row.getByText('未填所在省级单位：不能发起创建申请').waitFor();
    // A park with its province is not flagged.
    await admin.getByRole('row').filter({ hasText: 'park1' }).first().waitFor();
    expect(await admin.getByText('未填所在省级单位：不能发起创建申请').count()).toBe(1);

    // The park could choose a province and was refused 「当前用户无权为 P-NOPROV 在 320000 发起申请」.
    const park = await newPage(CLOCK_START);
    await signedIn(park, 'park-noprov', '/');
    await park.getByRole('button', { name: '发起创建申请' }).click();
    const dialog = park.getByRole('dialog');
    await dialog
      .getByText('您的账号未登记所在省级单位，暂不能发起创建申请。请联系系统管理员在「账号管理」中补填。')
      .waitFor();
    expect(await dialog.getByRole('button', { name: '发起创建申请' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('combobox', { name: '省级单位' }).count()).toBe(0);
  }, 60_000);

  it('a page kept or typed that is not for the role says so (SAMR got a working calendar editor, then a 403 on 发布)', async () => {
    const page = await newPage(CLOCK_START);
    await signedIn(page, 'samr', '/');
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
    for (const path of ['/calendars', '/designer', '/accounts', '/clock']) {
      // Reached through the app, as a kept link is (a full load would only add the login).
      await page.evaluate((to) => {
        history.pushState({}, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await page.getByRole('heading', { name: '此页面不对您的角色开放' }).waitFor();
      expect(await page.getByRole('button', { name: /录入新年份|更正|新建账号/ }).count(), path).toBe(0);
    }
    await page.getByRole('button', { name: '返回工作台' }).click();
    await page.getByRole('heading', { name: '待办任务' }).waitFor();
  }, 60_000);

  it('退出 in one tab ends the session in every other tab of the browser (each tab signs in on its own), which says so and keeps what was typed there', async () => {
    const caseId = await parkWithCase('park-tabs', 'P-TABS');
    const first = await newPage(CLOCK_START);
    const second = await first.context().newPage();
    await login(first, 'park-tabs');
    await login(second, 'park-tabs');
    const secondToken = await second.evaluate(() => sessionStorage.getItem('qbz.token'));
    // The second tab has the application open, typed in and not sent.
    await second.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    const name = second.locator('[data-task="submitCreationApplication"]').getByLabel('园区名称', { exact: true });
    await name.fill('两个标签页园区');
    await expect
      .poll(() => second.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('qbz.unsent.'))))
      .toHaveLength(1);
    await first.getByRole('button', { name: twoChars('退出') }).click();
    await second.getByLabel('用户名').waitFor();
    // It says why (it showed the login page without a word).
    expect(await second.getByRole('alert').textContent()).toBe(
      '您已在本浏览器的另一个标签页退出登录。本页未提交的填写内容已保留，重新登录后可继续。',
    );
    // Not only hidden: the other tab's session is over on the server too.
    const me = await fetch(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${secondToken ?? ''}` } });
    expect(me.status).toBe(401);
    expect(await second.evaluate(() => sessionStorage.getItem('qbz.token'))).toBeNull();
    // Signed in again there, the application comes back as it was typed (it was gone).
    await login(second, 'park-tabs');
    await second.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    await second.getByText(/^已恢复您.*未提交的填写内容。$/).waitFor();
    expect(await name.inputValue()).toBe('两个标签页园区');
  }, 120_000);

  it('退出 takes the names of the files uploaded in the tab with the unsent work they were kept for (they stayed in sessionStorage)', async () => {
    const caseId = await parkWithCase('park-out', 'P-OUT');
    const page = await newPage(CLOCK_START);
    await signedIn(page, 'park-out', `/cases/${encodeURIComponent(caseId)}`);
    const form = page.locator('[data-task="submitCreationApplication"]');
    await upload(page, form, '创建方案', '云杉湾创建方案（内部稿）.pdf');
    const kept = (prefix: string) =>
      page.evaluate((start) => Object.keys(sessionStorage).filter((key) => key.startsWith(start)), prefix);
    // Kept for a reload: the form's unsent work, and the name of the file it cites.
    await expect.poll(() => kept('qbz.unsent.park-out|')).toHaveLength(1);
    expect(await kept('qbz.attachment.')).toHaveLength(1);
    // An objection typed in the tab as the public (kept signed in or not), citing its evidence.
    const evidence = 'e'.repeat(64);
    await page.evaluate((id) => {
      const data = { statement: '请予复核。', evidence: [id] };
      sessionStorage.setItem('qbz.unsent.public|objection.C-1', JSON.stringify({ data, savedAt: '2024-04-01' }));
      sessionStorage.setItem(`qbz.attachment.${id}`, JSON.stringify({ id, name: '举证.pdf' }));
    }, evidence);
    await page.getByRole('button', { name: twoChars('退出') }).click();
    await page.getByLabel('用户名').waitFor();
    expect(await kept('qbz.unsent.')).toEqual(['qbz.unsent.public|objection.C-1']);
    expect(await kept('qbz.attachment.')).toEqual([`qbz.attachment.${evidence}`]);
    expect(
      await page.evaluate(() =>
        Object.keys(sessionStorage).filter((key) => sessionStorage.getItem(key)?.includes('云杉湾创建方案') === true),
      ),
    ).toEqual([]);
  }, 120_000);

  it('the public objects to a notice with written evidence and gets a receipt; SAMR has the review in its inbox', async () => {
    const caseId = await throughCreation(server, 'park2', 'P-002', '星河湾现代服务业集聚区');
    await server.advanceTo('2025-04-02T09:00:00+08:00');
    await walk(server, caseId, 'park2', ACCEPTANCE);

    // The expert scores on the indicator table. What the server checks (each score within its
    // indicator's maximum, every indicator of the park's type, Art. 19) is said in the browser: at
    // the cell as typed, and on 提交 without sending. The training example passes.
    const expert = await newPage('2025-04-02T10:00:00+08:00');
    // Straight to the case: the inbox's link to a task is the first test's (可行性论证与遴选).
    await signedIn(expert, 'expert', `/cases/${encodeURIComponent(caseId)}`);
    const evaluation = expert.locator('[data-task="expertEvaluation"]');
    // What the experts evaluate, beside their form: the park's acceptance application, its
    // self-assessment as a table (the form had stood alone; the materials only in the history).
    const application = evaluation.locator('[data-under-review="submitAcceptanceApplication"]');
    await application.getByRole('heading', { name: '所审核的材料：自查并申请验收' }).waitFor();
    await application.getByRole('columnheader', { name: '满分' }).waitFor();
    // What each party sent since, named as the diagram draws the acceptance steps (a ministry's
    // acceptance opinion read 相关部门意见（创建）: both steps are `departmentOpinion`).
    const opinions = evaluation.locator('[data-earlier-opinion]');
    await expect.poll(() => opinions.count()).toBeGreaterThan(4);
    const named = await opinions.allInnerTexts();
    expect(named.filter((text) => text.startsWith('相关部门意见（验收） · '))).toHaveLength(4);
    expect(named.filter((text) => text.includes('（创建）'))).toEqual([]);
    const score = evaluation.getByRole('textbox', { name: '创建工作领导小组与工作机制 得分' });
    // Letters stay as typed and are marked (they vanished in antd's number box); a number is counted.
    const outOfRange = '「创建工作领导小组与工作机制」的得分应为 0 至 4 分';
    await score.fill('4分');
    await expect.poll(() => score.getAttribute('aria-invalid')).toBe('true');
    expect(await score.inputValue()).toBe('4分');
    await score.fill('5');
    // Above the indicator's maximum (4), though within the schema's 0…100: said at the cell at once,
    // and not counted in the total.
    await expect.poll(() => accessibleDescription(score)).toBe(outOfRange);
    await evaluation.getByText('已评 0 / 20 项').waitFor();
    await choose(expert, evaluation, '评估验收形式', '材料评估');
    await evaluation.getByLabel('专家姓名', { exact: true }).fill('李华');
    await evaluation.getByLabel('评审意见', { exact: true }).fill('园区创建成效明显。');
    const sent: string[] = [];
    expert.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/complete')) sent.push(request.url());
    });
    const focusedLabel = () => expert.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    // 提交 sends nothing; the focus goes to the score at fault, the first in the form (not to the
    // first indicator left unscored, further down).
    await evaluation.getByRole('button', { name: twoChars('提交') }).click();
    await expect.poll(focusedLabel).toBe('创建工作领导小组与工作机制 得分');
    await score.fill('4');
    await expect.poll(() => score.getAttribute('aria-invalid')).toBe('false');
    expect(await accessibleDescription(score)).toBe('');
    await evaluation.getByText('已评 1 / 20 项').waitFor();
    await evaluation.getByRole('button', { name: twoChars('提交') }).click();
    await evaluation
      .locator('fieldset[id$="_scores"] [role="alert"]')
      .filter({ hasText: '尚有 19 项指标未评分：「质量品牌提升纳入发展规划和工作考核」' })
      .waitFor();
    // Then to the first indicator left without a score, not to the list above the long form; each
    // empty cell is marked and points at what is said.
    await expect.poll(focusedLabel).toBe('质量品牌提升纳入发展规划和工作考核 得分');
    const scoreCells = evaluation.locator('fieldset[id$="_scores"] input');
    expect(await scoreCells.evaluateAll((cells) => cells.filter((cell) => cell.ariaInvalid === 'true').length)).toBe(
      19,
    );
    const second = evaluation.getByRole('textbox', { name: '质量品牌提升纳入发展规划和工作考核 得分' });
    expect(await accessibleDescription(second)).toMatch(/^尚有 19 项指标未评分：/);
    expect(sent).toEqual([]);
    await shot(expert, '6-expert-scores-missing');
    await evaluation.getByRole('button', { name: '填入示例（培训用）' }).click();
    await evaluation.getByRole('button', { name: twoChars('提交') }).click();
    // It opens the public notice and cannot be taken back: asked first (it was sent at one click).
    const asked = expert.getByRole('dialog', { name: '确认提交「专家评审组评估验收评分表」？' });
    await clickInDialog(expert, asked.getByRole('button', { name: '确认提交' }));
    await evaluation.waitFor({ state: 'detached' });
    expect((await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).status).toBe('publicizing');

    // The next day (on the sandbox clock, and in the browsers): anyone, without an account.
    await server.advanceTo('2025-04-03T10:00:00+08:00');
    const visitor = await newPage('2025-04-03T10:00:00+08:00');
    await visitor.goto(`${server.url}/notices`);
    const notice = visitor.locator(`[data-notice="${caseId}"]`);
    await notice.getByText('2025-04-02 — 2025-04-10').waitFor();
    await notice.getByRole('button', { name: '提出异议：星河湾现代服务业集聚区' }).click();
    await notice.getByText('第二十二条').first().waitFor();
    await choose(visitor, notice, '异议人类型', '个人');
    await notice.getByLabel('异议人名称', { exact: true }).fill('张明');
    await notice.getByLabel('联系电话', { exact: true }).fill('13912345678');
    await notice
      .getByLabel('异议内容', { exact: true })
      .fill('该园区有企业于2024年发生产品质量事故，不符合第七条规定，请予复核。');
    await upload(visitor, notice, '书面举证材料', '举证材料.pdf');
    // The upload is announced (a live region there before the text), and the button kept the focus.
    await expect.poll(() => notice.getByRole('status').filter({ hasText: '举证材料.pdf' }).count()).toBe(1);
    expect(
      await visitor.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName,
      ),
    ).toBe('上传附件：书面举证材料');
    await notice.getByRole('checkbox', { name: /真实性承诺/ }).check();
    // A reload (or the back button) costs nothing typed: the tab kept it, and says so.
    await visitor.reload();
    // The form opens by itself with it (it was folded, the restored work out of sight).
    await notice.getByRole('button', { name: '收起异议表' }).waitFor();
    await notice.getByText(/^已恢复您.*未提交的填写内容。$/).waitFor();
    expect(await notice.getByLabel('异议内容', { exact: true }).inputValue()).toMatch(/^该园区有企业于2024年/);
    await notice.getByText('举证材料.pdf').waitFor();
    expect(await notice.getByRole('checkbox', { name: /真实性承诺/ }).isChecked()).toBe(true);
    await shot(visitor, '7-objection-filled');
    // The confirmation closes slowly here, as on a busy computer: the receipt shows before it has gone,
    // and its closing gives the focus back to what had it when it opened (收起异议表: a mouse press on
    // 提交异议 leaves the focus where it was).
    const slowDialogs = await visitor.addStyleTag({
      content: '.ant-modal-root .ant-modal { animation-duration: 4s !important; }',
    });
    await notice.getByRole('button', { name: '提交异议' }).click();
    // It cannot be taken back: asked first, saying who reviews it.
    const sure = visitor.getByRole('dialog', { name: '确认提交「公示异议书」？' });
    await sure.waitFor();
    expect(await sure.textContent()).toContain('提交后不能撤回或修改；市场监管总局将组织复核（第二十二条）');
    await clickInDialog(visitor, sure.getByRole('button', { name: '确认提交' }));
    // The receipt's heading takes the focus from the form that is gone, and keeps it once the
    // confirmation has closed.
    const receipt = notice.getByRole('heading', { name: '异议已提交' });
    await receipt.waitFor();
    await visitor.locator('.ant-modal-root').waitFor({ state: 'detached' });
    await slowDialogs.evaluate((style) => {
      (style as HTMLStyleElement).remove();
    });
    await expect.poll(() => receipt.evaluate((heading) => heading === document.activeElement)).toBe(true);
    await expect.poll(() => notice.locator('.ant-result').textContent()).toContain('书面举证材料 1 份');
    expect(await notice.locator('.ant-result').textContent()).toMatch(/收件时间：2025-04-03 \d\d:\d\d（北京时间）/);
    // A number to quote, the one SAMR's inbox gives the review (below).
    // A random code to quote (not the objection's number on the case, which would count them).
    const receiptText = (await notice.locator('[data-receipt-number]').textContent()) ?? '';
    expect(receiptText).toMatch(/^回执编号：[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}（查询时请告知此编号）$/);
    const receiptCode = receiptText.slice('回执编号：'.length, '回执编号：'.length + 14);
    await shot(visitor, '8-objection-receipt');
    // Printed, the receipt stands alone: not the other notices, not its own buttons.
    await notice.getByRole('button', { name: '打印回执' }).waitFor();
    const pageHeading = visitor.getByRole('heading', { level: 1 }).first();
    expect(await pageHeading.isVisible()).toBe(true);
    await visitor.emulateMedia({ media: 'print' });
    expect(await receipt.isVisible()).toBe(true);
    expect(await pageHeading.isVisible()).toBe(false);
    expect(await notice.getByRole('button', { name: '打印回执' }).isVisible()).toBe(false);
    await visitor.emulateMedia({ media: 'screen' });
    // Folded and opened again, or reloaded, the receipt is still there to quote (it was gone).
    await notice.getByRole('button', { name: '收起回执' }).click();
    await notice.getByRole('button', { name: '查看异议回执：星河湾现代服务业集聚区' }).click();
    expect(await notice.locator('[data-receipt-number]').textContent()).toBe(receiptText);
    await visitor.reload();
    await notice.getByRole('button', { name: '收起回执' }).waitFor();
    expect(await notice.locator('[data-receipt-number]').textContent()).toBe(receiptText);
    // Sent, nothing typed is kept: 再提出一项异议 opens an empty form.
    await notice.getByRole('button', { name: '再提出一项异议' }).click();
    await notice.getByLabel('异议内容', { exact: true }).waitFor();
    expect(await notice.getByLabel('异议内容', { exact: true }).inputValue()).toBe('');
    expect(await notice.locator('[data-unsent-notice]').count()).toBe(0);

    const samr = await newPage('2025-04-03T10:00:00+08:00');
    await signedIn(samr, 'samr', '/');
    const row = samr.getByRole('row').filter({ hasText: '星河湾现代服务业集聚区' });
    await row.getByRole('link', { name: '复核异议' }).waitFor();
    // Which objection it is, and the code on the objector's receipt (to find it when they quote it).
    const origin = (await row.getByTestId('task-origin').textContent()) ?? '';
    expect(origin).toMatch(/^公示异议书 第 1 件 · /);
    expect(origin).toContain(`回执编号 ${receiptCode}`);
    // The task's own date (TaskView.due) or none, never the case's next date (issue 8 defect 5).
    const objectionTask = (
      await server.ok<(TaskView & { due?: { date: string } })[]>('GET', '/api/tasks', { as: 'samr' })
    ).find((task) => task.caseId === caseId && task.taskId === 'samrObjectionReview');
    const headers = (await samr.getByRole('columnheader').allTextContents()).map((text) => text.trim());
    const dueColumn = headers.indexOf('办理期限');
    expect(dueColumn).toBeGreaterThan(-1);
    await expect.poll(() => row.locator('td').nth(dueColumn).textContent()).toContain(objectionTask?.due?.date ?? '—');
    await shot(samr, '9-samr-objection-inbox');
    await row.getByRole('link', { name: '复核异议' }).click();
    await samr.locator('[data-task="samrObjectionReview"]').waitFor();
    await samr.getByText('收到：公示异议书').waitFor();
    // The objection under review, with the evidence the public uploaded (downloadable by SAMR).
    await samr.getByRole('heading', { name: '所复核的事项：公示异议书' }).waitFor();
    await samr.getByRole('button', { name: '下载：举证材料.pdf' }).waitFor();
    // The experts' evaluation among what was sent since, with its result: the total against the
    // pass mark (it stood with nothing after it, while each review showed its decision).
    const evaluated = (
      await server.ok<{ data: { scores?: Record<string, number> } }[]>('GET', `/api/cases/${caseId}/submissions`, {
        as: 'admin',
      })
    ).find((submission) => submission.data.scores !== undefined && 'findings' in submission.data);
    const total = Object.values(evaluated?.data.scores ?? {}).reduce((sum, value) => sum + value, 0);
    const expertLine = samr.locator('[data-earlier-opinion]').filter({ hasText: /^专家评估验收/ });
    await expect
      .poll(() => expertLine.locator('[data-score-summary]').textContent())
      .toMatch(new RegExp(`^合计 ${total} 分（通过分数线 \\d+ 分）$`));
    await shot(samr, '10-samr-objection-case');

    // The park prints the objection: withheld (Art. 22), its evidence too — never 「无附件」.
    const withheld = (
      await server.ok<{ seq: number; redacted?: boolean }[]>('GET', `/api/cases/${caseId}/submissions`, {
        as: 'park2',
      })
    ).find((submission) => submission.redacted === true);
    const park = await newPage('2025-04-03T10:00:00+08:00');
    await signedIn(park, 'park2', `/cases/${caseId}/print/${String(withheld?.seq)}`);
    const printed = park.locator('article.print-form');
    await printed.getByText('附件与上述材料一并不予显示。').waitFor();
    expect(await printed.textContent()).not.toContain('无附件');
    // The park's bell told it of SAMR's approval to start (it heard only of its next task, a year on).
    await park.getByRole('button', { name: /^通知 \(\d+\)$/ }).click();
    await park.getByRole('link', { name: '案件进入新阶段：星河湾现代服务业集聚区' }).first().waitFor();
    expect(await park.locator('.ant-popover').textContent()).toContain('创建中');

    // SAMR finds the objection founded (Art. 22) while the notice runs: once it is over the case ends
    // by itself at 异议成立，不予认定 (below).
    const review = (await server.ok<TaskView[]>('GET', '/api/tasks', { as: 'samr' })).find(
      (task) => task.caseId === caseId && task.taskId === 'samrObjectionReview',
    );
    await server.ok('POST', `/api/tasks/${review?.ref ?? ''}/complete`, {
      as: 'samr',
      body: { data: { decision: 'upheld', findings: '经核查异议属实。', comments: '不予认定。' } },
    });
    // A second objection comes in: SAMR's review of it names it, and among what was sent since, the
    // first one's review says which it decided (it read 复核异议 [异议成立], as if on this objection).
    const objectionForm = await server.ok<{ examples: unknown[] }>(
      'GET',
      `/api/definitions/${PROCESS}/${VERSION}/forms/objection`,
    );
    await server.ok('POST', `/api/public/notices/${caseId}/objections`, { body: { data: objectionForm.examples[0] } });
    await samr.goto(`${server.url}/cases/${caseId}`);
    await samr.getByRole('heading', { name: '所复核的事项：公示异议书 第 2 件' }).waitFor();
    const firstReview = samr.locator('[data-earlier-opinion]').filter({ hasText: /^复核异议 · 公示异议书 第 1 件 · / });
    await expect.poll(() => firstReview.locator('.ant-tag').textContent()).toBe('异议成立');
    await samr
      .locator('[data-earlier-opinion]')
      .filter({ hasText: /^公示异议书 第 1 件 · 公众 · / })
      .waitFor();
    const secondReview = (await server.ok<TaskView[]>('GET', '/api/tasks', { as: 'samr' })).find(
      (task) => task.caseId === caseId && task.taskId === 'samrObjectionReview',
    );
    await server.ok('POST', `/api/tasks/${secondReview?.ref ?? ''}/complete`, {
      as: 'samr',
      body: { data: { decision: 'dismissed', findings: '经核查异议不属实。', comments: '不影响认定。' } },
    });

    // The notice closes (its last day 2025-04-10) with the visitor's page still open on a new form:
    // sent, it is refused; said where the visitor is, with the notice's period and that nothing was
    // sent (the server's 该公示当前不在受理期内 stood above the form, on a phone 1,600 px above 提交异议, the
    // keyboard left on 提交异议 and nothing in view changed).
    await server.advanceTo('2025-04-11T10:00:00+08:00');
    await choose(visitor, notice, '异议人类型', '个人');
    await notice.getByLabel('异议人名称', { exact: true }).fill('张明');
    await notice.getByLabel('联系电话', { exact: true }).fill('13912345678');
    await notice.getByLabel('异议内容', { exact: true }).fill('公示期最后一日之后才写完的异议。');
    await upload(visitor, notice, '书面举证材料', '逾期举证.pdf');
    // The evidence takes 20 files: of 20 more chosen at once, 19 are sent and the last is refused by
    // name before it is sent (all 21 went up, and only then was the form one too many).
    const uploads: string[] = [];
    const countUploads = (request: Request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/public/attachments')) uploads.push(request.url());
    };
    visitor.on('request', countUploads);
    const chooser = visitor.waitForEvent('filechooser');
    await notice.getByRole('button', { name: '上传附件：书面举证材料' }).click();
    await (
      await chooser
    ).setFiles(
      Array.from({ length: 20 }, (_, index) => {
        const name = `补充材料${String(index + 1)}.pdf`;
        return { name, mimeType: 'application/pdf', buffer: tinyPdf(name) };
      }),
    );
    await notice.getByText('文件「补充材料20.pdf」：未上传，最多上传 20 份文件').waitFor();
    await notice.getByText('补充材料19.pdf', { exact: true }).waitFor();
    visitor.off('request', countUploads);
    expect(uploads).toHaveLength(19);
    await notice.getByRole('checkbox', { name: /真实性承诺/ }).check();
    await notice.getByRole('button', { name: '提交异议' }).click();
    await clickInDialog(
      visitor,
      visitor.getByRole('dialog', { name: '确认提交「公示异议书」？' }).getByRole('button', { name: '确认提交' }),
    );
    const refused = notice.locator('[data-objection-failure]');
    await refused
      .getByRole('alert')
      .filter({ hasText: '此项公示已不再受理异议，您的异议未提交（公示期：2025-04-02 — 2025-04-10）' })
      .waitFor();
    await visitor.locator('.ant-modal-root').waitFor({ state: 'detached' });
    await expect.poll(() => refused.evaluate((area) => area === document.activeElement)).toBe(true);
    // What was typed stays, to be kept or copied elsewhere.
    expect(await notice.getByLabel('异议内容', { exact: true }).inputValue()).toBe('公示期最后一日之后才写完的异议。');

    // The park's page says so at the top, where and when the process ended (it said only
    // 本案已办结：未予认定, no submission having ended it).
    await park.goto(`${server.url}/cases/${caseId}`);
    const ended = park.locator('[data-ended]');
    await expect.poll(() => ended.textContent()).toContain('本案已办结：未予认定');
    expect(await ended.textContent()).toContain('2025-04-11 00:00 办结于「异议成立，不予认定」');
    // Its history says which objection SAMR decided (two 办结任务：复核异议 would not say which).
    await park.getByText('办结任务：复核异议 · 公示异议书 第 1 件').waitFor();
  }, 180_000); // three users, two reloads of the notice; on a loaded machine over 90 s
  it('the admin moves the rehearsal clock from the workbench (it took curl): a time not later is refused, then the timers due run', async () => {
    // A case approved in 2026 opens its acceptance a year later, by its timer.
    await server.advanceTo('2026-02-02T09:00:00+08:00');
    await server.createUsers({ 'park-clock': ['park:P-009'] });
    const caseId = await throughCreation(server, 'park-clock', 'P-009', '青石港临港物流园区');
    const page = await accountsAsAdmin();
    // The administrator's workbench says it is a rehearsal, on which day, and where time is moved.
    await page.getByRole('link', { name: '工作台' }).click();
    const rehearsal = page.locator('[data-rehearsal]');
    await expect
      .poll(() => rehearsal.textContent())
      .toBe('此服务器为演练环境，今日为 2026-02-02，时间只在推进时变化：演练时钟');
    await rehearsal.getByRole('link', { name: '演练时钟' }).click();
    await page.getByRole('heading', { name: '演练时钟' }).waitFor();
    const now = page.locator('[data-sandbox-now]');
    await expect.poll(() => now.textContent()).toBe('当前时间：2026-02-02 09:00（北京时间）');
    const card = page.locator('.ant-card').first();
    // Enter in the date box takes the date; it does not move the clock.
    await pickDate(page, card, '推进到日期', '2026-02-02');
    await choose(page, card, '时刻（北京时间）', '08:00');
    await page.getByRole('button', { name: '推进' }).click();
    await page.getByRole('alert').filter({ hasText: '请选择晚于当前时间的时刻（时钟不能回拨）' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await pickDate(page, card, '推进到日期', '2027-02-04');
    await choose(page, card, '时刻（北京时间）', '09:00');
    await page.getByRole('button', { name: '推进' }).click();
    const sure = page.getByRole('dialog', { name: '将时钟推进到 2027-02-04 09:00（北京时间）？' });
    expect(await sure.textContent()).toContain('推进后不能回拨；其间到期的定时事项将依次执行。');
    await clickInDialog(page, sure.getByRole('button', { name: '推进' }));
    await expect
      .poll(() => page.locator('[data-sandbox-result]').getByRole('status').textContent())
      .toMatch(/^已推进到 2027-02-04 09:00（北京时间），执行定时事项 [1-9]\d* 项。$/);
    await expect.poll(() => now.textContent()).toBe('当前时间：2027-02-04 09:00（北京时间）');
    // The keyboard is back on 推进, to move on again (the page was drawn afresh and it fell to the page).
    const advance = page.getByRole('button', { name: '推进' });
    await expect.poll(() => advance.evaluate((button) => button === document.activeElement)).toBe(true);
    await shot(page, '11-sandbox-clock');
    // The case's timer ran: its acceptance is open to its park.
    const view = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
    expect(view.openTasks.map((task) => task.taskId)).toContain('submitAcceptanceApplication');
  }, 120_000);
});
