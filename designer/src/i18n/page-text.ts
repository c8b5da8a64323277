import { useCallback } from 'react';
import { fill } from './fill.js';
import { useI18n } from './i18n.js';
import type { Language } from './messages.js';

/** `text(key, values)`: one of a page's own strings in the app's language, `{name}` placeholders filled. */
export type PageText<Key extends string> = (key: Key, values?: Record<string, string | number>) => string;

/**
 * The hook a page with its own catalogue (kept beside it, as it loads on its own) reads its strings
 * with; one per catalogue, made once at module level.
 */
export function pageTextHook<Key extends string>(
  catalogue: Record<Language, Record<Key, string>>,
): () => PageText<Key> {
  return function usePageText() {
    const { language } = useI18n();
    return useCallback<PageText<Key>>((key, values = {}) => fill(catalogue[language][key], values), [language]);
  };
}
