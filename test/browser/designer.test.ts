import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import { browserAvailable, launchChromium, stepScreenshot } from './chromium.js';
import { startDesignerServer, type DesignerServer } from './designer-server.js';
import { ADMIN_PASSWORD, CLOCK_START, USER_PASSWORD } from './web-server.js';
import { accessibleDescription, clickInDialog, dialogsSettled, twoChars } from './form-controls.js';
import { signInTab } from './page-visit.js';
import { closeTab, newTab } from './tabs.js';

const PROCESS = 'quality-brand-zone';
const IN_FORCE = '2024-03-14';
const REVISION = '2024-06-01';
/** The document the revision rests on (issue 12: title, 文号, date, address). */
const BASIS = {
  title: '市场监管总局关于调整全国质量品牌提升示范区验收公示期的通知',
  number: '国市监质发〔2024〕36号',
  issuedOn: '2024-04-01',
  url: 'https://www.samr.gov.cn/zljds/tzgg/art/2024/art_36.html',
};
const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;

const USERS: Record<string, string[]> = {
  officer: ['policy-admin'],
  officer2: ['policy-admin'],
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  province: ['province:320000'],
  group: ['province-leading-group:320000'],
  samr: ['samr'],
  expert: ['expert'],
  ...Object.fromEntries(MINISTRIES.map((ministry) => [ministry, [`ministry:${ministry}`]])),
};

const shot = (page: Page, name: string) => stepScreenshot(page, `designer-${name}`);

/** Polls with room for a loaded machine (2 cores shared by several test runs). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

/** Signs a user in on the designer's login page. */
async function login(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(USER_PASSWORD);
  await page.getByRole('button', { name: twoChars('登录') }).click();
  // Signed in once the header offers to sign out (before that, navigating would lose the session).
  await page.getByRole('button', { name: twoChars('退出') }).waitFor();
}

/** The reason a disabled button gives, as visible text; its tooltip says the same. */
async function whyDisabled(page: Page, testId: string): Promise<string | null> {
  const button = page.getByTestId(testId);
  expect(await button.isDisabled()).toBe(true);
  const reason = await page.locator(`[data-why-disabled="${testId}"]`).textContent();
  expect(await button.locator('xpath=..').getAttribute('title')).toBe(reason);
  return reason;
}

/**
 * Types a date into one of the publish form's date pickers and presses `key` (Tab: leaves it, as a
 * keyboard user does; the picker takes what was typed when the field is left or on Enter).
 */
async function typeDate(page: Page, label: string, text: string, key: 'Tab' | 'Enter' | null = 'Tab') {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  if (key !== null) await page.keyboard.press(key);
}

/** Answers 确定 in the confirmation dialog open on the page. */
const confirmDialog = (page: Page) =>
  clickInDialog(page, page.locator('.ant-modal-confirm').getByRole('button', { name: twoChars('确定') }));

/** Clicks a diagram element (wherever the diagram is scrolled to). */
const selectElement = (page: Page, id: string) =>
  page.locator(`.djs-element[data-element-id="${id}"]`).first().dispatchEvent('click');

/** antd spaces out two-character Chinese button labels (保 存). */

