import { useEffect, useRef, useState } from 'react';

/** How a list differs from the one shown before: its rows now, and how many are new, gone or changed. */
export interface ListChange {
  count: number;
  added: number;
  removed: number;
  changed: number;
}

/** A change as the reader sees it: of the rows a filter shows, with every row's count when it hides some. */
export interface ShownChange extends ListChange {
  /** Every row, the hidden ones too; only when the filter hides some. */
  total?: number;
}

/**
 * A change as said, numbered from the first answer: a status gives each its own node (keyed by
 * `serial`), so a change said like the one before (a second reminder on the task) is said again —
 * the same text set again is no change to the page, and a live region said nothing.
 */
export interface SaidChange extends ShownChange {
  serial: number;
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
 * The change from `before` to `now` in the rows `shown` keeps of each (the filter on the screen now,
 * applied to both: a reload that changed only hidden rows changed nothing the reader sees, and a
 * filter changed between reloads is no change of the list). Undefined when there is none.
 */
export function shownChange<T>(
  before: readonly T[],
  now: readonly T[],
  signatureOf: (row: T) => [key: string, signature: string],
  shown: (rows: readonly T[]) => readonly T[] = (rows) => rows,
): ShownChange | undefined {
  const kept = shown(now);
  const found = listChange(new Map(shown(before).map(signatureOf)), new Map(kept.map(signatureOf)));
  if (found === undefined) return undefined;
  return kept.length === now.length ? found : { ...found, total: now.length };
}

/**
 * What changed in a list the page reloads (the inbox's tasks, its cases) since it last showed it,
 * for a status that says so briefly: the tables are no live regions (antd's loading wrapper read
 * every row out again on each reload). Undefined on the first answer, while there is none (another
 * user or language: a first answer again) and until a reload changes something; then the last change,
 * of the rows `shown` keeps (the table's filter).
 */
export function useListChange<T>(
  rows: readonly T[] | undefined,
  signatureOf: (row: T) => [key: string, signature: string],
  shown?: (rows: readonly T[]) => readonly T[],
): SaidChange | undefined {
  const last = useRef<readonly T[] | undefined>(undefined);
  const [change, setChange] = useState<SaidChange>();
  useEffect(() => {
    if (rows === undefined) {
      last.current = undefined;
      setChange(undefined);
      return;
    }
    const before = last.current;
    last.current = rows;
    const found = before === undefined ? undefined : shownChange(before, rows, signatureOf, shown);
    if (found !== undefined) setChange((said) => ({ ...found, serial: (said?.serial ?? 0) + 1 }));
    // `signatureOf` and `shown` are fresh closures each render (`shown` the filter on the screen as the
    // rows come); the rows say when there is something new.
  }, [rows]);
  return change;
}
