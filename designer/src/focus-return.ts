import { useRef } from 'react';

/** How long after a dialog closes its opener is watched: what the dialog did may remove it. */
const WATCH_MS = 10_000;

function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading === null) return;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}

/**
 * Gives the focus back to the control that opened a dialog. antd does so when its dialog closes, but
 * a dialog shown only while open is removed before its closing ends, and the focus fell to the page:
 * a keyboard user started again from its top. When the opener is gone, or goes with what the dialog
 * did (the bulk button, once its tasks are done and the list reloads), the page's heading takes it.
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
        if (element?.isConnected !== true) {
          focusHeading();
          return;
        }
        element.focus();
        const watch = new MutationObserver(() => {
          if (element.isConnected) return;
          watch.disconnect();
          if (document.activeElement === null || document.activeElement === document.body) focusHeading();
        });
        watch.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => {
          watch.disconnect();
        }, WATCH_MS);
      }, 0);
    },
  };
}
