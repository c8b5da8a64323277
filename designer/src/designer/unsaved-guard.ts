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

/**
 * Keeps edits not saved from being lost unasked. A reload or a closed tab gets the browser's own
 * question; a link of the app (返回版本列表, the menu), clicked or taken with Enter, is held until the
 * officer chooses: stay (the default, so a stray Enter keeps the edits) or discard and leave. Held
 * before React sees the click (capture on the document), as BrowserRouter has no navigation blocker.
 */
export function useUnsavedGuard(unsaved: boolean): void {
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();

  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    const hold = (event: MouseEvent) => {
      const to = pageLeftFor(event);
      if (to === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      void asked(modal, {
        title: d('leaveUnsavedTitle'),
        content: d('leaveUnsavedBody'),
        okText: d('leaveUnsaved'),
        okButtonProps: { danger: true },
        cancelText: d('stayUnsaved'),
      }).then((leave) => {
        if (leave) void navigate(`${to.pathname}${to.search}${to.hash}`);
      });
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', hold, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', hold, true);
    };
  }, [unsaved, modal, d, navigate]);
}
