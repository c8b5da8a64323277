import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { ARTIFACTS_DIR, browserAvailable, launchChromium, stepScreenshot } from './chromium.js';
import { CLOCK_START, startWebServer, USER_PASSWORD, type WebServer } from './web-server.js';
import { completeWithExample } from './sample-cases.js';
import { choose, clickInDialog, dialogsSettled, twoChars } from './form-controls.js';
import { signInTab } from './page-visit.js';
import { closeTab, newTab } from './tabs.js';
import { tinyPdf } from '../support/tiny-pdf.js';
import { tinyPng } from '../support/sample-files.js';

const PROCESS = 'quality-brand-zone';
const USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  park3: ['park:P-003'],
  park4: ['park:P-004'],
  park5: ['park:P-005'],
  park6: ['park:P-006'],
  park7: ['park:P-007'],
  park8: ['park:P-008'],
  park9: ['park:P-009'],
  park0: ['park:P-000'],
  parka: ['park:P-00a'],
  parkb: ['park:P-00b'],
  parkc: ['park:P-00c'],
  parkd: ['park:P-00d'],
  parke: ['park:P-00e'],
  parkf: ['park:P-00f'],
  parkg: ['park:P-00g'],
  parkh: ['park:P-00h'],
  'province-js': ['province:320000'],
};

/**
 * The server, started after the build and before Chromium (both compete for two shared cores): a
 * start that did not answer in time under load is tried again, twice at most.
 */
async function startServer(options: Parameters<typeof startWebServer>[0]): Promise<WebServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startWebServer({ startTimeoutMs: 120_000, ...options });
    } catch (error) {
      if (attempt === 3 || !String(error).includes('did not answer')) throw error;
    }
  }
}

