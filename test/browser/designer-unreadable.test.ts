import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, failureScreenshot, launchChromium, stepScreenshot } from './chromium.js';
import { startDesignerServer, type DesignerServer } from './designer-server.js';
import { twoChars } from './form-controls.js';
import { USER_PASSWORD } from './web-server.js';

const PROCESS = 'quality-brand-zone';
const BASE = '2024-03-14';

interface Draft {
  id: string;
  files: Record<string, string>;
  revision: number;
}

/**
 * A draft saved before the server refused unreadable files (QA's walk: a truncated process.bpmn,
 * rules.json = []): the designer says in the page which file cannot be shown and why — not a blank
 * canvas and a vanishing toast, not 暂无数据 — and 恢复为基础版本 puts the base version's file back.
 */
describe.runIf(browserAvailable())('a draft file the designer cannot read', () => {
  let server: DesignerServer;
  let browser: Browser;
  let draft: Draft;
  let keyboardDraft: Draft;

  /** A new draft whose stored files are changed as the store holds them: the server now refuses such a save (422). */
  const damagedDraft = async (change: (files: Record<string, string>) => void): Promise<Draft> => {
    const made = await server.ok<Draft>('POST', '/api/drafts', {
      as: 'officer',
      body: { process: PROCESS, from: BASE },
    });
    const file = join(server.dataDir, 'drafts', `${made.id}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8')) as Draft;
    change(stored.files);
    await writeFile(file, JSON.stringify(stored));
    return made;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDesignerServer(), launchChromium()]);
    await server.createUsers({ officer: ['policy-admin'] });
    draft = await damagedDraft((files) => {
      files['process.bpmn'] = (files['process.bpmn'] ?? '').slice(0, 5000);
      files['rules.json'] = '[]';
      files['indicators.json'] = '{\n  "passScore": 80,\n  "variants": {\n    "industry": [\n';
    });
    keyboardDraft = await damagedDraft((files) => {
      files['process.bpmn'] = (files['process.bpmn'] ?? '').slice(0, 5000);
      files['rules.json'] = '[]';
    });
  }, 180_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as DesignerServer | undefined)?.stop();
  });

  it('says which file and why in the diagram and 期限 tabs, and restores the base version’s diagram', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${server.url}/designer/${PROCESS}/draft:${encodeURIComponent(draft.id)}`);
      await page.getByLabel('用户名').fill('officer');
      await page.getByLabel('密码').fill(USER_PASSWORD);
      await page.getByRole('button', { name: twoChars('登录') }).click();
      const unreadable = (file: string) => page.locator(`[data-testid="unreadable-file"][data-file="${file}"]`);
      const diagram = unreadable('process.bpmn');
      await diagram.waitFor();
      // Where the reader stopped, in Chinese (it was the browser's English: error on line 70 at column 8: …).
      expect(await diagram.textContent()).toMatch(
        /流程图文件 process\.bpmn 无法读取，不能显示流程图原因：在第 \d+ 行第 \d+ 列提前结束（文件不完整）。.*恢复为基础版本/,
      );
      await stepScreenshot(page, 'designer-unreadable-diagram');

      await page.getByRole('tab', { name: '期限' }).click();
      const rules = unreadable('rules.json');
      await rules.waitFor();
      expect(await rules.textContent()).toContain('文件 rules.json 的内容结构不符合要求，不能显示其内容');
      expect(await page.getByText('暂无数据').count()).toBe(0);
      await page.getByRole('tab', { name: '评估指标' }).click();
      const indicators = unreadable('indicators.json');
      await indicators.waitFor();
      // JSON cut short: where it ends, not V8's 「Unexpected end of JSON input」.
      expect(await indicators.textContent()).toContain(
        '文件 indicators.json 不是有效的 JSON，无法读取，不能显示其内容原因：在第 5 行第 1 列提前结束（文件不完整）。',
      );

      await page.getByRole('tab', { name: '流程图' }).click();
      await diagram.getByRole('button', { name: '恢复为基础版本' }).click();
      await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor({ timeout: 60_000 });
      // The modeler's export of the imported file follows it within a moment: wait for it, then save.
      await page.waitForTimeout(1000);
      await page.getByTestId('save-diagram').click();
      await page.getByText('已保存').first().waitFor();
      const base = await readFile(join(server.definitionsDir, PROCESS, BASE, 'process.bpmn'), 'utf8');
      const ids = (xml: string) => [...xml.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]).sort();
      const saved = (await server.ok<Draft>('GET', `/api/drafts/${draft.id}`, { as: 'officer' })).files['process.bpmn'];
      // The base version's diagram (as the modeler writes it): every element, none cut off.
      expect(ids(saved ?? '')).toEqual(ids(base));
      expect(await diagram.count()).toBe(0);
      expect(errors).toEqual([]);
    } catch (error) {
      await failureScreenshot(page, 'designer-unreadable');
      throw error;
    } finally {
      await page.close();
    }
  });

  it('恢复为基础版本 by the keyboard alone: reached by Tab with its focus shown, pressed by Enter or Space, the keyboard then on the tab whose file came back', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const has = (target: Locator) =>
      target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement));
    /** The focused element is seen to be: focus-visible, with an outline or a ring. */
    const expectFocusShown = async () => {
      const shown = await page.evaluate(() => {
        const element = document.activeElement;
        if (element === null || !element.matches(':focus-visible')) return false;
        const style = getComputedStyle(element);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
      });
      expect(shown).toBe(true);
    };
    /** Tabs until `target` has the focus, which is seen. */
    const tabTo = async (target: Locator) => {
      for (let presses = 0; presses < 80 && !(await has(target)); presses++) await page.keyboard.press('Tab');
      expect(await has(target)).toBe(true);
      await expectFocusShown();
    };
    const restoreIn = (file: string) =>
      page
        .locator(`[data-testid="unreadable-file"][data-file="${file}"]`)
        .getByRole('button', { name: '恢复为基础版本' });
    try {
      await page.goto(`${server.url}/designer/${PROCESS}/draft:${encodeURIComponent(keyboardDraft.id)}`);
      await page.getByLabel('用户名').fill('officer');
      await page.getByLabel('密码').fill(USER_PASSWORD);
      await page.getByLabel('密码').press('Enter');
      await restoreIn('process.bpmn').waitFor();
      await tabTo(restoreIn('process.bpmn'));
      await stepScreenshot(page, 'designer-unreadable-keyboard-focus');
      await page.keyboard.press('Enter');
      await page.locator('[data-diagram="modeler"][data-diagram-ready="true"]').waitFor({ timeout: 60_000 });
      // The button went with the message: the keyboard is on the tab whose diagram came back, not the page.
      const diagramTab = page.getByRole('tab', { name: '流程图' });
      await expect.poll(() => has(diagramTab)).toBe(true);
      expect(await diagramTab.getAttribute('aria-selected')).toBe('true');
      await expectFocusShown();

      // From there along the tabs to 期限, whose rules.json is restored by Space.
      const periodsTab = page.getByRole('tab', { name: '期限' });
      for (let presses = 0; presses < 6 && !(await has(periodsTab)); presses++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await restoreIn('rules.json').waitFor();
      await tabTo(restoreIn('rules.json'));
      await page.keyboard.press('Space');
      await restoreIn('rules.json').waitFor({ state: 'detached' });
      await expect.poll(() => has(periodsTab)).toBe(true);
      expect(await periodsTab.getAttribute('aria-selected')).toBe('true');
      await expectFocusShown();
    } catch (error) {
      await failureScreenshot(page, 'designer-unreadable-keyboard');
      throw error;
    } finally {
      await page.close();
    }
  });
});
