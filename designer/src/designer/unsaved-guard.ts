import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { asked } from '../forms/submit-guard.js';
import { useDesignerI18n } from './designer-i18n.js';

/**
 * Keeps edits not saved from being lost unasked. A reload or a closed tab gets the browser's own
 * question; a move inside the app (返回版本列表, the menu, the browser's back button) is held until
 * the officer chooses: stay (the default, so a stray Enter keeps the edits) or discard and leave.
 */
export function useUnsavedGuard(unsaved: boolean): void {
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [unsaved]);

  // Asked once per held move: the blocker object may be new on each render while it stays blocked.
  const held = useRef(blocker);
  held.current = blocker;
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void asked(modal, {
      title: d('leaveUnsavedTitle'),
      content: d('leaveUnsavedBody'),
      okText: d('leaveUnsaved'),
      okButtonProps: { danger: true },
      cancelText: d('stayUnsaved'),
    }).then((leave) => {
      if (leave) held.current.proceed?.();
      else held.current.reset?.();
    });
  }, [blocker.state]);
}
