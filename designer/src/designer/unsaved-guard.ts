import { App } from 'antd';
import { useCallback, useLayoutEffect, useRef } from 'react';
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
const pushCopy = () => {
  history.pushState({ ...(history.state as object | null), [HELD]: true }, '', location.href);
};

/**
 * Keeps edits not saved from being lost unasked. A reload or a closed tab gets the browser's own
 * question; a link of the app (返回版本列表, the menu), clicked or taken with Enter, and the browser's
 * back button are held until the officer chooses: stay (the default, so a stray Enter keeps the
 * edits) or discard and leave. Links are held before React sees the click (capture on the document);
 * the back button lands on a copy of this page pushed while there are edits, then is asked about:
 * BrowserRouter has no navigation blocker, and React Router's data router, which has, made full page
 * loads flaky in the browser tests (a page came up signed out).
 *
 * No entry can be taken out of the history, so the copy stays once the edits are saved: Back from it
 * lands on the page's own entry, the same page, and seemed to do nothing. Arriving there with nothing
 * unsaved goes on back, so one Back leaves. A link taken from the copy (edits discarded) opens its page
 * in the copy's place, leaving no second entry of this page behind.
 *
 * Layout effects, and one back-button listener that reads `unsaved` when Back comes: the guard changes
 * in the same commit as the page that shows the edits made or saved. With passive effects it changed
 * a moment after (another task): a Back in between was handled as before the save (asked about, and the
 * page stayed), or went past a copy not pushed yet, edits lost unasked. `onDiscard` is told when the
 * officer chose to discard the edits and leave.
 */
export function useUnsavedGuard(unsaved: boolean, onDiscard?: () => void): void {
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const guarding = useRef(unsaved);
  const discarded = useRef(onDiscard);
  discarded.current = onDiscard;
  const ask = useCallback(
    () =>
      asked(modal, {
        title: d('leaveUnsavedTitle'),
        content: d('leaveUnsavedBody'),
        okText: d('leaveUnsaved'),
        okButtonProps: { danger: true },
        cancelText: d('stayUnsaved'),
      }),
    [modal, d],
  );

  useLayoutEffect(() => {
    guarding.current = unsaved;
    if (!unsaved) return;
    if (!isHeld(history.state)) pushCopy();
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    const hold = (event: MouseEvent) => {
      const to = pageLeftFor(event);
      if (to === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      void ask().then((leave) => {
        if (!leave) return;
        discarded.current?.();
        void navigate(`${to.pathname}${to.search}${to.hash}`, { replace: isHeld(history.state) });
      });
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', hold, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', hold, true);
    };
  }, [unsaved, ask, navigate]);

  useLayoutEffect(() => {
    const here = location.pathname;
    // Back from the copy lands on this page's own entry (same address: the app stays): asked there
    // while there are edits; with none (saved since), on back past it.
    const popped = () => {
      if (isHeld(history.state) || location.pathname !== here) return;
      if (!guarding.current) {
        history.back();
        return;
      }
      pushCopy();
      void ask().then((leave) => {
        // Past the copy and this entry, to the page before.
        if (!leave || location.pathname !== here) return;
        discarded.current?.();
        history.go(-2);
      });
    };
    window.addEventListener('popstate', popped);
    return () => {
      window.removeEventListener('popstate', popped);
    };
  }, [ask]);
}
