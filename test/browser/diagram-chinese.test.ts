import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, failureScreenshot, launchChromium } from './chromium.js';
import { openDraftDiagram, startDesignerServer, type DesignerServer } from './designer-server.js';

const PROCESS = 'quality-brand-zone';
const VERSION = '2024-03-14';

/** One element of each kind the 2024 process has, as the officer selects them. */
const ELEMENTS = {
  start: 'start event',
  forkWithdrawWindow: 'parallel gateway',
  eligibilityCheck: 'exclusive gateway with a default flow',
  withdrawWindow: 'event-based gateway',
  submitCreationApplication: 'user task',
  departmentOpinion_creation: 'multi-instance user task',
  withdrawReceived: 'message intermediate catch event',
  recognizedSignalReceived: 'signal intermediate catch event',
  acceptanceOpensTimer: 'timer intermediate catch event',
  objectionUpheld_acceptance: 'intermediate throw event',
  recognized: 'signal intermediate throw event',
  ineligibleArt7End: 'terminate end event',
  withdrawWindowClosedEnd: 'end event',
  publicity_acceptance: 'sub-process',
  Flow_objectionDecision_acceptance_to_objectionUpheld_acceptance: 'conditional flow',
  Flow_eligibilityCheck_to_mergeFeasibilityReview: 'default flow',
  Flow_publicityStart_acceptance_to_mergeObjectionWindow_acceptance: 'sequence flow',
  Lane_park: 'lane',
  Participant_qualityBrandZone: 'pool',
} as const;

/**
 * Latin words a Chinese reader is meant to see as they are: abbreviations and names of standards
 * and products (ID, ISO 8601, UTC, FEEL, EL, JSON, cron, Camunda, Java, DMN, BPMN, CMMN), "key" in
 * 即流程定义的键（key）, and "Art." with which the definitions cite an article (1 年 · Art. 18).
 */
const TECHNICAL = /\b(ID|ISO|UTC|FEEL|EL|JSON|cron|Camunda|Java|DMN|BPMN|CMMN|key|Art)\b/g;

/** Expressions and dates in hints (${someDate}, 2015-06-26T09:54:00) are what the officer would type. */
const EXAMPLES = /\$\{[^}]*\}|\d{4}-\d{2}-\d{2}T[\d:]+/g;

/**
 * The diagram's own words (ids, names, messages, extension properties and their values) are data,
 * shown as the file has them: the whole text of an attribute or element of process.bpmn.
 */
async function diagramWords(): Promise<Set<string>> {
  const xml = await readFile(`definitions/${PROCESS}/${VERSION}/process.bpmn`, 'utf8');
  const words = new Set<string>();
  for (const [, value = ''] of xml.matchAll(/="([^"]*)"/g)) words.add(value.trim());
  for (const [, text = ''] of xml.matchAll(/>([^<]+)</g)) words.add(text.trim());
  return words;
}

/** What a reader sees in `selector`: text, tooltips, placeholders, accessible names and options. */
function readerTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const texts: string[] = [];
    for (const root of Array.from(document.querySelectorAll(selector))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const parent = node.parentElement;
        // Typed values are the diagram's, not the editor's words.
        if (parent === null || !parent.checkVisibility() || parent.closest('[contenteditable], textarea') !== null)
          continue;
        texts.push(node.textContent ?? '');
      }
      for (const element of Array.from(root.querySelectorAll('[title], [placeholder], [aria-label]'))) {
        if (!element.checkVisibility()) continue;
        for (const name of ['title', 'placeholder', 'aria-label']) texts.push(element.getAttribute(name) ?? '');
      }
      for (const select of Array.from(root.querySelectorAll('select')))
        if (select.checkVisibility()) for (const option of Array.from(select.options)) texts.push(option.text);
    }
    return texts;
  }, selector);
}

/**
 * The designer's diagram editor in Chinese mode (the default): every element kind of the 2024
 * process, with and without 高级, its properties panel with every group open, its context pad and its
 * "更改元素类型" menu — nothing a reader is meant to read is left in English (bpmn-js and its
 * properties panel speak English unless told otherwise).
 */
