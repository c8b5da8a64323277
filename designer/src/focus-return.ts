import { useRef } from 'react';

/**
 * Gives the focus back to the control that opened a dialog. antd does so when its dialog closes, but
 * a dialog shown only while open is removed before its closing ends, and the focus fell to the page:
 * a keyboard user started again from its top.
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
      }, 0);
    },
  };
}
