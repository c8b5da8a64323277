import { useEffect, useState } from 'react';

/** At the latest this long after `ready`, even on a page that never goes idle. */
const IDLE_TIMEOUT_MS = 2000;

function whenIdle(run: () => void): () => void {
  // Safari has no requestIdleCallback: a timer lets the pending rendering go first.
  if (typeof window.requestIdleCallback !== 'function') {
    const timer = window.setTimeout(run, 50);
    return () => {
      window.clearTimeout(timer);
    };
  }
  const handle = window.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  return () => {
    window.cancelIdleCallback(handle);
  };
}

/**
 * False until `ready` has settled and the browser has then had nothing else to do: for what may
 * wait until the page's main content can be used (the case diagram waits for the task forms).
 */
export function useIdleAfter(ready: () => Promise<unknown>, enabled = true): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!enabled || idle) return;
    let cancel: () => void = () => undefined;
    let current = true;
    void ready()
      .catch(() => undefined)
      .then(() => {
        if (current)
          cancel = whenIdle(() => {
            setIdle(true);
          });
      });
    return () => {
      current = false;
      cancel();
    };
  }, [enabled, idle]);
  return idle;
}
