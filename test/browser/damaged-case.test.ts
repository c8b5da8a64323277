import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { browserAvailable, failureScreenshot, launchChromium } from './chromium.js';
import { twoChars } from './form-controls.js';
import { ACCEPTANCE_OPENS, SAMPLE_USERS, throughCreation } from './sample-cases.js';
import { closeTab, openPage, overflow, PHONE, screenshot } from './page-visit.js';
import { ADMIN_PASSWORD, CLOCK_START, startWebServer, type WebServer } from './web-server.js';

const START = { process: 'quality-brand-zone', province: '320000' };

/**
 * A case file cut short (a full disk, a failed copy), found at start-up: the server sets the case
 * aside, and the admin's workbench lists it as damaged beside the healthy ones. The list used to
 * fail whole on it (「流程定义 未知@未知 不存在」, 暂无案件), hiding every case from the admin.
 */
describe.runIf(browserAvailable())('a damaged case file in the workbench', () => {
  let dataDir: string;
  let server: WebServer | undefined;
  let browser: Browser;
  let damaged: string;
  let healthy: string;
  /** Park4's case, its audit log damaged: its park's task on it waits, set aside. */
  let logDamaged: string;
  let file: string;
  let whole: string;
  /** A case whose acceptance opens on ACCEPTANCE_OPENS, by a timer (Art. 18). */
  let waiting: string;

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'qbz-damaged-')), 'data');
    const env = { DATA_DIR: dataDir };
    const first = await startWebServer({ env });
    await first.createUsers({ park1: ['park:P-001'], park2: ['park:P-002'], park4: ['park:P-004'] });
    damaged = (await first.ok<CaseView>('POST', '/api/cases', { as: 'park1', body: { ...START, park: 'P-001' } })).id;
    healthy = (await first.ok<CaseView>('POST', '/api/cases', { as: 'park2', body: { ...START, park: 'P-002' } })).id;
    logDamaged = (await first.ok<CaseView>('POST', '/api/cases', { as: 'park4', body: { ...START, park: 'P-004' } }))
      .id;
    const { park1: _park1, park2: _park2, ...others } = SAMPLE_USERS;
    await first.createUsers(others);
    waiting = await throughCreation(first, 'park3', 'P-003', '青石港临港物流园区');
    await first.stop();
    file = join(dataDir, 'cases', `${damaged}.json`);
    whole = await readFile(file, 'utf8');
    await writeFile(file, whole.slice(0, Math.floor(whole.length / 2)));
    // A line of park4's history torn (its record reads): set aside at the start, its task with it.
    const log = join(dataDir, 'audit', `${logDamaged}.jsonl`);
    const lines = (await readFile(log, 'utf8')).split('\n');
    lines[1] = '{"seq":2,"torn';
    await writeFile(log, lines.join('\n'));
    [server, browser] = await Promise.all([startWebServer({ env }), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await server?.stop();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  // Before the next test, which restores the file.
  it('shows the damaged case on a phone (390 px), in Chinese and in English: its heading whole, 重试 within reach, the header readable', async () => {
    for (const [query, heading, retry] of [
      ['', `数据文件损坏：cases/${damaged}.json`, twoChars('重试')],
      ['?lang=en', `A data file is damaged: cases/${damaged}.json`, /^Retry$/],
    ] as const) {
      const page = await openPage(browser, server as WebServer, {
        path: `/cases/${damaged}${query}`,
        user: 'admin-two',
        viewport: PHONE,
        time: CLOCK_START,
      });
      try {
        const title = page.getByRole('heading', { level: 1, name: heading });
        await title.waitFor();
        await screenshot(page, `damaged-case-phone${query === '' ? '' : '-en'}`, false);
        const button = page.getByRole('button', { name: retry });
        const within = (element: Element) => {
          const box = element.getBoundingClientRect();
          return box.left >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
        };
        expect(await title.evaluate(within)).toBe(true);
        expect(await button.evaluate(within)).toBe(true);
        expect(await overflow(page)).toMatchObject({ scrollWidth: PHONE.width });
        // The programme's name whole (in English a phone read "National Quality Brand Improveme…").
        const brand = page.locator('.qbz-brand');
        expect(await brand.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
        expect(await brand.evaluate(within)).toBe(true);
        if (query !== '') expect(await page.locator('#root').innerText()).not.toMatch(/[\u3400-\u9fff]/);
      } catch (error) {
        await failureScreenshot(page, 'damaged-case-phone');
        throw error;
      } finally {
        await closeTab(page);
      }
    }
  });

  it('lists the damaged case to the admin as such, beside the healthy one, with no error', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(server?.url ?? '');
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: twoChars('登录') }).click();
      const row = (id: string) => page.locator('tr').filter({ hasText: id });
      await row(damaged).getByText('数据文件损坏').first().waitFor();
      await row(healthy).waitFor();
      expect(await page.getByText(/流程定义.*不存在/).count()).toBe(0);
      // Opened: what is wrong and with which file, not an error about a missing definition.
      await row(damaged).getByRole('link').first().click();
      await page.getByText(`数据文件损坏：cases/${damaged}.json`).first().waitFor();
      await page.getByText(/已暂停办理.*从备份恢复该文件，然后点击「重试」（或重启服务）/).waitFor();
      expect(await page.getByText(/流程定义.*不存在/).count()).toBe(0);
      // In English, in English around the file's name (the heading stayed Chinese).
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `A data file is damaged: cases/${damaged}.json` }).waitFor();
      await page.getByRole('button', { name: '中文', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `数据文件损坏：cases/${damaged}.json` }).waitFor();
      // 重试 before the file is restored: said to be still unreadable, the case still aside.
      const retry = page.getByRole('button', { name: twoChars('重试') });
      await retry.click();
      await page.getByRole('alert').filter({ hasText: '该文件仍无法读取' }).waitFor();
      // Restored from a backup: 重试 takes the case back without a restart (the page said to restart,
      // and had no 重试, to which the clock page's incidents sent the admin).
      await writeFile(file, whole);
      await retry.click();
      await page.getByText('数据文件损坏').waitFor({ state: 'detached' });
      await page.getByText('提交创建申请').first().waitFor();
      // Its history says it was taken back, naming the file (nothing was said of the pause).
      await page.getByText(`数据文件已从备份恢复，案件继续办理：cases/${damaged}.json`).waitFor();
      expect(errors).toEqual([]);
    } catch (error) {
      await failureScreenshot(page, 'damaged-case-admin');
      throw error;
    } finally {
      await page.close();
    }
  });

  it('says on the clock page which file of which case a timer found damaged, and what to do (it answered 500 at every advance)', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    try {
      const waitingFile = join(dataDir, 'cases', `${waiting}.json`);
      const text = await readFile(waitingFile, 'utf8');
      await writeFile(waitingFile, text.slice(0, Math.floor(text.length / 2)));
      await page.goto(`${server?.url ?? ''}/clock`);
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: twoChars('登录') }).click();
      await page.getByRole('heading', { name: '演练时钟' }).waitFor();
      await page.locator('#sandbox-date').fill(ACCEPTANCE_OPENS.slice(0, 10));
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: twoChars('推进') }).click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: twoChars('推进') })
        .click();
      const result = page.locator('[data-sandbox-result]');
      await result.getByRole('status').waitFor();
      const row = result.getByRole('row').filter({ hasText: waiting });
      expect(await row.textContent()).toContain(
        `数据文件损坏：cases/${waiting}.json。案件已暂停办理：请按 README「Storage」一节从备份恢复该文件，再打开案件点击「重试」。`,
      );
      await writeFile(waitingFile, text);
    } catch (error) {
      await failureScreenshot(page, 'damaged-case-clock');
      throw error;
    } finally {
      await page.close();
    }
  });

  // After the clock test, whose timer set park3's case aside while the server ran (its file is back,
  // the case still aside until 重试).
  it('tells the park whose case was set aside that it cannot be read now (it read 「案件 … 不存在」), and another park only that there is no such case', async () => {
    for (const [user, query, heading] of [
      ['park3', '', `案件 ${waiting} 的数据暂时无法读取，已通知系统管理员；恢复后即可继续办理`],
      ['park3', '?lang=en', /^The data of case .+ cannot be read at the moment; the administrator has been told/],
      ['park1', '', `案件 ${waiting} 不存在`],
    ] as const) {
      const page = await openPage(browser, server as WebServer, {
        path: `/cases/${waiting}${query}`,
        user,
        time: CLOCK_START,
      });
      try {
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        if (user === 'park3') await screenshot(page, `damaged-case-owner${query === '' ? '' : '-en'}`, false);
      } catch (error) {
        await failureScreenshot(page, 'damaged-case-owner');
        throw error;
      } finally {
        await closeTab(page);
      }
    }
  });

  // As the test above: park3's case set aside by the clock test's timer; park4's at the start.
  it("lists the set-aside case in its park's case list, marked unreadable now with the administrator told, in Chinese and in English (it vanished, as if deleted), and opened it says so; another park's list holds no trace of it", async () => {
    for (const [query, mark, help, heading] of [
      [
        '',
        '暂时无法读取',
        '数据暂时无法读取，已通知系统管理员；恢复后即可继续办理',
        `案件 ${waiting} 的数据暂时无法读取，已通知系统管理员；恢复后即可继续办理`,
      ],
      [
        '?lang=en',
        'Cannot be read now',
        'Its data cannot be read at the moment; the administrator has been told, and it goes on once restored',
        /^The data of case .+ cannot be read at the moment; the administrator has been told/,
      ],
    ] as const) {
      const page = await openPage(browser, server as WebServer, {
        path: `/${query}`,
        user: 'park3',
        time: CLOCK_START,
      });
      try {
        const row = page.locator('tr').filter({ hasText: waiting });
        const marked = row.locator('[data-unavailable]');
        await marked.getByText(mark, { exact: true }).waitFor();
        expect(await marked.innerText()).toContain(help);
        if (query !== '') expect(await marked.innerText()).not.toMatch(/[\u3400-\u9fff]/);
        await screenshot(page, `damaged-case-owner-list${query === '' ? '' : '-en'}`, false);
        await row.getByRole('link', { name: waiting }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      } catch (error) {
        await failureScreenshot(page, 'damaged-case-owner-list');
        throw error;
      } finally {
        await closeTab(page);
      }
    }
    // The task park4 held on its set-aside case stays in its inbox, marked, said with its link.
    const owner = await openPage(browser, server as WebServer, { path: '/', user: 'park4', time: CLOCK_START });
    try {
      const task = owner.locator('tr').filter({ has: owner.getByRole('link', { name: '提交创建申请' }) });
      await task.locator('[data-unavailable]').getByText('暂时无法读取', { exact: true }).waitFor();
      const link = task.getByRole('link', { name: '提交创建申请' });
      expect(await link.getAttribute('aria-describedby')).toContain('task-unavailable-');
      await owner.locator('tr').filter({ hasText: logDamaged }).locator('[data-unavailable]').waitFor();
      await screenshot(owner, 'damaged-case-owner-inbox', false);
    } catch (error) {
      await failureScreenshot(owner, 'damaged-case-owner-inbox');
      throw error;
    } finally {
      await closeTab(owner);
    }
    const page = await openPage(browser, server as WebServer, { path: '/', user: 'park1', time: CLOCK_START });
    try {
      await page.locator('tr').filter({ hasText: damaged }).first().waitFor();
      expect(await page.locator('#root').innerText()).not.toContain(waiting);
      expect(await page.locator('#root').innerText()).not.toContain(logDamaged);
    } catch (error) {
      await failureScreenshot(page, 'damaged-case-other-list');
      throw error;
    } finally {
      await closeTab(page);
    }
  });
});
