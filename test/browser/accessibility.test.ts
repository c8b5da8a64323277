import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './chromium.js';
import { accessibleDescription, dialogsSettled } from './form-controls.js';
import { closeTab, openPage, screenshot, type Visit } from './page-visit.js';
import { sampleCases, type SampleCases } from './sample-cases.js';
import { startWebServer, USER_PASSWORD, type WebServer } from './web-server.js';

const TODAY = '2025-04-03T10:00:00+08:00';

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's own build, injected as a script (the context bypasses the page's CSP for it). */
const axeSource = () => readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Lesser by axe's measure, but each makes a table or a page read as nothing: kept at zero too. */
const ALSO_CHECKED = new Set(['empty-table-header', 'page-has-heading-one', 'heading-order']);

async function seriousViolations(page: Page, source: string): Promise<Violation[]> {
  await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as Violation[]).filter(
    (violation) => ['serious', 'critical'].includes(violation.impact ?? '') || ALSO_CHECKED.has(violation.id),
  );
}

const describeViolations = (violations: Violation[]) =>
  violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? '?'}, ${violation.nodes.length}×): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map(
            (node) =>
              `    ${JSON.stringify(node.target)} ${node.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`,
          )
          .join('\n'),
    )
    .join('\n');

describe.runIf(browserAvailable())('axe finds no serious or critical violation', () => {
  let server: WebServer;
  let browser: Browser;
  let cases: SampleCases;
  let source: string;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startWebServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    cases = await sampleCases(server);
    source = await axeSource();
  }, 600_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  // Each page as the role that works on it; the case page both with a form to fill and with a long history.
  const pages: [string, () => Visit][] = [
    ['/ (login)', () => ({ path: '/', time: TODAY })],
    ['/ (inbox)', () => ({ path: '/', user: 'samr', time: TODAY })],
    ['/cases/:id (form)', () => ({ path: `/cases/${encodeURIComponent(cases.applying)}`, user: 'park1', time: TODAY })],
    [
      '/cases/:id (history)',
      () => ({ path: `/cases/${encodeURIComponent(cases.publicizing)}`, user: 'samr', time: TODAY }),
    ],
    [
      '/cases/:id (expert scores)',
      () => ({ path: `/cases/${encodeURIComponent(cases.evaluating)}`, user: 'expert', time: TODAY }),
    ],
    ['/notices', () => ({ path: '/notices', time: TODAY })],
    ['/designer', () => ({ path: '/designer', user: 'officer', time: TODAY })],
    ['/accounts', () => ({ path: '/accounts', user: 'admin-two', time: TODAY })],
    // In English on a laptop the administrator's seven pages do not all fit the header: some go under its ···.
    [
      '/accounts (English, 1024 px)',
      () => ({ path: '/accounts?lang=en', user: 'admin-two', time: TODAY, viewport: { width: 1024, height: 768 } }),
    ],
    ['/calendars', () => ({ path: '/calendars', user: 'officer', time: TODAY })],
    ['/clock', () => ({ path: '/clock', user: 'admin-two', time: TODAY })],
    ['/statistics', () => ({ path: '/statistics', user: 'samr', time: TODAY })],
    ['/overdue', () => ({ path: '/overdue', user: 'samr', time: TODAY })],
  ];

  it.each(pages)(
    '%s',
    async (name, visit) => {
      const page = await openPage(browser, server, { ...visit(), injectScripts: true });
      try {
        await screenshot(page, `axe-${name.replace(/\W+/g, '-')}`);
        const violations = await seriousViolations(page, source);
        expect(violations, describeViolations(violations)).toEqual([]);
        // One h1 per page: the page's own title, which titles the tab too.
        expect(await page.locator('h1').count()).toBe(1);
        const heading = (await page.locator('h1').textContent())?.trim() ?? '';
        const app =
          (await page.locator('html').getAttribute('lang')) === 'en'
            ? 'National Quality Brand Improvement Demonstration Zones'
            : '全国质量品牌提升示范区';
        expect(await page.title()).toBe(heading === app ? app : `${heading} · ${app}`);
        // No control is named by its icon's English name (the statistics' 刷新 was "reload").
        const iconNames = await page
          .locator('button[aria-label], a[aria-label], [role="menuitem"][aria-label]')
          .evaluateAll((controls) =>
            controls
              .map((control) => control.getAttribute('aria-label') ?? '')
              .filter((name) => /^[a-z-]+$/.test(name)),
          );
        expect(iconNames).toEqual([]);
      } finally {
        await closeTab(page);
      }
    },
    90_000,
  );

  it('a form’s errors, said at each field and listed as links (one under the pointer too), are read as clearly as its text (antd’s #ff4d4f is 3.2:1 on white)', async () => {
    const page = await openPage(browser, server, {
      path: `/cases/${encodeURIComponent(cases.applying)}`,
      user: 'park1',
      time: TODAY,
      injectScripts: true,
    });
    try {
      await page
        .getByRole('button', { name: /^提\s?交$/ })
        .first()
        .click();
      const errors = page.locator('.ant-form-item-explain-error');
      await expect.poll(() => errors.count()).toBeGreaterThan(0);
      // Once shown: they fade in, and axe passes over text it cannot see yet.
      await expect.poll(() => errors.last().evaluate((error) => getComputedStyle(error).opacity)).toBe('1');
      await screenshot(page, 'axe-form-errors');
      const violations = await seriousViolations(page, source);
      expect(violations, describeViolations(violations)).toEqual([]);
      // A link under the pointer too (antd's hover blue, #4096ff, is 3.0:1 on white): the error list's first.
      const link = page.locator('.qbz-error-summary a').first();
      await link.hover();
      await expect.poll(() => link.evaluate((element) => getComputedStyle(element).color)).not.toBe('rgb(9, 88, 217)');
      const hovered = await seriousViolations(page, source);
      expect(hovered, describeViolations(hovered)).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('names two-character buttons as written (antd spaced them: 登 录, read out letter by letter)', async () => {
    const page = await openPage(browser, server, { path: '/', time: TODAY });
    try {
      const names = await page
        .getByRole('button')
        .evaluateAll((buttons) => buttons.map((button) => button.textContent));
      expect(names).toContain('登录');
      expect(names.filter((name) => /^\p{Script=Han} \p{Script=Han}$/u.test(name))).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('a focused tab is named by its label alone (antd added "Tab 2 of 4", in English, to its name)', async () => {
    const page = await openPage(browser, server, {
      path: '/designer/quality-brand-zone/2024-03-14',
      user: 'officer',
      time: TODAY,
    });
    try {
      const first = page.getByRole('tab').first();
      const second = page.getByRole('tab').nth(1);
      await first.waitFor();
      const label = (await second.textContent()) ?? '';
      await first.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => second.evaluate((tab) => tab === document.activeElement)).toBe(true);
      expect(await page.getByRole('tab', { name: label, exact: true }).count()).toBe(1);
      expect(await second.evaluate((tab) => (tab as HTMLElement).innerText)).toBe(label);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the account page by keyboard: 新建账号 opens its dialog with the focus inside; Esc closes it and gives the focus back', async () => {
    const page = await openPage(browser, server, { path: '/accounts', user: 'admin-two', time: TODAY });
    try {
      const create = page.getByRole('button', { name: '新建账号' });
      await create.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '新建账号' });
      await dialog.waitFor();
      await dialogsSettled(page);
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
      // Tab stays inside the dialog: the page behind it is not reached.
      for (let step = 0; step < 12; step += 1) await page.keyboard.press('Tab');
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => create.evaluate((element) => element === document.activeElement)).toBe(true);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the account dialog by keyboard: 保存 with fields missing takes the focus to the first of them (it stayed on 保存, the errors above it); a park typed with a pasted space is saved without it', async () => {
    const page = await openPage(browser, server, { path: '/accounts', user: 'admin-two', time: TODAY });
    try {
      await page.getByRole('button', { name: '新建账号' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '新建账号' });
      await dialog.waitFor();
      await dialogsSettled(page);
      const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
      const save = dialog.getByRole('button', { name: /^保\s?存$/ });
      await save.focus();
      await page.keyboard.press('Enter');
      await dialog.getByText('请输入用户名').waitFor();
      await expect.poll(focusedId).toBe(await dialog.getByLabel('用户名').getAttribute('id'));
      // Typed there, the next one missing takes it: the password.
      await page.keyboard.type('keyboard-officer');
      await save.focus();
      await page.keyboard.press('Enter');
      await expect.poll(focusedId).toBe(await dialog.getByLabel('密码').getAttribute('id'));
      // Filled in, the park typed as a paste brings it (a space after): saved without it (a role
      // `park:P-KB-001 ` was refused as malformed, above the form).
      await page.keyboard.type('quiet-river-lantern-2024');
      await dialog.getByLabel('角色', { exact: true }).click();
      await page.keyboard.type('创建主体');
      await page.keyboard.press('Enter');
      await dialog.getByLabel('园区', { exact: true }).fill('P-KB-001 ');
      await dialog.getByLabel(/^所在省级单位/).click();
      await page.keyboard.type('江苏');
      await page.keyboard.press('Enter');
      await save.click();
      await dialog.waitFor({ state: 'detached' });
      const users = await server.ok<{ username: string; roles: string[] }[]>('GET', '/api/users', { as: 'admin-two' });
      expect(users.find((user) => user.username === 'keyboard-officer')?.roles).toEqual(['park:P-KB-001']);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the account dialog in English says a missing field as the app’s English does (antd said Please enter User name)', async () => {
    const page = await openPage(browser, server, { path: '/accounts?lang=en', user: 'admin-two', time: TODAY });
    try {
      await page.getByRole('button', { name: 'New account' }).click();
      const dialog = page.getByRole('dialog', { name: 'New account' });
      await dialogsSettled(page);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.getByText('User name is required', { exact: true }).waitFor();
      await dialog.getByText('Password is required', { exact: true }).waitFor();
      expect(await dialog.getByText(/Please enter/).count()).toBe(0);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('Tab from a date field’s 清除 goes to the next field (it stopped in the closed calendar, a box of 0 × 0 px: nothing to be seen)', async () => {
    const page = await openPage(browser, server, { path: '/clock', user: 'admin-two', time: TODAY });
    try {
      const box = page.locator('#sandbox-date');
      await box.focus();
      await page.keyboard.type('2099-01-20');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const focused = () =>
        page.evaluate(() => {
          const element = document.activeElement;
          return element?.id === '' ? (element.getAttribute('aria-label') ?? element.className) : element?.id;
        });
      expect(await focused()).toMatch(/清除|ant-picker-clear/);
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('sandbox-hour');
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('a task link followed by the keyboard puts the focus on the case page’s heading (it was left on <body>)', async () => {
    const page = await openPage(browser, server, { path: '/', user: 'park1', time: TODAY });
    try {
      await page.getByRole('link', { name: '提交创建申请' }).first().focus();
      await page.keyboard.press('Enter');
      const heading = page.getByRole('heading', { level: 1, name: /P-001/ });
      await heading.waitFor();
      await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the diagram canvas, a Tab stop (Ctrl+arrows move it), is named by what it shows, in the page’s language (it had no name or role)', async () => {
    for (const [query, name, hint] of [
      ['', /^流程图：当前环节：提交创建申请；随时可受理：撤回申请$/, /Ctrl\+方向键/],
      [
        '?lang=en',
        /^Process diagram: Current steps: Submit the creation application; may receive at any time: /,
        /Ctrl\+arrow keys/,
      ],
    ] as const) {
      const page = await openPage(browser, server, {
        path: `/cases/${encodeURIComponent(cases.applying)}${query}`,
        user: 'park1',
        time: TODAY,
      });
      try {
        const canvas = page.getByTestId('case-diagram').locator('svg[tabindex="0"]');
        expect(await canvas.getAttribute('role'), query).toBe('img');
        expect(await canvas.getAttribute('aria-label'), query).toMatch(name);
        expect(await accessibleDescription(canvas), query).toMatch(hint);
        // What the keyboard gets there: Ctrl+arrow moves the diagram, as the description says.
        const viewport = page.getByTestId('case-diagram').locator('.viewport');
        const before = await viewport.getAttribute('transform');
        await canvas.focus();
        await page.keyboard.press('Control+ArrowLeft');
        await expect.poll(() => viewport.getAttribute('transform'), { message: query }).not.toBe(before);
      } finally {
        await closeTab(page);
      }
    }
  }, 90_000);

  it('the header keeps an administrator’s six pages in view on a desktop in English (the name takes two lines); on a laptop those under ··· are reached by it alone, not by Tab', async () => {
    const page = await openPage(browser, server, { path: '/accounts?lang=en', user: 'admin-two', time: TODAY });
    try {
      const nav = page.getByRole('navigation', { name: /./ }).first();
      const rest = nav.locator('.ant-menu-overflow-item-rest');
      // antd keeps its ··· in the bar, hidden, while everything fits.
      await expect.poll(() => rest.isVisible()).toBe(false);
      await expect.poll(() => nav.getByRole('link', { name: 'Holiday calendar' }).isVisible()).toBe(true);
      // The name, on two lines, within the header (on three it ran out of it).
      const nameFits = () =>
        page.evaluate(() => {
          const name = document.querySelector('.qbz-brand')?.getBoundingClientRect();
          const header = document.querySelector('.qbz-header')?.getBoundingClientRect();
          return name !== undefined && header !== undefined && name.top >= header.top && name.bottom <= header.bottom;
        });
      expect(await nameFits()).toBe(true);
      await screenshot(page, 'header-english-1440', false);
      await page.setViewportSize({ width: 1024, height: 768 });
      await expect.poll(() => rest.isVisible()).toBe(true);
      expect(await nameFits()).toBe(true);
      await screenshot(page, 'header-english-1024', false);
      expect(await nav.getByRole('menuitem', { name: 'More' }).count()).toBe(1);
      // The first stop, shown once it has the focus, skips the header: Enter puts the focus on the heading.
      await page.locator('body').focus();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
      expect(await skip.evaluate((link) => link.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
      const stops: string[] = [];
      await page.locator('body').focus();
      for (let index = 0; index < 12; index += 1) {
        await page.keyboard.press('Tab');
        stops.push(
          await page.evaluate(() => {
            const active = document.activeElement;
            if (active === null) return '';
            const seen = active.checkVisibility({ opacityProperty: true, visibilityProperty: true });
            return seen ? '' : `${active.tagName}: ${active.textContent.trim()}`;
          }),
        );
      }
      expect(stops.filter((stop) => stop !== '')).toEqual([]);
    } finally {
      await closeTab(page);
    }
  });

  it('shows a visitor on the public notices the way to log in, and one on the login page the way back (no login needed)', async () => {
    const page = await openPage(browser, server, { path: '/notices', time: TODAY });
    try {
      await page.getByRole('navigation').getByRole('link', { name: '登录' }).click();
      await page.getByLabel('用户名').waitFor();
      // On a phone the menu is behind ☰: the login card itself says the notices need no account (Art. 22).
      const card = page.locator('.ant-card').filter({ has: page.getByLabel('用户名') });
      expect(await card.innerText()).toContain('查阅公示、对公示提出异议无需登录：查看公示');
      await card.getByRole('link', { name: '查看公示' }).click();
      await page.getByRole('heading', { level: 1, name: '公示名单' }).waitFor();
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  const landings: [string, () => string, string | RegExp][] = [
    ['the inbox', () => '/', '待办任务'],
    ['a case page reached by its link', () => `/cases/${encodeURIComponent(cases.applying)}`, /P-001/],
  ];
  it.each(landings)(
    'after a login by the keyboard the focus is on the main heading of %s (it was left on <body>)',
    async (_name, path, heading) => {
      const page = await openPage(browser, server, { path: path(), time: TODAY });
      try {
        await page.getByLabel('用户名').focus();
        await page.keyboard.type('park1');
        await page.keyboard.press('Tab');
        await page.keyboard.type(USER_PASSWORD);
        await page.keyboard.press('Enter');
        const main = page.getByRole('heading', { level: 1, name: heading });
        await main.waitFor({ timeout: 30_000 });
        await expect
          .poll(() => main.evaluate((element) => element === document.activeElement), { timeout: 30_000 })
          .toBe(true);
        // Its focus ring frames the heading's words, not the whole width of the card (it did).
        const [box, words] = await main.evaluate((element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          return [element.getBoundingClientRect().width, range.getBoundingClientRect().width];
        });
        expect(box).toBeLessThanOrEqual(Math.ceil(words) + 1);
        // Tab goes on from there, into the page (not back to the top of the document).
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
      } finally {
        await closeTab(page);
      }
    },
    90_000,
  );

  /**
   * Opens the 园区类型 list on park1's application and returns the animations that ran on the list as
   * it opened (listened for from before the click, so a short one is not missed).
   */
  async function animationsWhileOpening(reducedMotion: 'reduce' | 'no-preference'): Promise<string[]> {
    const page = await openPage(browser, server, {
      path: `/cases/${encodeURIComponent(cases.applying)}`,
      user: 'park1',
      time: TODAY,
      reducedMotion,
    });
    try {
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { listAnimations: string[] }).listAnimations = seen;
        document.addEventListener(
          'animationstart',
          (event) => {
            if ((event.target as Element).closest('.ant-select-dropdown') !== null) seen.push(event.animationName);
          },
          true,
        );
      });
      await page.getByLabel('园区类型', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible').waitFor();
      await page.waitForTimeout(500);
      return await page.evaluate(() => (window as unknown as { listAnimations: string[] }).listAnimations);
    } finally {
      await closeTab(page);
    }
  }

  it('shows a list at once, without sliding it in, to a person who asked for reduced motion (WCAG 2.3.3)', async () => {
    expect(await animationsWhileOpening('no-preference')).not.toEqual([]);
    expect(await animationsWhileOpening('reduce')).toEqual([]);
  }, 90_000);
});
