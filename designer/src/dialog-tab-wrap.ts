/**
 * Tab and Shift+Tab go round a modal dialog's controls (WAI-ARIA APG, dialog pattern). antd locks
 * the focus inside a dialog only when it lands elsewhere in the page; a dialog is the last thing in
 * the page, so Tab from its last button left the page for the browser's own controls: a stop where
 * nothing on the page showed the focus.
 */

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The controls of a dialog a person can reach: shown, and not antd's hidden focus sentinels. */
function reachable(dialog: Element): HTMLElement[] {
  return Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.getAttribute('aria-hidden') !== 'true' && element.getClientRects().length > 0,
  );
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Tab' || event.defaultPrevented) return;
  const active = document.activeElement;
  const dialog = active?.closest('[aria-modal="true"]');
  if (active === null || dialog === null || dialog === undefined) return;
  const controls = reachable(dialog);
  const [first] = controls;
  const last = controls.at(-1);
  if (first === undefined || last === undefined) return;
  const wrapTo = event.shiftKey ? (active === first ? last : undefined) : active === last ? first : undefined;
  if (wrapTo === undefined) return;
  event.preventDefault();
  wrapTo.focus();
}

/** Keeps Tab inside whichever modal dialog has the focus, for the life of the page. */
export function keepTabInDialogs(): void {
  window.addEventListener('keydown', onKeyDown);
}
