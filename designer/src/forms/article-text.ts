import { articleNumeral } from '../../../engine/forms/article-text.js';

/** `Art. 22` as the measures write it in Chinese (第二十二条) for Chinese text; as given in English. */
export function articleText(article: string | undefined, language: 'zh' | 'en'): string {
  if (article === undefined) return '';
  return language === 'zh' ? (articleNumeral(article) ?? article) : article;
}
