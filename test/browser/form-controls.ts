import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** antd spaces out two-character Chinese button labels (提 交). */
export const twoChars = (text: string) => new RegExp(`^${Array.from(text).join('\\s?')}$`);

/**
 * Picks an option of an antd (single) select by its visible text, and waits for its list to close:
 * on a starved machine the list, still fading out, could cover the next button clicked. A click that
 * landed while the list was still moving in leaves it open: the option is clicked again (CI, once).
 */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  for (let attempt = 1; ; attempt += 1) {
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    try {
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Enters a date in an antd date picker as a keyboard user does: types it and confirms with Enter
 * (which the picker takes; the form is never sent by it). The calendar opens on the browser's own
 * month, which in another time zone than China's is not the month of the date wanted.
 */
export async function pickDate(page: Page, scope: Locator, label: string, date: string): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  await field.click();
  await field.fill(date);
  await page.keyboard.press('Enter');
  await expect.poll(() => field.inputValue()).toBe(date);
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
}

/**
 * Waits until no dialog on the page is still moving in. antd's dialogs zoom in; on a starved machine
 * Playwright's "stable" check can pass between two frames of that animation and its click land beside
 * the button (seen: the click reported done, no request sent, the dialog still open). A person waits
 * for the dialog to stop moving before clicking; so does this.
 */
export async function dialogsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.ant-modal-root')).every(
      (root) =>
        !Array.from(root.querySelectorAll('[class*="-appear"], [class*="-enter"]')).some((element) =>
          Array.from(element.classList).some((name) => /-(appear|enter)(-|$)/.test(name)),
        ) && !root.getAnimations({ subtree: true }).some((animation) => animation.playState === 'running'),
    ),
  );
}

/** Clicks a button of an open dialog once the dialog has stopped moving. */
export async function clickInDialog(page: Page, button: Locator): Promise<void> {
  await button.waitFor();
  await dialogsSettled(page);
  await button.click();
}

/** The texts an element's `aria-describedby` points at, as a screen reader reads them after its name. */
export async function accessibleDescription(element: Locator): Promise<string> {
  return element.evaluate((node) =>
    (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