describe.runIf(browserAvailable())('the diagram editor in Chinese', () => {
  let server: DesignerServer;
  let browser: Browser;
  let page: Page;
  let data: Set<string>;
  const errors: string[] = [];
  /** English found, with where it was seen. */
  const english = new Map<string, string>();

  const check = async (where: string, selector: string) => {
    for (const raw of await readerTexts(page, selector)) {
      const text = raw.trim();
      if (text === '' || data.has(text)) continue;
      if (/[A-Za-z]{2,}/.test(text.replace(EXAMPLES, '').replace(TECHNICAL, '')) && !english.has(text))
        english.set(text, where);
    }
  };

  const select = async (id: string) => {
    const search = page.getByRole('combobox', { name: '按名称查找元素' });
    await search.fill(id);
    await page.locator(`[data-search-result="${id}"]`).click();
    await expect.poll(() => page.locator('.djs-element.selected').getAttribute('data-element-id')).toBe(id);
  };

  /**
   * Closes the 更改元素类型 menu with Escape in its search box, again until it is gone: a press that came
   * before the menu listened for keys left it open (three CI runs in all, on the page and in the box).
   */
  const closeMenu = async () => {
    const popup = page.locator('.djs-popup');
    await expect
      .poll(
        async () => {
          const search = popup.locator('input');
          if ((await search.count()) > 0)
            await search
              .first()
              .press('Escape', { timeout: 5000 })
              .catch(() => undefined);
          else if ((await popup.count()) > 0) await page.keyboard.press('Escape');
          return popup.count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(0);
  };

  /** Opens every closed group and list item of the panel (opening one may show more). */
  const openPanel = async () => {
    const closed = page
      .locator(
        [
          '.bio-properties-panel-group-header:has(+ .bio-properties-panel-group-entries:not(.open))',
          '.bio-properties-panel-group-header:has(+ .bio-properties-panel-list:not(.open):not(:empty))',
          '.bio-properties-panel-collapsible-entry:not(.open) > .bio-properties-panel-collapsible-entry-header',
        ].join(', '),
      )
      .filter({ visible: true });
    for (let opened = 0; (await closed.count()) > 0; opened += 1) {
      if (opened === 100) throw new Error('the panel keeps showing closed groups');
      await closed.first().click();
    }
  };

  beforeAll(async () => {
    [server, browser, data] = await Promise.all([startDesignerServer(), launchChromium(), diagramWords()]);
    await server.createUsers({ officer: ['policy-admin'] });
    page = await openDraftDiagram(server, browser, { user: 'officer', process: PROCESS, from: VERSION, errors });
  }, 240_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureScreenshot(page, 'diagram-chinese-failed');
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('shows each element kind’s panel, context pad and 更改元素类型 menu in Chinese, with and without 高级', async () => {
    await check('palette', '.djs-palette');
    await check('panel, nothing selected', '.bio-properties-panel');
    for (const advanced of [false, true]) {
      if (advanced) await page.getByRole('switch', { name: '高级' }).click();
      for (const [id, kind] of Object.entries(ELEMENTS)) {
        await select(id);
        await openPanel();
        await check(`panel of a ${kind}${advanced ? ' (高级)' : ''}`, '.bio-properties-panel');
        if (advanced) continue;
        await check(`context pad of a ${kind}`, '.djs-context-pad');
        const change = page.locator('.djs-context-pad .entry[data-action="replace"]');
        if ((await change.count()) === 0) continue;
        await change.dispatchEvent('click');
        await page.locator('.djs-popup').waitFor();
        await check(`更改元素类型 of a ${kind}`, '.djs-popup');
        await closeMenu();
      }
    }
    expect(Object.fromEntries(english)).toEqual({});
    expect(errors).toEqual([]);
  });

  it('says what is wrong with an ID in Chinese', async () => {
    await select('start');
    await openPanel();
    const id = page.locator('#bio-properties-panel-id');
    await id.fill('提交 申请');
    await expect
      .poll(() => page.locator('[data-entry-id="id"] .bio-properties-panel-error').textContent())
      .toBe('ID 不能包含空格。');
    await id.fill('submitCreationApplication');
    await expect
      .poll(() => page.locator('[data-entry-id="id"] .bio-properties-panel-error').textContent())
      .toBe('ID 已被其他元素使用，请换一个。');
    // A valid one is taken (and undone).
    await id.fill('startEvent');
    await page.locator('[data-entry-id="id"] .bio-properties-panel-error').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => id.inputValue()).toBe('start');
    expect(errors).toEqual([]);
  });
  /** The selected element's panel (with and without 高级), context pad and 更改元素类型 menu. */
  const checkSelected = async (kind: string) => {
    await page.locator('.djs-context-pad .entry[data-action="replace"]').waitFor();
    const advanced = page.getByRole('switch', { name: '高级' });
    for (let turn = 0; turn < 2; turn += 1) {
      const on = (await advanced.getAttribute('aria-checked')) === 'true';
      await openPanel();
      await check(`panel of a ${kind}${on ? ' (高级)' : ''}`, '.bio-properties-panel');
      await advanced.click();
    }
    await check(`context pad of a ${kind}`, '.djs-context-pad');
    await page.locator('.djs-context-pad .entry[data-action="replace"]').dispatchEvent('click');
    await page.locator('.djs-popup').waitFor();
    await check(`更改元素类型 of a ${kind}`, '.djs-popup');
    // Escape in the menu's search box (the keyboard may still be at the 高级 switch); a short menu
    // has none, and is closed by a click on the canvas instead (the selection moves: check it last).
    const popup = page.locator('.djs-popup');
    if ((await popup.locator('input').count()) > 0) await closeMenu();
    else {
      const canvas = await page.locator('.djs-container').first().boundingBox();
      if (canvas !== null) await page.mouse.click(canvas.x + 20, canvas.y + canvas.height - 20);
    }
    await popup.waitFor({ state: 'detached' });
  };

  /** Changes the selected element's type through its 更改元素类型 menu (bpmn-js' replace menu). */
  const replaceWith = async (type: string) => {
    const before = await page.locator('.djs-shape.selected').getAttribute('data-element-id');
    await page.locator('.djs-context-pad .entry[data-action="replace"]').dispatchEvent('click');
    await page.locator(`.djs-popup [data-id="replace-with-${type}"]`).click();
    await page.locator('.djs-popup').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.djs-shape.selected').count()).toBe(1);
    return before;
  };

  it('shows the kinds the programme does not draw, once made in the designer, in Chinese', async () => {
    // Service, script and send tasks and an inclusive gateway: a user task and a gateway changed into them.
    await select('submitCreationApplication');
    for (const type of ['service-task', 'script-task', 'send-task']) {
      await replaceWith(type);
      await checkSelected(type.replace('-', ' '));
    }
    const task = page.locator('.djs-shape.selected');
    const box = await task.boundingBox();
    if (box === null) throw new Error('the task is not drawn');
    // A boundary event: an intermediate event from the palette dropped on the task's lower edge.
    await page.locator('.djs-palette .entry[data-action="create.intermediate-event"]').click();
    // Within the task, near its edge (the selection's box is a few pixels larger than the task).
    const [x, y] = [box.x + box.width / 2, box.y + box.height - 12];
    await page.mouse.move(x, y - 30, { steps: 4 });
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.click(x, y);
    await expect.poll(() => page.locator('.djs-shape.selected').getAttribute('data-element-id')).toMatch(/^Event_/);
    for (const type of ['timer-boundary', 'non-interrupting-message-boundary', 'error-boundary', 'signal-boundary']) {
      await replaceWith(type);
      await checkSelected(type.replace(/-/g, ' '));
    }
    await select('eligibilityCheck');
    await replaceWith('inclusive-gateway');
    await checkSelected('inclusive gateway');
    expect(Object.fromEntries(english)).toEqual({});
    expect(errors).toEqual([]);
  }, 240_000);
});
