import { useEffect } from 'react';

/**
 * Calls `reload` each time the tab is shown again (another tab or window was in front): a task done
 * meanwhile — in another tab, or by a colleague of the same group — leaves the list without 刷新.
 */
export function useReloadWhenShown(reload: () => void): void {
  useEffect(() => {
    const shown = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', shown);
    return () => {
      document.removeEventListener('visibilitychange', shown);
    };
  }, [reload]);
}
