import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, failureScreenshot, launchChromium } from './chromium.js';
import { startDesignerServer, type DesignerServer } from './designer-server.js';
import { clickInDialog } from './form-controls.js';
import { signInTab } from './page-visit.js';

const PROCESS = 'quality-brand-zone';

/** A poll with room for a loaded machine (2 cores shared by several test runs). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

/**
 * The browser's Back and Forward around a draft in the designer. The guard against leaving edits
 * unsaved pushes a copy of the page for Back to land on; once the edits are saved or left, that copy
 * must not make Back (or Forward) stay a step on the draft. Each step waits for where the page has
 * settled (address and content), never for a time: Back may take the browser more than one
 * navigation, and on a busy machine they come late.
 */
describe.runIf(browserAvailable())('Back from a draft in the designer', () => {
  let server: DesignerServer;
  let browser: Browser;
  let page: Page;
  let draftPath: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDesignerServer(), launchChromium()]);
    await server.createUsers({ officer: ['policy-admin'] });
    const draft = await server.ok<{ id: string }>('POST', '/api/drafts', {
      as: 'officer',
      body: { process: PROCESS, from: '2024-03-14' },
    });
    draftPath = `/designer/${PROCESS}/draft:${draft.id}`;
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(60_000);
    await signInTab(page, server, 'officer');
  }, 240_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureScreenshot(page, `designer-history-${context.task.name}`);
  });
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as DesignerServer | undefined)?.stop();
  });

  const pathname = () => decodeURIComponent(new URL(page.url()).pathname);
  const periodsTab = () => page.getByRole('tab', { name: '期限' });
  const unsavedMark = () => periodsTab().getByTitle('未保存');
  const amount = () => page.getByLabel('publicityMinWorkingDays · 取值 · 数量');
  const leaveDialog = () => page.getByRole('dialog', { name: '有修改尚未保存，确定离开此页？' });

  /** On the list of versions, shown (not only its address). */
  async function onVersions(): Promise<void> {
    await poll(pathname).toBe('/designer');
    await page.locator('tr[data-version]').first().waitFor();
  }

  /** On the draft, shown with its tabs. */
  async function onDraft(): Promise<void> {
    await poll(pathname).toBe(draftPath);
    await periodsTab().waitFor();
  }

  /** From the list of versions, the draft opened by its link and a period changed, not saved yet. */
  async function openAndEdit(days: string): Promise<void> {
    await page.goto(`${server.url}/designer`);
    await onVersions();
    await page.getByRole('link', { name: '打开' }).first().click();
    await onDraft();
    await periodsTab().click();
    await amount().fill(days);
    await amount().blur();
    await poll(() => page.locator('[data-words="publicityMinWorkingDays"]').textContent()).toBe(`${days} 个工作日`);
    await unsavedMark().waitFor();
  }

  it('goes back to the versions with one Back once the edits are saved (the first Back stayed on the draft)', async () => {
    await openAndEdit('7');
    await page.getByTestId('save-periods').click();
    // Saved: the tab's mark gone and nothing left to save (the toast alone says nothing of the state).
    await unsavedMark().waitFor({ state: 'detached' });
    await poll(() => page.locator('[data-why-disabled="save-periods"]').textContent()).toBe('没有未保存的修改');
    await page.goBack();
    await onVersions();
    expect(await leaveDialog().count()).toBe(0);
  }, 120_000);

  it('with edits unsaved, Back asks: 留在此页 stays with the edits, 放弃修改并离开 goes back to the versions', async () => {
    await openAndEdit('8');
    await page.goBack();
    await leaveDialog().waitFor();
    await clickInDialog(page, leaveDialog().getByRole('button', { name: '留在此页' }));
    await leaveDialog().waitFor({ state: 'detached' });
    await onDraft();
    expect(await amount().inputValue()).toBe('8');
    await page.goBack();
    await clickInDialog(page, leaveDialog().getByRole('button', { name: '放弃修改并离开' }));
    await onVersions();
  }, 120_000);

  it('left by a link with the edits discarded, leaves no second entry of the draft behind', async () => {
    await openAndEdit('9');
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await clickInDialog(page, leaveDialog().getByRole('button', { name: '放弃修改并离开' }));
    await onVersions();
    await page.goBack();
    await onDraft();
    await page.goBack();
    await onVersions();
    // Forward again: the draft once, then the versions (a copy left behind showed the draft twice).
    await page.goForward();
    await onDraft();
    await page.goForward();
    await onVersions();
  }, 120_000);

  it('counts a form example that is not JSON as an unsaved edit: where it stops said in Chinese, no save, and leaving asks', async () => {
    const formsTab = () => page.getByRole('tab', { name: '表单' });
    await page.goto(`${server.url}${draftPath}`);
    await onDraft();
    await formsTab().click();
    const example = page.locator('.ant-collapse-item').filter({ hasText: '示例数据 examples[0]' });
    await example.getByRole('button', { name: '示例数据 examples[0]' }).click();
    // Said as what it is (it said 复合字段：在下面以 JSON Schema 编辑, a composite field's words).
    await example.getByText('示例：一份完整、有效的填写，以 JSON 编辑', { exact: true }).waitFor();
    // A comma left before the closing brace: nothing reaches the form, the text stays in its box.
    await example.locator('textarea').fill('{\n  "applicant": "云溪湾",\n}');
    await example.getByText('JSON 有误：第 3 行第 1 列无法读取。改正后才会应用。', { exact: true }).waitFor();
    await formsTab().getByTitle('未保存').waitFor();
    expect(await page.locator('[data-why-disabled="save-forms"]').textContent()).toBe('JSON 尚未改正：改正后才能保存');
    // Leaving by a link is held (it went at once, the text lost): 留在此页 keeps the text.
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await clickInDialog(page, leaveDialog().getByRole('button', { name: '留在此页' }));
    await leaveDialog().waitFor({ state: 'detached' });
    expect(await example.locator('textarea').inputValue()).toBe('{\n  "applicant": "云溪湾",\n}');
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await clickInDialog(page, leaveDialog().getByRole('button', { name: '放弃修改并离开' }));
    await onVersions();
  }, 120_000);

  it('keeps a form example that is not JSON while another form is shown, for the return (switching dropped it unasked)', async () => {
    const formsTab = () => page.getByRole('tab', { name: '表单' });
    await page.goto(`${server.url}${draftPath}`);
    await onDraft();
    await formsTab().click();
    const forms = page.getByRole('menu', { name: '表单' }).getByRole('menuitem');
    const example = page.locator('.ant-collapse-item').filter({ hasText: '示例数据 examples[0]' });
    const held = '{\n  "applicant": "云溪湾",\n}';
    await example.getByRole('button', { name: '示例数据 examples[0]' }).click();
    await example.locator('textarea').fill(held);
    await example.getByText('JSON 有误：第 3 行第 1 列无法读取。改正后才会应用。', { exact: true }).waitFor();
    // Another form: the text is still an edit not saved — the tab marked, no save, the form it is in marked.
    const [firstForm = '', secondForm = ''] = await forms.allTextContents();
    await forms.nth(1).click();
    await poll(() => page.getByLabel('表单标题').inputValue()).toBe(secondForm.trim());
    await formsTab().getByTitle('未保存').waitFor();
    expect(await page.locator('[data-why-disabled="save-forms"]').textContent()).toBe('JSON 尚未改正：改正后才能保存');
    expect(await forms.nth(0).locator('.ant-badge-status-dot').count()).toBe(1);
    expect(await forms.nth(1).locator('.ant-badge-status-dot').count()).toBe(0);
    // Back on the form: the text as it was left, and where it stops.
    await forms.nth(0).click();
    await poll(() => page.getByLabel('表单标题').inputValue()).toBe(firstForm.trim());
    await example.getByRole('button', { name: '示例数据 examples[0]' }).click();
    expect(await example.locator('textarea').inputValue()).toBe(held);
    await example.getByText('JSON 有误：第 3 行第 1 列无法读取。改正后才会应用。', { exact: true }).waitFor();
    await page.getByRole('link', { name: '返回版本列表' }).first().click();
    await clickInDialog(page, leaveDialog().getByRole('button', { name: '放弃修改并离开' }));
    await onVersions();
  }, 120_000);

  it('from a version to the draft made of it, one Back after a save returns to the version, not past it', async () => {
    const versionPath = `/designer/${PROCESS}/2024-03-14`;
    await page.goto(`${server.url}${versionPath}`);
    await page.getByRole('button', { name: '以此新建草稿' }).click();
    await poll(pathname).toMatch(new RegExp(`^/designer/${PROCESS}/draft:`));
    await periodsTab().click();
    await amount().fill('6');
    await amount().blur();
    await unsavedMark().waitFor();
    await page.getByTestId('save-periods').click();
    await unsavedMark().waitFor({ state: 'detached' });
    await poll(() => page.locator('[data-why-disabled="save-periods"]').textContent()).toBe('没有未保存的修改');
    await page.goBack();
    await poll(pathname).toBe(versionPath);
    await page.getByRole('button', { name: '以此新建草稿' }).waitFor();
    expect(await leaveDialog().count()).toBe(0);
  }, 120_000);
});