describe.runIf(browserAvailable())('a policy officer revises the measures in the designer', () => {
  let server: DesignerServer;
  let browser: Browser;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDesignerServer(), launchChromium()]);
    await server.createUsers(USERS);
  }, 300_000);
  afterAll(async () => {
    // Whatever started (a start that timed out leaves one of them undefined).
    await (browser as Browser | undefined)?.close();
    await (server as DesignerServer | undefined)?.stop();
  }, 60_000);

  /** Moves the sandbox clock, then logs everyone in again (a jump of more than 12 h ends sessions). */
  async function advanceTo(instant: string): Promise<void> {
    const admin = await server.login('admin', ADMIN_PASSWORD);
    await server.ok('POST', '/api/admin/clock', { token: admin, body: { advanceTo: instant } });
    for (const username of Object.keys(USERS)) tokens.set(username, await server.login(username, USER_PASSWORD));
  }

  const token = (username: string) => tokens.get(username) ?? server.token(username);

  /** Completes the user's open task on the case with the form's examples[0] (plus `patch`). */
  async function complete(username: string, caseView: CaseView, taskId: string, patch: unknown = {}) {
    const tasks = await server.ok<TaskView[]>('GET', '/api/tasks', { token: token(username) });
    const task = tasks.find((open) => open.caseId === caseView.id && open.taskId === taskId);
    if (task === undefined) throw new Error(`${username} has no open ${taskId} on ${caseView.id}`);
    const form = await server.ok<{ examples: unknown[] }>(
      'GET',
      `/api/definitions/${PROCESS}/${caseView.version}/forms/${task.formKey}`,
    );
    return server.ok<CaseView>('POST', `/api/tasks/${task.ref}/complete`, {
      token: token(username),
      body: { data: applyMergePatch(form.examples[0], patch) },
    });
  }

  async function startAndCreate(park: string, parkId: string): Promise<CaseView> {
    let view = await server.ok<CaseView>('POST', '/api/cases', {
      token: token(park),
      body: { process: PROCESS, park: parkId, province: '320000' },
    });
    view = await complete(park, view, 'submitCreationApplication', { parkType: 'industry' });
    view = await complete('province', view, 'provincialFeasibilityReview');
    view = await complete('group', view, 'provincialLeadingGroupReview');
    for (const ministry of MINISTRIES) view = await complete(ministry, view, 'departmentOpinion');
    return complete('samr', view, 'samrCreationApproval');
  }

  async function throughAcceptance(park: string, start: CaseView): Promise<CaseView> {
    let view = await complete(park, start, 'submitAcceptanceApplication');
    view = await complete('province', view, 'provincialAcceptanceReview');
    view = await complete('group', view, 'provincialLeadingGroupAcceptanceReview');
    for (const ministry of MINISTRIES) view = await complete(ministry, view, 'departmentOpinion');
    view = await complete('samr', view, 'samrAcceptanceReview');
    return complete('expert', view, 'expertEvaluation');
  }

  it('changes the notice period and an indicator, validates, compares, simulates and publishes for 2024-06-01', async () => {
    // The browser shows the sandbox's date: a policy officer cannot read the sandbox clock (admin only).
    const page = await newTab(browser, { viewport: { width: 1600, height: 1000 }, runningFrom: CLOCK_START });
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${server.url}/designer`);
    await login(page, 'officer');
    const inForce = page.locator(`tr[data-version="${IN_FORCE}"]`);
    await poll(() => inForce.locator('[data-state]').getAttribute('data-state')).toBe('inForce');
    await shot(page, '1-versions');

    // The version in force, read-only: the diagram and an element's declarations.
    await inForce.getByRole('link', { name: '查看' }).click();
    await page.locator('[data-diagram="viewer"][data-diagram-ready="true"]').waitFor();
    await selectElement(page, 'publicityEndsTimer_acceptance');
    await poll(() => page.locator('.ant-descriptions').textContent()).toContain('publicityEndsTimer_acceptance');
    await shot(page, '2-version-in-force');

    // A draft from it: the timer's legal-time group names the rule.
    await page.getByRole('button', { name: '以此新建草稿' }).click();
    await page.waitForURL(/\/designer\/quality-brand-zone\/draft:d_/);
    await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor();
    // Nothing selected, the panel speaks of the whole diagram as the process (bpmn-js said COLLABORATION).
    await poll(() => page.locator('.bio-properties-panel-header-type').first().textContent()).toBe('流程');
    // The draft has a title (never its id), editable in place.
    const draftTitle = page.getByTestId('draft-title');
    expect(await draftTitle.textContent()).toBe(`基于 ${IN_FORCE} 的修订草稿`);
    // By keyboard: 改名 gives the field the focus, Escape gives it back to 改名 (it fell to the page).
    const renameButton = page.getByTestId('rename-draft');
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
    await renameButton.focus();
    await page.keyboard.press('Enter');
    const titleField = page.getByLabel('草稿名称', { exact: true });
    await poll(focused).toBe('草稿名称');
    await page.keyboard.press('Escape');
    await poll(() => renameButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await titleField.fill('');
    expect(await whyDisabled(page, 'save-draft-title')).toBe('请填写草稿名称');
    await titleField.fill('公示期延长至七个工作日');
    await page.keyboard.press('Enter');
    await poll(() => draftTitle.textContent()).toBe('公示期延长至七个工作日');
    await poll(() => renameButton.evaluate((button) => button === document.activeElement)).toBe(true);
    // Nothing to save yet: the save button says so.
    await page.getByRole('tab', { name: '期限' }).click();
    expect(await whyDisabled(page, 'save-periods')).toBe('没有未保存的修改');
    await page.getByRole('tab', { name: '流程图' }).click();
    await selectElement(page, 'publicityEndsTimer_acceptance');
    await page.locator('[data-group-id="group-legalTime"] .bio-properties-panel-group-header').click();
    const rule = page.locator('[data-entry-id="legalTime-rule"] select');
    await poll(() => rule.inputValue()).toBe('publicityMinWorkingDays');
    // The legal time in words, with a worked example from the calendar (today, Mon 2024-04-01; Qingming
    // 04-04…04-06 off, Sun 04-07 a make-up working day).
    const example = page.locator('[data-legal-time-example]');
    await poll(() => example.textContent()).toBe('例：若公示之日为 2024-04-01，则公示期最后一日为 2024-04-09');
    expect(await page.locator('[data-legal-time-words]').textContent()).toBe(
      '自公示之日起，向后计算 5个工作日（评估验收及复审结果公示期）；期限最后一日即「公示期最后一日」',
    );
    // Only what a policy officer decides; the Camunda panel's technical groups behind "高级".
    const technical = page.locator('[data-group-id="group-CamundaPlatform__ExtensionProperties"]');
    expect(await technical.count()).toBe(0);
    await shot(page, '3-draft-diagram');
    await page.getByRole('switch', { name: '高级' }).click();
    await technical.waitFor();
    await shot(page, '3a-advanced-panel');
    await page.getByRole('switch', { name: '高级' }).click();
    await technical.waitFor({ state: 'detached' });
    // A slip: the timer loses its period (undone after validation has shown it on the diagram).
    await rule.selectOption('');
    await poll(() => rule.inputValue()).toBe('');

    // Forms: a form's fields beside its live preview (the workbench's renderer).
    await page.getByRole('tab', { name: '表单' }).click();
    await page.locator('[data-form="provincial-feasibility-review"]').click();
    await page.locator('[data-row-key="decision"]').waitFor();
    await page.locator('[id^="preview_"]').first().waitFor();
    // 论证日期 records a day past: its details say it may not be later than the day it is sent.
    await page.locator('tr[data-row-key="reviewDate"] .ant-table-row-expand-icon').click();
    const notAfter = page.getByLabel('reviewDate · 不得晚于提交当日（记录已发生的事，如会议、现场验收的日期）', {
      exact: true,
    });
    expect(await notAfter.isChecked()).toBe(true);
    await shot(page, '3b-forms');

    // Periods: the public notice lasts 7 working days (Art. 22).
    await page.getByRole('tab', { name: '期限' }).click();
    const amount = page.getByLabel('publicityMinWorkingDays · 取值 · 数量');
    // A number that is no period stays as typed and is said not to count (it became 1 without a word).
    await amount.fill('-2');
    await amount.blur();
    expect(await amount.inputValue()).toBe('-2');
    expect(await accessibleDescription(amount)).toBe('应为不小于 1 的整数；仍按 5 计');
    expect(await page.locator('[data-words="publicityMinWorkingDays"]').textContent()).toBe('5 个工作日');
    await amount.fill('7');
    await amount.blur();
    await poll(() => page.locator('[data-words="publicityMinWorkingDays"]').textContent()).toBe('7 个工作日');
    // Leaving with edits not saved is asked about (they were dropped unasked); Enter stays, edits kept.
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    const leave = page.getByRole('dialog', { name: '有修改尚未保存，确定离开此页？' });
    const stay = leave.getByRole('button', { name: '留在此页' });
    await poll(() => stay.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await leave.waitFor({ state: 'detached' });
    expect(await amount.inputValue()).toBe('7');
    // So is the browser's back button (it left unasked, the edits gone).
    const here = page.url();
    await page.evaluate(() => {
      history.back();
    });
    await leave.waitFor();
    await poll(() => stay.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await leave.waitFor({ state: 'detached' });
    expect(page.url()).toBe(here);
    expect(await amount.inputValue()).toBe('7');
    await shot(page, '4-periods');
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();

    // Indicators: one point moves from infra-1 to infra-3 in industry parks; the total stays 100.
    await page.getByRole('tab', { name: '评估指标' }).click();
    await page.getByRole('tab', { name: '工业园区' }).click();
    for (const [id, score] of [
      ['infra-1', '5'],
      ['infra-3', '5'],
    ] as const) {
      const input = page.getByLabel(`工业园区 · ${id} · 满分`);
      await input.fill(score);
      await input.blur();
    }
    await poll(() => page.locator('[data-variant-total="industry"]').textContent()).toContain('合计 100');
    await page.getByTestId('save-indicators').click();
    await page.getByText('已保存').first().waitFor();
    await shot(page, '5-indicators');

    // Validate: each problem in Chinese, where it is by name, with its article; the check id in small print.
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    await poll(() => page.getByTestId('validation-result').textContent()).toBe('2 个错误，4 个警告');
    const timerProblem = page.locator('[data-problem="timer-without-rule"]');
    expect(await timerProblem.locator('[data-problem-text]').textContent()).toBe('定时器没有指定期限规则');
    expect(await timerProblem.locator('[data-problem-where]').textContent()).toBe('「公示评估验收结果 / 公示期满」');
    expect(await timerProblem.textContent()).toContain('第二十二条'); // cited by the element's documentation
    const titleProblem = page.locator('[data-problem="rule-title-number"]');
    expect(await titleProblem.locator('[data-problem-text]').textContent()).toContain(
      '期限的名称中写的数字与期限的取值不一致',
    );
    expect(await titleProblem.locator('[data-problem-where]').textContent()).toBe(
      '期限「评估验收及复审结果公示期（不少于五个工作日，第二十二条、第二十八条）」的名称',
    );
    expect(await titleProblem.textContent()).toContain('第二十二条');
    expect(await titleProblem.locator('[data-problem-detail]').textContent()).toContain('rule-title-number');
    const scoreProblems = page.locator('[data-problem="indicator-text-number"] [data-problem-where]');
    expect(await scoreProblems.allTextContents()).toEqual([
      '指标（工业园区）「计量检定校准与测量能力」的评分指引',
      '指标（工业园区）「认证认可与检验检测」的评分指引',
    ]);
    // The re-review notice timer's documentation still says 公示期不少于五个工作日 (the acceptance one's
    // too, once its rule is back).
    const timerWords = page.locator('[data-problem="element-text-number"] [data-problem-text]');
    expect(await timerWords.allTextContents()).toEqual(
      Array(1).fill(
        '元素说明中写的期限与所用期限规则的取值不一致，请同时修改说明：说明写的是 5 个工作日，期限规则是 7 个工作日',
      ),
    );
    await shot(page, '5b-validate-problems');

    // The timer's problem: the row leads to the diagram, where a badge marks the element; the badge selects it.
    await timerProblem.click();
    const badge = page.locator('[data-problem-badge="publicityEndsTimer_acceptance"]');
    await badge.waitFor();
    await selectElement(page, 'submitCreationApplication');
    await badge.click();
    await page.locator('.djs-element.selected[data-element-id="publicityEndsTimer_acceptance"]').waitFor();
    await shot(page, '5c-problem-on-diagram');
    await page.getByRole('button', { name: '撤销' }).click();
    // The period restored, now 7 working days: the example date moves.
    await poll(() => example.textContent()).toBe('例：若公示之日为 2024-04-01，则公示期最后一日为 2024-04-11');
    await shot(page, '5d-legal-time-seven-days');
    // Each notice timer's documentation, in the panel's 说明 group.
    for (const id of ['publicityEndsTimer_acceptance', 'publicityEndsTimer_reReview']) {
      await selectElement(page, id);
      const documentation = page.locator('[data-entry-id="documentation"] textarea');
      if (!(await documentation.isVisible())) {
        await page.locator('[data-group-id="group-documentation"] .bio-properties-panel-group-header').click();
        // A group opened for the first time shows its text once the element is shown again.
        await selectElement(page, 'submitCreationApplication');
        await selectElement(page, id);
      }
      await poll(() => documentation.inputValue()).toContain('五个工作日'); // once the group has rendered it
      const text = (await documentation.inputValue()).replace('五个工作日', '七个工作日');
      // As a person does: select the text, type over it, leave the field (the panel commits on blur).
      await documentation.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(text);
      await page.keyboard.press('Tab');
      expect(await documentation.inputValue()).toBe(text);
      await selectElement(page, 'submitCreationApplication');
      await selectElement(page, id);
      await poll(() => documentation.inputValue()).toBe(text);
    }
    // A flow's condition, where it is a simple choice, in the words of the form before it.
    await selectElement(page, 'Flow_feasibilityDecision_to_mergeCreationApplication');
    const conditionInWords = page.locator('[data-condition-words]');
    if (!(await conditionInWords.isVisible()))
      await page
        .locator('[data-group-id="group-CamundaPlatform__Condition"] .bio-properties-panel-group-header')
        .click();
    await poll(() => conditionInWords.textContent()).toBe('审核结论为「退回修改」');
    await shot(page, '5f-condition-in-words');

    // The words that disagree: the title says 七个工作日, the guidance 满分5分.
    await page.getByRole('tab', { name: '期限' }).click();
    const title = page.getByLabel('publicityMinWorkingDays · 名称');
    await title.fill('评估验收及复审结果公示期（不少于七个工作日，第二十二条、第二十八条）');
    await title.blur();
    await page.getByTestId('save-periods').click();
    await page.getByRole('tab', { name: '评估指标' }).click();
    for (const [id, before] of [
      ['infra-1', '满分6分'],
      ['infra-3', '满分4分'],
    ] as const) {
      const guidance = page.getByLabel(`工业园区 · ${id} · 评分指引`);
      await guidance.fill((await guidance.inputValue()).replace(before, '满分5分'));
      await guidance.blur();
    }
    await page.getByTestId('save-indicators').click();
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    await poll(() => page.getByTestId('validation-result').textContent()).not.toBe('2 个错误，4 个警告');
    expect(await page.locator('[data-problem-detail]').allTextContents()).toEqual([]);
    expect(await page.getByTestId('validation-result').textContent()).toBe('没有问题');
    await shot(page, '5e-validate-clean');

    // Compare with the version in force: the two changes.
    await page.getByRole('tab', { name: '比较' }).click();
    await page.getByRole('button', { name: twoChars('比较') }).click();
    for (const key of [
      'rule:publicityMinWorkingDays',
      'indicator:industry/infra-1',
      'indicator:industry/infra-3',
      'element:publicityEndsTimer_reReview',
    ])
      await page.locator(`[data-diff="${key}"]`).waitFor();
    // In the words of the measures: grouped as periods and indicators, by title, park type, dimension and article.
    const period = page.locator('[data-diff-group="periods"] [data-diff="rule:publicityMinWorkingDays"]');
    expect(await period.locator('[data-diff-title]').textContent()).toBe('评估验收及复审结果公示期');
    expect(await period.locator('[data-diff-line]').allTextContents()).toEqual([
      '评估验收及复审结果公示期：5 个工作日 → 7 个工作日（第二十二条）',
      '名称：评估验收及复审结果公示期（不少于五个工作日，第二十二条、第二十八条） → 评估验收及复审结果公示期（不少于七个工作日，第二十二条、第二十八条）',
    ]);
    const indicator = page.locator('[data-diff-group="indicators"] [data-diff="indicator:industry/infra-1"]');
    expect(await indicator.locator('[data-diff-title]').textContent()).toBe(
      '工业园区 / 质量基础设施 / 计量检定校准与测量能力',
    );
    expect(await indicator.locator('[data-diff-line]').first().textContent()).toBe('满分 6 → 5');
    const timer = page.locator('[data-diff-group="diagram"] [data-diff="element:publicityEndsTimer_acceptance"]');
    expect(await timer.locator('[data-diff-title]').textContent()).toBe('公示评估验收结果 / 公示期满（中间事件）');
    // Its namesake in the re-review's notice is told apart by its sub-process.
    expect(
      await page
        .locator('[data-diff-group="diagram"] [data-diff="element:publicityEndsTimer_reReview"] [data-diff-title]')
        .textContent(),
    ).toBe('公示复审评估结果 / 公示期满（中间事件）');
    expect(await timer.locator('[data-diff-line]').textContent()).toMatch(
      /^说明：公示期不少于五个工作日.* → 公示期不少于七个工作日/,
    );
    expect(await page.locator('[data-diff]').count()).toBe(5);
    await shot(page, '6-compare');

    // Simulate the shipped case scripts: the notice ends later on the draft.
    await page.getByRole('tab', { name: '模拟' }).click();
    // In the background: progress and a cancel button while it runs, then each script by its title.
    await page.getByRole('button', { name: '运行模拟' }).click();
    await page.getByTestId('cancel-simulation').waitFor();
    await shot(page, '7a-simulating');
    const lifecycle = page.locator('[data-simulation="full-lifecycle.json"]');
    await lifecycle.waitFor({ timeout: 240_000 });
    expect(await lifecycle.locator('[data-simulation-title]').textContent()).toBe(
      '完整生命周期：创建、验收、公示、命名、年度报告直至期满',
    );
    // What moves, in words, by the dates' declared titles; the draft's failed expectation likewise.
    expect(await lifecycle.locator('[data-difference-words]').allTextContents()).toContain(
      '公示期最后一日：新版本为 2025-05-08，原为 2025-05-06',
    );
    expect(await lifecycle.locator('[data-simulation-failure]').textContent()).toContain(
      '公示期最后一日：新版本为 2025-05-08，原为 2025-05-06',
    );
    expect(await lifecycle.textContent()).not.toMatch(/expect on case|publicityEnds/);
    // The two timelines side by side.
    const timelines = lifecycle.getByTestId('simulation-timelines');
    expect(await timelines.locator('th').allTextContents()).toEqual(expect.arrayContaining(['现行版本', '草稿']));
    // In the officer's words: the task by its name in the diagram, the status by its title in the
    // manifest, the time in China time; the runner's words kept as the tooltip for developers.
    const review = timelines.locator('[data-timeline-action="complete provincialFeasibilityReview"]').first();
    expect(await review.textContent()).toBe('办结「可行性论证与遴选」');
    expect(await review.getAttribute('title')).toBe('complete provincialFeasibilityReview');
    const applying = timelines.locator('[data-timeline-status="applying"]').first();
    expect(await applying.textContent()).toBe('创建申请中');
    expect(await applying.getAttribute('title')).toBe('applying');
    expect(
      await timelines.locator('[data-timeline-action="advanceTo 2025-04-02T00:00:00+08:00"]').first().textContent(),
    ).toBe('时间推进至 2025-04-02 00:00');
    expect(await timelines.locator('tbody').textContent()).not.toMatch(/complete |advance|applying|publicityEnds/);
    await shot(page, '7-simulate');

    // Publish, effective 2024-06-01: every reason it cannot yet be sent is said on the page.
    await page.getByRole('tab', { name: '发布' }).click();
    const why = page.locator('[data-why-disabled="request-publish"]');
    // A day before today typed, and the field left with the mouse: kept, and said, at the field too.
    await typeDate(page, '生效日期', '2024-03-31', null);
    await page.getByLabel('版本名称', { exact: true }).click();
    await poll(() => why.textContent()).toBe('生效日期不能早于今日（2024-04-01）');
    expect(
      await page
        .locator('.ant-form-item', { has: page.getByLabel('生效日期', { exact: true }) })
        .locator('.ant-form-item-explain-error')
        .allTextContents(),
    ).toEqual(['生效日期不能早于今日（2024-04-01）']);
    expect(await page.getByLabel('生效日期', { exact: true }).inputValue()).toBe('2024-03-31');
    expect(await whyDisabled(page, 'request-publish')).toBe('生效日期不能早于今日（2024-04-01）');
    await typeDate(page, '生效日期', REVISION);
    await poll(() => page.getByLabel('版本名称', { exact: true }).inputValue()).toBe(REVISION);
    expect(await whyDisabled(page, 'request-publish')).toBe('请填写修订依据：依据文件名称、文号、印发日期、发布网址');
    await page.getByLabel('依据文件名称', { exact: true }).fill(BASIS.title);
    await page.getByLabel('文号', { exact: true }).fill(BASIS.number);
    await typeDate(page, '印发日期', BASIS.issuedOn);
    await page.getByLabel('发布网址', { exact: true }).fill(BASIS.url);
    await shot(page, '8-publish-form');
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    await poll(() => page.getByTestId('publish-result').textContent()).toContain(
      `已提交发布为 ${REVISION}（拟 ${REVISION} 生效），等待另一位政策管理人员批准`,
    );
    // Four-eyes: the officer who asked reads their request and may withdraw it, not approve it; the form is gone.
    const pending = page.getByTestId('pending-publication');
    await pending.waitFor();
    expect(await page.getByTestId('approve-publication').count()).toBe(0);
    expect(await page.getByTestId('request-publish').count()).toBe(0);
    expect(await page.getByTestId('pending-draft-title').textContent()).toBe('草稿：公示期延长至七个工作日');
    await shot(page, '8a-pending');
    // Withdrawn (a second thought about the basis): nothing published, the form back as it was sent.
    await page.getByTestId('withdraw-publication').click();
    await confirmDialog(page);
    await page.getByTestId('request-publish').waitFor();
    expect(await pending.count()).toBe(0);
    expect(await page.getByLabel('文号', { exact: true }).inputValue()).toBe(BASIS.number);
    await shot(page, '8a-withdrawn');
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    await pending.waitFor();

    // Until approved, the revision is not a version at all.
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await page.locator(`tr[data-version="${IN_FORCE}"]`).waitFor();
    expect(await page.locator(`tr[data-version="${REVISION}"]`).count()).toBe(0);
    const draftRow = page.locator('[data-draft-title="公示期延长至七个工作日"]');
    await draftRow.waitFor();
    // Awaiting approval, it is marked so and offers no 删除 (the server would refuse it: withdraw first).
    const row = page.locator('tr').filter({ has: draftRow });
    await row.locator(`[data-pending="${REVISION}"]`).waitFor();
    await row.getByRole('link', { name: '打开' }).waitFor();
    expect(await row.getByRole('button', { name: twoChars('删除') }).count()).toBe(0);
    await page.getByRole('button', { name: twoChars('退出') }).click();

    // A second policy officer reads the request and its basis, and approves it.
    await login(page, 'officer2');
    await page.locator('[data-draft-title="公示期延长至七个工作日"]').click();
    // Locked while it waits: the diagram opens read-only.
    await page.locator('[data-diagram="viewer"][data-diagram-ready="true"]').waitFor();
    await page.getByRole('tab', { name: '发布' }).click();
    const basis = page.getByTestId('revision-basis');
    for (const text of Object.values(BASIS)) expect(await basis.textContent()).toContain(text);
    expect(await page.getByTestId('pending-publication').textContent()).toMatch(
      /officer 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 提交/,
    );
    expect(await page.getByTestId('pending-draft-title').textContent()).toBe('草稿：公示期延长至七个工作日');
    // The request only: no form the approver cannot fill, no withdrawing someone else's request.
    expect(await page.getByTestId('request-publish').count()).toBe(0);
    expect(await page.getByLabel('生效日期', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('withdraw-publication').count()).toBe(0);
    // Nor renaming what was asked for (the server refuses it too, 409).
    expect(await page.getByTestId('rename-draft').count()).toBe(0);
    await shot(page, '8b-approval');
    // What it changes, one click away.
    await page.getByTestId('pending-diff').click();
    await page.locator('[data-diff-group="periods"] [data-diff="rule:publicityMinWorkingDays"]').waitFor();
    await page.getByRole('tab', { name: '发布' }).click();
    // Asked first: published at once and for good.
    await page.getByTestId('approve-publication').click();
    await poll(() => page.locator('.ant-modal-confirm').textContent()).toContain(`批准发布为版本 ${REVISION}？`);
    await confirmDialog(page);
    await poll(() => page.getByTestId('publish-result').textContent()).toContain(`已批准，发布为 ${REVISION}`);
    await shot(page, '8c-approved');

    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await poll(() => page.locator(`tr[data-version="${REVISION}"] [data-state]`).getAttribute('data-state')).toBe(
      'scheduled',
    );
    expect(await inForce.locator('[data-state]').getAttribute('data-state')).toBe('inForce');
    await shot(page, '9-versions-after');
    expect(errors).toEqual([]);
    await closeTab(page);
  }, 600_000);

  /**
   * A new draft of the version in force, opened in a fresh page by `username`: in a Chinese browser
   * set to the sandbox's date, unless `locale` names another language or `machineDay` (the browser on
   * its machine's own day).
   */
  async function openNewDraft(
    username: string,
    { locale = 'zh-CN', machineDay = false } = {},
  ): Promise<{ page: Page; close: () => Promise<void> }> {
    const page = await newTab(browser, {
      viewport: { width: 1600, height: 1000 },
      locale,
      ...(!machineDay && { runningFrom: CLOCK_START }),
    });
    page.setDefaultTimeout(60_000);
    const draft = await server.ok<{ id: string }>('POST', '/api/drafts', {
      token: token(username),
      body: { process: PROCESS, from: IN_FORCE },
    });
    // Signed in without the login form (the first test signs in through it): the draft loads once.
    await signInTab(page, server, username);
    await page.goto(`${server.url}/designer/${PROCESS}/draft:${draft.id}`);
    await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor();
    return { page, close: () => closeTab(page) };
  }

  /**
   * A new draft opened by `username`, its publication asked for on the 发布 tab; with the draft's API
   * as that user, and `askAgain`: the request withdrawn and asked for again, as from another window.
   */
  async function openRequestedDraft(username: string) {
    const { page, close } = await openNewDraft(username);
    const draftId = /draft:([\w-]+)/.exec(page.url())?.[1] ?? '';
    const api = (method: string, path: string, body?: unknown) =>
      server.ok<{ revision: number; pendingPublication?: unknown }>(method, `/api/drafts/${draftId}${path}`, {
        token: token(username),
        ...(body !== undefined && { body }),
      });
    await page.getByRole('tab', { name: '发布' }).click();
    await fillBasis(page);
    const version = await page.getByLabel('版本名称', { exact: true }).inputValue();
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    await page.getByTestId('pending-publication').waitFor();
    const basis = { title: BASIS.title, documentNumber: BASIS.number, issuedOn: BASIS.issuedOn, url: BASIS.url };
    const askAgain = async () => {
      await api('POST', '/withdraw', {});
      await api('POST', '/publish', { version, effectiveFrom: version, revision: basis });
    };
    return { page, close, draftId, api, askAgain };
  }

  /** Adds a field to the department opinion form (titled by its key, no description) and saves. */
  async function addOpinionField(page: Page, key: string, title?: string): Promise<void> {
    await page.getByRole('tab', { name: '表单' }).click();
    await page.locator('[data-form="department-opinion"]').click();
    await page.getByPlaceholder('新字段名（英文字母开头）').fill(key);
    await page.getByRole('button', { name: '添加字段' }).click();
    if (title !== undefined) await page.getByLabel(`${key} · 标题`).fill(title);
    await page.getByTestId('save-forms').click();
    await page.getByText('已保存').first().waitFor();
  }

  /** Fills the publish form's revision basis. */
  async function fillBasis(page: Page): Promise<void> {
    await page.getByLabel('依据文件名称', { exact: true }).fill(BASIS.title);
    await page.getByLabel('文号', { exact: true }).fill(BASIS.number);
    await typeDate(page, '印发日期', BASIS.issuedOn);
    await page.getByLabel('发布网址', { exact: true }).fill(BASIS.url);
  }

  it('tells the problems a refused publication names as the validate tab tells them', async () => {
    const { page, close } = await openNewDraft('officer');
    await addOpinionField(page, 'replyNote');
    await page.getByRole('tab', { name: '发布' }).click();
    await fillBasis(page);
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    const refused = page.getByTestId('publish-result');
    await poll(() => refused.textContent()).toContain('发布被拒绝：草稿还有 2 条警告');
    // Each problem in Chinese, where it is by name; the engine's English only in small print.
    const texts = await refused.locator('[data-problem-text]').allTextContents();
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toMatch(/^表单字段缺少/);
    const places = await refused.locator('[data-problem-where]').allTextContents();
    await shot(page, '10-publish-refused');
    // The same words as 校验 says them.
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    await poll(() => page.getByTestId('validation-result').textContent()).toBe('0 个错误，2 个警告');
    const validated = page.getByRole('tabpanel', { name: '校验' });
    expect(await validated.locator('[data-problem-text]').allTextContents()).toEqual(texts);
    expect(await validated.locator('[data-problem-where]').allTextContents()).toEqual(places);
    // A refused problem leads to its place, as in 校验.
    await page.getByRole('tab', { name: '发布' }).click();
    await refused.locator('[data-problem="form-label"]').first().click();
    await poll(() => page.getByRole('tab', { name: '表单' }).getAttribute('aria-selected')).toBe('true');
    await page.locator('tr.qbz-focused[data-row-key="replyNote"]').waitFor();
    await close();
  }, 300_000);

  it('says a form field misses its 说明, in which form, and takes the keyboard to that input', async () => {
    const { page, close } = await openNewDraft('officer');
    const metas: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/attachments\/[^/]+\/meta/.test(request.url())) metas.push(request.url());
    });
    await addOpinionField(page, 'replyNote', '答复说明');
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    await poll(() => page.getByTestId('validation-result').textContent()).toBe('0 个错误，1 个警告');
    const problem = page.locator('[data-problem="form-label"]');
    expect(await problem.locator('[data-problem-text]').textContent()).toBe('表单字段缺少中文说明（涉及：replyNote）');
    expect(await problem.locator('[data-problem-where]').textContent()).toBe(
      '表单「相关部门意见表」字段「答复说明」的说明',
    );
    await problem.locator('[data-problem-where]').click();
    await page.locator('tr.qbz-focused[data-row-key="replyNote"]').waitFor();
    // The 说明 input, named by its row and column, has the keyboard.
    const description = page.getByLabel('replyNote · 说明', { exact: true });
    await poll(() => description.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.insertText('对部门意见的补充说明');
    await page.getByTestId('save-forms').click();
    await page.getByText('已保存').first().waitFor();
    // That was the draft's only problem: the next 校验 (below, after an example is spoiled) finds none but that one.
    // A form's preview, filled with its example: an example's file reads as one, and its placeholder id
    // is not asked of the server (the preview read 附件 a87b2530… after a failed request for each).
    await page.getByRole('tab', { name: '表单' }).click();
    await page.locator('[data-form="submit-creation-application"]').click();
    await page.locator('.qbz-attachment').first().waitFor();
    const files = await page.locator('.qbz-attachment').allTextContents();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toBe('示例附件');
    expect(metas).toEqual([]);
    // An example that does not fit its form: the problem leads to the example's box, with the keyboard
    // in it (it highlighted the field's row and left the example closed).
    await page.getByText('示例数据 examples[0]').click();
    const exampleBox = page.locator('.ant-collapse textarea');
    const example = JSON.parse(await exampleBox.inputValue()) as Record<string, unknown>;
    await exampleBox.fill(JSON.stringify({ ...example, area: '很大' }, null, 2));
    await page.getByTestId('save-forms').click();
    await page.getByText('已保存').first().waitFor();
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    const exampleProblem = page.locator('[data-problem="form-example"] [data-problem-where]').first();
    await exampleProblem.waitFor();
    const checks = await page
      .getByRole('tabpanel', { name: '校验' })
      .locator('[data-problem]')
      .evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-problem')))]);
    expect(checks).toEqual(['form-example']);
    await exampleProblem.click();
    await poll(() => exampleBox.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await page.locator('tr.qbz-focused').count()).toBe(0);
    await close();
  }, 300_000);

  it('says why 添加字段 and 添加规则 cannot be pressed yet: no name, a name it does not take, a name taken', async () => {
    const { page, close } = await openNewDraft('officer');
    await page.getByRole('tab', { name: '表单' }).click();
    await page.locator('[data-form="department-opinion"]').click();
    const key = page.getByPlaceholder('新字段名（英文字母开头）');
    expect(await whyDisabled(page, 'add-field')).toBe('先填写新字段名');
    // A name in Chinese, or with an underscore, disabled the button and said nothing.
    for (const refused of ['答复说明', 'reply_note', '2nd']) {
      await key.fill(refused);
      await poll(() => whyDisabled(page, 'add-field')).toBe(
        '字段名须以英文字母开头，只含英文字母和数字（如 contactPhone）',
      );
    }
    await key.fill('comments');
    await poll(() => whyDisabled(page, 'add-field')).toBe('字段 comments 已存在');
    await key.fill('replyNote');
    await poll(() => page.getByTestId('add-field').isDisabled()).toBe(false);
    await page.getByTestId('add-field').click();
    await page.getByLabel('replyNote · 标题').waitFor();

    await page.getByRole('tab', { name: '期限' }).click();
    const name = page.getByPlaceholder('规则名（英文字母开头，如 objectionReplyDays）');
    expect(await whyDisabled(page, 'add-rule')).toBe('先填写新规则名');
    await name.fill('异议答复期限');
    await poll(() => whyDisabled(page, 'add-rule')).toBe(
      '规则名须以英文字母开头，只含英文字母和数字（如 objectionReplyDays）',
    );
    await name.fill('replyDays');
    await poll(() => page.getByTestId('add-rule').isDisabled()).toBe(false);
    await close();
  }, 300_000);

  it('names the publish form by its labels, and says a version name missing or taken before asking', async () => {
    const { page, close } = await openNewDraft('officer');
    await page.getByRole('tab', { name: '发布' }).click();
    // Named as shown (a screen reader read effectiveFrom and versionName).
    await typeDate(page, '生效日期', '2024-07-01');
    const versionName = page.getByLabel('版本名称', { exact: true });
    await poll(() => versionName.inputValue()).toBe('2024-07-01');
    await fillBasis(page);
    const why = page.locator('[data-why-disabled="request-publish"]');
    await versionName.fill('');
    await poll(() => why.textContent()).toBe('请填写版本名称');
    expect(await whyDisabled(page, 'request-publish')).toBe('请填写版本名称');
    // A published version's name is refused here, not by the server after the confirmation dialog.
    await versionName.fill(IN_FORCE);
    await poll(() => why.textContent()).toBe(`已有版本 ${IN_FORCE}，发布的版本不可修改：请换一个版本名称`);
    expect(await whyDisabled(page, 'request-publish')).toBe(
      `已有版本 ${IN_FORCE}，发布的版本不可修改：请换一个版本名称`,
    );
    await versionName.fill('2024-07-01');
    await poll(() => page.getByTestId('request-publish').isDisabled()).toBe(false);
    await close();
  }, 300_000);

  it("picks the publish form's dates as the forms' pickers do: on the sandbox's day, in the page's language, none before today", async () => {
    // An English browser on its machine's own day (this context's clock is not set), on a Chinese page
    // and a sandbox whose today is 2024-04-01: `<input type="date">` showed neither.
    const { page, close } = await openNewDraft('officer', { locale: 'en-US', machineDay: true });
    const draftId = /draft:([\w-]+)/.exec(page.url())?.[1] ?? '';
    await page.getByRole('tab', { name: '发布' }).click();
    const calendar = page.locator('.ant-picker-dropdown:visible');
    const month = () => calendar.locator('.ant-picker-header-view').textContent();
    // 印发日期, empty, opens on the sandbox's month, in Chinese; 今天 is the sandbox's day.
    const issuedOn = page.getByLabel('印发日期', { exact: true });
    await issuedOn.click();
    await poll(month).toBe('2024年4月');
    expect(await calendar.locator('.ant-picker-cell-today').getAttribute('title')).toBe('2024-04-01');
    await calendar.getByText('今天', { exact: true }).click();
    await poll(() => issuedOn.inputValue()).toBe('2024-04-01');
    // 生效日期 opens on its own day (the first of next month); no day before today can be picked.
    const effectiveFrom = page.getByLabel('生效日期', { exact: true });
    expect(await effectiveFrom.inputValue()).toBe('2024-05-01');
    // The revision published above waits for 2024-06-01: said before anything is asked for (a version
    // approved and waiting was undone by the next, quietly).
    const waiting = page.getByTestId('waiting-version');
    await poll(() => waiting.allTextContents()).toEqual([
      `版本 ${REVISION} 已发布，定于 ${REVISION} 生效，晚于本次：自该日起新发起的案件按版本 ${REVISION} 办理，本草稿的修改若不在其中，届时不再适用。`,
    ]);
    await effectiveFrom.click();
    await poll(month).toBe('2024年5月');
    await calendar.locator('.ant-picker-header-prev-btn').click();
    await poll(month).toBe('2024年4月');
    expect(await calendar.locator('.ant-picker-cell[title="2024-04-01"]').getAttribute('class')).not.toContain(
      'ant-picker-cell-disabled',
    );
    await calendar.locator('.ant-picker-header-prev-btn').click();
    await poll(month).toBe('2024年3月');
    const past = calendar.locator('.ant-picker-cell[title="2024-03-29"]');
    expect(await past.getAttribute('class')).toContain('ant-picker-cell-disabled');
    await past.click();
    expect(await effectiveFrom.inputValue()).toBe('2024-05-01');
    await shot(page, '11-publish-dates');
    await page.keyboard.press('Escape');
    // Typed and left by Tab, or taken by Enter, a day before today stays and is said, at the field and
    // beside the button, as when the field is left with the mouse (the picker refused it as it refuses
    // its greyed cell: the day before came back, and nothing said why).
    const whyAtField = () =>
      page.locator('.ant-form-item', { has: effectiveFrom }).locator('.ant-form-item-explain-error').allTextContents();
    const why = page.locator('[data-why-disabled="request-publish"]');
    for (const key of ['Tab', 'Enter'] as const) {
      await typeDate(page, '生效日期', '2024-05-01');
      await poll(whyAtField).toEqual([]);
      await typeDate(page, '生效日期', '2024-03-31', key);
      await poll(() => effectiveFrom.inputValue()).toBe('2024-03-31');
      await poll(whyAtField).toEqual(['生效日期不能早于今日（2024-04-01）']);
      await poll(() => why.textContent()).toBe('生效日期不能早于今日（2024-04-01）');
      // Read with the field by a screen reader.
      expect(
        await effectiveFrom.evaluate((box) =>
          (box.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(''),
        ),
      ).toBe('生效日期不能早于今日（2024-04-01）');
      await page.keyboard.press('Escape');
    }
    // Typed by keyboard (another common way of writing it): kept, shown as YYYY-MM-DD, and sent.
    await typeDate(page, '生效日期', '2024/6/3');
    await poll(() => effectiveFrom.inputValue()).toBe('2024-06-03');
    await poll(() => waiting.allTextContents()).toEqual([
      `版本 ${REVISION} 已发布，定于 ${REVISION} 生效，本草稿并非基于它修订：本次生效后，新发起的案件按本版本办理，版本 ${REVISION} 的修改若不在本草稿中，届时不再适用。`,
    ]);
    expect(await page.getByLabel('版本名称', { exact: true }).inputValue()).toBe('2024-06-03');
    await page.getByLabel('依据文件名称', { exact: true }).fill(BASIS.title);
    await page.getByLabel('文号', { exact: true }).fill(BASIS.number);
    await page.getByLabel('发布网址', { exact: true }).fill(BASIS.url);
    // Text that is no date stays in the box and is said, not dropped nor sent.
    await typeDate(page, '印发日期', '2024-02-30');
    expect(await issuedOn.inputValue()).toBe('2024-02-30');
    await poll(() => why.textContent()).toBe('「印发日期」不是有效日期，请按 YYYY-MM-DD 填写');
    await typeDate(page, '印发日期', '2024-04-01');
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    await poll(() => page.getByTestId('publish-result').textContent()).toContain(
      '已提交发布为 2024-06-03（拟 2024-06-03 生效）',
    );
    const path = `/api/drafts/${draftId}`;
    const sent = await server.ok<{ pendingPublication?: unknown }>('GET', path, { token: token('officer') });
    expect(sent.pendingPublication).toMatchObject({
      version: '2024-06-03',
      effectiveFrom: '2024-06-03',
      revision: { issuedOn: '2024-04-01' },
    });
    // Withdrawn: nothing of this test waits for approval.
    await server.ok('POST', `${path}/withdraw`, { token: token('officer'), body: {} });
    await close();
  }, 300_000);

  it('keeps a case started before 2024-06-01 on 2024-03-14 (5 working days) and runs a later one on the revision (7)', async () => {
    for (const username of Object.keys(USERS)) tokens.set(username, await server.login(username, USER_PASSWORD));
    // Mon 2024-04-01 (the sandbox start): before the revision takes effect.
    const before = await startAndCreate('park1', 'P-001');
    expect(before).toMatchObject({ version: IN_FORCE, status: 'creating', due: { acceptanceOpens: '2025-04-02' } });

    await advanceTo('2024-06-03T09:00:00+08:00');
    const after = await startAndCreate('park2', 'P-002');
    expect(after).toMatchObject({ version: REVISION, status: 'creating', due: { acceptanceOpens: '2025-06-04' } });

    // Both notices open on Fri 2025-09-26. Working days after it (calendars/cn/2025.json): Sun 09-28
    // (make-up day) 1, Mon 09-29 2, Tue 09-30 3, [10-01…10-08 National Day and Mid-Autumn], Thu 10-09 4,
    // Fri 10-10 5, Sat 10-11 (make-up day) 6, Mon 10-13 7.
    await advanceTo('2025-09-26T09:00:00+08:00');
    const noticeBefore = await throughAcceptance('park1', before);
    const noticeAfter = await throughAcceptance('park2', after);
    expect(noticeBefore).toMatchObject({
      version: IN_FORCE,
      status: 'publicizing',
      due: { publicityStarts: '2025-09-26', publicityEnds: '2025-10-10' },
    });
    expect(noticeAfter).toMatchObject({
      version: REVISION,
      status: 'publicizing',
      due: { publicityStarts: '2025-09-26', publicityEnds: '2025-10-13' },
    });
  }, 120_000);

  /** A new draft of the version in force, made over the API (each test below starts from its own). */
  const newDraft = async () =>
    (
      await server.ok<{ id: string }>('POST', '/api/drafts', {
        token: token('officer'),
        body: { process: PROCESS, from: IN_FORCE },
      })
    ).id;

  /**
   * A tab of its own with `username` signed in, on a draft: in the browser the drafts above are opened
   * in (the sandbox's date), whose kept tab it takes when free; `beside` a tab, a second tab of that
   * tab's browser (its sessionStorage, and so its session, its own). A browser of its own (a context:
   * a renderer that compiles the app afresh, with an empty HTTP cache) is started only for a second
   * tab in use at once that is not `beside` another.
   */
  async function openDraft(draftId: string, username = 'officer', beside?: Page): Promise<Page> {
    const viewport = { width: 1600, height: 1000 };
    const page =
      beside === undefined
        ? await newTab(browser, { viewport, runningFrom: CLOCK_START })
        : await beside.context().newPage();
    await page.setViewportSize(viewport);
    page.setDefaultTimeout(60_000);
    await signInTab(page, server, username);
    await page.goto(`${server.url}/designer/${PROCESS}/draft:${draftId}`);
    return page;
  }

  /** A signed-in tab on a draft's 期限 tab (`beside`: as in openDraft). */
  async function openPeriods(draftId: string, beside?: Page): Promise<Page> {
    const page = await openDraft(draftId, 'officer', beside);
    await page.getByRole('tab', { name: '期限' }).click();
    return page;
  }

  /** Types a period's number and leaves the field, as a person does. */
  async function typeAmount(page: Page, rule: string, amount: string): Promise<void> {
    const field = page.getByLabel(`${rule} · 取值 · 数量`);
    await field.fill(amount);
    await field.blur();
  }

  it('refuses a save from a tab loaded before another tab saved, keeps its edits on screen, and reloads on request', async () => {
    const draftId = await newDraft();
    // Two tabs of one browser, as a person opens them.
    const tabA = await openPeriods(draftId);
    const tabB = await openPeriods(draftId, tabA);
    await typeAmount(tabA, 'publicityMinWorkingDays', '6');
    await tabA.getByTestId('save-periods').click();
    await tabA.getByText('已保存').first().waitFor();

    // Tab B still shows the draft as loaded (5 working days) and changes another period.
    await typeAmount(tabB, 'demonstrationPeriod', '4');
    await tabB.getByTestId('save-periods').click();
    const conflict = tabB.getByTestId('draft-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('此草稿已在其他窗口或由他人修改（第 1 次保存），请重新加载后再改');
    await shot(tabB, '9-stale-save');
    expect(await tabB.getByText('已保存').count()).toBe(0);
    // Nothing written: A's change is kept; B's edit is still on screen, unsaved.
    const stored = await server.ok<{ files: Record<string, string> }>('GET', `/api/drafts/${draftId}`, {
      token: token('officer'),
    });
    const rules = JSON.parse(stored.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>;
    expect([rules.publicityMinWorkingDays?.value, rules.demonstrationPeriod?.value]).toEqual([6, 'P3Y']);
    expect(await tabB.getByLabel('demonstrationPeriod · 取值 · 数量').inputValue()).toBe('4');
    expect(await tabB.getByTestId('save-periods').isDisabled()).toBe(false);

    // 重新加载: the draft as saved (A's 6), B's edit dropped, the banner gone.
    await conflict.getByRole('button', { name: '重新加载' }).click();
    await conflict.waitFor({ state: 'detached' });
    await poll(() => tabB.getByLabel('publicityMinWorkingDays · 取值 · 数量').inputValue()).toBe('6');
    expect(await tabB.getByLabel('demonstrationPeriod · 取值 · 数量').inputValue()).toBe('3');
    // Saved from there, B's next change is written on top of A's.
    await typeAmount(tabB, 'demonstrationPeriod', '4');
    await tabB.getByTestId('save-periods').click();
    await tabB.getByText('已保存').first().waitFor();
    for (const tab of [tabB, tabA]) await closeTab(tab);
  }, 300_000);

  it('after a save refused because another officer deleted the draft, says who and keeps the work as a new draft', async () => {
    const draftId = await newDraft();
    const page = await openPeriods(draftId);
    await typeAmount(page, 'demonstrationPeriod', '4');
    await server.ok('DELETE', `/api/drafts/${draftId}?revision=0`, { token: token('officer2') });
    await page.getByTestId('save-periods').click();
    const banner = page.getByTestId('draft-conflict');
    await poll(() => banner.textContent()).toContain('此草稿已被 officer2 删除');
    // Nothing to reload (it answered 404 behind the button): keep the work, or go back to the list.
    expect(await banner.getByRole('button', { name: '重新加载' }).count()).toBe(0);
    expect(await banner.getByRole('link', { name: '返回版本列表' }).count()).toBe(1);
    // The page had an edit: said once, by the banner (the server cannot know).
    expect((await banner.textContent())?.split('未保存的修改').length).toBe(2);
    expect(await banner.textContent()).toContain('本页尚未保存的修改仍在');
    await shot(page, '9-deleted-save');
    // Saving again, or asking to publish, could only be refused again: both say why not.
    expect(await whyDisabled(page, 'save-periods')).toBe('此草稿已删除：可另存为新草稿后继续');
    await page.getByRole('tab', { name: '发布' }).click();
    await page.getByTestId('request-publish').waitFor();
    expect(await whyDisabled(page, 'request-publish')).toBe('此草稿已删除：可另存为新草稿后继续');
    await banner.getByTestId('save-as-new-draft').click();
    await page.waitForURL((url) => /draft:/.test(url.pathname) && !url.pathname.includes(draftId));
    const copyId = /draft:([\w-]+)/.exec(page.url())?.[1] ?? '';
    const copy = await server.ok<{ title: string; files: Record<string, string> }>('GET', `/api/drafts/${copyId}`, {
      token: token('officer'),
    });
    const rules = JSON.parse(copy.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>;
    expect(rules.demonstrationPeriod?.value).toBe('P4Y');
    expect(copy.title).toContain('（另存）');
    // The new draft opens with the edit saved: nothing unsaved, no banner.
    await page.getByRole('tab', { name: '期限' }).click();
    await poll(() => page.getByLabel('demonstrationPeriod · 取值 · 数量').inputValue()).toBe('4');
    expect(await page.getByTestId('draft-conflict').count()).toBe(0);
    expect(await whyDisabled(page, 'save-periods')).toBe('没有未保存的修改');
    await closeTab(page);
  }, 300_000);

  it('on a draft another officer deleted, 运行校验 says so above the tabs (not its 404 as a message); then 校验, 比较 and 模拟 say why they cannot run, and the title cannot be changed', async () => {
    const draftId = await newDraft();
    const page = await openDraft(draftId);
    await page.getByTestId('rename-draft').waitFor();
    await server.ok('DELETE', `/api/drafts/${draftId}?revision=0`, { token: token('officer2') });
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/drafts/${draftId}/`)) asked.push(request.url());
    });
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    const banner = page.getByTestId('draft-conflict');
    await poll(() => banner.textContent()).toContain('」已被 officer2 删除');
    expect(await banner.getByTestId('save-as-new-draft').count()).toBe(1);
    expect(asked).toHaveLength(1);
    // Each step could only be refused again: none is sent, each says why (as 保存 and 申请发布 do).
    const why = '此草稿已删除：可另存为新草稿后继续';
    expect(await whyDisabled(page, 'run-validate')).toBe(why);
    await page.getByRole('tab', { name: '比较' }).click();
    expect(await whyDisabled(page, 'run-compare')).toBe(why);
    await page.getByRole('tab', { name: '模拟' }).click();
    expect(await whyDisabled(page, 'run-simulate')).toBe(why);
    // The title stays as it was, read only: 改名 is gone.
    expect(await page.getByTestId('draft-title').count()).toBe(1);
    expect(await page.getByTestId('rename-draft').count()).toBe(0);
    // The refusal was said once, by the banner: no message with the server's 404.
    expect(await page.locator('.ant-message-notice').count()).toBe(0);
    expect(asked).toHaveLength(1);
    await closeTab(page);
  }, 300_000);

  /** Adds a rule by name on the 期限 tab (a new rule is 1 个月 with no title). */
  async function addRule(page: Page, name: string): Promise<void> {
    await page.getByPlaceholder('规则名（英文字母开头，如 objectionReplyDays）').fill(name);
    await page.getByRole('button', { name: '添加规则' }).click();
    await page.getByLabel(`${name} · 取值 · 数量`).waitFor();
  }

  it('keeps a new period set to 个工作日 a working-days period, unit list and all, before and after saving', async () => {
    const draftId = await newDraft();
    const page = await openPeriods(draftId);
    const name = 'provincialReviewWorkingDays';
    await addRule(page, name);
    await typeAmount(page, name, '20');
    await page.getByLabel(`${name} · 取值 · 单位`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '个工作日' }).click();
    const words = page.locator(`[data-words="${name}"]`);
    await poll(() => words.textContent()).toBe('20 个工作日');
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();
    const stored = await server.ok<{ files: Record<string, string> }>('GET', `/api/drafts/${draftId}`, {
      token: token('officer'),
    });
    expect((JSON.parse(stored.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>)[name]?.value).toBe(
      20,
    );
    // Read back from the saved file: still 20 个工作日, with its number and unit editable (it said 「20 参数」).
    await poll(() => words.textContent()).toBe('20 个工作日');
    expect(await page.getByLabel(`${name} · 取值 · 数量`).inputValue()).toBe('20');
    const row = page.locator(`tr[data-row-key="${name}"]`);
    expect(await row.locator('.ant-select-content').textContent()).toContain('个工作日');
    expect(await row.textContent()).not.toContain('参数');
    await shot(page, '10-new-working-days-period');
    await closeTab(page);
  }, 300_000);

  it('asks before removing a period the diagram counts (保留 by default); an unused one goes at once', async () => {
    const draftId = await newDraft();
    const page = await openPeriods(draftId);
    const used = 'publicityMinWorkingDays';
    const removeUsed = page.getByRole('button', { name: `删除：${used}` });
    const ask = page.getByRole('dialog', {
      name: '删除期限「评估验收及复审结果公示期（不少于五个工作日，第二十二条、第二十八条）」？',
    });
    await removeUsed.click();
    await ask.waitFor();
    expect(await ask.textContent()).toContain('流程图中的定时器按这个期限计时：删除后草稿不能通过校验');
    await dialogsSettled(page);
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    expect(await page.locator(`tr[data-row-key="${used}"]`).count()).toBe(1);
    await removeUsed.click();
    await clickInDialog(page, ask.getByRole('button', { name: twoChars('删除') }));
    await poll(() => page.locator(`tr[data-row-key="${used}"]`).count()).toBe(0);
    // As the question said: saved so, the draft fails validation (a timer's period is gone).
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();
    const checked = await server.ok<{ ok: boolean; problems: { message: string }[] }>(
      'POST',
      `/api/drafts/${draftId}/validate`,
      { token: token('officer') },
    );
    expect(checked.ok).toBe(false);
    expect(checked.problems.map((problem) => problem.message).join('\n')).toContain(used);

    const unused = 'provincialNoticePeriod';
    await addRule(page, unused);
    await page.getByRole('button', { name: `删除：${unused}` }).click();
    await poll(() => page.locator(`tr[data-row-key="${unused}"]`).count()).toBe(0);
    expect(await ask.count()).toBe(0);
    await closeTab(page);
  }, 300_000);

  it('shows a period as stored once saved: a number not taken (-3) does not stay in the field', async () => {
    const page = await openPeriods(await newDraft());
    const name = 'provincialReplyPeriod';
    await addRule(page, name);
    const amount = page.getByLabel(`${name} · 取值 · 数量`);
    await typeAmount(page, name, '-3');
    expect(await accessibleDescription(amount)).toBe('应为不小于 1 的整数；仍按 1 计');
    // The new rule is what is saved (1 个月); the field then shows that, with nothing left unsaved.
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();
    await poll(() => amount.inputValue()).toBe('1');
    expect(await amount.getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator(`[data-words="${name}"]`).textContent()).toBe('1 个月');
    expect(await whyDisabled(page, 'save-periods')).toBe('没有未保存的修改');
    await closeTab(page);
  }, 300_000);

  it('保存 pressed by the keyboard keeps the keyboard on it once saved, with why it is now unavailable (disabled by its own use, it dropped the keyboard to the page)', async () => {
    const page = await openPeriods(await newDraft());
    await typeAmount(page, 'publicityMinWorkingDays', '7');
    const save = page.getByTestId('save-periods');
    await save.focus();
    await page.keyboard.press('Enter');
    await page.getByText('已保存').first().waitFor();
    expect(await whyDisabled(page, 'save-periods')).toBe('没有未保存的修改');
    expect(await save.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await accessibleDescription(save)).toBe('没有未保存的修改');
    // Pressed again, it saves nothing; Tab goes on from it to the periods, not from the top of the page.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('art7LookBack · 名称');
    await closeTab(page);
  }, 300_000);

  it('以此新建草稿 pressed by the keyboard puts it on the new draft’s heading (the page had no h1: it was left on the page, Tab starting again at the top)', async () => {
    const page = await newTab(browser, { viewport: { width: 1600, height: 1000 }, runningFrom: CLOCK_START });
    await signInTab(page, server, 'officer');
    await page.goto(`${server.url}/designer`);
    // The version in force's row (a version published by a test above has its own).
    const create = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: IN_FORCE, exact: true }) })
      .getByRole('button', { name: '以此新建草稿' });
    await create.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/designer\/quality-brand-zone\/draft:/);
    const heading = page.getByRole('heading', { level: 1, name: '全国质量品牌提升示范区创建与管理' });
    await heading.waitFor();
    await poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
    await closeTab(page);
  }, 300_000);

  it('keeps a draft’s unsaved edits over a session that ended, as the login page says, and saves them after the login; discarded on leaving, they do not come back', async () => {
    const draftId = await newDraft();
    const page = await openPeriods(draftId);
    const amount = page.getByLabel('creationMinPeriod · 取值 · 数量');
    await typeAmount(page, 'creationMinPeriod', '2');
    // The session ends on the server (expired, or ended by an administrator) while the officer edits.
    await page.evaluate(async () => {
      const token = sessionStorage.getItem('qbz.token') ?? '';
      await fetch('/api/session', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    });
    await page.getByTestId('save-periods').click();
    await page.getByText('登录已失效，请重新登录。本页未提交的填写内容已保留，登录后可继续。').waitFor();
    await login(page, 'officer');
    await page.getByRole('tab', { name: '期限' }).click();
    // Back as typed, unsaved (the draft's saved 1 年 came instead), and saved with 保存.
    await poll(() => amount.inputValue()).toBe('2');
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();
    const stored = await server.ok<{ files: Record<string, string> }>('GET', `/api/drafts/${draftId}`, {
      token: token('officer'),
    });
    const rules = JSON.parse(stored.files['rules.json'] ?? '{}') as Record<string, { value: unknown }>;
    expect(rules.creationMinPeriod?.value).toBe('P2Y');

    // Typed again and discarded on leaving: the draft opens as saved.
    await typeAmount(page, 'creationMinPeriod', '4');
    await page.getByRole('link', { name: '返回版本列表' }).click();
    await clickInDialog(page, page.getByRole('button', { name: '放弃修改并离开' }));
    await page.getByRole('heading', { name: '规则设计器' }).waitFor();
    // Opened again from the list, as a person does (the draft's page mounts afresh, reading what the tab kept).
    await page.locator(`tr[data-row-key="${draftId}"]`).getByRole('link', { name: '打开' }).click();
    await page.getByRole('tab', { name: '期限' }).click();
    await poll(() => amount.inputValue()).toBe('2');
    expect(await whyDisabled(page, 'save-periods')).toBe('没有未保存的修改');
    await closeTab(page);
  }, 300_000);

  it('on a phone (390 px) shows each period as a card, every value under its column’s name and within the screen', async () => {
    // Opened wide, then narrowed to the phone: opened at 390 px in CI the editor never showed its tabs
    // (two runs, three minutes each; it did alone and in this file on a quiet machine). What is checked
    // here is the table's layout on the phone.
    const { page, close } = await openNewDraft('officer');
    await page.getByRole('tab', { name: '期限' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    const rule = 'publicityMinWorkingDays';
    const row = page.locator(`tr[data-row-key="${rule}"]`);
    await row.waitFor();
    await shot(page, '12-periods-phone');
    const cells = await row.locator('td').evaluateAll((tds) =>
      tds.map((td) => {
        const box = td.getBoundingClientRect();
        return { left: box.left, right: box.right, width: box.width, label: getComputedStyle(td, '::before').content };
      }),
    );
    // Stacked, each under its column's name (as a table the title was squeezed to a character a line
    // and the value ran off the screen).
    expect(cells.slice(0, 5).map((cell) => cell.label)).toEqual(['"规则名"', '"名称"', '"条款"', '"取值"', '"读作"']);
    for (const cell of cells) {
      expect(cell.width).toBeGreaterThan(300);
      expect(cell.right).toBeLessThanOrEqual(390);
    }
    const box = async (label: string) => (await page.getByLabel(label).boundingBox()) ?? { x: 0, width: 0 };
    expect((await box(`${rule} · 名称`)).width).toBeGreaterThan(300);
    const unit = await box(`${rule} · 取值 · 单位`);
    expect(unit.x + unit.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    // And usable there: the number is typed and read back in words.
    await typeAmount(page, rule, '7');
    await poll(() => page.locator(`[data-words="${rule}"]`).textContent()).toBe('7 个工作日');
    // Its problems too, a card each: as a table the message was squeezed to a word a line beside 位置 and 条款.
    await page.getByTestId('save-periods').click();
    await page.getByText('已保存').first().waitFor();
    await page.getByRole('tab', { name: '校验' }).click();
    await page.getByRole('button', { name: '运行校验' }).click();
    const message = page.locator('[data-problem="rule-title-number"] td').nth(1);
    await message.waitFor();
    await shot(page, '12b-problems-phone');
    const said = await message.evaluate((td) => ({
      width: td.getBoundingClientRect().width,
      right: td.getBoundingClientRect().right,
      label: getComputedStyle(td, '::before').content,
    }));
    expect(said.label).toBe('"问题"');
    expect(said.width).toBeGreaterThan(300);
    expect(said.right).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    await close();
  }, 300_000);

  it('refuses, beside its button, a request to publish or an approval made on a page the draft has changed under', async () => {
    const { page, close } = await openNewDraft('officer');
    const draftId = /draft:([\w-]+)/.exec(page.url())?.[1] ?? '';
    const api = (user: string, method: string, path: string, body?: unknown) =>
      server.ok<{ revision: number; files: Record<string, string> }>(method, `/api/drafts/${draftId}${path}`, {
        token: token(user),
        ...(body !== undefined && { body }),
      });
    /** Another officer's save of the manifest, its title changed (elsewhere: over the API). */
    const saveElsewhere = async (user: string, words: string) => {
      const draft = await api(user, 'GET', '');
      const manifest = JSON.parse(draft.files['manifest.json'] ?? '{}') as { title: string };
      const text = `${JSON.stringify({ ...manifest, title: `${manifest.title}（${words}）` }, null, 2)}\n`;
      await api(user, 'PUT', '/files', { path: 'manifest.json', text, revision: draft.revision });
    };
    await page.getByRole('tab', { name: '发布' }).click();
    await fillBasis(page);
    const version = await page.getByLabel('版本名称', { exact: true }).inputValue();

    // While the officer fills in the request, a colleague saves a change the officer has not seen.
    await saveElsewhere('officer2', '同事的修改');
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    const refused = page.getByTestId('publish-result');
    await poll(() => refused.textContent()).toContain(
      '发布被拒绝：您打开此页后，此草稿已被 officer2 修改（您看到的是第 0 次保存，现为第 1 次）：发布申请未提交。请重新加载，核对修改后再申请发布',
    );
    await shot(page, '11-request-stale');
    expect((await api('officer', 'GET', '')) as unknown).not.toHaveProperty('pendingPublication');
    // 重新加载 (beside the refusal): the colleague's change on screen, the request goes through.
    await refused.getByTestId('reload-draft').click();
    await refused.waitFor({ state: 'detached' });
    await fillBasis(page);
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    await page.getByTestId('pending-publication').waitFor();
    await close();

    // A second officer reads the request; meanwhile the officer withdraws it, changes the draft and asks again.
    const approver = await openDraft(draftId, 'officer2');
    await approver.getByRole('tab', { name: '发布' }).click();
    await approver.getByTestId('approve-publication').waitFor();
    await api('officer', 'POST', '/withdraw', {});
    await saveElsewhere('officer', '批准者没有看过的修改');
    const basis = { title: BASIS.title, documentNumber: BASIS.number, issuedOn: BASIS.issuedOn, url: BASIS.url };
    await api('officer', 'POST', '/publish', { version, effectiveFrom: version, revision: basis });
    await approver.getByTestId('approve-publication').click();
    await confirmDialog(approver);
    const refusal = approver.getByTestId('approval-refused');
    await poll(() => refusal.textContent()).toContain(
      `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 officer 重新提交的申请（发布为 ${version}`,
    );
    expect(await refusal.textContent()).toContain('为免批准未看过的内容，本次未批准');
    await shot(approver, '11-approval-stale');
    const published = await server.ok<{ version: string }[]>('GET', '/api/definitions', { token: token('officer2') });
    expect(published.map((one) => one.version)).not.toContain(version);
    // Reloaded, the page shows the request now waiting (the title with the change), and no refusal.
    await refusal.getByTestId('reload-draft').click();
    await refusal.waitFor({ state: 'detached' });
    await approver.getByTestId('approve-publication').waitFor();

    // 退回 likewise: the request the page shows was withdrawn and asked for again meanwhile.
    await api('officer', 'POST', '/withdraw', {});
    await api('officer', 'POST', '/publish', { version, effectiveFrom: version, revision: basis });
    await approver.getByLabel('退回理由').fill('修订依据的文号有误');
    await approver.getByTestId('refuse-publication').click();
    const returnRefused = approver.getByTestId('return-refused');
    await poll(() => returnRefused.textContent()).toContain('为免退回未看过的申请，本次未退回');
    await shot(approver, '11-return-stale');
    expect((await api('officer', 'GET', '')) as unknown).not.toHaveProperty('refusal');
    await returnRefused.getByTestId('reload-draft').click();
    await returnRefused.waitFor({ state: 'detached' });
    await approver.getByTestId('refuse-publication').waitFor();
    await api('officer', 'POST', '/withdraw', {});
    await closeTab(approver);
  }, 300_000);

  it('refuses, beside its button, a withdrawal (撤回) from a page showing a request asked for again since', async () => {
    const { page, close, api, askAgain } = await openRequestedDraft('officer');
    // In another window the officer withdraws the request and asks again (perhaps corrected).
    await askAgain();
    await page.getByTestId('withdraw-publication').click();
    await confirmDialog(page);
    const refused = page.getByTestId('withdraw-refused');
    await poll(() => refused.textContent()).toContain('为免撤回未看过的申请，本次未撤回');
    await shot(page, '13-withdraw-stale');
    expect(await api('GET', '')).toHaveProperty('pendingPublication');
    // Reloaded, the request now waiting is shown, and withdrawn from there.
    await refused.getByTestId('reload-draft').click();
    await refused.waitFor({ state: 'detached' });
    await page.getByTestId('withdraw-publication').click();
    await confirmDialog(page);
    await page.getByTestId('pending-publication').waitFor({ state: 'detached' });
    expect(await api('GET', '')).not.toHaveProperty('pendingPublication');
    await close();
  }, 300_000);

  it('a request returned (退回) comes back to its requester as it was asked, the reason above it, and the list of drafts says it was returned', async () => {
    const { page, close } = await openNewDraft('officer');
    const draftId = /draft:([\w-]+)/.exec(page.url())?.[1] ?? '';
    await page.getByRole('tab', { name: '发布' }).click();
    // Asked for otherwise than the form's defaults: the 15th of the default month, a name not the date.
    const first = await page.getByLabel('生效日期', { exact: true }).inputValue();
    const date = `${first.slice(0, 8)}15`;
    const version = `${date}-r1`;
    const reason = '文号有误：应为国市监质发〔2024〕36号，请核对后重新提交';
    await typeDate(page, '生效日期', date);
    await page.getByLabel('版本名称', { exact: true }).fill(version);
    await fillBasis(page);
    await page.getByTestId('request-publish').click();
    await confirmDialog(page);
    await page.getByTestId('pending-publication').waitFor();

    // A second officer returns it, with the reason, from a page that showed the request.
    const approver = await openDraft(draftId, 'officer2', page);
    await approver.getByRole('tab', { name: '发布' }).click();
    await approver.getByLabel('退回理由').fill(reason);
    await approver.getByTestId('refuse-publication').click();
    await approver.getByTestId('publish-refusal').waitFor();
    // The form on that page comes back as the request was, not as the page first drew it.
    await poll(() => approver.getByLabel('版本名称', { exact: true }).inputValue()).toBe(version);
    expect(await approver.getByLabel('文号', { exact: true }).inputValue()).toBe(BASIS.number);
    await closeTab(approver);
    await close();

    // The requester, on a page of their own: the reason, and the form as they sent it, ready to send again.
    const requester = await openDraft(draftId, 'officer');
    await requester.getByRole('tab', { name: '发布' }).click();
    expect(await requester.getByTestId('publish-refusal').textContent()).toContain(`已退回：${reason}（officer2）`);
    const field = (label: string) => requester.getByLabel(label, { exact: true }).inputValue();
    expect(await field('生效日期')).toBe(date);
    expect(await field('版本名称')).toBe(version);
    expect(await field('依据文件名称')).toBe(BASIS.title);
    expect(await field('文号')).toBe(BASIS.number);
    expect(await field('印发日期')).toBe(BASIS.issuedOn);
    expect(await field('发布网址')).toBe(BASIS.url);
    expect(await requester.getByTestId('request-publish').isDisabled()).toBe(false);
    await shot(requester, '14a-returned');

    // The list of drafts says it was returned, and why: cut short, in full with who returned it in its tooltip.
    await requester.getByRole('link', { name: '返回版本列表' }).first().click();
    const row = requester.locator('tr').filter({ has: requester.locator(`a[href$="draft:${draftId}"]`) });
    const returned = row.locator(`[data-refused="${version}"]`);
    await poll(() => returned.textContent()).toBe(
      `发布为 ${version} 的申请已退回：文号有误：应为国市监质发〔2024〕36…`,
    );
    expect(await returned.getAttribute('title')).toBe(`已退回：${reason}（officer2）`);
    await shot(requester, '14b-returned-listed');
    await requester.locator('.qbz-language').first().click();
    await poll(() => returned.textContent()).toBe(
      `Request for version ${version} refused: 文号有误：应为国市监质发〔2024〕36…`,
    );
    await requester.locator('.qbz-language').first().click();
    await closeTab(requester);
  }, 300_000);

  it('in the 发布 tab, a draft deleted meanwhile is said with who deleted it, on 重新加载 and on a step, with the way out that fits', async () => {
    const { page, close, draftId, api, askAgain } = await openRequestedDraft('officer');
    // The second officer in a second tab of the same browser (a session per tab): no browser of its own.
    const approver = await openDraft(draftId, 'officer2', page);
    await approver.getByRole('tab', { name: '发布' }).click();
    await approver.getByTestId('refuse-publication').waitFor();

    // Asked for again in another window: the requester's 撤回 is refused as stale, with 重新加载.
    await askAgain();
    await page.getByTestId('withdraw-publication').click();
    await confirmDialog(page);
    const refused = page.getByTestId('withdraw-refused');
    await refused.waitFor();
    // Then, there, withdrawn and deleted.
    await api('POST', '/withdraw', {});
    await api('DELETE', `?revision=${String((await api('GET', '')).revision)}`);

    // 重新加载 finds nothing: the page stays and says who deleted the draft; the requester may keep it.
    await refused.getByTestId('reload-draft').click();
    const banner = page.getByTestId('draft-conflict');
    await poll(() => banner.textContent()).toContain('已被 officer 删除');
    expect(await banner.getByRole('button', { name: '重新加载' }).count()).toBe(0);
    expect(await banner.getByTestId('save-as-new-draft').count()).toBe(1);
    expect(await banner.getByRole('link', { name: '返回版本列表' }).count()).toBe(1);
    // No edits on this page (a request locks it): none are spoken of.
    expect(await banner.textContent()).not.toContain('修改');
    expect(await banner.textContent()).toContain('可将本页内容另存为新草稿');
    // The request is gone with the draft: no 撤回 under the banner (it could only be refused again).
    expect(await page.getByTestId('pending-publication').count()).toBe(1);
    expect(await page.getByTestId('withdraw-publication').count()).toBe(0);
    await shot(page, '14-reload-deleted');

    // The second officer's 退回 meets the deletion: said above the tabs, only 返回版本列表 (nothing of theirs to keep).
    await approver.getByLabel('退回理由').fill('修订依据的文号有误');
    await approver.getByTestId('refuse-publication').click();
    const told = approver.getByTestId('draft-conflict');
    await poll(() => told.textContent()).toContain('此草稿已被 officer 删除');
    expect(await approver.getByTestId('return-refused').count()).toBe(0);
    expect(await told.getByRole('button', { name: '重新加载' }).count()).toBe(0);
    expect(await told.getByTestId('save-as-new-draft').count()).toBe(0);
    expect(await told.getByRole('link', { name: '返回版本列表' }).count()).toBe(1);
    // Said once, and nothing of edits this officer never made.
    expect((await told.textContent())?.split('请返回版本列表').length).toBe(2);
    expect(await told.textContent()).not.toContain('修改');
    // The request is gone: no 批准 or 退回 left under the banner.
    expect(await approver.getByTestId('pending-publication').count()).toBe(1);
    for (const step of ['approve-publication', 'refuse-publication'])
      expect(await approver.getByTestId(step).count()).toBe(0);
    expect(await approver.getByLabel('退回理由').count()).toBe(0);
    await shot(approver, '14-step-deleted');
    await closeTab(approver);
    await close();
  }, 300_000);
});
