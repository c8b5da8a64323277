import { App } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { asked } from '../forms/submit-guard.js';
import { useDesignerI18n } from './designer-i18n.js';

/** The page of this app a click would open by a link, if it leaves this page (not a new tab, not elsewhere). */
function pageLeftFor(event: MouseEvent): URL | undefined {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target !== '' && link.target !== '_self')) return undefined;
  const to = new URL(link.href);
  return to.origin === location.origin && to.pathname !== location.pathname ? to : undefined;
}

/** The history entry this guard pushes: a copy of the page, for the back button to land on. */
const HELD = 'qbzUnsavedHeld';
const isHeld = (state: unknown) => typeof state === 'object' && state !== null && HELD in state;

/**
 * Keeps edits not saved from being lost unasked. A reload or a closed tab gets the browser's own
 * question; a link of the app (返回版本列表, the menu), clicked or taken with Enter, and the browser's
 * back button are held until the officer chooses: stay (the default, so a stray Enter keeps the
 * edits) or discard and leave. Links are held before React sees the click (capture on the document);
 * the back button lands on a copy of this page pushed while there are edits, then is asked about:
 * BrowserRouter has no navigation blocker, and React Router's data router, which has, made full page
 * loads flaky in the browser tests (a page came up signed out).
 */
export function useUnsavedGuard(unsaved: boolean): void {
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();

  useEffect(() => {
    if (!unsaved) return;
    const ask = () =>
      asked(modal, {
        title: d('leaveUnsavedTitle'),
        content: d('leaveUnsavedBody'),
        okText: d('leaveUnsaved'),
        okButtonProps: { danger: true },
        cancelText: d('stayUnsaved'),
      });
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    const hold = (event: MouseEvent) => {
      const to = pageLeftFor(event);
      if (to === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      void ask().then((leave) => {
        if (leave) void navigate(`${to.pathname}${to.search}${to.hash}`);
      });
    };
    const copy = () => {
      history.pushState({ ...(history.state as object | null), [HELD]: true }, '', location.href);
    };
    if (!isHeld(history.state)) copy();
    const here = location.pathname;
    // Back from the copy lands on this page's own entry (same address: the app stays): asked there.
    const popped = () => {
      if (isHeld(history.state) || location.pathname !== here) return;
      copy();
      void ask().then((leave) => {
        if (!leave) return;
        window.removeEventListener('popstate', popped);
        history.go(-2);
      });
    };
    window.addEventListener('beforeunload', warn);
    window.addEventListener('popstate', popped);
    document.addEventListener('click', hold, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('popstate', popped);
      document.removeEventListener('click', hold, true);
    };
  }, [unsaved, modal, d, navigate]);
}
