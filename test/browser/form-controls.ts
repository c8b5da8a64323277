import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** antd spaces out two-character Chinese button labels (提 交). */
export const twoChars = (text: string) => new RegExp(`^${Array.from(text).join('\\s?')}$`);

/** Picks an option of an antd select by its visible text. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
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
