import { useRef, useState } from 'react';
import { api } from '../api/client.js';

/** A task's form as its holder saved it on the server to finish later (保存草稿). */
export interface SavedDraft {
  data: unknown;
  revision: number;
  /** On the case clock. */
  savedAt: string;
}

const pathOf = (taskRef: string) => `/api/tasks/${encodeURIComponent(taskRef)}/draft`;

/** The user's saved draft of the task's form (null: none), and whether one is there but unreadable. */
export async function loadSavedDraft(taskRef: string): Promise<{ draft: SavedDraft | null; damaged?: true }> {
  return api<{ draft: SavedDraft | null; damaged?: true }>('GET', pathOf(taskRef));
}

/**
 * Saving and discarding the user's draft, each naming the revision this page's form is on top of
 * (`basis`: null for none), so that neither overwrites nor deletes a draft saved since in another
 * tab or on another computer unseen (409). `latest` loads the newest one, to go on from it.
 */
export function useSavedDraft(taskRef: string, basis: number | null) {
  const revision = useRef(basis);
  const [saving, setSaving] = useState(false);
  return {
    saving,
    /** The revision the form is on top of, kept with unsent work (see Unsent.basis). */
    basis: (): number | null => revision.current,
    /** The form now shows `basis` (null: no draft): later saves build on it. */
    rebase: (basis: number | null): void => {
      revision.current = basis;
    },
    save: async (data: unknown): Promise<SavedDraft> => {
      setSaving(true);
      try {
        const sent = typeof data === 'object' && data !== null ? data : {};
        const saved = await api<{ revision: number; savedAt: string }>('PUT', pathOf(taskRef), {
          data: sent,
          revision: revision.current,
        });
        revision.current = saved.revision;
        return { data: sent, ...saved };
      } finally {
        setSaving(false);
      }
    },
    discard: async (): Promise<void> => {
      const at = revision.current === null ? '' : `?revision=${String(revision.current)}`;
      await api('DELETE', `${pathOf(taskRef)}${at}`);
      revision.current = null;
    },
    latest: async (): Promise<SavedDraft | null> => {
      const { draft } = await loadSavedDraft(taskRef);
      revision.current = draft?.revision ?? null;
      return draft;
    },
  };
}
