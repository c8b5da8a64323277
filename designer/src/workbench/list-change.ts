import { useEffect, useRef, useState } from 'react';

/** How a list differs from the one shown before: its rows now, and how many are new, gone or changed. */
export interface ListChange {
  count: number;
  added: number;
  removed: number;
  changed: number;
}

/** Each row's key with what of it, when it differs, is a change worth saying (a status, a date). */
export type Signatures = ReadonlyMap<string, string>;

/** The change from `before` to `now`; undefined when there is none. */
export function listChange(before: Signatures, now: Signatures): ListChange | undefined {
  let added = 0;
  let changed = 0;
  for (const [key, signature] of now) {
    const was = before.get(key);
    if (was === undefined) added += 1;
    else if (was !== signature) changed += 1;
  }
  const removed = [...before.keys()].filter((key) => !now.has(key)).length;
  return added + removed + changed === 0 ? undefined : { count: now.size, added, removed, changed };
}

/**
 * What changed in a list the page reloads (the inbox's tasks, its cases) since it last showed it,
 * for a status that says so briefly: the tables are no live regions (antd's loading wrapper read
 * every row out again on each reload). Undefined on the first answer, while there is none (another
 * user or language: a first answer again) and until a reload changes something; then the last change.
 */
export function useListChange<T>(
  rows: readonly T[] | undefined,
  signatureOf: (row: T) => [key: string, signature: string],
): ListChange | undefined {
  const shown = useRef<Signatures | undefined>(undefined);
  const [change, setChange] = useState<ListChange>();
  useEffect(() => {
    if (rows === undefined) {
      shown.current = undefined;
      setChange(undefined);
      return;
    }
    const now = new Map(rows.map(signatureOf));
    const before = shown.current;
    shown.current = now;
    const found = before === undefined ? undefined : listChange(before, now);
    if (found !== undefined) setChange(found);
    // `signatureOf` is a fresh closure each render; the rows say when there is something new.
  }, [rows]);
  return change;
}