describe.runIf(browserAvailable())(
  'form quality in Chromium: keyboard, errors on leaving a field, training example',
  () => {
    let server: WebServer;
    /** The same build on the system clock: a production set-up, without training help. */
    let production: WebServer;
    let browser: Browser;

    beforeAll(async () => {
      // A small upload limit, so a test can go past it without a large file.
      server = await startServer({ env: { ATTACHMENT_MAX_MB: '1' } });
      production = await startServer({ env: { CLOCK: 'system' } });
      browser = await launchChromium();
      await server.createUsers(USERS);
      // Only the account its one test signs in as: on the real clock each password is hashed at the
      // production cost (scrypt, about a second on a loaded machine, twice per account with its login).
      await production.createUsers({ park1: ['park:P-001'] });
    }, 600_000);
    afterAll(async () => {
      await (browser as Browser | undefined)?.close();
      await (server as WebServer | undefined)?.stop();
      await (production as WebServer | undefined)?.stop();
    });

    const pages: Page[] = [];
    afterEach(async (context) => {
      if (context.task.result?.state === 'fail')
        for (const [index, page] of pages.entries())
          await page.screenshot({ path: join(ARTIFACTS_DIR, `form-quality-failed-${index}.png`), fullPage: true });
      await Promise.all(pages.splice(0).map(closeTab));
    });

    /**
     * A tab of its own (the session is the tab's). On the first server: on the sandbox's day, with
     * antd's animations, as most people see it (a click must not land on a button still moving in).
     * Else (`machineDay`): the browser on its machine's own day (its clock not set), as launched
     * (reduced motion): the sandbox date-picker test's, whose context the production server's test
     * takes over (a new context's renderer compiles the web app afresh, 2.5–3.6 CPU-s).
     */
    async function tabFor(target: WebServer, machineDay = target !== server): Promise<Page> {
      const viewport = { width: 1440, height: 1000 };
      const page = await newTab(
        browser,
        machineDay ? { viewport } : { viewport, reducedMotion: 'no-preference', time: CLOCK_START },
      );
      pages.push(page);
      return page;
    }

    async function login(target: WebServer, username: string): Promise<Page> {
      const page = await tabFor(target);
      await page.goto(`${target.url}/`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(USER_PASSWORD);
      await page.getByRole('button', { name: twoChars('登录') }).click();
      await page.getByRole('heading', { name: '待办任务' }).waitFor();
      return page;
    }

    /**
     * A page of the server's context signed in as `username` without the login form, for a test that
     * goes on to a case page at once (`login` above and workbench.test.ts go through the form).
     */
    async function signedIn(target: WebServer, username: string, machineDay?: boolean): Promise<Page> {
      const page = await tabFor(target, machineDay);
      await signInTab(page, target, username);
      return page;
    }

    async function startCase(target: WebServer, user: string): Promise<string> {
      const started = await target.ok<CaseView>('POST', '/api/cases', {
        as: user,
        body: { process: PROCESS, park: `P-00${user.slice(-1)}`, province: '320000' },
      });
      return started.id;
    }

    const openTasks = async (caseId: string) =>
      (await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).openTasks.map((task) => task.taskId);

    const taskRef = async (caseId: string) =>
      (await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).openTasks[0]?.ref ?? '';

    const errorsAt = (form: Locator, page: Page, label: string) =>
      form
        .locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) })
        .locator('.ant-form-item-explain-error')
        .allTextContents();

    it('Enter in a field never sends a decision; the button asks first, restating 退回修改', async () => {
      const caseId = await startCase(server, 'park1');
      await completeWithExample(server, 'park1', caseId, 'submitCreationApplication');
      const page = await signedIn(server, 'province-js');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="provincialFeasibilityReview"]');
      await form.getByRole('button', { name: '填入示例（培训用）' }).click();
      await form.getByLabel('审核结论', { exact: true }).click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      // Only the choices: no entry for "nothing" (blank, or 请选择) for the list to open on and the
      // arrow keys to stop at — 请选择 is the closed field's placeholder.
      await expect.poll(() => options.allTextContents()).toEqual(['同意（列入创建名单）', '退回修改', '不予通过']);
      const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
      expect(await active.allTextContents()).toEqual(['同意（列入创建名单）']);
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => active.allTextContents()).toEqual(['不予通过']);
      await options.filter({ hasText: '退回修改' }).click();
      // Only spaces (an ideographic one too) is said at the field, before any dialog asks to send it.
      await form.getByLabel('审核意见', { exact: true }).fill('   　 ');
      await form.getByRole('button', { name: twoChars('提交') }).click();
      await expect.poll(() => errorsAt(form, page, '审核意见')).toContain('不能只填空格或不可见字符');
      // The summary names the field, as it does for every other error.
      expect(await form.locator('.qbz-error-summary li').allTextContents()).toContain(
        '「审核意见」不能只填空格或不可见字符',
      );
      expect(await page.getByRole('dialog').count()).toBe(0);
      await form.getByLabel('审核意见', { exact: true }).fill('请补充创建方案的保障措施。');

      // Enter in the date picker and in a text box: the form stays (the defect sent an approval here).
      await form.getByLabel('论证日期', { exact: true }).click();
      // The calendar speaks Chinese: months and weekdays (they read 2026年 Dec, Su Mo Tu).
      const calendar = page.locator('.ant-picker-dropdown:visible');
      await expect.poll(() => calendar.locator('.ant-picker-header-view').textContent()).toMatch(/^\d{4}年\d{1,2}月$/);
      expect(await calendar.locator('thead').textContent()).toBe('一二三四五六日');
      await page.keyboard.press('Enter');
      await form.getByLabel('部门名称', { exact: true }).first().focus();
      await page.keyboard.press('Enter');
      // The button, reached by the keyboard, asks; the dialog (the first one: Enter opened none) restates the choice.
      await form.getByRole('button', { name: twoChars('提交') }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await page.getByRole('dialog', { name: '确认提交「退回修改」？' }).waitFor();
      expect(await page.locator('.ant-modal-confirm').count()).toBe(1);
      await expect.poll(() => dialog.textContent()).toContain('审核结论：退回修改');
      // Tab goes round the dialog's two buttons, either way, never out of the page (it left for the
      // browser's controls after the last one, a stop with no focus shown).
      const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
      const focusAfter = async (key: string) => {
        await page.keyboard.press(key);
        return focused();
      };
      expect(await focused()).toBe('暂不提交');
      expect(await focusAfter('Tab')).toBe('确认提交');
      expect(await focusAfter('Tab')).toBe('暂不提交');
      expect(await focusAfter('Shift+Tab')).toBe('确认提交');
      expect(await focusAfter('Tab')).toBe('暂不提交');
      // Its cancel button has the focus: Enter goes back to the form, nothing is sent.
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect(await openTasks(caseId)).toEqual(['provincialFeasibilityReview']);

      await form.getByRole('button', { name: twoChars('提交') }).click();
      await clickInDialog(page, dialog.getByRole('button', { name: '确认提交' }));
      await form.waitFor({ state: 'detached' });
      expect(await openTasks(caseId)).toEqual(['submitCreationApplication']);
      // The sent form is gone; the focus is on the case's heading, not left on the page itself.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    }, 120_000);

    it('提交 pressed twice before its question comes asks once (a second confirmation stacked on the first, and confirming both sent the form twice)', async () => {
      const caseId = await startCase(server, 'parkb');
      await completeWithExample(server, 'parkb', caseId, 'submitCreationApplication');
      const page = await signedIn(server, 'province-js');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="provincialFeasibilityReview"]');
      await form.getByRole('button', { name: '填入示例（培训用）' }).click();
      const previews: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/preview')) previews.push(request.url());
      });
      // The preview's answer is held until both presses are in: on a quick machine it came between
      // them, the question had the focus, and the second Enter answered it (暂不提交).
      let answerPreview = () => {};
      const bothPressed = new Promise<void>((resolve) => (answerPreview = resolve));
      await page.route('**/preview', async (route) => {
        await bothPressed;
        await route.continue();
      });
      const submit = form.getByRole('button', { name: twoChars('提交') });
      await submit.focus();
      // The second press comes while the first one's preview is on its way, before any question.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      answerPreview();
      const confirmations = page.locator('.ant-modal-confirm');
      await confirmations.first().waitFor();
      await dialogsSettled(page);
      expect(previews).toHaveLength(1);
      expect(await confirmations.count()).toBe(1);
      // Escape answers it, and leaves no other behind: the keyboard is back on 提交, nothing was sent.
      await page.keyboard.press('Escape');
      await confirmations.first().waitFor({ state: 'detached' });
      await expect.poll(() => submit.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await openTasks(caseId)).toEqual(['provincialFeasibilityReview']);
      // Answered, the question is asked again on the next press.
      await page.keyboard.press('Enter');
      await confirmations.first().waitFor();
      expect(previews).toHaveLength(2);
    }, 120_000);

    /** Whether `element` has the keyboard. */
    const hasFocus = (element: Locator) => element.evaluate((node) => node === document.activeElement);

    it('a start refused (the case started in another window meanwhile) leaves the keyboard on 发起创建申请, the reason said (it fell to the page)', async () => {
      const page = await login(server, 'parkc');
      await page.getByRole('button', { name: '发起创建申请' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '发起创建申请' });
      const start = dialog.getByRole('button', { name: '发起创建申请' });
      await start.waitFor();
      await dialogsSettled(page);
      await startCase(server, 'parkc');
      // Shift+Tab from the first control goes round to the last: the dialog's own 发起创建申请.
      await page.keyboard.press('Shift+Tab');
      expect(await hasFocus(start)).toBe(true);
      await page.keyboard.press('Enter');
      await dialog.getByRole('alert').filter({ hasText: '园区 P-00c 已有办理中的案件' }).waitFor();
      await expect.poll(() => hasFocus(start)).toBe(true);
    }, 120_000);

    it('a decision refused (sent from another window meanwhile) leaves the keyboard on 提交, the reason said (it fell to the page)', async () => {
      const caseId = await startCase(server, 'parkd');
      await completeWithExample(server, 'parkd', caseId, 'submitCreationApplication');
      const page = await signedIn(server, 'province-js');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="provincialFeasibilityReview"]');
      await form.getByRole('button', { name: '填入示例（培训用）' }).click();
      const submit = form.getByRole('button', { name: twoChars('提交') });
      await submit.focus();
      await page.keyboard.press('Enter');
      const sure = page.getByRole('dialog', { name: /^确认提交/ });
      await sure.waitFor();
      await dialogsSettled(page);
      await completeWithExample(server, 'province-js', caseId, 'provincialFeasibilityReview');
      // On a slow network the refusal comes after the question has closed and handed the keyboard
      // back to 提交 (a quick one came before, while the button could still take it).
      await page.route('**/complete', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await route.continue();
      });
      await page.keyboard.press('Tab');
      expect(await hasFocus(sure.getByRole('button', { name: '确认提交' }))).toBe(true);
      await page.keyboard.press('Enter');
      await form.getByRole('alert').filter({ hasText: '此任务已办结' }).waitFor();
      await sure.waitFor({ state: 'detached' });
      await expect.poll(() => hasFocus(submit)).toBe(true);
    }, 120_000);

    it('a decision refused (done by a colleague meanwhile) is said beside 提交 too, with 刷新, where the mouse pressed it (only the top of the card said it, out of sight)', async () => {
      const caseId = await startCase(server, 'parkh');
      await completeWithExample(server, 'parkh', caseId, 'submitCreationApplication');
      const page = await signedIn(server, 'province-js');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="provincialFeasibilityReview"]');
      await form.getByRole('button', { name: '填入示例（培训用）' }).click();
      await completeWithExample(server, 'province-js', caseId, 'provincialFeasibilityReview');
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const beside = form.locator('[data-submit-failure]');
      await expect.poll(() => beside.textContent()).toMatch(/^此任务已办结/);
      // In view where 提交 was pressed; the top of the card is not.
      const inView = (locator: Locator) =>
        locator.evaluate((node) => {
          const box = node.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        });
      expect(await inView(beside)).toBe(true);
      expect(await inView(form.getByRole('alert').filter({ hasText: '此任务已办结' }))).toBe(false);
      const refresh = form.getByRole('button', { name: twoChars('刷新') });
      expect(await refresh.count()).toBe(2);
      expect(await inView(refresh.last())).toBe(true);
      await refresh.last().click();
      await form.waitFor({ state: 'detached' });
      await page.getByText('您在本案件暂无待办任务').waitFor();
    }, 120_000);

    it('errors appear when a field is left, in plain words; a number out of range, or letters in a number field, stay as typed and are an error', async () => {
      const caseId = await startCase(server, 'park2');
      const page = await signedIn(server, 'park2');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      // An unanswered drop-down says what to do.
      const parkType = form.locator('.ant-form-item', { has: page.getByLabel('园区类型', { exact: true }) });
      expect(await parkType.locator('.ant-select-placeholder').textContent()).toBe('请选择');
      // An optional drop-down lists only its choices too; what one chose is taken back by its 清除
      // (a required one has none), and 请选择 comes back.
      const parkLevel = form.locator('.ant-form-item', { has: page.getByLabel('园区级别', { exact: true }) });
      await form.getByLabel('园区级别', { exact: true }).click();
      await expect
        .poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents())
        .toEqual(['国家级', '省级', '市级及以下', '其他']);
      await page.keyboard.press('Escape');
      await choose(page, form, '园区级别', '省级');
      // Tab from the box goes to its 清除, which shows and alone is outlined (antd showed it under the
      // pointer only: the keyboard landed on nothing to be seen, and Enter there emptied the choice).
      const clear = parkLevel.getByRole('button', { name: '清除' });
      await form.getByLabel('园区级别', { exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await clear.evaluate((button) => button === document.activeElement)).toBe(true);
      expect(await clear.evaluate((button) => button.checkVisibility({ opacityProperty: true }))).toBe(true);
      expect(await clear.evaluate((button) => getComputedStyle(button).outlineStyle)).toBe('solid');
      expect(await parkLevel.locator('.ant-select').evaluate((box) => getComputedStyle(box).outlineStyle)).toBe('none');
      await page.keyboard.press('Enter');
      await expect.poll(() => parkLevel.locator('.ant-select-placeholder').textContent()).toBe('请选择');
      await choose(page, form, '园区类型', '工业');
      expect(await parkType.getByRole('button', { name: '清除' }).count()).toBe(0);
      await form.getByLabel('园区名称', { exact: true }).click();
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '园区名称')).toEqual(['为必填项']);
      // Only the field left shows an error, not every empty field of the form.
      expect(await form.locator('.ant-form-item-explain-error').count()).toBe(1);

      await form.getByLabel('统一社会信用代码', { exact: true }).fill('91320000134812345A');
      await page.keyboard.press('Tab');
      await expect
        .poll(() => errorsAt(form, page, '统一社会信用代码'))
        .toEqual(['不是有效的统一社会信用代码，请核对（校验码不符）']);

      const share = form.getByLabel('主导产业占比（%）', { exact: true });
      await share.fill('150');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '主导产业占比（%）')).toEqual(['不能大于 100']);
      expect(await share.inputValue()).toBe('150');
      // Spaces around a text are not part of it (the server stores it trimmed): no format error.
      await form.getByLabel('邮政编码', { exact: true }).fill(' 215000 ');
      await page.keyboard.press('Tab');
      await form.getByLabel('邮政编码', { exact: true }).fill('21500');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '邮政编码')).not.toEqual([]);
      await form.getByLabel('邮政编码', { exact: true }).fill(' 215000 ');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '邮政编码')).toEqual([]);
      // A fraction where a whole number is wanted says so (it said 为必填项, of a filled field).
      await form.getByLabel('园区企业数量（家）', { exact: true }).fill('3.5');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '园区企业数量（家）')).toEqual(['应当为整数']);
      // Letters stay as typed and are called what they are (they vanished, and the field said 为必填项);
      // full-width digits from a Chinese input method are a number.
      const area = form.getByLabel('园区面积（平方公里）', { exact: true });
      await area.pressSequentially('52a');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '园区面积（平方公里）')).toEqual(['应当为数字']);
      expect(await area.inputValue()).toBe('52a');
      await area.fill('５２．６');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '园区面积（平方公里）')).toEqual([]);
      expect(await area.getAttribute('inputmode')).toBe('decimal');
      await stepScreenshot(page, 'form-quality-blur-errors');

      // A valid code: its error goes when the field is left again.
      await form.getByLabel('统一社会信用代码', { exact: true }).fill('91320000134812345R');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '统一社会信用代码')).toEqual([]);

      // A long text shows how much of its limit is used, counted as the server counts (an emoji is
      // one), red past it, and keeps all that was pasted (it was said only on leaving the box).
      const situation = form.getByLabel('园区基本情况', { exact: true });
      // antd draws the count after the box, from its wrapper's data-count.
      const box = form.locator('.ant-input-textarea-affix-wrapper', {
        has: page.getByLabel('园区基本情况', { exact: true }),
      });
      const count = () => box.getAttribute('data-count');
      await situation.fill('园区😀');
      await expect.poll(count).toBe('3 / 5000');
      await situation.fill('园'.repeat(5001));
      await expect.poll(count).toBe('5001 / 5000');
      expect(await situation.inputValue()).toHaveLength(5001);
      expect(await box.getAttribute('class')).toContain('ant-input-out-of-range');
      // Polled: antd eases the count's colour in (a busy machine read it still grey).
      const inErrorColour = async () => {
        const colour = await box.evaluate((element) => getComputedStyle(element, '::after').color);
        const [red = 0, green = 0] = colour.match(/\d+/g)?.map(Number) ?? [];
        return red > 2 * green;
      };
      await expect.poll(inErrorColour, { message: 'the count past the limit is in the error colour' }).toBe(true);
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '园区基本情况')).toEqual(['不能超过 5000 个字']);
    }, 120_000);

    it('the training example fills the form but no upload (its file ids name no file), and leaves the keyboard on its button', async () => {
      const caseId = await startCase(server, 'park3');
      const page = await signedIn(server, 'park3');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      // By the keyboard: filled, the keyboard is still on the button (it fell to the page).
      const example = form.getByRole('button', { name: '填入示例（培训用）' });
      await example.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => form.getByLabel('园区名称', { exact: true }).inputValue()).not.toBe('');
      await expect.poll(() => hasFocus(example)).toBe(true);
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const plan = form.locator('.ant-form-item', { has: page.getByRole('button', { name: '上传附件：创建方案' }) });
      await expect.poll(() => plan.locator('.ant-form-item-explain-error').allTextContents()).toEqual(['请上传文件']);
      expect(await openTasks(caseId)).toEqual(['submitCreationApplication']);
    }, 120_000);

    it("the server's refusal takes the focus to the first field it names (a restored draft whose files are gone), not the list atop the form", async () => {
      const caseId = await startCase(server, 'park9');
      const view = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'park9' });
      const [task] = view.openTasks;
      if (task === undefined) throw new Error('no open task');
      const schema = await server.ok<{ examples: unknown[] }>(
        'GET',
        `/api/definitions/${view.process}/${view.version}/forms/${task.formKey}`,
      );
      const page = await signedIn(server, 'park9');
      // What this tab kept of an earlier visit: the example, whose attachment ids name no stored file.
      const draft = JSON.stringify({ data: schema.examples[0], savedAt: new Date(CLOCK_START).toISOString() });
      await page.evaluate(
        ({ key, value }) => {
          sessionStorage.setItem(key, value);
        },
        {
          key: `qbz.unsent.park9|task.${task.ref}`,
          value: draft,
        },
      );
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      await expect.poll(() => form.getByLabel('园区名称', { exact: true }).inputValue()).not.toBe('');
      await form.getByRole('button', { name: twoChars('提交') }).click();
      await form.locator('.qbz-error-summary').getByText('不存在或无权引用').first().waitFor();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      // The file field's button (重新上传 while it names a file), the first of those refused.
      await expect.poll(focused).toMatch(/^重新上传：/);
      const item = form.locator('.ant-form-item', { has: page.getByRole('button', { name: await focused() }) });
      expect((await item.locator('.ant-form-item-explain-error').allTextContents()).join('')).toContain(
        '不存在或无权引用',
      );
      expect(await openTasks(caseId)).toEqual(['submitCreationApplication']);
    }, 120_000);

    /** A new case's creation form, signed in as `user`: its first list, that list's add button and rows. */
    async function firstList(user: string) {
      const caseId = await startCase(server, user);
      const page = await signedIn(server, user);
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const add = page
        .locator('[data-task="submitCreationApplication"]')
        .getByRole('button', { name: /^添加一项：/ })
        .first();
      await add.waitFor();
      const list = add.locator('xpath=ancestor::fieldset[1]');
      return { page, add, list, rows: list.locator('.qbz-array-items > .ant-row') };
    }

    it('添加一项 by keyboard gives the new row the focus (it stayed on the button, below the row)', async () => {
      const { page, add, list, rows } = await firstList('park0');
      const before = await rows.count();
      await add.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => rows.count()).toBe(before + 1);
      await expect
        .poll(() =>
          list.evaluate((group) =>
            group.querySelector('.qbz-array-items')?.lastElementChild?.contains(document.activeElement),
          ),
        )
        .toBe(true);
    }, 120_000);

    it('上移, 下移 and 删除 by keyboard keep the focus with the row (it fell back to the page)', async () => {
      const { page, add, list, rows } = await firstList('parka');
      const before = await rows.count();
      for (const text of ['甲目标', '乙目标']) {
        await add.focus();
        await page.keyboard.press('Enter');
        await page.keyboard.type(text);
      }
      await expect.poll(() => rows.count()).toBe(before + 2);
      /** The first text in the row holding the focus, and the focused button's name. */
      const focus = () =>
        list.evaluate((group) => {
          const row = Array.from(group.querySelector('.qbz-array-items')?.children ?? []).find((child) =>
            child.contains(document.activeElement),
          );
          const box = row?.querySelector('input:not([type="hidden"]), textarea');
          const text = box instanceof HTMLInputElement || box instanceof HTMLTextAreaElement ? box.value : undefined;
          return `${text ?? 'outside the list'} · ${document.activeElement?.getAttribute('title') ?? ''}`;
        });
      await rows
        .nth(before + 1)
        .getByRole('button', { name: /^上移：第 \d+ 项$/ })
        .focus();
      await page.keyboard.press('Enter');
      await expect.poll(focus).toBe('乙目标 · 上移');
      await page.keyboard.press('Enter');
      // Moved to the top only when the list had one row before: the same button, or 下移 when 上移 is disabled.
      await expect.poll(focus).toMatch(/^乙目标 · (上移|下移)$/);
      await rows
        .nth(0)
        .getByRole('button', { name: /^下移：第 \d+ 项$/ })
        .focus();
      const first = await rows.nth(0).locator('input:not([type="hidden"]), textarea').first().inputValue();
      await page.keyboard.press('Enter');
      await expect.poll(focus).toBe(`${first} · 下移`);
      await rows
        .last()
        .getByRole('button', { name: /^删除：第 \d+ 项$/ })
        .focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => rows.count()).toBe(before + 1);
      // The row above took the place of the last one, and its 删除 the focus.
      await expect.poll(focus).toMatch(/ · 删除$/);
      expect(await focus()).not.toMatch(/^outside the list/);
    }, 120_000);

    it('a submission that would end the case is asked about first (an Art. 7 declaration), naming why', async () => {
      const caseId = await startCase(server, 'park4');
      const page = await signedIn(server, 'park4');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      await form.getByRole('button', { name: '填入示例（培训用）' }).click();
      await expect.poll(() => form.getByLabel('园区名称', { exact: true }).inputValue()).not.toBe('');
      const chooser = page.waitForEvent('filechooser');
      await form.getByRole('button', { name: '上传附件：创建方案' }).click();
      await (await chooser).setFiles({ name: '创建方案.pdf', mimeType: 'application/pdf', buffer: tinyPdf('plan') });
      await form.getByRole('button', { name: '下载：创建方案.pdf' }).waitFor();
      // 重新上传 shows the new file's name (it kept showing the first one, while the new one was sent).
      const again = page.waitForEvent('filechooser');
      await form.getByRole('button', { name: '重新上传：创建方案' }).click();
      await (await again).setFiles({ name: '创建方案-v2.pdf', mimeType: 'application/pdf', buffer: tinyPdf('plan 2') });
      await form.getByRole('button', { name: '下载：创建方案-v2.pdf' }).waitFor();
      expect(await form.getByRole('button', { name: '下载：创建方案.pdf' }).count()).toBe(0);
      await form.getByRole('radiogroup', { name: '重大质量事故' }).getByText('是', { exact: true }).click();

      await form.getByRole('button', { name: twoChars('提交') }).click();
      const dialog = page.getByRole('dialog', { name: '提交后本案将结束：不符合申报条件' });
      await dialog.waitFor();
      await expect.poll(() => dialog.textContent()).toContain('第七条');
      // The cancel button has the focus: Enter goes back, nothing is sent.
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect(await openTasks(caseId)).toEqual(['submitCreationApplication']);

      await form.getByRole('button', { name: twoChars('提交') }).click();
      await clickInDialog(page, dialog.getByRole('button', { name: '确认提交' }));
      await form.waitFor({ state: 'detached' });
      const ended = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      expect(ended.final).toBe(true);
    }, 120_000);

    it('tells assistive technology which fields are invalid and required, and what their errors say', async () => {
      const caseId = await startCase(server, 'park5');
      const page = await signedIn(server, 'park5');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      await form.getByRole('button', { name: twoChars('提交') }).click();
      // A select and a text area (antd's own say neither), as a text box does.
      for (const label of ['园区类型', '园区基本情况', '园区名称']) {
        const field = form.getByLabel(label, { exact: true });
        await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
        expect(await field.getAttribute('aria-required'), label).toBe('true');
      }
      // The upload button is described by its error.
      const upload = form.getByRole('button', { name: '上传附件：创建方案' });
      const described = async () => {
        const ids = ((await upload.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
        const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
        return texts.join(' ');
      };
      await expect.poll(described).toContain('请上传文件');
    }, 120_000);

    it('the error summary follows the form top to bottom, and each item takes the focus to its field', async () => {
      const caseId = await startCase(server, 'park6');
      const page = await signedIn(server, 'park6');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      await form.getByRole('button', { name: '添加一项：创建目标' }).click();
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const summary = form.getByRole('alert').filter({ hasText: '请修改以下内容' });
      const links = summary.getByRole('link');
      await expect.poll(() => links.count(), { timeout: 30_000 }).toBeGreaterThan(5);
      // Ajv lists every missing field before any nested one (园区名称, 园区类型, 主导产业 … then 创建主体's):
      // the summary lists them as they stand on the form.
      const positions = await links.evaluateAll((anchors) =>
        anchors.map((anchor) => {
          const target = document.getElementById((anchor.getAttribute('href') ?? '').slice(1));
          return target === null ? -1 : Array.from(document.querySelectorAll('*')).indexOf(target);
        }),
      );
      expect(positions).not.toContain(-1);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(await links.first().textContent()).toBe('「园区名称」为必填项');
      // A field in a list says which row (「指标名称」 alone did not say which of up to twenty targets).
      expect(await links.allTextContents()).toContain('「创建目标」第 1 项「指标名称」为必填项');
      // The submit focused the first of them, the first field on the form.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe(`task-${await taskRef(caseId)}_parkName`);

      // A nested field's item, by the keyboard: Enter on the link puts the focus in the field.
      const nested = links.filter({ hasText: '统一社会信用代码' }).first();
      const wanted = ((await nested.getAttribute('href')) ?? '').slice(1);
      await nested.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(wanted);
      // By the pointer, a choice (antd's select): its search box takes the focus.
      const select = links.filter({ hasText: '园区类型' }).first();
      await select.click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe(((await select.getAttribute('href')) ?? '').slice(1));
      await stepScreenshot(page, 'form-quality-error-summary');
    }, 120_000);

    it('refuses a file above the size limit before sending it, in the server’s words, at the field and aloud', async () => {
      const caseId = await startCase(server, 'park7');
      const page = await signedIn(server, 'park7');
      const sent: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/attachments')) sent.push(request.url());
      });
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      const field = form
        .locator('.ant-form-item', { has: page.getByRole('button', { name: '上传附件：创建方案' }) })
        .last();
      // What may be sent is said beside the button before anything is chosen, and describes it.
      const picker = form.getByRole('button', { name: '上传附件：创建方案' });
      await expect
        .poll(() =>
          picker.evaluate((button) =>
            (button.getAttribute('aria-describedby') ?? '')
              .split(' ')
              .map((id) => document.getElementById(id)?.textContent)
              .filter((text) => text !== undefined),
          ),
        )
        .toContain('可上传 PDF、PNG、JPEG、DOCX、XLSX、XLS、DOC、ZIP 文件，单个不超过 1 MB');
      const big = Buffer.concat([tinyPdf('big'), Buffer.alloc(1024 * 1024 + 1)]);
      const chooser = page.waitForEvent('filechooser');
      await form.getByRole('button', { name: '上传附件：创建方案' }).click();
      await (await chooser).setFiles({ name: '创建方案（扫描件）.pdf', mimeType: 'application/pdf', buffer: big });

      // The server's own refusal of the same file, word for word.
      const refused = await server.call<{ error: { message: string } }>('POST', '/api/attachments', {
        as: 'park7',
        raw: big,
        fileName: '创建方案（扫描件）.pdf',
      });
      expect(refused.status).toBe(413);
      expect(refused.body.error.message).toBe('附件不能超过 1 MB');
      // Named as the server's own messages name a file (文件「…」已损坏或不完整).
      const shown = `文件「创建方案（扫描件）.pdf」：${refused.body.error.message}`;
      // Shown at the field (the sighted user's), said in its live region (the screen reader's).
      await field.locator('.ant-typography-danger').getByText(shown, { exact: true }).waitFor();
      await expect.poll(() => field.getByRole('status').textContent()).toBe(shown);
      expect(sent).toEqual([]);

      // A file within the limit goes as before.
      const next = page.waitForEvent('filechooser');
      await form.getByRole('button', { name: '上传附件：创建方案' }).click();
      await (await next).setFiles({ name: '创建方案.pdf', mimeType: 'application/pdf', buffer: tinyPdf('small') });
      await expect.poll(() => form.getByRole('status').filter({ hasText: '已上传：创建方案.pdf' }).count()).toBe(1);
      expect(sent).toHaveLength(1);

      // A proxy's own error page (HTML, not the server's JSON) ends the upload with a message: it threw
      // reading it, and the upload stayed under way for ever.
      await page.route('**/api/attachments', (route) =>
        route.fulfill({ status: 502, contentType: 'text/html', body: '<html><h1>502 Bad Gateway</h1></html>' }),
      );
      const proxied = page.waitForEvent('filechooser');
      // 创建方案 holds one file, now taken: the list of others.
      const others = '上传附件：其他附件';
      await form.getByRole('button', { name: others }).click();
      await (await proxied).setFiles({ name: '方案.pdf', mimeType: 'application/pdf', buffer: tinyPdf('proxied') });
      await form
        .locator('.ant-form-item', { has: page.getByRole('button', { name: others }) })
        .last()
        .locator('.ant-typography-danger')
        .getByText('文件「方案.pdf」：服务器暂时无法处理（502），请稍后重试', { exact: true })
        .waitFor();
      await page.unroute('**/api/attachments');
    }, 120_000);

    it('files chosen together and refused are each said, at the field and aloud, with those uploaded (only the last refusal was)', async () => {
      const caseId = await startCase(server, 'parke');
      const page = await signedIn(server, 'parke');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      const picker = form.getByRole('button', { name: '上传附件：其他附件' });
      const field = form
        .locator('.ant-form-item', { has: page.getByRole('button', { name: '上传附件：其他附件' }) })
        .last();
      const files = [
        { name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
        // A program renamed: its content is no PDF.
        {
          name: 'evil.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
        },
        { name: 'trunc.png', mimeType: 'image/png', buffer: tinyPng().subarray(0, -12) },
        { name: 'ok.pdf', mimeType: 'application/pdf', buffer: tinyPdf('ok') },
      ];
      // The server's own refusal of each, as the field names a file (文件「…」).
      const refusals: string[] = [];
      for (const file of files.slice(0, 3)) {
        const refused = await server.call<{ error: { message: string } }>('POST', '/api/attachments', {
          as: 'parke',
          raw: file.buffer,
          fileName: file.name,
        });
        expect(refused.status, file.name).toBeGreaterThanOrEqual(400);
        const { message } = refused.body.error;
        refusals.push(message.includes(file.name) ? message : `文件「${file.name}」：${message}`);
      }
      expect(refusals[0]).toBe('文件「empty.pdf」为空');
      const chooser = page.waitForEvent('filechooser');
      await picker.click();
      await (await chooser).setFiles(files);
      await form.getByRole('button', { name: '下载：ok.pdf' }).waitFor();
      // One line per file refused, in the order chosen.
      await expect.poll(() => field.locator('.ant-typography-danger').allTextContents()).toEqual(refusals);
      // Said aloud once all have been tried: what was uploaded and each refusal.
      await expect.poll(() => field.getByRole('status').textContent()).toBe(['已上传：ok.pdf', ...refusals].join('；'));
    }, 120_000);

    /** A provincial feasibility review of a new case of `park`'s, open as province-js: its form. */
    async function feasibilityReview(park: string): Promise<{ page: Page; form: Locator }> {
      const caseId = await startCase(server, park);
      await completeWithExample(server, park, caseId, 'submitCreationApplication');
      const page = await signedIn(server, 'province-js');
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="provincialFeasibilityReview"]');
      await form.getByLabel('论证日期', { exact: true }).waitFor();
      return { page, form };
    }

    it('a date typed as 2024/3/3, 2024-3-3 or 20240305 is that date; an impossible or garbled one stays and is said to be no date (both read as empty: 为必填项)', async () => {
      const { page, form } = await feasibilityReview('parkf');
      const date = form.getByLabel('论证日期', { exact: true });
      /** Whether the keyboard has gone on past the date field (not in it, nor fallen to the page). */
      const onwards = () =>
        date.evaluate((box) => {
          const at = document.activeElement;
          return at !== null && at !== document.body && box.closest('.ant-picker')?.contains(at) === false;
        });
      const typeAndLeave = async (text: string) => {
        await date.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.keyboard.type(text);
        await page.keyboard.press('Tab');
      };
      // A first date typed another way, and Tab: read, and the keyboard goes on to the next field
      // (the calendar, open as one types, took it and closed under it: it fell to the page).
      await date.click();
      await page.keyboard.type('2024/3/2');
      await page.keyboard.press('Tab');
      await expect.poll(() => date.inputValue()).toBe('2024-03-02');
      await expect.poll(() => onwards()).toBe(true);
      // The same date typed again another way is shown as the date too (it kept the text typed).
      // Days before the sandbox's today (2024-04-01): 论证日期 records a day past.
      for (const [typed, shown] of [
        ['2023-12-25', '2023-12-25'],
        ['2024/3/3', '2024-03-03'],
        ['2024-3-3', '2024-03-03'],
        ['20240305', '2024-03-05'],
        ['2024.03.06', '2024-03-06'],
      ] as const) {
        await typeAndLeave(typed);
        await expect.poll(() => date.inputValue(), { message: typed }).toBe(shown);
        await expect.poll(() => errorsAt(form, page, '论证日期'), { message: typed }).toEqual([]);
        // Tab went on to the picker's 清除, and stays there once the date is shown anew (the redraw
        // dropped the keyboard to the page).
        const keyboardAt = () =>
          date.evaluate((box) => {
            const at = document.activeElement;
            return at !== box && box.closest('.ant-picker')?.contains(at) === true
              ? at?.getAttribute('aria-label')
              : at?.tagName;
          });
        await expect.poll(keyboardAt, { message: typed }).toBe('清除');
      }
      // Typed while 清除 has the keyboard, a date goes into the box in place of the one there, as
      // after Tab back to it (the button took the keys and did nothing: what was typed was lost).
      await page.keyboard.type('2024/3/4');
      expect(await date.evaluate((box) => document.activeElement === box)).toBe(true);
      await page.keyboard.press('Tab');
      await expect.poll(() => date.inputValue()).toBe('2024-03-04');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual([]);
      for (const typed of ['2025-04-0x', '2025-02-30']) {
        await typeAndLeave(typed);
        expect(await date.inputValue(), typed).toBe(typed);
        // In the server's words for a malformed date (the field is not empty).
        await expect
          .poll(() => errorsAt(form, page, '论证日期'), { message: typed })
          .toEqual(['应为有效的日期，如 2024-05-20']);
      }
      await form.getByRole('button', { name: twoChars('提交') }).click();
      await expect
        .poll(() => form.locator('.qbz-error-summary li').allTextContents())
        .toContain('「论证日期」应为有效的日期，如 2024-05-20');
      // The date the field had before, typed again: taken (the picker, still holding it, saw no change
      // and the text that is no date stayed the field's).
      await typeAndLeave('2024-03-04');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual([]);
      expect(await date.inputValue()).toBe('2024-03-04');
      // The box emptied is the field emptied: Backspace on 清除 empties the box, and Tab leaves a
      // required field without a date (the picker kept it: the form sent the day no longer shown), on
      // to the next field (清除 goes with the date; the keyboard, sent to it, fell to the page).
      await page.keyboard.press('Backspace');
      expect(await date.inputValue()).toBe('');
      await page.keyboard.press('Tab');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['为必填项']);
      expect(await form.locator('.ant-picker').getByRole('button', { name: '清除' }).count()).toBe(0);
      await expect.poll(onwards).toBe(true);
    }, 120_000);

    it('tabbing through a review form leaves errors at the fields left, but no summary until 提交; then the summary follows the fixes', async () => {
      const { page, form } = await feasibilityReview('parkg');
      const summary = form.getByRole('alert').filter({ hasText: '请修改以下内容' });
      await form.getByLabel('审核结论', { exact: true }).focus();
      for (let step = 0; step < 4; step += 1) await page.keyboard.press('Tab');
      await expect.poll(() => form.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(1);
      // Given time to appear (it grew at each field, re-announced by a screen reader each time).
      await page.waitForTimeout(500);
      expect(await summary.count()).toBe(0);

      await form.getByRole('button', { name: twoChars('提交') }).click();
      const items = form.locator('.qbz-error-summary li');
      await expect.poll(() => items.allTextContents()).toContain('「可行性论证结论」为必填项');
      await form.getByLabel('可行性论证结论', { exact: true }).fill('园区符合第三条、第七条要求。');
      await page.keyboard.press('Tab');
      await expect.poll(() => items.allTextContents()).not.toContain('「可行性论证结论」为必填项');
      expect(await items.count()).toBeGreaterThan(0);
    }, 120_000);

    it("a date picker on a sandbox opens on the sandbox's day, calls it today, picks days with the mouse, and greys out the days after it for a date of what has happened", async () => {
      const caseId = await startCase(server, 'park8');
      await completeWithExample(server, 'park8', caseId, 'submitCreationApplication');
      // The browser on its machine's own day (this tab's clock is not set): not the sandbox's 2024-04-01.
      const page = await signedIn(server, 'province-js', true);
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="provincialFeasibilityReview"]');
      const date = form.getByLabel('论证日期', { exact: true });
      await date.click();
      const calendar = page.locator('.ant-picker-dropdown:visible');
      await expect.poll(() => calendar.locator('.ant-picker-header-view').textContent()).toBe('2024年4月');
      expect(await calendar.locator('.ant-picker-cell-today').getAttribute('title')).toBe('2024-04-01');
      // Clicked with the mouse (the press used to take the focus from the field; its error then
      // moved the calendar, and the release picked nothing).
      await calendar.getByText('今天', { exact: true }).click();
      await expect.poll(() => date.inputValue()).toBe('2024-04-01');
      // 论证日期 records a day past (`x-not-after: today`): the days after the sandbox's today are
      // greyed out and a click on one picks nothing, as the server refuses them (they could be
      // picked, and were refused only on 提交).
      await date.click();
      const later = calendar.locator('.ant-picker-cell[title="2024-04-12"]');
      expect(await later.getAttribute('class')).toContain('ant-picker-cell-disabled');
      expect(await calendar.locator('.ant-picker-cell[title="2024-04-01"]').getAttribute('class')).not.toContain(
        'ant-picker-cell-disabled',
      );
      await later.click();
      await stepScreenshot(page, 'form-quality-sandbox-date', false);
      await page.keyboard.press('Escape');
      expect(await date.inputValue()).toBe('2024-04-01');
      // Typed and left with the mouse, a later day is said to be later than the sandbox's today, at
      // the field, before anything is sent.
      await date.fill('2024-04-12');
      await form.getByLabel('可行性论证结论', { exact: true }).click();
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['不能晚于今天（2024-04-01）']);
      // So too typed and left by Tab, or taken by Enter: kept as typed and said why, as with the mouse
      // (the picker refused the greyed day: the box went back to the date before, or empty, and the
      // field said 为必填项 or nothing).
      const typeLate = async (typed: string, key: 'Tab' | 'Enter') => {
        await date.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.keyboard.type(typed);
        await page.keyboard.press(key);
      };
      await typeLate('2024-03-20', 'Tab');
      await expect.poll(() => date.inputValue()).toBe('2024-03-20');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual([]);
      await typeLate('2024-04-15', 'Tab');
      await expect.poll(() => date.inputValue()).toBe('2024-04-15');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['不能晚于今天（2024-04-01）']);
      // The keyboard went on (to the picker's 清除), not to the page.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('清除');
      await typeLate('2024/4/20', 'Tab');
      await expect.poll(() => date.inputValue()).toBe('2024-04-20');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['不能晚于今天（2024-04-01）']);
      await typeLate('2024-04-25', 'Enter');
      await expect.poll(() => date.inputValue()).toBe('2024-04-25');
      await page.keyboard.press('Escape');
      await form.getByLabel('可行性论证结论', { exact: true }).click();
      await expect.poll(() => date.inputValue()).toBe('2024-04-25');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['不能晚于今天（2024-04-01）']);
      // From an empty field too (it stayed empty and said 为必填项).
      await typeLate('', 'Tab');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['为必填项']);
      await typeLate('2024-05-02', 'Tab');
      await expect.poll(() => date.inputValue()).toBe('2024-05-02');
      await expect.poll(() => errorsAt(form, page, '论证日期')).toEqual(['不能晚于今天（2024-04-01）']);
      await form.getByRole('button', { name: twoChars('提交') }).click();
      await expect
        .poll(() => form.locator('.qbz-error-summary li').allTextContents())
        .toContain('「论证日期」不能晚于今天（2024-04-01）');
    }, 120_000);

    it('no training example on a server on the real clock', async () => {
      const caseId = await startCase(production, 'park1');
      const page = await signedIn(production, 'park1');
      // Asked of the server itself: a page's own request may be cut short by the navigation below.
      expect((await production.ok<{ simulated: boolean }>('GET', '/api/clock', { as: 'park1' })).simulated).toBe(false);
      await page.goto(`${production.url}/cases/${encodeURIComponent(caseId)}`);
      const form = page.locator('[data-task="submitCreationApplication"]');
      await form.getByLabel('园区名称', { exact: true }).waitFor();
      expect(await form.getByRole('button', { name: '填入示例（培训用）' }).count()).toBe(0);
    }, 120_000);
  },
);
