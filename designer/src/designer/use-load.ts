import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes and on `reload()`; a stale answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((before) => ({ ...before, loading: true }));
    load().then(
      (data) => {
        if (current) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (current) setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure every render; `key` says when it asks for something else.
  }, [key, round]);
  const reload = useCallback(() => {
    setRound((value) => value + 1);
  }, []);
  return { ...state, data: state.data, error: state.error, reload };
}
