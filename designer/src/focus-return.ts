import { useRef } from 'react';
import { focusHeading } from './auth/focus-after-login.js';

/** How long an element holding the focus is watched: what was just done may remove it. */
const WATCH_MS = 10_000;

function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading !== null) focusHeading(heading);
}

const lost = () => document.activeElement === null || document.activeElement === document.body;

/**
 * Keeps the focus on the page when what has it goes with what was just done (a sent form, the bulk
 * button once its tasks are done, a confirmation closing): the page's heading takes it, as after a
 * login. Left on the page itself, a keyboard user started again from its top and a screen reader said
 * nothing. Watched for a while, whichever element the focus passes through meanwhile (a closing
 * confirmation hands it back to the form's button, which goes later); the person's next key or click
 * ends the watch.
 */
export function headingWhenLost(): void {
  whenLost(focusPageHeading);
}

/**
 * Calls `focus` now if the focus is on no element, and again each time it falls to the page within
 * the watch (see `headingWhenLost`): a confirmation closing after its animation gives the focus back
 * to the control that opened it, and when that control went with what was done, to the page.
 */
export function whenLost(focus: () => void): void {
  if (lost()) {
    focus();
    return;
  }
  const stop = () => {
    watch.disconnect();
    clearTimeout(timer);
    document.removeEventListener('keydown', stop, true);
    document.removeEventListener('pointerdown', stop, true);
  };
  const watch = new MutationObserver(() => {
    if (!lost()) return;
    stop();
    focus();
  });
  watch.observe(document.body, { childList: true, subtree: true });
  const timer = setTimeout(stop, WATCH_MS);
  document.addEventListener('keydown', stop, true);
  document.addEventListener('pointerdown', stop, true);
}

/** An antd dialog, open or still closing. */
const DIALOG = '.ant-modal-root';

/**
 * Gives `target` the focus and keeps it there until no dialog is left: a confirmation closing after
 * its animation hands the focus back to what had it when it opened. That can be a control that stays
 * (a mouse press on 提交 leaves the focus where it was, say on 收起异议表 above the form),
 * which `whenLost` would leave it on; the receipt shown meanwhile lost it, and a screen reader never
 * read it. What the person does next (a key, a press) ends the hold, as the watch's end does.
 */
export function holdFocus(target: () => HTMLElement | null | undefined): void {
  const stop = () => {
    watch.disconnect();
    clearTimeout(timer);
    document.removeEventListener('focusin', hold, true);
    document.removeEventListener('keydown', stop, true);
    document.removeEventListener('pointerdown', stop, true);
  };
  const hold = () => {
    const element = target();
    if (element?.isConnected === true && document.activeElement !== element) element.focus();
    if (document.querySelector(DIALOG) === null) stop();
  };
  const watch = new MutationObserver(hold);
  watch.observe(document.body, { childList: true, subtree: true });
  const timer = setTimeout(stop, WATCH_MS);
  document.addEventListener('focusin', hold, true);
  document.addEventListener('keydown', stop, true);
  document.addEventListener('pointerdown', stop, true);
  hold();
}

/**
 * The control standing where `gone` stood once its list was drawn again (a table reloading after a
 * save draws its rows anew): the same kind of element with the same accessible name (修改：park1).
 */
function replacementOf(gone: HTMLElement): HTMLElement | undefined {
  const label = gone.getAttribute('aria-label');
  if (label === null) return undefined;
  return Array.from(document.querySelectorAll<HTMLElement>(`main ${gone.tagName}[aria-label]`)).find(
    (element) => element.getAttribute('aria-label') === label,
  );
}

/**
 * Gives the focus back to the control that opened a dialog. antd does so when its dialog closes, but
 * a dialog shown only while open is removed before its closing ends, and the focus fell to the page.
 * When what was done draws the control again (the account list reloading after 保存), its new self
 * takes the focus; when it is gone for good, the page's heading.
 */
export function useFocusReturn(): { remember: () => void; restore: () => void } {
  const opener = useRef<HTMLElement | null>(null);
  return {
    remember: () => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore: () => {
      const element = opener.current;
      opener.current = null;
      // After the dialog is gone: while it is there, its focus lock takes the focus back.
      setTimeout(() => {
        if (element?.isConnected === true) element.focus();
        whenLost(() => {
          const again = element === null ? undefined : replacementOf(element);
          if (again === undefined) focusPageHeading();
          else again.focus();
        });
      }, 0);
    },
  };
}
