import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { browserAvailable, launchChromium, stepScreenshot, failureScreenshot } from './chromium.js';
import { CLOCK_START, startWebServer, USER_PASSWORD, type WebServer } from './web-server.js';
import { ACCEPTANCE, completeWithExample, CREATION, throughCreation, walk } from './sample-cases.js';
import { choose, clickInDialog, dialogsSettled, pickDate, twoChars } from './form-controls.js';
import { signInTab } from './page-visit.js';
import { closeTab, newTab } from './tabs.js';

const PROCESS = 'quality-brand-zone';
const VERSION = '2024-03-14';
const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;
const PROVINCE_ORG = '江苏省市场监督管理局';
const PARK_NAME = '云澜湖智能装备产业园区';
const COMMENT = '请补充主导产业近三年产值数据，\n并说明创建目标与对标园区的差距。';

const USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  park3: ['park:P-003'],
  park4: ['park:P-004'],
  park5: ['park:P-005'],
  park6: ['park:P-006'],
  park7: ['park:P-007'],
  park8: ['park:P-008'],
  'province-js': ['province:320000'],
  'group-js': ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  ...Object.fromEntries(MINISTRIES.map((ministry) => [ministry, [`ministry:${ministry}`]])),
};

const pdf = (label: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const shot = (page: Page, name: string) => stepScreenshot(page, `case-page-${name}`);

describe.runIf(browserAvailable())(
  'the case page: returns, what is reviewed, outcomes, due dates (issue 8: 2–5)',
  () => {
    let server: WebServer;
    let browser: Browser;
    const pages: Page[] = [];

    beforeAll(async () => {
      const [started, launched] = await Promise.allSettled([startWebServer(), launchChromium()]);
      if (started.status === 'fulfilled') server = started.value;
      if (launched.status === 'fulfilled') browser = launched.value;
      if (started.status === 'rejected') throw started.reason;
      if (launched.status === 'rejected') throw launched.reason;
      await server.createUsers(USERS);
      // One account with its organisation; the others are named by role and scope.
      await server.ok('PATCH', '/api/users/province-js', { as: 'admin', body: { organisation: PROVINCE_ORG } });
      // Starting the server and creating the users (scrypt) is slow on a busy machine.
    }, 300_000);
    afterAll(async () => {
      await (browser as Browser | undefined)?.close();
      await (server as WebServer | undefined)?.stop();
    });
    afterEach(async (context) => {
      if (context.task.result?.state === 'fail')
        for (const [index, page] of pages.entries())
          await failureScreenshot(page, `case-page-failed-${context.task.name.slice(0, 24)}-${index}`);
      await Promise.all(pages.splice(0).map(closeTab));
    }, 60_000);

    /**
     * `motion`: the page shows antd's animations, as most people see them (the others ask for reduced
     * motion). `before`: done to the tab before it opens the case (a request held back).
     */
    async function open(
      time: string,
      username: string,
      caseId: string,
      motion = false,
      before?: (page: Page) => Promise<unknown>,
    ): Promise<Page> {
      const page = await newTab(browser, {
        viewport: { width: 1440, height: 1000 },
        time,
        ...(motion && { reducedMotion: 'no-preference' as const }),
      });
      pages.push(page);
      // Signed in without the login form (workbench.test.ts is about it): the case page loads once.
      await signInTab(page, server, username);
      await before?.(page);
      await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
      await page.getByRole('heading', { name: '办理记录' }).waitFor();
      return page;
    }

    /** Sends a task's form by its button, confirming if the page asks to (the decision restated). */
    async function send(page: Page, form: Locator): Promise<void> {
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const confirm = page.locator('.ant-modal:visible .ant-btn-primary, .ant-popover:visible .ant-btn-primary');
      const deadline = Date.now() + 20_000;
      while ((await form.count()) > 0 && Date.now() < deadline) {
        // Briefly: a dialog that is closing still matches, and a click on it would wait out the
        // whole action timeout once its button is gone.
        if ((await confirm.count()) > 0)
          await confirm
            .first()
            .click({ timeout: 2_000 })
            .catch(() => undefined);
        await page.waitForTimeout(200);
      }
      expect(await form.count()).toBe(0);
    }

    it('a province returns with a comment; the park sees why and a prefilled form, resubmits; the province approves beside the application', async () => {
      const started = await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park1',
        body: { process: PROCESS, park: 'P-001', province: '320000' },
      });
      const caseId = started.id;
      const plan = await server.ok<{ id: string }>('POST', '/api/attachments', {
        as: 'park1',
        raw: pdf('plan'),
        fileName: '创建方案.pdf',
      });
      await completeWithExample(server, 'park1', caseId, 'submitCreationApplication', {
        parkName: PARK_NAME,
        creationPlan: plan.id,
      });
      // The return itself goes through the API here (the browser's conditional comment field is a1-forms' part).
      await completeWithExample(server, 'province-js', caseId, 'provincialFeasibilityReview', {
        decision: 'return',
        comments: COMMENT,
      });

      // The park sees who returned it, when, the decision and the whole comment, over its own earlier answers.
      // Its file, sent before, is in the form again: until its name has loaded (held back here), the
      // field's buttons say what they do, not the file's id (下载：附件 06998a3a…).
      let showName = () => {};
      const named = new Promise<void>((resolve) => {
        showName = resolve;
      });
      const park = await open(CLOCK_START, 'park1', caseId, false, (page) =>
        page.route('**/api/attachments/*/meta', async (route) => {
          await named;
          await route.continue();
        }),
      );
      const form = park.locator('[data-task="submitCreationApplication"]');
      const file = form.locator('.qbz-attachment', { has: park.locator(`[title="${plan.id}"]`) });
      await file.getByRole('button', { name: '下载附件', exact: true }).waitFor();
      expect(
        await file
          .getByRole('button')
          .evaluateAll((buttons) => buttons.map((button) => [button.getAttribute('aria-label'), button.textContent])),
      ).toEqual([
        ['下载附件', '下载附件'],
        ['删除文件', ''],
      ]);
      showName();
      await file.getByRole('button', { name: '下载：创建方案.pdf', exact: true }).waitFor();
      expect(
        await file
          .getByRole('button')
          .evaluateAll((buttons) => buttons.map((button) => [button.getAttribute('aria-label'), button.textContent])),
      ).toEqual([
        ['下载：创建方案.pdf', '创建方案.pdf'],
        ['删除文件：创建方案.pdf', ''],
      ]);
      const banner = form.getByRole('alert').filter({ hasText: '退回' });
      await expect.poll(() => banner.textContent()).toContain(PROVINCE_ORG);
      const said = (await banner.textContent()) ?? '';
      expect(said).toContain('退回修改');
      expect(said).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(said).toContain(COMMENT);
      await expect.poll(() => form.getByLabel('园区名称', { exact: true }).inputValue()).toBe(PARK_NAME);
      await form
        .getByLabel('园区基本情况', { exact: true })
        .fill('园区设立于2006年，近三年主导产业产值分别为412亿元、455亿元、503亿元。');
      await shot(park, '1-returned-park');
      await send(park, form);

      // The province reviews the resubmission beside the application, read as a document.
      const province = await open(CLOCK_START, 'province-js', caseId);
      const review = province.locator('[data-task="provincialFeasibilityReview"]');
      const document = review.locator('[data-under-review="submitCreationApplication"]');
      await document.getByText('近三年主导产业产值分别为412亿元').waitFor();
      // Under the diagram: the step, and the withdrawal the park may send until recognition — not
      // 「等待：收到撤回申请」 (the case does not expect it) nor the signal that closes it (「已认定…」).
      expect(await province.locator('[data-current-steps]').textContent()).toBe(
        '当前环节：可行性论证与遴选；随时可受理：撤回申请',
      );
      await document.getByText(PARK_NAME, { exact: true }).waitFor();
      // Said over it: the how-manieth submission, and what changed since the one returned.
      await expect
        .poll(() => document.locator('[data-changed-since]').textContent())
        .toMatch(/^第 2 次提交。与上次（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）相比，修改了：园区基本情况$/);
      await document.getByText('工业', { exact: true }).waitFor();
      expect(await document.locator('input, textarea, .ant-select').count()).toBe(0);
      expect(await document.textContent()).not.toContain('填写');
      // Until its name has loaded, a file's button says what it does, not its id (下载：附件 06998a3a…).
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await province.route('**/api/attachments/*/meta', async (route) => {
        await held;
        await route.continue();
      });
      // (The tab keeps the names it has read: forgotten, they are asked again.)
      await province.evaluate(() => {
        for (const key of Object.keys(sessionStorage))
          if (key.startsWith('qbz.attachment.')) sessionStorage.removeItem(key);
      });
      await province.reload();
      const loading = document.getByRole('button', { name: '下载附件', exact: true });
      await loading.first().waitFor();
      expect(await loading.allTextContents()).toEqual(['下载附件', '下载附件', '下载附件']);
      expect(await document.getByRole('button', { name: /^下载：/ }).count()).toBe(0);
      release();
      // Each file's button says which field holds it: the example's files share one name (example.pdf),
      // and a screen reader's list of buttons read 下载：example.pdf three times.
      const planFile = document.getByRole('button', { name: '下载：创建方案.pdf（创建方案）', exact: true });
      await planFile.waitFor();
      // Each button is named once its file's details have come (one at a time, in no set order).
      const fileButtons = document.getByRole('button', { name: /^下载：/ });
      await expect.poll(() => fileButtons.count()).toBe(3);
      const files = await fileButtons.evaluateAll((buttons) =>
        buttons.map((button) => button.getAttribute('aria-label')),
      );
      expect(new Set(files).size, files.join(' | ')).toBe(files.length);
      const [download] = await Promise.all([province.waitForEvent('download'), planFile.click()]);
      expect(download.suggestedFilename()).toBe('创建方案.pdf');
      const documentBox = await document.boundingBox();
      const formBox = await review.locator('form').first().boundingBox();
      expect(documentBox !== null && formBox !== null && documentBox.x + documentBox.width <= formBox.x).toBe(true);
      await choose(province, review, '审核结论', '同意（列入创建名单）');
      await review.getByLabel('可行性论证结论', { exact: true }).fill('补充材料齐全，创建方案可行。');
      await review.getByLabel('部门名称', { exact: true }).fill('省农业农村厅');
      await pickDate(province, review, '论证日期', '2024-04-01');
      await shot(province, '2-province-review-beside');
      await send(province, review);

      // The history: each review's decision and comment, who acted by organisation, never a login name.
      await province.reload();
      const timeline = province.locator('.ant-timeline');
      await timeline.locator('[data-outcome="approve"]').waitFor();
      const history = (await timeline.textContent()) ?? '';
      // The start names the province, not its code (it said 省级单位 320000).
      expect(history).toMatch(/发起案件（园区 [^，]+，省级单位 江苏省）/);
      expect(history).toContain('结论：退回修改');
      expect(history).toContain(`意见：${COMMENT}`);
      expect(history).toContain('结论：同意（列入创建名单）');
      const actors = await timeline.locator('[data-actor]').allTextContents();
      expect(actors).toContain(PROVINCE_ORG);
      expect(actors).toContain(`创建主体（园区管理委员会或所在地人民政府） · ${PARK_NAME}`);
      expect(actors.filter((actor) => ['park1', 'province-js'].includes(actor))).toEqual([]);
      // A task opened names who holds it, not whoever's step opened it (the park, here).
      await province.getByRole('checkbox', { name: '显示任务开启记录' }).check();
      const opened = timeline.locator('.ant-timeline-item', { hasText: '任务开启：可行性论证与遴选' });
      await expect.poll(() => opened.count()).toBe(2);
      expect(await opened.locator('[data-actor]').allTextContents()).toEqual([
        '由省级市场监管部门办理',
        '由省级市场监管部门办理',
      ]);
      await timeline.scrollIntoViewIfNeeded();
      await shot(province, '3-timeline');

      // Creation approved meanwhile (the leading group, the opinions, SAMR): 刷新 shows the date it
      // set, said once and briefly by a status beside the table. The table is no live region (antd's
      // wrapper was one: every row was read out again on each change).
      const dueCard = province
        .locator('.ant-card')
        .filter({ has: province.getByRole('heading', { name: '期限及依据' }) });
      const dueSaid = dueCard.getByRole('status');
      // The page's first showing of the dates is no change.
      expect(await dueSaid.textContent()).toBe('');
      expect(await dueCard.locator('[aria-live="polite"]').count()).toBe(0);
      await walk(server, caseId, 'park1', CREATION.slice(2));
      const { due } = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      await province.getByRole('button', { name: twoChars('刷新') }).click();
      await expect.poll(() => dueSaid.textContent()).toBe(`期限已更新：可申请验收之日 ${due.acceptanceOpens ?? ''}`);
      expect(await dueCard.locator('[aria-live="polite"]').count()).toBe(0);
    }, 300_000);

    it('on the first day of a public notice, SAMR’s objection review shows no other step’s date (可申请验收之日)', async () => {
      const caseId = await throughCreation(server, 'park2', 'P-002', '星河湾现代服务业集聚区');
      await server.advanceTo('2025-04-02T09:00:00+08:00');
      await walk(server, caseId, 'park2', ACCEPTANCE);
      await completeWithExample(server, 'expert', caseId, 'expertEvaluation');
      const objection = await server.ok<{ examples: unknown[] }>(
        'GET',
        `/api/definitions/${PROCESS}/${VERSION}/forms/objection`,
      );
      // Two objections, perhaps from two people: each is reviewed on its own.
      for (let filed = 0; filed < 2; filed += 1)
        await server.ok('POST', `/api/public/notices/${caseId}/objections`, { body: { data: objection.examples[0] } });
      const view = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      expect(view.due.acceptanceOpens).toBe('2025-04-02');

      const samr = await open('2025-04-02T10:00:00+08:00', 'samr', caseId);
      const tasks = samr.locator('[data-task="samrObjectionReview"]');
      await expect.poll(() => tasks.locator('[data-under-review="objection"]').count()).toBe(2);
      // The page's headings go down one level at a time (当前任务 was an h4 between the h1 and the h2s).
      const levels = await samr
        .locator('main')
        .evaluate((main) => Array.from(main.querySelectorAll('h1, h2, h3, h4, h5, h6'), (h) => Number(h.tagName[1])));
      expect(levels.filter((level, index) => level > (levels[index - 1] ?? 0) + 1)).toEqual([]);
      const task = tasks.first();
      expect(await task.textContent()).not.toContain('可申请验收之日');
      // The second is not told as a revision of the first (第 2 次提交…与上次相比): another objection.
      expect(await samr.locator('[data-changed-since]').count()).toBe(0);
      await shot(samr, '4-objection-review-first-day');
      // Nor in the inbox: the task's row shows its own date or none.
      await samr.goto(`${server.url}/`);
      const row = samr.getByRole('row').filter({ hasText: '复核异议' });
      await row.first().waitFor();
      expect(await row.first().textContent()).not.toContain('可申请验收之日');
      await shot(samr, '5-objection-inbox-first-day');
    }, 300_000);

    it('a province rejects an acceptance application in the browser; the case ends there, on its diagram too', async () => {
      const caseId = await throughCreation(server, 'park3', 'P-003', '青枫港绿色食品产业园');
      const { due } = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      const opens = due.acceptanceOpens ?? '';
      await server.advanceTo(`${opens}T09:00:00+08:00`);
      await walk(server, caseId, 'park3', ACCEPTANCE.slice(0, 1));

      const province = await open(`${opens}T10:00:00+08:00`, 'province-js', caseId);
      const review = province.locator('[data-task="provincialAcceptanceReview"]');
      await choose(province, review, '审核结论', '不予通过');
      await review.getByLabel('审核意见', { exact: true }).fill('自查报告所列成效与创建方案目标不符，不予通过。');
      await pickDate(province, review, '审核日期', opens);
      // Asked first, in words that say the case ends here and how.
      await review.getByRole('button', { name: twoChars('提交') }).click();
      const asked = province.getByRole('dialog', { name: '确认提交「不予通过」？本案将结束：未通过审核' });
      await asked.waitFor();
      await shot(province, '6a-rejection-asked');
      await clickInDialog(province, asked.getByRole('button', { name: '暂不提交' }));
      await asked.waitFor({ state: 'detached' });
      await send(province, review);
      const ended = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      expect([ended.status, ended.final, ended.openTasks]).toEqual(['rejected', true, []]);

      // The park reads where its case ended: the rejection done, nothing open, nothing after it done
      // (bpmn-elements runs on past the end inside an execution phase; none of that is the case's).
      const park = await open(`${opens}T11:00:00+08:00`, 'park3', caseId);
      await park.getByText('未通过审核').first().waitFor();
      // At the top: how the case ended, who decided, when, and their whole comment.
      const endedBanner = park.locator('[data-ended]');
      await expect.poll(() => endedBanner.textContent()).toContain('本案已办结：未通过审核');
      const told = (await endedBanner.textContent()) ?? '';
      expect(told).toContain(PROVINCE_ORG);
      // The province decided: 作出结论, as the return banner says it (it read 提交：不予通过).
      expect(told).toMatch(new RegExp(`${PROVINCE_ORG}于 ${opens} \\d\\d:\\d\\d 作出结论：不予通过`));
      expect(told).toContain('自查报告所列成效与创建方案目标不符，不予通过。');
      const element = (id: string) => park.locator(`g.djs-element[data-element-id="${id}"]`);
      await element('provincialAcceptanceRejectedEnd').waitFor({ state: 'attached' });
      const classes = async (id: string) => (await element(id).getAttribute('class')) ?? '';
      expect(await classes('provincialAcceptanceReview')).toContain('qbz-done');
      expect(await classes('provincialAcceptanceRejectedEnd')).toContain('qbz-done');
      expect(await classes('mergeExpertEvaluation')).toContain('qbz-ahead');
      expect(await classes('expertEvaluation')).toContain('qbz-ahead');
      expect(await park.locator('g.djs-element.qbz-open').count()).toBe(0);
      // Its dates stay on record, none counted down as if still due.
      const opensRow = park.getByRole('row').filter({ hasText: '可申请验收之日' });
      await expect.poll(() => opensRow.textContent()).toContain('案件已办结，不再计算');
      await shot(park, '6-rejected-in-acceptance');
    }, 300_000);

    it('SAMR returns an acceptance application from an empty form (Art. 21: no expert panel to name); the park reads the 改进意见 in the return banner', async () => {
      const caseId = await throughCreation(server, 'park8', 'P-008', '青溪数字文旅服务业集聚区');
      const { due } = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      const opens = due.acceptanceOpens ?? '';
      await server.advanceTo(`${opens}T09:00:00+08:00`);
      await walk(server, caseId, 'park8', ACCEPTANCE.slice(0, -1));

      const samr = await open(`${opens}T10:00:00+08:00`, 'samr', caseId);
      const review = samr.locator('[data-task="samrAcceptanceReview"]');
      // Not the training example: the form as SAMR finds it, its expert panel's three rows empty.
      await choose(samr, review, '审核结论', '退回修改');
      await review.getByLabel('审核意见', { exact: true }).fill('验收材料不满足第九条要求。');
      const feedback =
        '一、补充计量、标准、检验检测等质量基础设施建设的佐证材料（第九条）；\n二、完善区域品牌培育方案。';
      await review.getByLabel('改进意见', { exact: true }).fill(feedback);
      await review.getByRole('button', { name: twoChars('提交') }).click();
      // The panel and the form of evaluation are for 同意 alone: a return is asked about, not refused
      // for three empty expert names.
      const asked = samr.getByRole('dialog', { name: /^确认提交「退回修改」？/ });
      await asked.waitFor();
      expect(await review.locator('.qbz-error-summary').count()).toBe(0);
      await clickInDialog(samr, asked.getByRole('button', { name: '确认提交' }));
      await review.waitFor({ state: 'detached' });
      const returned = await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' });
      expect(returned.openTasks.map((task) => task.taskId)).toEqual(['submitAcceptanceApplication']);

      // The park is told what to improve, as SAMR wrote it, beside the comment.
      const park = await open(`${opens}T11:00:00+08:00`, 'park8', caseId);
      const banner = park.locator('[data-returned-by]');
      await expect.poll(() => banner.textContent()).toContain('验收材料不满足第九条要求。');
      const note = banner.locator('[data-return-note]');
      expect(await note.innerText()).toBe(`改进意见：\n${feedback}`);
      await shot(park, '6b-acceptance-returned-with-feedback');
    }, 300_000);

    it('what a park typed and did not send survives a reload and an ended session; sent, it is gone', async () => {
      const started = await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park5',
        body: { process: PROCESS, park: 'P-005', province: '320000' },
      });
      const park = await open(CLOCK_START, 'park5', started.id);
      const asked: string[] = [];
      park.on('dialog', (dialog) => {
        asked.push(dialog.type());
        void dialog.accept();
      });
      const form = park.locator('[data-task="submitCreationApplication"]');
      const notice = form.locator('[data-unsent-notice]');
      const name = form.getByLabel('园区名称', { exact: true });
      const about = form.getByLabel('园区基本情况', { exact: true });
      // Opened, a field entered and left without a change: nothing is kept, and leaving asks nothing.
      await name.click();
      await park.keyboard.press('Tab');
      await park.reload();
      await name.waitFor();
      expect(asked).toEqual([]);
      expect(await notice.count()).toBe(0);

      await name.fill('松岚湾数字经济产业园');
      await park.reload();
      expect(asked).toEqual(['beforeunload']);
      await expect.poll(() => name.inputValue()).toBe('松岚湾数字经济产业园');
      await expect
        .poll(() => notice.textContent())
        // How long ago on the browser's clock, never a date (a sandbox's 今日 is not the machine's).
        .toMatch(/^已恢复您(刚才| \d+ 分钟前)未提交的填写内容。/);

      // The session ends elsewhere while the park types on; sending a withdrawal finds it gone.
      const token = await park.evaluate(() => sessionStorage.getItem('qbz.token'));
      await fetch(`${server.url}/api/session`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token ?? ''}` },
      });
      await about.fill('园区设立于2006年，主导产业为智能装备。');
      const withdrawal = park.locator('.ant-collapse-item').filter({ hasText: '撤回申请' });
      await park.getByRole('button', { name: '撤回申请' }).click();
      await withdrawal.getByRole('button', { name: '填入示例（培训用）' }).click();
      await withdrawal.getByRole('button', { name: twoChars('提交') }).click();
      await expect.poll(() => park.getByRole('alert').filter({ hasText: '登录已失效' }).count()).toBe(1);
      await shot(park, '8-session-ended-mid-form');
      await park.getByLabel('用户名').fill('park5');
      await park.getByLabel('密码').fill(USER_PASSWORD);
      await park.getByRole('button', { name: twoChars('登录') }).click();
      await expect.poll(() => name.inputValue()).toBe('松岚湾数字经济产业园');
      await expect.poll(() => about.inputValue()).toBe('园区设立于2006年，主导产业为智能装备。');

      // Discarded with the keyboard, asked first (it cannot be undone; 保留 has the focus): the form
      // starts afresh with the keyboard at its first field. The withdrawal, kept too, is sent and then not kept.
      await notice.getByRole('button', { name: '放弃这些内容' }).focus();
      await park.keyboard.press('Enter');
      const discard = park.getByRole('dialog', { name: '放弃恢复的填写内容？' });
      await discard.waitFor();
      // Once it has stopped moving in: antd gives the cancel button the focus when the dialog opens.
      await dialogsSettled(park);
      await expect.poll(() => park.evaluate(() => document.activeElement?.textContent)).toBe('保留');
      await park.keyboard.press('Tab');
      expect(await park.evaluate(() => document.activeElement?.textContent)).toBe('放弃这些内容');
      await park.keyboard.press('Enter');
      await expect.poll(() => name.inputValue()).toBe('');
      await expect.poll(() => notice.count()).toBe(0);
      await expect
        .poll(() =>
          form.evaluate((element) => element.contains(document.activeElement) && document.activeElement?.tagName),
        )
        .toBe('INPUT');
      await park.getByRole('button', { name: '撤回申请' }).click();
      await expect.poll(() => withdrawal.locator('[data-unsent-notice]').count()).toBe(1);
      await withdrawal.getByRole('button', { name: twoChars('提交') }).click();
      // Once the dialog has stopped moving in: a click during its motion was lost (CI, once).
      await clickInDialog(
        park,
        park.getByRole('dialog', { name: '提交后本案将结束：已撤回' }).getByRole('button', { name: '确认提交' }),
      );
      await expect
        .poll(async () => (await server.ok<CaseView>('GET', `/api/cases/${started.id}`, { as: 'admin' })).status)
        .toBe('withdrawn');
      await expect
        .poll(() =>
          park.evaluate(() => Object.entries(sessionStorage).filter(([key]) => key.startsWith('qbz.unsent.'))),
        )
        .toEqual([]);
    }, 300_000);

    it('保存草稿: a park saves its application, finds it on another computer; a stale tab is refused; discarding asks', async () => {
      const started = await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park6',
        body: { process: PROCESS, park: 'P-006', province: '320000' },
      });
      const office = await open(CLOCK_START, 'park6', started.id);
      const asked: string[] = [];
      office.on('dialog', (dialog) => {
        asked.push(dialog.type());
        void dialog.accept();
      });
      const formOf = (page: Page) => page.locator('[data-task="submitCreationApplication"]');
      const nameOf = (page: Page) => formOf(page).getByLabel('园区名称', { exact: true });
      const aboutOf = (page: Page) => formOf(page).getByLabel('园区基本情况', { exact: true });
      const savedAt = (page: Page) => formOf(page).locator('[data-draft-saved-at]');
      const [task] = started.openTasks;
      const draftOf = async () =>
        (
          await server.ok<{ draft: { data: Record<string, unknown>; revision: number } | null }>(
            'GET',
            `/api/tasks/${encodeURIComponent(task?.ref ?? '')}/draft`,
            { as: 'park6' },
          )
        ).draft;
      await nameOf(office).fill('青禾湾现代农业产业园');
      await aboutOf(office).fill('园区位于太湖东岸。');
      await formOf(office).getByRole('button', { name: '保存草稿' }).click();
      await office.getByText('草稿已保存，可稍后（也可在其他电脑上）继续填写').waitFor();
      // When, on the case clock (earlier tests here have moved it on).
      await expect.poll(() => savedAt(office).textContent()).toMatch(/^草稿保存于 \d{4}-\d\d-\d\d \d\d:\d\d$/);
      const when = ((await savedAt(office).textContent()) ?? '').replace('草稿保存于 ', '');
      // Saved on a form that opened with none, it can be discarded at once (no reload needed).
      await expect
        .poll(() => formOf(office).locator('[data-unsent-notice="draft"]').textContent())
        .toContain(`已保存草稿（${when}），可稍后（也可在其他电脑上）继续填写。`);
      // Saved, nothing is left unsent: leaving asks nothing, and the page comes back with the draft.
      await office.reload();
      await expect.poll(() => nameOf(office).inputValue()).toBe('青禾湾现代农业产业园');
      expect(asked).toEqual([]);
      await expect
        .poll(() => formOf(office).locator('[data-unsent-notice="draft"]').textContent())
        .toContain(`已载入您于 ${when} 保存的草稿。`);
      await shot(office, '9-draft-restored');

      // Another computer (another browser, nothing in its storage): the same draft.
      const home = await open(CLOCK_START, 'park6', started.id);
      await expect.poll(() => aboutOf(home).inputValue()).toBe('园区位于太湖东岸。');
      await aboutOf(home).fill('园区位于太湖东岸，规划面积 12 平方公里。');
      // By keyboard: the button keeps the focus while and after it saves.
      await formOf(home).getByRole('button', { name: '保存草稿' }).focus();
      await home.keyboard.press('Enter');
      await home.getByText('草稿已保存，可稍后（也可在其他电脑上）继续填写').waitFor();
      expect(await home.evaluate(() => document.activeElement?.textContent)).toBe('保存草稿');

      // The office's page was loaded before that save: its save would overwrite it unseen, and is refused.
      await nameOf(office).fill('青禾湾现代农业产业园区');
      await formOf(office).getByRole('button', { name: '保存草稿' }).click();
      // Said beside the button pressed, not at the top of the long form.
      const refusal = formOf(office).locator('[data-draft-failure]');
      const refused = '此草稿已在其他窗口或电脑上保存（第 2 次保存），为免覆盖或误删，本次未执行：请先载入最新的草稿';
      await expect.poll(() => refusal.textContent()).toBe(refused);
      // A reload keeps the office's unsent work, still on top of the draft it had: saved, it is refused
      // again (a reload made it overwrite the newer draft unseen).
      await office.reload();
      await expect.poll(() => nameOf(office).inputValue()).toBe('青禾湾现代农业产业园区');
      await formOf(office).getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(() => refusal.textContent()).toBe(refused);
      // It offers to go on from the newest draft instead, asked first (this page's edits are given up).
      await formOf(office).getByRole('button', { name: '载入最新的草稿' }).click();
      await clickInDialog(
        office,
        office.getByRole('dialog', { name: '载入最新的草稿？' }).getByRole('button', { name: '载入最新的草稿' }),
      );
      await expect.poll(() => aboutOf(office).inputValue()).toBe('园区位于太湖东岸，规划面积 12 平方公里。');
      expect(await nameOf(office).inputValue()).toBe('青禾湾现代农业产业园');
      expect(await refusal.count()).toBe(0);
      expect((await draftOf())?.data).toMatchObject({
        parkName: '青禾湾现代农业产业园',
        basicSituation: '园区位于太湖东岸，规划面积 12 平方公里。',
      });

      // The office types on the newest draft; home saves another meanwhile; the office reloads (its
      // unsent work restored) and gives that work up: it sees home's draft, and saves on top of it.
      await nameOf(office).fill('办公室又改了名称');
      await aboutOf(home).fill('在家又改了基本情况。');
      await formOf(home).getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(async () => (await draftOf())?.revision).toBe(3);
      await office.reload();
      await expect.poll(() => nameOf(office).inputValue()).toBe('办公室又改了名称');
      await formOf(office)
        .locator('[data-unsent-notice="unsent"]')
        .getByRole('button', { name: '放弃这些内容' })
        .click();
      await clickInDialog(
        office,
        office.getByRole('dialog', { name: '放弃恢复的填写内容？' }).getByRole('button', { name: '放弃这些内容' }),
      );
      await expect.poll(() => aboutOf(office).inputValue()).toBe('在家又改了基本情况。');
      await formOf(office).getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(async () => (await draftOf())?.revision).toBe(4);
      expect(await refusal.count()).toBe(0);

      // Discarded by keyboard, asked first: deleted on the server, the form empty, nothing on a reload.
      await home.reload();
      const notice = formOf(home).locator('[data-unsent-notice="draft"]');
      await notice.getByRole('button', { name: '放弃草稿' }).focus();
      await home.keyboard.press('Enter');
      await home.getByRole('dialog', { name: '放弃保存的草稿？' }).waitFor();
      await dialogsSettled(home);
      await home.keyboard.press('Tab');
      expect(await home.evaluate(() => document.activeElement?.textContent)).toBe('放弃草稿');
      await home.keyboard.press('Enter');
      await expect.poll(() => nameOf(home).inputValue()).toBe('');
      await expect.poll(() => notice.count()).toBe(0);
      await home.reload();
      await nameOf(home).waitFor();
      expect([await nameOf(home).inputValue(), await notice.count(), await savedAt(home).count()]).toEqual(['', 0, 0]);
      await shot(home, '10-draft-discarded');
    }, 300_000);

    it('保存草稿 on a review: the province finds its decision on another computer; discarding it leaves the keyboard at the decision; a tab left open is told once it is sent', async () => {
      const started = await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park7',
        body: { process: PROCESS, park: 'P-007', province: '320000' },
      });
      await completeWithExample(server, 'park7', started.id, 'submitCreationApplication', { parkName: PARK_NAME });
      const reviewOf = (page: Page) => page.locator('[data-task="provincialFeasibilityReview"]');
      const office = await open(CLOCK_START, 'province-js', started.id);
      await choose(office, reviewOf(office), '审核结论', '退回修改');
      await reviewOf(office).getByLabel('审核意见', { exact: true }).fill(COMMENT);
      await reviewOf(office).getByRole('button', { name: '保存草稿' }).click();
      await office.getByText('草稿已保存，可稍后（也可在其他电脑上）继续填写').waitFor();

      // Another computer (its dialogs animated): the decision and the comment as saved, beside the
      // application under review.
      const home = await open(CLOCK_START, 'province-js', started.id, true);
      const review = reviewOf(home);
      await expect.poll(() => review.getByLabel('审核意见', { exact: true }).inputValue()).toBe(COMMENT);
      expect(await review.locator('.ant-select').first().textContent()).toBe('退回修改');
      await review.locator('[data-under-review]').getByRole('button', { name: /^下载/ }).first().waitFor();

      // Discarded by keyboard: the form starts afresh with the keyboard at its first field, the
      // decision (it went to the first download of the application beside the form, far up the page;
      // or, now and then while the confirmation was closing, to the page itself).
      const notice = review.locator('[data-unsent-notice="draft"]');
      await notice.getByRole('button', { name: '放弃草稿' }).focus();
      await home.keyboard.press('Enter');
      await home.getByRole('dialog', { name: '放弃保存的草稿？' }).waitFor();
      await dialogsSettled(home);
      await home.keyboard.press('Tab');
      await home.keyboard.press('Enter');
      await expect.poll(() => review.getByLabel('审核意见', { exact: true }).inputValue()).toBe('');
      await home.getByRole('dialog').waitFor({ state: 'detached' });
      await dialogsSettled(home);
      await expect.poll(() => home.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^task-.+_decision$/);
      await shot(home, '11-review-draft-discarded');

      // 填入示例 from there (the decision focused, empty) fills the form at the first click: the
      // decision's error, shown as the mouse press took the focus, moved the button from under it.
      await review.getByRole('button', { name: '填入示例（培训用）' }).click();
      await expect.poll(() => review.getByLabel('可行性论证结论', { exact: true }).inputValue()).not.toBe('');
      await choose(home, review, '审核结论', '退回修改');
      await review.getByLabel('审核意见', { exact: true }).fill(COMMENT);
      await send(home, review);
      const returned = await server.ok<CaseView>('GET', `/api/cases/${started.id}`, { as: 'admin' });
      expect(returned.openTasks.map((task) => task.taskId)).toEqual(['submitCreationApplication']);

      // Sent from home, the review is done: the office's page, still open, is told so in words it can
      // act on (not 「任务 t_… 不存在或已办结」), beside 保存草稿 and above the form, and refreshes to the case.
      const done =
        '此任务已办结（可能已在其他窗口、其他电脑上或由同一单位的其他人员提交），本次操作未执行。请刷新查看案件的最新情况。';
      const stale = reviewOf(office);
      await stale.getByLabel('审核意见', { exact: true }).fill('办公室里又补充了一句。');
      await stale.getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(() => stale.locator('[data-draft-failure]').textContent()).toBe(done);
      // Sent (a complete form: the example), the server refuses it; said above the form, without first
      // asking 确认提交「…」？ about a decision that could not be sent (the preview was refused).
      await stale.getByRole('button', { name: '填入示例（培训用）' }).click();
      await stale.getByRole('button', { name: twoChars('提交') }).click();
      const failure = stale.locator('.ant-alert').filter({ hasText: '此任务已办结' });
      await expect.poll(() => failure.textContent()).toContain(done);
      expect(await office.getByRole('dialog').count()).toBe(0);
      await shot(office, '12-review-done-elsewhere');
      // Each says so with a button to refresh the case: the form goes, nothing is open for the province.
      const refresh = stale.getByRole('button', { name: twoChars('刷新') });
      await expect.poll(() => refresh.count()).toBe(2);
      await failure.getByRole('button', { name: twoChars('刷新') }).click();
      await stale.waitFor({ state: 'detached' });
      await office.getByText('您在本案件暂无待办任务').waitFor();
    }, 300_000);

    it('a park withdrawing its application is told first that this ends the case (Art. 3); going back keeps it', async () => {
      const started = await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park4',
        body: { process: PROCESS, park: 'P-004', province: '320000' },
      });
      const caseId = started.id;
      const park = await open(CLOCK_START, 'park4', caseId);
      // Nothing sent yet, so no name from the application: the header says the park's id, not 「—（P-004）」.
      const parkItem = park.locator('.ant-descriptions-item').filter({ hasText: '园区' }).first();
      await expect.poll(() => parkItem.locator('.ant-descriptions-item-content').textContent()).toBe('P-004');
      await park.getByRole('button', { name: '撤回申请' }).click();
      const withdrawal = park.locator('.ant-collapse-item').filter({ hasText: '撤回申请' });
      await withdrawal.getByRole('button', { name: '填入示例（培训用）' }).click();
      const sendIt = () => withdrawal.getByRole('button', { name: twoChars('提交') }).click();
      await sendIt();
      const dialog = park.getByRole('dialog', { name: '提交后本案将结束：已撤回' });
      await dialog.waitFor();
      await shot(park, '7-withdraw-asked');
      await clickInDialog(park, dialog.getByRole('button', { name: '暂不提交' }));
      await dialog.waitFor({ state: 'detached' });
      expect((await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).status).toBe('applying');

      // In English the status it ends in is the catalogue's (it read 「This ends the case: 已撤回」).
      await park.goto(`${server.url}/cases/${encodeURIComponent(caseId)}?lang=en`);
      await park.getByRole('button', { name: 'Withdraw the application', exact: true }).click();
      const english = park.locator('.ant-collapse-item').filter({ hasText: 'Withdraw the application' });
      await english.getByRole('button', { name: 'Fill in the example (training)' }).click();
      await english.getByRole('button', { name: 'Submit', exact: true }).click();
      const asked = park.getByRole('dialog', { name: 'Submitting ends this case: Withdrawn' });
      await asked.waitFor();
      expect(await asked.textContent()).not.toMatch(/\p{Script=Han}/u);
      await clickInDialog(park, asked.getByRole('button', { name: 'Go back' }));
      await asked.waitFor({ state: 'detached' });
      await park.goto(`${server.url}/cases/${encodeURIComponent(caseId)}?lang=zh`);
      await park.getByRole('button', { name: '撤回申请' }).click();
      await withdrawal.getByRole('button', { name: '填入示例（培训用）' }).click();

      await sendIt();
      await clickInDialog(park, dialog.getByRole('button', { name: '确认提交' }));
      await expect
        .poll(async () => (await server.ok<CaseView>('GET', `/api/cases/${caseId}`, { as: 'admin' })).status)
        .toBe('withdrawn');
    }, 300_000);

    it('a case not found is said by the page’s heading, with one button back to the workbench (it had no heading and a button inside a link)', async () => {
      const page = await newTab(browser, { viewport: { width: 1440, height: 1000 }, time: CLOCK_START });
      pages.push(page);
      await signInTab(page, server, 'expert');
      await page.goto(`${server.url}/cases/c_no_such_case`);
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      expect(await heading.textContent()).toBe('案件 c_no_such_case 不存在');
      expect(await page.locator('main a button, main button a').count()).toBe(0);
      const back = page.locator('main').getByRole('button', { name: '返回工作台' });
      await back.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: '待办任务' }).waitFor();
    }, 120_000);
  },
);
