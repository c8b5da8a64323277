import type { Language } from './messages.js';

const KEY = 'qbz.lang';

/** Kept so that a later visit, a reload or a link without `?lang` stays in the language chosen; `<html lang>` says it. */
export function rememberLanguage(language: Language): Language {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return language;
}

/**
 * The page's language as the person chose it: `?lang=en|zh` in the address, else the one remembered,
 * else Chinese — set on `<html lang>` at once. The page's first script calls it before it asks the API
 * anything (the server answers refusals in that language); the app, when it starts.
 */
export function startLanguage(): Language {
  const query = new URLSearchParams(window.location.search).get('lang');
  if (query === 'en' || query === 'zh') return rememberLanguage(query);
  return rememberLanguage(localStorage.getItem(KEY) === 'en' ? 'en' : 'zh');
}
