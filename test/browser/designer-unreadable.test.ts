import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDesignerServer(), launchChromium()]);
    await server.createUsers({ officer: ['policy-admin'] });
    draft = await server.ok<Draft>('POST', '/api/drafts', { as: 'officer', body: { process: PROCESS, from: BASE } });
    // Written as the store holds it: the server now refuses such a save (422).
    const file = join(server.dataDir, 'drafts', `${draft.id}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8')) as Draft;
    stored.files['process.bpmn'] = (stored.files['process.bpmn'] ?? '').slice(0, 5000);
    stored.files['rules.json'] = '[]';
    await writeFile(file, JSON.stringify(stored));
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
      expect(await diagram.textContent()).toMatch(
        /流程图文件 process\.bpmn 无法读取，不能显示流程图原因：.*line.*恢复为基础版本/,
      );
      await stepScreenshot(page, 'designer-unreadable-diagram');

      await page.getByRole('tab', { name: '期限' }).click();
      const rules = unreadable('rules.json');
      await rules.waitFor();
      expect(await rules.textContent()).toContain('文件 rules.json 的内容结构不符合要求，不能显示其内容');
      expect(await page.getByText('暂无数据').count()).toBe(0);

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
});
