import { articleNumeral } from '../../../engine/forms/article-text.js';

/** `Art. 22` as the measures write it in Chinese (第二十二条) for Chinese text; as given in English. */
export function articleText(article: string | undefined, language: 'zh' | 'en'): string {
  if (article === undefined) return '';
  return language === 'zh' ? (articleNumeral(article) ?? article) : article;
}

/** An article cited after a title: （第八条） in Chinese, ` (Art. 8)` in English. */
export function articleAside(article: string | undefined, language: 'zh' | 'en'): string {
  if (article === undefined) return '';
  return language === 'zh' ? `（${articleText(article, language)}）` : ` (${article})`;
}
