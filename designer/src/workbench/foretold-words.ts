import type { ForetoldEnd } from '../../../engine/cases/foretold-end.js';
import { articleText } from '../forms/article-text.js';
import { fill } from '../i18n/fill.js';
import type { Language, MessageKey } from '../i18n/messages.js';

/**
 * The banner's line for one date of an earlier case still to come: its status and the date as the
 * earlier case's own version names them (`dueTitles`; the new case's version may name them otherwise),
 * the article in brackets where the date cites one (it is optional: no empty （）), as the measures
 * number it in Chinese (第二十七条; it read Art. 27 in the Chinese line).
 */
export function earlierLine(
  earlier: ForetoldEnd['earlier'][number],
  name: string,
  t: (key: MessageKey) => string,
  text: (words: string) => string,
  language: Language,
): string {
  const declared = earlier.dueTitles[name];
  const values = {
    id: earlier.id,
    date: earlier.statusDate,
    status: text(earlier.statusTitle ?? earlier.status),
    dateTitle: text(declared?.title ?? name),
    due: earlier.due[name] ?? '',
  };
  return declared?.article === undefined
    ? fill(t('foretoldEarlierNoArticle'), values)
    : fill(t('foretoldEarlier'), { ...values, article: articleText(declared.article, language) });
}
