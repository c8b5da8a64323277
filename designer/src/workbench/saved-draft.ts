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
 * Saving and discarding the draft that `loaded` was (null: none yet). Each save names the revision
 * this page last had, so a save from a tab loaded before another tab's save is refused (409), not
 * written over it unseen.
 */
export function useSavedDraft(taskRef: string, loaded: SavedDraft | null) {
  const revision = useRef(loaded?.revision ?? null);
  const [savedAt, setSavedAt] = useState(loaded?.savedAt);
  const [saving, setSaving] = useState(false);
  return {
    /** When it was last saved (the case clock); undefined while there is none. */
    savedAt,
    saving,
    save: async (data: unknown): Promise<void> => {
      setSaving(true);
      try {
        const saved = await api<{ revision: number; savedAt: string }>('PUT', pathOf(taskRef), {
          data: typeof data === 'object' && data !== null ? data : {},
          revision: revision.current,
        });
        revision.current = saved.revision;
        setSavedAt(saved.savedAt);
      } finally {
        setSaving(false);
      }
    },
    discard: async (): Promise<void> => {
      await api('DELETE', pathOf(taskRef));
      revision.current = null;
      setSavedAt(undefined);
    },
  };
}
