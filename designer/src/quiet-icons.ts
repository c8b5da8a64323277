import { CONTROL_MESSAGES } from './i18n/messages-controls.js';
import type { MessageKey } from './i18n/messages.js';
import { pageMessage, watchElements } from './watch-elements.js';

/** Set on a control this module named, so that a language switch names it again. */
const NAMED = 'data-icon-named';

/** The catalogue's name for a control showing only this antd icon (close-circle: 清除), if any. */
function nameFor(icon: Element): MessageKey | undefined {
  const key = `icon.${icon.getAttribute('aria-label') ?? ''}`;
  return key in CONTROL_MESSAGES.zh ? (key as MessageKey) : undefined;
}

/** A control with only icons in it and no name of its own (antd's clear button in a search box). */
function unnamed(control: Element): boolean {
  if (control.hasAttribute(NAMED)) return true;
  const own = ['aria-label', 'aria-labelledby', 'title'].some((name) => control.hasAttribute(name));
  return !own && control.textContent.trim() === '';
}

function quiet(icon: Element): void {
  icon.setAttribute('aria-hidden', 'true');
  const control = icon.closest('button, a, [role="button"], [role="menuitem"]');
  const key = nameFor(icon);
  if (control === null || key === undefined || !unnamed(control)) return;
  control.setAttribute('aria-label', pageMessage(key));
  control.setAttribute(NAMED, key);
}

/**
 * antd's icons carry their English names (aria-label="check-circle", "reload", "down"): a screen
 * reader read them out in Chinese pages, before a button's words (「reload 刷新」) or as a graphic of
 * their own (a select's arrow). Every icon is hidden from it: beside words it says nothing more, and
 * a control of ours with only an icon has its own Chinese name (aria-label). A control of antd's with
 * only an icon and no name (the clear button of a search box, the menu's ··· of the pages that did not
 * fit) is named from the catalogue
 * (messages-controls.ts) by its icon.
 */
export function quietIcons(): void {
  watchElements('.anticon[role="img"]', quiet);
}
