import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import type { NotificationView } from '../../engine/notifications/notification.js';
import { OpenPages, startServerAndBrowser } from './browser-setup.js';
import { browserAvailable } from './chromium.js';
import { choose } from './form-controls.js';
import { openPage, PHONE, screenshot, settled, type Visit } from './page-visit.js';
import {
  ACCEPTANCE_OPENS,
  completeWithExample,
  PROCESS,
  SAMPLE_USERS,
  throughExpertEvaluation,
} from './sample-cases.js';
import { CLOCK_START, type WebServer } from './web-server.js';

// The definitions carry Chinese only; in English the workbench shows their texts from the programme's
// catalogue (definitions/quality-brand-zone/translations/en.json): task names, statuses, form labels.

/** A poll with room for a loaded machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

describe.runIf(browserAvailable())('what the definitions say, in English', () => {
  let server: WebServer;
  let browser: Browser | undefined;
  let caseId: string;
  const pages = new OpenPages('definitions-english');

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    await server.createUsers({
      park1: ['park:P-001'],
      park2: ['park:P-002'],
      park3: ['park:P-003'],
      'province-js': ['province:320000'],
      samr: ['samr'],
    });
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park1',
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    caseId = started.id;
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await (server as WebServer | undefined)?.stop();
  });
  afterEach(async (context) => {
    await pages.closeAll(context.task);
  });

  const open = async (visit: Omit<Visit, 'time'>) =>
    pages.keep(await openPage(browser as Browser, server, { ...visit, time: CLOCK_START }));
  const switchLanguage = async (page: Page) => {
    await page.locator('.qbz-language').first().click();
    await settled(page);
  };

  it('the inbox names the task and the status in English once switched, and in Chinese again after', async () => {
    const page = await open({ path: '/', user: 'park1' });
    const tasks = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '待办任务' }) });
    await tasks.getByText('提交创建申请').first().waitFor();
    await switchLanguage(page);
    await poll(() => page.getByText('Submit the creation application').count()).toBeGreaterThan(0);
    expect(await page.getByText('Creation application in progress').count()).toBeGreaterThan(0);
    expect(await page.getByText('提交创建申请').count()).toBe(0);
    expect(await page.getByText('创建申请中').count()).toBe(0);
    // The cases' region by its English name (the catalogue's, for the region directory).
    expect(await page.getByText('Jiangsu', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('江苏省', { exact: true }).count()).toBe(0);
    await switchLanguage(page);
    await poll(() => page.getByText('提交创建申请').count()).toBeGreaterThan(0);
    expect(await page.getByText('Submit the creation application').count()).toBe(0);
    expect(await page.getByText('江苏省', { exact: true }).count()).toBeGreaterThan(0);
  });

  it("a park's application form has English labels, choices and messages in English; Chinese as written in Chinese", async () => {
    const page = await open({ path: `/cases/${caseId}?lang=en`, user: 'park1' });
    await poll(() => page.getByRole('heading', { name: /Submit the creation application/ }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Creation application in progress').count()).toBeGreaterThan(0);
    expect(
      await page
        .getByText('Creation and administration of National Quality Brand Improvement Demonstration Zones')
        .count(),
    ).toBeGreaterThan(0);
    // The diagram's steps are drawn with their English names too.
    const diagram = page.getByTestId('case-diagram');
    await poll(() => diagram.getByText('Submit the creation application').count()).toBeGreaterThan(0);
    await screenshot(page, 'definitions-english-case');
    const form = page.locator('form').first();
    await form.getByText('Park name', { exact: true }).first().waitFor();
    expect(await form.getByText('Park type', { exact: true }).count()).toBeGreaterThan(0);
    expect(await form.getByText(/^Art\. 7 declarations/).count()).toBeGreaterThan(0);
    expect(await form.getByText('园区名称', { exact: true }).count()).toBe(0);
    // A choice by its English title; a field's error names the field by its English title.
    await choose(page, form, 'Park type', 'Industry');
    await poll(() => form.getByText('Industry', { exact: true }).count()).toBeGreaterThan(0);
    await form.getByRole('button', { name: 'Submit', exact: true }).click();
    // The list of what to correct names the fields by their English titles.
    await poll(() => page.getByRole('alert').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Park name/)]),
    );

    await switchLanguage(page);
    await poll(() => form.getByText('园区名称', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: /提交创建申请/ }).count()).toBeGreaterThan(0);
    expect(await form.getByText('Park name', { exact: true }).count()).toBe(0);
    expect(await page.getByText('创建申请中').count()).toBeGreaterThan(0);
  });

  it('the history names who acted by their roles in English (group and region), and in Chinese as the server does', async () => {
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park3',
      body: { process: PROCESS, park: 'P-003', province: '320000' },
    });
    await completeWithExample(server, 'park3', started.id, 'submitCreationApplication', {
      parkName: '云澜湖智能装备产业园区',
    });
    await completeWithExample(server, 'province-js', started.id, 'provincialFeasibilityReview');
    const page = await open({ path: `/cases/${started.id}?lang=en`, user: 'park3' });
    const actors = page.locator('[data-actor]');
    const province = 'Provincial market regulation department · Jiangsu';
    const park = "Applicant (park management committee or local people's government) · 云澜湖智能装备产业园区";
    await poll(() => actors.allTextContents()).toEqual(expect.arrayContaining([province, park]));
    expect((await actors.allTextContents()).filter((text) => /省级市场监管部门|创建主体|江苏省/.test(text))).toEqual(
      [],
    );
    // The case's region by its English name too, in the header and in the history's first line.
    // Asides in English brackets (it read Jiangsu（320000）, a status（Art. 16）).
    expect(await page.getByText('Jiangsu (320000)', { exact: true }).count()).toBe(1);
    expect(await page.getByText(/^[A-Z][^（]* \(Art\. \d+\) · /).count()).toBeGreaterThan(0);
    expect(await page.getByText('Case started (Park P-003, Provincial unit Jiangsu)').count()).toBe(1);
    await screenshot(page, 'definitions-english-history');

    await switchLanguage(page);
    await poll(() => actors.allTextContents()).toEqual(
      expect.arrayContaining([
        '省级市场监管部门 · 江苏省',
        '创建主体（园区管理委员会或所在地人民政府） · 云澜湖智能装备产业园区',
      ]),
    );
    expect((await actors.allTextContents()).filter((text) => /Jiangsu|Applicant/.test(text))).toEqual([]);
  });

  it("the bell names a new task as the diagram's English names it, and in Chinese again after", async () => {
    const page = await open({ path: '/?lang=en', user: 'park1' });
    await page.getByRole('button', { name: /^Notifications \(/ }).click();
    const bell = page.locator('.ant-popover:visible');
    await poll(() => bell.getByText(/^Submit the creation application/).count()).toBeGreaterThan(0);
    expect(await bell.getByText(/提交创建申请/).count()).toBe(0);
    await page.keyboard.press('Escape');
    await switchLanguage(page);
    await page.getByRole('button', { name: /^通知 \(/ }).click();
    await poll(() => bell.getByText(/^提交创建申请/).count()).toBeGreaterThan(0);
  });

  it('on a phone, the bell switched to English in the menu drawer names tasks and statuses in English, within the screen', async () => {
    // Two applications of a park of its own: one rejected by the province (the case ended, in its
    // final status), then one returned (a task returned).
    await server.createUsers({ park4: ['park:P-004'] });
    for (const decision of ['reject', 'return'] as const) {
      const started = await server.ok<CaseView>('POST', '/api/cases', {
        as: 'park4',
        body: { process: PROCESS, park: 'P-004', province: '320000' },
      });
      await completeWithExample(server, 'park4', started.id, 'submitCreationApplication');
      await completeWithExample(server, 'province-js', started.id, 'provincialFeasibilityReview', {
        decision,
        comments: '创建目标未对标先进，请修改后重新提交。',
      });
    }
    const catalogue = JSON.parse(await readFile(`definitions/${PROCESS}/translations/en.json`, 'utf8')) as Record<
      string,
      string
    >;
    const { items } = await server.ok<{ items: NotificationView[] }>('GET', '/api/notifications', { as: 'park4' });
    const chinese = [...new Set(items.flatMap((item) => [item.taskName, item.statusTitle]))].filter(
      (text): text is string => text !== undefined,
    );
    expect(items.map((item) => item.kind)).toEqual(expect.arrayContaining(['task.returned', 'case.ended']));
    const page = await open({ path: '/', user: 'park4', viewport: PHONE });
    await page.locator('.qbz-menu-button').click();
    await page.locator('.qbz-drawer').getByRole('button', { name: 'English', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await page.getByRole('button', { name: /^Notifications \(/ }).click();
    const bell = page.locator('.ant-popover:visible');
    await poll(() => bell.getByRole('link').count()).toBe(items.length);
    await screenshot(page, 'definitions-english-phone-bell');
    const text = (await bell.textContent()) ?? '';
    expect(chinese.length).toBeGreaterThan(1);
    expect(chinese.filter((name) => catalogue[name] === undefined)).toEqual([]);
    expect(chinese.filter((name) => !text.includes(catalogue[name] ?? name))).toEqual([]);
    expect(chinese.filter((name) => text.includes(name))).toEqual([]);
    // Polled: the bell may be drawing its list again (it failed a CI run reading 0 right after the text).
    await poll(() => bell.getByText(/^Case returned: /).count()).toBeGreaterThan(0);
    await poll(() => bell.getByText(/^Case closed: /).count()).toBeGreaterThan(0);
    // The panel and each of its lines within the 390 px screen, nothing to scroll sideways.
    const outside = await bell.evaluate((panel) =>
      [panel, ...Array.from(panel.querySelectorAll('*'))]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5))
        .map(
          ({ element, box }) =>
            `${element.tagName}.${element.getAttribute('class') ?? ''} ${String(box.left)}–${String(box.right)}`,
        ),
    );
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('the statistics page titles statuses and provinces in English, and in Chinese again after', async () => {
    const page = await open({ path: '/statistics?lang=en', user: 'samr' });
    const chart = page.locator('[data-chart]').first();
    await poll(() => chart.locator('svg').textContent()).toContain('Jiangsu');
    expect(await chart.locator('svg').textContent()).toContain('Creation application in progress');
    expect(await chart.locator('svg').textContent()).not.toMatch(/江苏省|创建申请中/);
    await switchLanguage(page);
    await poll(() => page.locator('[data-chart]').first().locator('svg').textContent()).toContain('江苏省');
    expect(await page.locator('[data-chart]').first().locator('svg').textContent()).toContain('创建申请中');
  });

  it('the overdue board titles its region column as the lists do, in English (it read Province beside their Provincial unit)', async () => {
    const page = await open({ path: '/overdue?lang=en', user: 'samr' });
    await poll(() => page.getByRole('columnheader').allInnerTexts()).toContain('Provincial unit');
    expect(await page.getByRole('columnheader').allInnerTexts()).not.toContain('Province');
  });

  it("the account page names roles, their scopes and an account's region in English, and in Chinese again after", async () => {
    await server.createUsers({ 'admin-en': ['admin'] });
    const page = await open({ path: '/accounts?lang=en', user: 'admin-en' });
    const row = (username: string) => page.locator('tr', { has: page.getByText(username, { exact: true }) });
    // Titled by the definitions: the group's title and the region's name from the programme's catalogue.
    await poll(() => row('province-js').locator('.ant-tag').allTextContents()).toContain(
      'Provincial market regulation department · Jiangsu',
    );
    await poll(() => row('park1').textContent()).toContain(
      "Applicant (park management committee or local people's government) · P-001",
    );
    expect(await row('park1').textContent()).toContain('Jiangsu');
    // (The admin's display name, 系统管理员, is what someone typed: it stays.)
    expect((await page.locator('.ant-table .ant-tag').allTextContents()).join(' ')).not.toMatch(/[\u3400-\u9fff]/);
    // The dialog: the role chosen, its scope's title and value.
    await row('province-js').getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('.ant-select-content, .ant-select-selection-item').allTextContents()).toEqual(
      expect.arrayContaining(['Provincial market regulation department', 'Jiangsu']),
    );
    expect(await dialog.getByText('Provincial unit', { exact: true }).count()).toBe(1);
    expect(await dialog.locator('form').textContent()).not.toMatch(/省级市场监管部门|省级单位|江苏省/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await switchLanguage(page);
    await poll(() => row('province-js').locator('.ant-tag').allTextContents()).toContain('省级市场监管部门 · 江苏省');
  });

  it('a case opened straight at its address in English is refused in English (the answers the page sent ahead asked in Chinese: 案件 … 不存在)', async () => {
    // Chosen in the address, and remembered for the next address opened.
    for (const path of ['/cases/c_no_such_case?lang=en', '/cases/c_no_such_case_either']) {
      const page = pages.keep(
        await openPage(browser as Browser, server, { path: '/?lang=en', user: 'samr', time: CLOCK_START }),
      );
      await page.goto(`${server.url}${path}`);
      await settled(page);
      const id = path.replace(/^\/cases\/([^?]+).*$/, '$1');
      await poll(() => page.locator('main').textContent()).toContain(`No case ${id}`);
      expect(await page.locator('main').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('an error on show is said again in the language switched to, the keyboard left on the switch', async () => {
    const started = await server.ok<CaseView>('POST', '/api/cases', {
      as: 'park2',
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const page = await open({ path: `/cases/${started.id}`, user: 'park2' });
    const form = page.locator('[data-task="submitCreationApplication"]');
    const name = form.getByLabel('园区名称', { exact: true });
    // Found by its input's id: in English the label is translated.
    const errors = form
      .locator('.ant-form-item', { has: page.locator(`[id="${String(await name.getAttribute('id'))}"]`) })
      .locator('.ant-form-item-explain-error');
    await name.click();
    await page.keyboard.press('Tab');
    await poll(() => errors.allTextContents()).toEqual(['为必填项']);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await form.getByText('Park name', { exact: true }).first().waitFor();
    // Said again once the form's English has come in too (it came after, and took the errors away).
    await poll(() => errors.allTextContents()).toEqual(['is required']);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('中文');
    // The fields left only (园区类型 had the keyboard before the switch): the switch is no attempt to
    // submit, which shows the error of every required field.
    await poll(() => form.locator('.ant-form-item-explain-error').count()).toBe(2);
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await poll(() => errors.allTextContents()).toEqual(['为必填项']);
  });

  it('the designer in English: the legal time, the panel’s heading, the compare and validate tabs say nothing in Chinese but names the catalogue lacks', async () => {
    await server.createUsers({ 'officer-en': ['policy-admin'] });
    const made = await server.ok<{ id: string }>('POST', '/api/drafts', {
      as: 'officer-en',
      body: { process: PROCESS, from: '2024-03-14' },
    });
    const draft = await server.ok<{ id: string; revision: number; files: Record<string, string> }>(
      'GET',
      `/api/drafts/${made.id}`,
      { as: 'officer-en' },
    );
    // A task and a timer changed, a form field without its 说明.
    const xml = draft.files['process.bpmn'] ?? '';
    const element = (id: string, kind: string) => new RegExp(`<bpmn:${kind} id="${id}"[\\s\\S]*?</bpmn:${kind}>`);
    const edited = xml
      .replace(element('provincialFeasibilityReview', 'userTask'), (task) =>
        task.replace('</bpmn:documentation>', '（修订）</bpmn:documentation>'),
      )
      .replace(element('publicityEndsTimer_acceptance', 'intermediateCatchEvent'), (timer) =>
        timer.replace('name="dueIs" value="lastDay"', 'name="dueIs" value="fireDay"'),
      );
    expect(edited.split('（修订）</bpmn:documentation>').length).toBe(2);
    expect(edited).toContain('value="fireDay"');
    const withdraw = JSON.parse(draft.files['forms/withdraw.schema.json'] ?? '{}') as {
      properties: Record<string, { description?: string }>;
    };
    delete withdraw.properties.reason?.description;
    await server.ok('PUT', `/api/drafts/${draft.id}/files`, {
      as: 'officer-en',
      body: {
        files: { 'process.bpmn': edited, 'forms/withdraw.schema.json': JSON.stringify(withdraw, null, 2) },
        revision: draft.revision,
      },
    });
    const page = await open({ path: `/designer/${PROCESS}/draft:${draft.id}?lang=en`, user: 'officer-en' });
    await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor({ timeout: 60_000 });
    const han = /[\u3400-\u9fff]/;
    // The programme by its English title (the heading read 全国质量品牌提升示范区创建与管理).
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Creation and administration of National Quality Brand Improvement Demonstration Zones',
    );
    // The panel's heading: the process, in words (it read COLLABORATION), then the timer's type.
    const heading = page.locator('.bio-properties-panel-header-type').first();
    await poll(() => heading.innerText()).toBe('Process');
    await page.locator('.djs-element[data-element-id="publicityEndsTimer_acceptance"]').first().dispatchEvent('click');
    await poll(() => heading.innerText()).toBe('Timer intermediate catch event');
    // The legal time in English, by the catalogue's titles (it stayed 自公示之日起，向后计算 …).
    await page.locator('[data-group-id="group-legalTime"] .bio-properties-panel-group-header').click();
    const words = page.locator('[data-legal-time-words]');
    await poll(() => words.textContent()).toBe(
      'From “Date of public notice”, 5 working days counted forward (Public notice period for acceptance and re-review results); the day after the period ends is “Last day of the public notice period”',
    );
    expect(await page.locator('[data-legal-time-example]').textContent()).toMatch(
      /^E\.g\. if “Date of public notice” is \d{4}-\d\d-\d\d, “Last day of the public notice period” is \d{4}-\d\d-\d\d$/,
    );
    const rule = page.locator('[data-entry-id="legalTime-rule"] select');
    expect(await rule.locator('option:checked').textContent()).not.toMatch(han);
    // Compare: each difference headed in English (they read （用户任务） and （中间事件）), a form by its English title.
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByTestId('run-compare').click();
    const titles = page.locator('[data-diff-title]');
    await poll(() => titles.count()).toBeGreaterThan(0);
    expect(await titles.allTextContents()).toEqual(
      expect.arrayContaining([
        'Feasibility review and selection (user task)',
        'Withdraw the application (withdraw)',
        expect.stringMatching(/Public notice period over \(intermediate event\)$/),
      ]),
    );
    for (const title of await titles.allTextContents()) expect(title).not.toMatch(han);
    // Validate: where the problem is, by the form's and the field's English titles (it read 表单「撤回申请」).
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByTestId('run-validate').click();
    const where = page.locator('[data-problem="form-label"] [data-problem-where]');
    await poll(() => where.count()).toBeGreaterThan(0);
    expect(await where.first().textContent()).toBe(
      'Form “Withdraw the application”, field “Reason for withdrawal”, description',
    );
    for (const place of await page.locator('[data-problem-where]').allTextContents()) expect(place).not.toMatch(han);
    await screenshot(page, 'definitions-english-designer');
  }, 300_000);

  // Last: it moves the sandbox's clock to the acceptance of a case it takes there.
  it('the public notices name the status, what is publicised and the province in English (they stayed 公示中 and 江苏省), the park as it is named', async () => {
    const {
      park1: _park1,
      park2: _park2,
      park3: _park3,
      'province-js': _province,
      samr: _samr,
      ...others
    } = SAMPLE_USERS;
    await server.createUsers({ ...others, parkNotice: ['park:P-009'] });
    await throughExpertEvaluation(server, 'parkNotice', 'P-009', '云澜湖智能装备产业园区');
    const page = pages.keep(await openPage(browser as Browser, server, { path: '/notices', time: ACCEPTANCE_OPENS }));
    const notice = page.locator('[data-notice]').first();
    await notice.getByText('公示中').first().waitFor();
    // Said once, as the card's tag (it was the tag and 状态 beside it).
    expect(await notice.getByText('公示中', { exact: true }).count()).toBe(1);
    // What is publicised, as the diagram names the notice's sub-process (a park is on notice twice).
    expect(await notice.getByText('公示评估验收结果', { exact: true }).count()).toBe(1);
    // How long it runs in working days, and that its last day still takes objections (Art. 22): the
    // two dates alone left both to be guessed.
    expect(
      await notice
        .getByText('2025-04-02 — 2025-04-10（5个工作日，2025-04-10 当日仍可提出异议）', { exact: true })
        .count(),
    ).toBe(1);
    await switchLanguage(page);
    await poll(() => notice.getByText('Jiangsu', { exact: true }).count()).toBeGreaterThan(0);
    const text = (await notice.textContent()) ?? '';
    expect(text).not.toContain('公示中');
    expect(text).not.toContain('江苏省');
    expect(text).toContain('云澜湖智能装备产业园区');
    expect(await notice.getByText('Under public notice', { exact: true }).count()).toBe(1);
    expect(await notice.getByText('Public notice of the acceptance evaluation result', { exact: true }).count()).toBe(
      1,
    );
    expect(
      await notice
        .getByText(
          '2025-04-02 — 2025-04-10 (5 working days; objections are taken until the end of 2025-04-10, China time)',
          {
            exact: true,
          },
        )
        .count(),
    ).toBe(1);
  });
});
