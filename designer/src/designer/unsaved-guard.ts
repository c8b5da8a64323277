import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { asked } from '../forms/submit-guard.js';
import { useDesignerI18n } from './designer-i18n.js';

/**
 * Keeps edits not saved from being lost unasked. A reload or a closed tab gets the browser's own
 * question; leaving for another page of the app — a link (返回版本列表, the menu) or the browser's
 * back and forward buttons — is held until the officer chooses: stay (the default, so a stray Enter
 * keeps the edits) or discard and leave.
 */
export function useUnsavedGuard(unsaved: boolean): void {
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname,
  );

  // Asked once per blocked navigation: the blocker object is new on every render.
  const current = useRef(blocker);
  current.current = blocker;
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void asked(modal, {
      title: d('leaveUnsavedTitle'),
      content: d('leaveUnsavedBody'),
      okText: d('leaveUnsaved'),
      okButtonProps: { danger: true },
      cancelText: d('stayUnsaved'),
    }).then((leave) => {
      const held = current.current;
      if (held.state !== 'blocked') return;
      if (leave) held.proceed();
      else held.reset();
    });
  }, [blocker.state, modal, d]);

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
}
