import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from './chromium.js';
import { closeTab, DESKTOP, openPage, overflow, PHONE, screenshot, settled, type Visit } from './page-visit.js';
import { sampleCases, type SampleCases } from './sample-cases.js';
import { startWebServer, type WebServer } from './web-server.js';
import { twoChars } from './form-controls.js';
import { tinyPdf } from '../support/tiny-pdf.js';

const TODAY = '2025-04-03T10:00:00+08:00';

/**
 * The rows (CSS px from the top) of a screenshot that hold ink — a pixel darker than mid-grey. The
 * browser decodes the PNG: a list item's bullet is a `::marker`, which has no box to measure.
 */
const inkedRows = (page: Page, png: Buffer) =>
  page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2d canvas');
    context.drawImage(image, 0, 0);
    const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
    const rows = new Set<number>();
    for (let at = 0; at < pixels.length; at += 4) {
      const light = ((pixels[at] ?? 255) + (pixels[at + 1] ?? 255) + (pixels[at + 2] ?? 255)) / 3;
      if (light < 128) rows.add(Math.floor(at / 4 / image.width) / window.devicePixelRatio);
    }
    return [...rows];
  }, png.toString('base64'));

/** WCAG 2.2 SC 2.5.8 (Target Size, Minimum): 24 × 24 CSS px. */
const MIN_TARGET = 24;

/**
 * Every interactive target on the page (or within `scope`) smaller than MIN_TARGET either way, named
 * for the message. A check box, radio or switch in a label counts by its label (the whole label takes
 * the tap), a select's search box by the select, a text box by its field (not a button in it: the
 * password's eye counts by itself); targets that are not displayed (closed menus, hidden file inputs)
 * do not count.
 */
