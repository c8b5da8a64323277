import { useEffect, useRef, useState } from 'react';

/**
 * What a user typed into a form and has not sent, kept in this tab (sessionStorage: gone when the
 * tab closes, never on the server, never seen by another tab's user): a reload, or a session that
 * ended mid-form, does not cost the work. Keyed by the user and the form (a task's ref, a message
 * on a case); cleared when the form is sent, and all of a user's when they log out.
 */
const PREFIX = 'qbz.unsent.';

export interface Unsent {
  data: unknown;
  savedAt: string;
  /**
   * What the work was typed on top of, as the form says (a task's: the revision of the saved draft,
   * null for none): saved later, it is checked against that, not against a draft saved since elsewhere.
   */
  basis?: unknown;
}

const keyOf = (username: string, form: string) => `${PREFIX}${username}|${form}`;

function read(key: string): Unsent | undefined {
  try {
    const text = sessionStorage.getItem(key);
    const parsed = text === null ? undefined : (JSON.parse(text) as Partial<Unsent>);
    return parsed !== undefined && typeof parsed.savedAt === 'string'
      ? { data: parsed.data, savedAt: parsed.savedAt, basis: parsed.basis }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The unsent work of `username` in `form` this tab keeps, read when it is needed (a page's data loaded). */
export function unsentWork(username: string, form: string): Unsent | undefined {
  return read(keyOf(username, form));
}

/** Forgets the unsent work of `username` in `form` (a page left with its edits discarded). */
export function forgetUnsent(username: string, form: string): void {
  sessionStorage.removeItem(keyOf(username, form));
}

/** Whether this tab keeps unsent work of `username` in `form` (a folded form opens with it, say). */
export function hasUnsentWork(username: string, form: string): boolean {
  return read(keyOf(username, form)) !== undefined;
}

/** Forgets every unsent form of `username` in this tab (an explicit logout). */
export function forgetUnsentWork(username: string): void {
  for (let index = sessionStorage.length - 1; index >= 0; index--) {
    const key = sessionStorage.key(index);
    if (key?.startsWith(keyOf(username, '')) === true) sessionStorage.removeItem(key);
  }
}

/** Whether any unsent work left in this tab mentions `text` (an attachment id it cites). */
export function unsentWorkMentions(text: string): boolean {
  for (let index = 0; index < sessionStorage.length; index++) {
    const key = sessionStorage.key(index);
    if (key?.startsWith(PREFIX) === true && sessionStorage.getItem(key)?.includes(text) === true) return true;
  }
  return false;
}

/** Forms on the page holding unsent changes: while any does, leaving the page asks first. */
const holding = new Set<object>();

// One listener for the page (a form's own would be removed with it while another still holds work).
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (event) => {
    if (holding.size > 0) event.preventDefault();
  });
}

/**
 * The unsent work of one form: what was restored when it opened (undefined: nothing), `save` on each
 * change, `clear` once sent (or to start afresh).
 */
export function useUnsentWork(username: string | undefined, form: string) {
  const key = username === undefined ? undefined : keyOf(username, form);
  const [restored] = useState(() => (key === undefined ? undefined : read(key)));
  const self = useRef({});

  useEffect(() => {
    const form = self.current;
    if (restored !== undefined) holding.add(form);
    return () => {
      holding.delete(form);
    };
  }, [restored]);

  return {
    restored,
    save: (data: unknown, basis?: unknown): void => {
      if (key === undefined) return;
      holding.add(self.current);
      try {
        sessionStorage.setItem(key, JSON.stringify({ data, savedAt: new Date().toISOString(), basis }));
      } catch {
        // A full storage keeps nothing for a reload; the form itself works on.
      }
    },
    clear: (): void => {
      holding.delete(self.current);
      if (key !== undefined) sessionStorage.removeItem(key);
    },
  };
}
