import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  /** The key the data belongs to: another key's data is never shown. */
  key: string;
  data?: T;
  error?: Error;
  loading: boolean;
}

/**
 * Runs `load` when `key` changes (and on `reload()`); a stale answer never overwrites a newer one.
 * A reload keeps what it had on screen, beside the error if it fails.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [state, setState] = useState<Loaded<T>>({ key, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((before) => (before.key === key ? { ...before, loading: true } : { key, loading: true }));
    load().then(
      (data) => {
        if (current) setState({ key, data, loading: false });
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        if (current) setState((before) => ({ ...before, key, error: failure, loading: false }));
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something new.
  }, [key, round]);
  const reload = useCallback(() => {
    setRound((value) => value + 1);
  }, []);
  const mine = state.key === key;
  return {
    data: mine ? state.data : undefined,
    error: mine ? state.error : undefined,
    loading: !mine || state.loading,
    reload,
  };
}