const smallTargets = (page: Page, least: number, scope = 'body') =>
  page.evaluate(
    (limits) => {
      const selector = [
        'a[href]',
        'button',
        'input:not([type="hidden"])',
        'select',
        'textarea',
        'summary',
        '[role="button"]',
        '[role="link"]',
        '[role="checkbox"]',
        '[role="radio"]',
        '[role="switch"]',
        '[role="tab"]',
        '[role="menuitem"]',
        '[role="combobox"]',
        '[tabindex]:not([tabindex="-1"])',
      ].join(',');
      const targetOf = (element: Element): Element =>
        element.closest('label, .ant-select, .ant-picker, .ant-input-number') ??
        (element.matches('input') ? element.closest('.ant-input-affix-wrapper') : null) ??
        element;
      const seen = new Set<Element>();
      const small: string[] = [];
      for (const element of Array.from(document.querySelectorAll(`${limits.scope} :is(${selector})`))) {
        const target = targetOf(element);
        if (seen.has(target)) continue;
        seen.add(target);
        const box = target.getBoundingClientRect();
        const style = getComputedStyle(target);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
        if (box.width + 0.5 < limits.least || box.height + 0.5 < limits.least) {
          const name = (target.getAttribute('aria-label') ?? target.textContent).trim().slice(0, 30);
          const kind = `${target.tagName.toLowerCase()}.${(target.getAttribute('class') ?? '').split(' ')[0] ?? ''}`;
          small.push(`${kind} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
      return small;
    },
    { least, scope },
  );

/**
 * Each drop-down's or date box's × that clears it (there once something is chosen), by its name and
 * size in CSS px.
 */
const clearButtons = (page: Page) =>
  page.locator('.ant-select-clear, .ant-picker-clear').evaluateAll((buttons) =>
    buttons.map((button) => {
      const box = button.getBoundingClientRect();
      return `${button.getAttribute('aria-label') ?? ''} ${String(Math.round(box.width))}×${String(Math.round(box.height))}`;
    }),
  );

describe.runIf(browserAvailable())('every page on a phone (390×844)', () => {
  let server: WebServer;
  let browser: Browser;
  let cases: SampleCases;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startWebServer(), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    cases = await sampleCases(server);
  }, 600_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.stop();
  });

  const pages: [string, () => Visit][] = [
    ['login', () => ({ path: '/', time: TODAY })],
    ['inbox', () => ({ path: '/', user: 'samr', time: TODAY })],
    ['case-form', () => ({ path: `/cases/${encodeURIComponent(cases.applying)}`, user: 'park1', time: TODAY })],
    ['case-history', () => ({ path: `/cases/${encodeURIComponent(cases.publicizing)}`, user: 'samr', time: TODAY })],
    ['expert-scores', () => ({ path: `/cases/${encodeURIComponent(cases.evaluating)}`, user: 'expert', time: TODAY })],
    ['notices', () => ({ path: '/notices', time: TODAY })],
    ['designer', () => ({ path: '/designer', user: 'officer', time: TODAY })],
    ['accounts', () => ({ path: '/accounts', user: 'admin-two', time: TODAY })],
    ['calendars', () => ({ path: '/calendars', user: 'officer', time: TODAY })],
    ['clock', () => ({ path: '/clock', user: 'admin-two', time: TODAY })],
    ['overdue', () => ({ path: '/overdue', user: 'samr', time: TODAY })],
  ];

  const visitOf = (name: string): Visit => {
    const visit = pages.find(([page]) => page === name)?.[1];
    if (visit === undefined) throw new Error(`no ${name} page`);
    return visit();
  };

  it('gives a list item of a form the whole row, its buttons below it (they took half of it); a drop-down’s × taps as 24 × 24', async () => {
    const visit = { path: `/cases/${encodeURIComponent(cases.applying)}`, user: 'park1', time: TODAY };
    const page = await openPage(browser, server, { ...visit, viewport: PHONE });
    try {
      await page.getByRole('button', { name: '填入示例（培训用）' }).click();
      const row = page.locator('.qbz-array-items > .ant-row').first();
      await row.waitFor();
      const [item, whole] = await row.evaluate((element) => [
        (element.firstElementChild as HTMLElement).getBoundingClientRect().width,
        element.getBoundingClientRect().width,
      ]);
      expect(item / whole).toBeGreaterThan(0.75);
      // The example chose 园区级别, an optional drop-down: its × that clears it was 12 × 12 (the check of
      // every tap target counts a select's parts as the select, so it is measured here by itself).
      await expect.poll(() => clearButtons(page)).toContain('清除 24×24');
      expect(new Set(await clearButtons(page))).toEqual(new Set(['清除 24×24']));
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('case-form: a file with a long name wraps its name within the screen (the page grew to 1,560 px)', async () => {
    const visit = { path: `/cases/${encodeURIComponent(cases.applying)}`, user: 'park1', time: TODAY };
    const page = await openPage(browser, server, { ...visit, viewport: PHONE });
    try {
      // As a park names a file: the document's whole title, in one unbroken run of Chinese.
      const name = `${'关于全国质量品牌提升示范区创建方案及配套材料的说明'.repeat(6)}.pdf`;
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '上传附件：创建方案' }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: tinyPdf(name) });
      const link = page.getByRole('button', { name: `下载：${name}` });
      await link.waitFor();
      await link.scrollIntoViewIfNeeded();
      await screenshot(page, 'phone-long-file-name', false);
      const measured = await overflow(page);
      expect(measured, `the file's name overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
      // Wrapped, not cut: the whole name is there to read.
      expect(await link.textContent()).toBe(name);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('case-form: an error in the list above the form that takes two lines is one item, its bullet at its first line and the second line under its text (the bullet stood beside the last line, as if a new item)', async () => {
    const visit = { path: `/cases/${encodeURIComponent(cases.applying)}`, user: 'park1', time: TODAY };
    const page = await openPage(browser, server, { ...visit, viewport: PHONE });
    try {
      await page.getByRole('button', { name: twoChars('提交') }).click();
      // A long title: 「严重损害营商环境、市场秩序事件」为必填项 takes two lines at 390 px.
      const item = page.locator('.qbz-error-summary li').filter({ hasText: '严重损害营商环境、市场秩序事件' });
      await item.waitFor();
      await item.scrollIntoViewIfNeeded();
      await screenshot(page, 'phone-error-summary', false);
      const { box, lines } = await item.evaluate((li) => {
        // The text's own lines (a range over the item would add the boxes of the elements in it).
        const texts = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
        const lines: { left: number; bottom: number }[] = [];
        for (let node = texts.nextNode(); node !== null; node = texts.nextNode()) {
          const text = document.createRange();
          text.selectNodeContents(node);
          for (const line of Array.from(text.getClientRects())) lines.push({ left: line.left, bottom: line.bottom });
        }
        return { box: li.getBoundingClientRect().toJSON() as DOMRect, lines };
      });
      expect(lines.length).toBeGreaterThan(1);
      // Each line starts where the first does, right of the bullet.
      expect(new Set(lines.map((line) => Math.round(line.left))).size).toBe(1);
      // The bullet (the only ink left of the text) stands beside the first line and no other.
      const strip = { x: box.left - 20, y: box.top, width: 18, height: box.height };
      const inked = await inkedRows(page, await page.screenshot({ clip: strip }));
      const first = lines[0];
      expect(inked.length).toBeGreaterThan(0);
      for (const row of inked) expect(strip.y + row).toBeLessThan(first?.bottom ?? 0);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it("case-form in English: the task card's long group name wraps inside the card (antd's tag never wraps: it ran 48 px past the card)", async () => {
    const visit = { path: `/cases/${encodeURIComponent(cases.applying)}?lang=en`, user: 'park1', time: TODAY };
    const page = await openPage(browser, server, { ...visit, viewport: PHONE });
    try {
      const card = page.locator('[data-task]').first();
      const group = card.locator('.ant-card-head .ant-tag').filter({ hasText: /^Applicant/ });
      await group.waitFor();
      await screenshot(page, 'phone-english-task-card', false);
      const [cardBox, groupBox] = [await card.boundingBox(), await group.boundingBox()];
      expect(groupBox?.x ?? 0).toBeGreaterThanOrEqual(cardBox?.x ?? Infinity);
      expect((groupBox?.x ?? 0) + (groupBox?.width ?? Infinity)).toBeLessThanOrEqual(
        (cardBox?.x ?? 0) + (cardBox?.width ?? 0),
      );
      const measured = await overflow(page);
      expect(measured, `the page overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  /** Pages whose every tap target is measured too (the rest have few controls, or the designer's own). */
  const tapped = new Set(['login', 'inbox', 'case-form', 'case-history', 'expert-scores', 'accounts', 'clock']);
  /** Pages whose lists are cards on a phone: as tables, their columns were squeezed to a character a line. */
  const listed = new Set(['inbox', 'designer', 'accounts', 'calendars', 'overdue']);
  it.each(pages)(
    '%s fits the width of the phone (no horizontal scroll); on the pages with many controls every tap target is at least 24 × 24 CSS px (WCAG 2.2, 2.5.8)',
    async (name, visit) => {
      const page = await openPage(browser, server, { ...visit(), viewport: PHONE });
      try {
        await screenshot(page, `phone-${name}`);
        const measured = await overflow(page);
        expect(measured, `${name} overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
        if (tapped.has(name)) expect(await smallTargets(page, MIN_TARGET)).toEqual([]);
        if (listed.has(name)) expect(await page.locator('.ant-table-thead').filter({ visible: true }).count()).toBe(0);
      } finally {
        await closeTab(page);
      }
    },
    90_000,
  );

  it('accounts: the change log opens by a tap, and by the keyboard alone with Enter or Space (Space scrolled the page, the log stayed shut); its entries within the screen, every tap target at least 24 × 24', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.clock.setFixedTime(TODAY);
    await context.addInitScript((value) => {
      sessionStorage.setItem('qbz.token', value);
    }, server.token('admin-two'));
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/accounts`);
      await settled(page);
      const header = page.getByRole('button', { name: '账号变更记录' });
      const entries = page.locator('[data-account-changes] [data-account-change]');
      const expanded = () => header.getAttribute('aria-expanded');
      // By touch: the entries (the accounts made for the tests) in cards within the width.
      await header.tap();
      await entries.first().waitFor();
      expect(await entries.count()).toBeGreaterThan(5);
      expect(await entries.first().textContent()).toContain('创建账号');
      await screenshot(page, 'phone-account-changes');
      const measured = await overflow(page);
      expect(measured, `the change log overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
      expect(await smallTargets(page, MIN_TARGET)).toEqual([]);

      // By keyboard alone, from the top of the page: Tab reaches the log's header, Enter opens it,
      // Space shuts and opens it again without scrolling the page away.
      await page.reload();
      await settled(page);
      const focused = () => header.evaluate((element) => element === document.activeElement);
      for (let step = 0; step < 40 && !(await focused()); step += 1) await page.keyboard.press('Tab');
      expect(await focused()).toBe(true);
      expect(await expanded()).toBe('false');
      await page.keyboard.press('Enter');
      await entries.first().waitFor();
      expect(await expanded()).toBe('true');
      const scrolled = () => page.evaluate(() => window.scrollY);
      const before = await scrolled();
      await page.keyboard.press(' ');
      await expect.poll(expanded).toBe('false');
      await entries.first().waitFor({ state: 'hidden' });
      await page.keyboard.press(' ');
      await expect.poll(expanded).toBe('true');
      await entries.first().waitFor();
      expect(await scrolled()).toBe(before);
      expect(await focused()).toBe(true);
      // Read from there by scrolling: every entry lies within the width of the screen.
      const outside = await entries.evaluateAll((elements) =>
        elements.flatMap((element) => {
          const box = element.getBoundingClientRect();
          return box.left >= 0 && box.right <= window.innerWidth + 0.5 ? [] : [element.textContent];
        }),
      );
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('case-history: each 打印 link stays in its own row of the print list (it slid over the next one)', async () => {
    const page = await openPage(browser, server, { ...visitOf('case-history'), viewport: PHONE });
    try {
      const items = page.locator('[data-print-item]');
      await items.first().waitFor();
      expect(await items.count()).toBeGreaterThan(10);
      // Each named by its step, as the history names it: the ministries' opinions on creation and on
      // acceptance are one form (相关部门意见表), and read alike by its title.
      const texts = await items.allInnerTexts();
      for (const step of ['相关部门意见（创建）', '相关部门意见（验收）'])
        expect(texts).toContainEqual(expect.stringMatching(new RegExp(`^${step} · 相关部门 · 农业农村部 · `)));
      const outside = await items.evaluateAll((elements) =>
        elements.flatMap((item) => {
          const row = item.getBoundingClientRect();
          const link = item.querySelector('a')?.getBoundingClientRect();
          const inside = link !== undefined && link.top >= row.top - 0.5 && link.bottom <= row.bottom + 0.5;
          return inside ? [] : [item.textContent];
        }),
      );
      expect(outside).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('case-history: a submission read on the phone stacks each title above its value, nested parts too', async () => {
    const page = await openPage(browser, server, { ...visitOf('case-history'), viewport: PHONE });
    try {
      // The oldest submission (the creation application, with nested parts) is last in the history.
      await page.getByRole('button', { name: '查看提交内容' }).last().click();
      const document = page.locator('.ant-drawer .qbz-document');
      await document.waitFor();
      await screenshot(page, 'phone-submission-document');
      const narrowest = await document
        .locator('.ant-descriptions-item-content')
        .evaluateAll((cells) => Math.min(...cells.map((cell) => cell.getBoundingClientRect().width)));
      // Side by side, a nested part's values were about 40 px wide: a character a line.
      expect(narrowest).toBeGreaterThan(200);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('expert-scores: the score table leaves the indicator room to be read (its column was 44 px wide)', async () => {
    const page = await openPage(browser, server, { ...visitOf('expert-scores'), viewport: PHONE });
    try {
      const table = page.locator('[data-task="expertEvaluation"] fieldset[id$="_scores"] table');
      const score = page.getByRole('textbox', { name: '创建工作领导小组与工作机制 得分' });
      await score.waitFor();
      await screenshot(page, 'phone-expert-scores');
      const narrowest = await table
        .locator('tbody tr td:first-child')
        .evaluateAll((cells) => Math.min(...cells.map((cell) => cell.getBoundingClientRect().width)));
      expect(narrowest).toBeGreaterThan(200);
      // The maximum, its own column on a wide screen, stands under the score.
      await table.locator('tbody tr').first().getByText('满分 4').waitFor();
      await score.fill('5');
      await page.getByText('「创建工作领导小组与工作机制」的得分应为 0 至 4 分').waitFor();
      // The park's self-assessment beside it: two columns, the indicator given most of the width (four
      // left it a few characters a line), each dimension named above its first indicator.
      const selfAssessed = page
        .locator('[data-under-review] .ant-table')
        .filter({ has: page.locator('th', { hasText: '得分 / 满分' }) });
      await selfAssessed.first().waitFor();
      expect(await selfAssessed.first().locator('thead th').count()).toBe(2);
      const [indicatorWidth, tableWidth] = await selfAssessed
        .first()
        .evaluate((table) => [
          Math.min(
            ...Array.from(
              table.querySelectorAll('tbody tr td:first-child'),
              (cell) => cell.getBoundingClientRect().width,
            ),
          ),
          table.getBoundingClientRect().width,
        ]);
      expect(indicatorWidth / tableWidth).toBeGreaterThan(0.6);
      await selfAssessed.first().getByText('组织保障', { exact: true }).waitFor();
      // Its score heading on one line (满分 was set one character a line).
      const headings = page.locator('[data-under-review] th').filter({ hasText: /^(满分|得分)/ });
      expect(await headings.count()).toBeGreaterThan(0);
      const lines = await headings.evaluateAll((cells) =>
        cells.map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
        }),
      );
      expect(
        lines.every((count) => count === 1),
        String(lines),
      ).toBe(true);
      // The example's 现场验收日期 shows the × that clears the date: 24 × 24 as a drop-down's.
      await page.locator('[data-task="expertEvaluation"]').getByRole('button', { name: '填入示例（培训用）' }).click();
      await expect.poll(() => clearButtons(page)).toContain('清除 24×24');
      expect(new Set(await clearButtons(page))).toEqual(new Set(['清除 24×24']));
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('expert-scores: a link atop the document takes a person, and the keyboard, to the form below it (4,600 px down)', async () => {
    const page = await openPage(browser, server, { ...visitOf('expert-scores'), viewport: PHONE });
    try {
      const link = page.getByRole('button', { name: '跳到办理表单' });
      const column = page.locator('[data-task-form-column]');
      expect((await column.boundingBox())?.y ?? 0).toBeGreaterThan(PHONE.height);
      await link.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => column.evaluate((element) => element === document.activeElement)).toBe(true);
      await expect.poll(async () => Math.abs((await column.boundingBox())?.y ?? PHONE.height)).toBeLessThan(50);
      // The next Tab is in the form.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[data-task-form-column]') !== null)).toBe(true);
    } finally {
      await closeTab(page);
    }
  });

  it('expert-scores: a long text’s count (0 / 5000) stands clear of the help under its box (they ran into each other)', async () => {
    const page = await openPage(browser, server, { ...visitOf('expert-scores'), viewport: PHONE });
    try {
      const counts = page.locator('[data-task="expertEvaluation"] .ant-input-data-count');
      await counts.first().waitFor();
      const overlaps = await counts.evaluateAll((elements) =>
        elements.flatMap((count) => {
          const box = count.getBoundingClientRect();
          const item = count.closest('.ant-form-item');
          const texts = Array.from(item?.querySelectorAll('*') ?? []).filter(
            (element) => element.childElementCount === 0 && element !== count && element.textContent.trim() !== '',
          );
          return texts.flatMap((element) =>
            Array.from(element.getClientRects())
              .filter(
                (rect) =>
                  rect.top < box.bottom && rect.bottom > box.top && rect.left < box.right && rect.right > box.left,
              )
              .map(() => `${count.textContent} over “${element.textContent.slice(0, 20)}”`),
          );
        }),
      );
      expect(await counts.count()).toBeGreaterThan(0);
      expect(overlaps).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('expert-scores: 否决项 is not starred as required — none found is an answer, and a tick fails the park (Art. 7); 评审意见 still is', async () => {
    const page = await openPage(browser, server, { ...visitOf('expert-scores'), viewport: PHONE });
    try {
      const form = page.locator('[data-task="expertEvaluation"]');
      const label = (title: string) =>
        form.locator('.ant-form-item-label label').filter({ hasText: new RegExp(`^${title}$`) });
      await label('否决项').waitFor();
      expect(await label('否决项').evaluate((element) => element.classList.contains('ant-form-item-required'))).toBe(
        false,
      );
      expect(await label('评审意见').evaluate((element) => element.classList.contains('ant-form-item-required'))).toBe(
        true,
      );
      // Its help speaks of the boxes to tick, by the items' titles: the schema's (for those sending the
      // data) asked to list the items' 编号, which the form shows none of.
      const vetoes = form.locator('.ant-form-item', {
        has: page.locator('.ant-form-item-label label').filter({ hasText: /^否决项$/ }),
      });
      expect(await vetoes.locator('.ant-form-item-extra').innerText()).toBe('勾选评估中查实的否决项；未发现的不勾选。');
      // Sent without a tick, nothing is said of it.
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const listed = form.locator('.qbz-error-summary li');
      await listed.first().waitFor();
      expect((await listed.allInnerTexts()).filter((item) => item.includes('否决项'))).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  /** What a field is described by (its message, as a screen reader reads it with the field). */
  const describedBy = (field: Locator) =>
    field.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(''),
    );

  it('expert-scores: letters in a score are named in the error list by their indicator (it said 「指标得分」应当为数字)', async () => {
    const page = await openPage(browser, server, { ...visitOf('expert-scores'), viewport: PHONE });
    try {
      const form = page.locator('[data-task="expertEvaluation"]');
      const cell = form.getByRole('textbox', { name: '质量品牌提升纳入发展规划和工作考核 得分' });
      await cell.fill('abc');
      // Said at the cell as typed, in the words the list uses below (it said 「…」的得分应为 0 至 4 分).
      const said = () => describedBy(cell);
      await expect.poll(said).toBe('「质量品牌提升纳入发展规划和工作考核」应当为数字');
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const listed = form.locator('.qbz-error-summary li');
      await listed.first().waitFor();
      const items = await listed.allInnerTexts();
      expect(items).toContain('「质量品牌提升纳入发展规划和工作考核」应当为数字');
      expect(items.filter((item) => item.includes('「指标得分」'))).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('expert-scores: a score below 0 is said in the same words at the cell and in the list after 提交 (「…」不能小于 0 there), and a decimal comma is no number (3,5 said 应为 0 至 4 分)', async () => {
    const page = await openPage(browser, server, visitOf('expert-scores'));
    try {
      const form = page.locator('[data-task="expertEvaluation"]');
      const cell = form.getByRole('textbox', { name: '质量品牌提升纳入发展规划和工作考核 得分' });
      const said = () => describedBy(cell);
      await cell.fill('3,5');
      await cell.press('Tab');
      await expect.poll(said).toBe('「质量品牌提升纳入发展规划和工作考核」应当为数字');
      await cell.fill('-1');
      await cell.press('Tab');
      const outOfRange = '「质量品牌提升纳入发展规划和工作考核」的得分应为 0 至 4 分';
      await expect.poll(said).toBe(outOfRange);
      await form.getByRole('button', { name: twoChars('提交') }).click();
      const listed = form.locator('.qbz-error-summary li');
      await listed.first().waitFor();
      const items = await listed.allInnerTexts();
      expect(items).toContain(outOfRange);
      expect(items.filter((item) => item.includes('不能小于'))).toEqual([]);
      await expect.poll(said).toBe(outOfRange);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('expert-scores: scores in tenths total as written, on a desktop and a phone (3.1 and 3.2 made 6.300000000000001, and tenths adding up to the pass mark 79.99999999999999)', async () => {
    const tenths = [4, 4, 4, 6, 5, 4, 5, 5, 5, 4, 5, 6, 2.6, 3.3, 4.6, 3.5, 1.8, 0.1, 4, 3.1];
    // One page, its width changed under the scores: the two layouts are the same cells (four columns on a
    // desktop, two on a phone) and the same total, each typed into and read on both.
    const page = await openPage(browser, server, visitOf('expert-scores'));
    try {
      const form = page.locator('[data-task="expertEvaluation"]');
      const cells = form.locator('table input');
      const columns = form.locator('fieldset[id$="_scores"] table thead th');
      const total = form.getByText(/^合计得分/);
      await expect.poll(() => columns.count()).toBe(4);
      await cells.nth(0).fill('3.1');
      await cells.nth(1).fill('3.2');
      await expect.poll(() => total.innerText()).toMatch(/^合计得分：6\.3 \/ 合格分数线 80/);
      await page.setViewportSize(PHONE);
      await expect.poll(() => columns.count()).toBe(2);
      await expect.poll(() => total.innerText()).toMatch(/^合计得分：6\.3 \/ 合格分数线 80/);
      for (const [index, score] of tenths.entries()) await cells.nth(index).fill(String(score));
      await expect.poll(() => total.innerText()).toBe('合计得分：80 / 合格分数线 80 · 已评 20 / 20 项');
      await page.setViewportSize(DESKTOP);
      await expect.poll(() => columns.count()).toBe(4);
      await expect.poll(() => total.innerText()).toBe('合计得分：80 / 合格分数线 80 · 已评 20 / 20 项');
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('designer: a version and a draft draw their diagram, its side panel under it (the page went blank: a canvas 0 px wide)', async () => {
    const draft = await server.ok<{ id: string }>('POST', '/api/drafts', {
      as: 'officer',
      body: { process: 'quality-brand-zone', from: '2024-03-14' },
    });
    for (const path of ['/designer/quality-brand-zone/2024-03-14', `/designer/quality-brand-zone/draft:${draft.id}`]) {
      const page = await openPage(browser, server, { path, user: 'officer', time: TODAY, viewport: PHONE });
      try {
        await page.locator('[data-diagram][data-diagram-ready="true"]').waitFor();
        const [canvas, side] = await Promise.all(
          ['[data-diagram]', '.qbz-diagram-side'].map((selector) =>
            page.locator(selector).evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect),
          ),
        );
        expect(canvas?.width, path).toBeGreaterThan(300);
        expect(side?.top, path).toBeGreaterThanOrEqual((canvas?.bottom ?? 0) - 0.5);
        expect(await page.locator('.djs-element').count(), path).toBeGreaterThan(10);
        // The minimap would cover most of a phone's diagram: it starts closed there.
        expect(await page.locator('.djs-minimap.open').count(), path).toBe(0);
        // The draft's toolbar: 高级 was a 28 × 16 switch, its word beside it no part of the target.
        if (path.includes('draft:')) {
          await page.getByRole('switch', { name: '高级' }).waitFor();
          expect(await smallTargets(page, MIN_TARGET, '.qbz-diagram-toolbar')).toEqual([]);
        }
        const measured = await overflow(page);
        expect(measured, `${path} overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
      } finally {
        await closeTab(page);
      }
    }
  }, 120_000);

  /** A new draft of the version in force, opened by the policy officer on the phone. */
  const newDraftOnPhone = async () => {
    const draft = await server.ok<{ id: string }>('POST', '/api/drafts', {
      as: 'officer',
      body: { process: 'quality-brand-zone', from: '2024-03-14' },
    });
    const path = `/designer/quality-brand-zone/draft:${draft.id}`;
    return openPage(browser, server, { path, user: 'officer', time: TODAY, viewport: PHONE });
  };

  it('designer: a draft’s 表单 tab puts its list of forms above the form, both the screen’s width (the form was a 70 px strip running off it)', async () => {
    const page = await newDraftOnPhone();
    try {
      await page.getByRole('tab', { name: '表单' }).click();
      const title = page.getByLabel('表单标题', { exact: true });
      await title.waitFor();
      const [list, form] = await Promise.all([
        page
          .locator('[data-form="department-opinion"]')
          .evaluate((item) => (item.closest('ul') ?? item).getBoundingClientRect().toJSON() as DOMRect),
        title.evaluate(
          (input) => (input.closest('.ant-input-affix-wrapper') ?? input).getBoundingClientRect().toJSON() as DOMRect,
        ),
      ]);
      // The title box with its 表单标题 prefix, across the screen but for the page's margins.
      expect(form.width).toBeGreaterThan(340);
      expect(form.top).toBeGreaterThanOrEqual(list.bottom - 0.5);
      const measured = await overflow(page);
      expect(measured, `表单 overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
    } finally {
      await closeTab(page);
    }
  }, 120_000);

  /** Each input, select and button of `scope` that lies partly off the screen, named by its tag and class. */
  const offScreen = (page: Page, scope: string) =>
    page.locator(scope).evaluate((element, width) => {
      const controls = element.querySelectorAll('input, textarea, button, .ant-select');
      return Array.from(controls)
        .filter((control) => {
          const box = control.getBoundingClientRect();
          return box.left < -0.5 || box.right > width + 0.5;
        })
        .map((control) => `${control.tagName}.${control.getAttribute('class') ?? ''}`);
    }, PHONE.width);

  it('designer: a draft’s 评估指标 tab shows each indicator as a card, its title across the screen (squeezed, the title read a character a line, 编号 and 条款 20 px wide)', async () => {
    const page = await newDraftOnPhone();
    try {
      await page.getByRole('tab', { name: '评估指标' }).click();
      // The longest title of the agriculture parks' table (19 characters).
      const row = page.locator('[data-indicator="agriculture/infra-3"]');
      await row.waitFor();
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, 'phone-designer-indicators', false);
      // Each box named by its indicator and column, as the card shows it (the column's name above it).
      const title = await page
        .getByLabel('农业园区 · infra-3 · 指标', { exact: true })
        .evaluate((box) => box.getBoundingClientRect().toJSON() as DOMRect);
      expect(title.width).toBeGreaterThan(300);
      // One line or two (a line is 22 px, the box's padding 10).
      expect(title.height).toBeLessThan(60);
      expect(await offScreen(page, '[data-indicator="agriculture/infra-3"]')).toEqual([]);
      expect(await smallTargets(page, MIN_TARGET, '[data-indicator="agriculture/infra-3"]')).toEqual([]);
      // A veto's 情形 too (its 编号 column took 280 px of the screen).
      const situation = await page
        .getByLabel('majorQualityAccident · 情形', { exact: true })
        .evaluate((box) => box.getBoundingClientRect().toJSON() as DOMRect);
      expect(situation.width).toBeGreaterThan(300);
      const measured = await overflow(page);
      expect(measured, `评估指标 overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
    } finally {
      await closeTab(page);
    }
  }, 120_000);

  it('designer: a draft’s 表单 tab shows each field as a card on the screen, its details too (the field table ran off the screen’s right edge)', async () => {
    const page = await newDraftOnPhone();
    try {
      await page.getByRole('tab', { name: '表单' }).click();
      await page.locator('[data-form="department-opinion"]').click();
      const title = page.getByLabel('opinion · 标题', { exact: true });
      await title.waitFor();
      await screenshot(page, 'phone-designer-form', false);
      const box = await title.evaluate((input) => input.getBoundingClientRect().toJSON() as DOMRect);
      expect(box.width).toBeGreaterThan(300);
      const row = '[data-row-key="opinion"]';
      expect(await offScreen(page, row)).toEqual([]);
      // The toggle that opens its details too (antd's is 17 × 17).
      expect(await smallTargets(page, MIN_TARGET, row)).toEqual([]);
      // The row's details (its 说明, choices…) open under it, on the screen too.
      await page.locator(`${row} .ant-table-row-expand-icon`).click();
      const details = page.getByLabel('opinion · 说明', { exact: true });
      await details.waitFor();
      expect(await offScreen(page, `${row} + tr`)).toEqual([]);
      await page.locator(row).evaluate((element) => {
        element.scrollIntoView({ block: 'start' });
      });
      await screenshot(page, 'phone-designer-form-fields', false);
      const measured = await overflow(page);
      expect(measured, `表单 overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
    } finally {
      await closeTab(page);
    }
  }, 120_000);

  it("park1's inbox: every tap target is at least 24 × 24 CSS px, the search box's and a filter's × too (shown once text is typed or a choice made: they were 12 × 12)", async () => {
    const page = await openPage(browser, server, { path: '/', user: 'park1', time: TODAY, viewport: PHONE });
    try {
      expect(await smallTargets(page, MIN_TARGET)).toEqual([]);
      // A filter chosen shows the × that clears it, named in Chinese (antd named it Clear).
      await page.getByRole('combobox', { name: '任务类型' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await expect.poll(() => clearButtons(page)).toEqual(['清除 24×24']);
      await page.getByRole('button', { name: '清除', exact: true }).click();
      await expect.poll(() => clearButtons(page)).toEqual([]);
      // The × that clears the search box is there only once something is typed.
      await page.getByRole('searchbox', { name: '搜索案件编号、园区或任务' }).fill('质量');
      await page.locator('.ant-input-clear-icon').filter({ visible: true }).waitFor();
      expect(await smallTargets(page, MIN_TARGET)).toEqual([]);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the bell’s count stays on the screen, 99+ too (two digits ran past its edge: the page 7 px too wide)', async () => {
    const page = await openPage(browser, server, {
      path: '/',
      user: 'park1',
      time: TODAY,
      viewport: PHONE,
      before: (faked) =>
        faked.route('**/api/notifications', (route) => route.fulfill({ json: { items: [], unread: 120 } })),
    });
    try {
      const badge = page.getByTestId('notification-badge').locator('sup');
      await expect.poll(() => badge.textContent()).toBe('99+');
      const right = await badge.evaluate((count) => count.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(PHONE.width);
      const measured = await overflow(page);
      expect(measured, `the header overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the bell’s entries tap as 24 px at least (each case’s link was a 16 px line of text), in English too', async () => {
    // SAMR was told of each task the sample cases opened for it.
    for (const lang of ['zh', 'en']) {
      const path = lang === 'en' ? '/?lang=en' : '/';
      const page = await openPage(browser, server, { path, user: 'samr', time: TODAY, viewport: PHONE });
      try {
        await page.getByTestId('notification-badge').locator('button').click();
        const dialog = page.getByRole('dialog', { name: lang === 'en' ? 'Notifications' : '通知' });
        await dialog.getByRole('link').first().waitFor();
        expect(await dialog.getByRole('link').count()).toBeGreaterThan(0);
        // Measured once the popover has grown in (it opens from 80 %).
        await expect.poll(() => smallTargets(page, MIN_TARGET, '[role="dialog"]')).toEqual([]);
      } finally {
        await closeTab(page);
      }
    }
  }, 90_000);

  /** The English statistics page on a phone, showing `figures` as the server's answer. */
  const openStatistics = (figures: object) =>
    openPage(browser, server, {
      path: '/statistics?lang=en',
      user: 'samr',
      time: TODAY,
      viewport: PHONE,
      before: (faked) => faked.route('**/api/statistics', (route) => route.fulfill({ json: figures })),
    });

  it('statistics in English: each chart’s legend lists every status whole within the screen, no 15 px page arrows (it cut In demonstrat… and paged the rest), and the pie reads Industry: 2, not Industry：2', async () => {
    const statuses = [
      'Creation application in progress',
      'Creating',
      'Acceptance in progress',
      'Under public notice',
      'In demonstration period',
      'Re-review in progress',
    ];
    const figures = {
      today: '2025-04-03',
      total: 12,
      byRegionStatus: statuses.map((statusTitle, index) => ({
        region: '320000',
        regionName: 'Jiangsu',
        status: `s${String(index)}`,
        statusTitle,
        count: index + 1,
      })),
      stagesOverTime: statuses.map((statusTitle, index) => ({
        month: `2025-0${String(index + 1)}`,
        status: `s${String(index)}`,
        statusTitle,
        count: 2,
      })),
      overdue: [],
      designatedByType: [{ type: 'industry', title: 'Industry', count: 2 }],
    };
    const page = await openStatistics(figures);
    try {
      const charts = page.locator('[data-chart]');
      await expect.poll(() => charts.locator('svg').count()).toBe(3);
      for (const index of [0, 1]) {
        const chart = charts.nth(index);
        // Each name a text of its own, within the chart's box (a scrolled legend clipped it at the edge).
        const placed = () =>
          chart.evaluate((box, names) => {
            const { left, right } = box.getBoundingClientRect();
            const texts = Array.from(box.querySelectorAll('svg text'));
            return names.map((name) => {
              const text = texts.find((element) => element.textContent === name);
              if (text === undefined) return `${name}: not drawn`;
              const bounds = text.getBoundingClientRect();
              return bounds.left >= left && bounds.right <= right ? `${name}: whole` : `${name}: cut`;
            });
          }, statuses);
        await expect.poll(placed).toEqual(statuses.map((name) => `${name}: whole`));
        expect(await chart.locator('svg').textContent()).not.toMatch(/\d+\/\d+/);
      }
      const pie = charts.nth(2).locator('svg');
      await expect.poll(() => pie.textContent()).toContain('Industry: 2');
      expect(await pie.textContent()).not.toContain('：');
      const measured = await overflow(page);
      expect(measured, `the page overflows: ${measured.widest}`).toMatchObject({ scrollWidth: PHONE.width });
      await screenshot(page, 'phone-statistics-en');
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('expert-scores: a veto item ticked says the evaluation fails whatever the score, with its article, in Chinese and English (the total read 92 / 80 and only the dialog before sending told)', async () => {
    for (const [lang, veto, said] of [
      ['zh', '发生重大安全事故（第七条）', '已勾选否决项：无论得分多少，本次评估均为不通过（第七条）。'],
      [
        'en',
        'A major safety accident occurred (Art. 7)',
        'A veto item is ticked: the evaluation fails whatever the score (Art. 7).',
      ],
    ] as const) {
      const path = `/cases/${encodeURIComponent(cases.evaluating)}?lang=${lang}`;
      const page = await openPage(browser, server, { path, user: 'expert', time: TODAY, viewport: PHONE });
      try {
        const form = page.locator('[data-task="expertEvaluation"]');
        await form
          .getByRole('button', { name: lang === 'en' ? 'Fill in the example (training)' : '填入示例（培训用）' })
          .click();
        const warning = form.getByRole('alert').filter({ hasText: said });
        expect(await warning.count()).toBe(0);
        await form.getByRole('checkbox', { name: veto }).click();
        await warning.waitFor();
        // Unticked, it goes: the evaluation is the scores' again.
        await form.getByRole('checkbox', { name: veto }).click();
        await warning.waitFor({ state: 'detached' });
      } finally {
        await closeTab(page);
      }
    }
  }, 90_000);

  it('case-history: a date whose working days cannot be counted (a year without holiday data) says so in words on the card, in English too (a 14 × 16 px dash whose reason waited for a hover)', async () => {
    for (const [lang, said] of [
      ['zh', '该期间涉及的年份尚无节假日安排数据，无法计算工作日'],
      ['en', 'No holiday data yet for a year in this period: working days cannot be counted'],
    ] as const) {
      const path = `/cases/${encodeURIComponent(cases.publicizing)}?lang=${lang}`;
      // A calendar holding no year: every date ahead is in a year without data (as 2027 was on 2026's server).
      const page = await openPage(browser, server, {
        path,
        user: 'samr',
        time: TODAY,
        viewport: PHONE,
        before: (faked) => faked.route('**/api/calendars/*', (route) => route.fulfill({ json: [] })),
      });
      try {
        const words = page.getByText(said, { exact: true }).first();
        await words.waitFor({ state: 'attached' });
        await expect.poll(async () => (await words.boundingBox())?.width ?? 0).toBeGreaterThan(100);
        expect(await smallTargets(page, MIN_TARGET, 'main .qbz-cards')).toEqual([]);
      } finally {
        await closeTab(page);
      }
    }
  }, 90_000);

  it('statistics: a status keeps its legend colour from chart to chart (Under public notice was blue by province and orange by month)', async () => {
    const row = (statusTitle: string, index: number) => ({ status: `s${String(index)}`, statusTitle, count: 1 });
    const figures = {
      today: '2025-04-03',
      total: 3,
      // By province in another order than the months list them.
      byRegionStatus: ['Under public notice', 'Creating'].map((title, index) => ({
        ...row(title, index),
        region: '320000',
        regionName: 'Jiangsu',
      })),
      stagesOverTime: ['Creation application in progress', 'Creating', 'Under public notice'].map((title, index) => ({
        ...row(title, index),
        month: `2025-0${String(index + 1)}`,
      })),
      overdue: [],
      designatedByType: [],
    };
    const page = await openStatistics(figures);
    try {
      const charts = page.locator('[data-chart]');
      await expect.poll(() => charts.locator('svg').count()).toBe(2);
      // The fill of the legend key beside a status's name.
      const key = (index: number, name: string) =>
        charts.nth(index).evaluate((box, title) => {
          // ECharts draws its SVG flat: the key is the path just before the name.
          const text = Array.from(box.querySelectorAll('svg text')).find((element) => element.textContent === title);
          const icon = text?.previousElementSibling;
          return icon?.tagName === 'path' ? icon.getAttribute('fill') : null;
        }, name);
      for (const name of ['Under public notice', 'Creating']) {
        await expect.poll(() => key(0, name)).not.toBeNull();
        await expect.poll(() => key(1, name)).not.toBeNull();
        expect(await key(0, name), name).toBe(await key(1, name));
      }
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('the menu is a drawer, opened by a named button, with the pages and 退出 in view', async () => {
    const page = await openPage(browser, server, { path: '/', user: 'officer', time: TODAY, viewport: PHONE });
    try {
      // The horizontal menu is not squeezed into the header: there is no menu until the drawer opens.
      expect(await page.getByRole('menu').count()).toBe(0);
      await page.getByRole('button', { name: '菜单' }).click();
      const drawer = page.getByRole('dialog', { name: '菜单' });
      await drawer.getByRole('menuitem', { name: '规则设计器' }).waitFor();
      await drawer.getByRole('menuitem', { name: '公示' }).waitFor();
      const logout = drawer.getByRole('button', { name: /退\s?出/ });
      await expect.poll(() => logout.isVisible()).toBe(true);
      // Within the screen once the drawer has slid in (it animates from the right edge).
      const inView = async () => {
        const box = await logout.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= PHONE.width;
      };
      await expect.poll(inView).toBe(true);
      await screenshot(page, 'phone-menu-drawer');
      // A page chosen in the drawer closes it.
      await drawer.getByRole('menuitem', { name: '规则设计器' }).click();
      await page.waitForURL(/\/designer$/);
      await expect.poll(() => drawer.isVisible()).toBe(false);
    } finally {
      await closeTab(page);
    }
  }, 90_000);

  it('lists become cards: each row a card with its column names, no header row', async () => {
    // park1's inbox: its creation application is a task row.
    const page = await openPage(browser, server, { path: '/', user: 'park1', time: TODAY, viewport: PHONE });
    try {
      const list = page.locator('.qbz-cards').first();
      await expect.poll(() => list.locator('thead').isVisible()).toBe(false);
      const row = list.locator('tbody tr.ant-table-row').first();
      const cells = await row.locator('td').evaluateAll((tds) =>
        tds.map((td) => {
          const box = td.getBoundingClientRect();
          return { x: Math.round(box.x), width: box.width, label: getComputedStyle(td, '::before').content };
        }),
      );
      expect(cells.length).toBeGreaterThan(2);
      // Stacked: every cell starts at the same place and takes the card's width, under its column's name.
      expect(new Set(cells.map((cell) => cell.x)).size).toBe(1);
      for (const cell of cells) expect(cell.width).toBeGreaterThan(250);
      expect(cells[0]?.label).toContain('任务');
    } finally {
      await closeTab(page);
    }
  }, 90_000);
});
