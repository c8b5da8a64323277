import { articleText } from '../forms/article-text.js';
import { fill } from '../i18n/fill.js';
import type { Language, MessageKey } from '../i18n/messages.js';
import type { NoticeWords, PublicProgramme } from './programmes.js';

type Say = (key: MessageKey) => string;

/**
 * What the notices page says of a programme's notices, as its manifest declares (`publicNotice`:
 * 拟命名的全国质量品牌强县, Art. 15 and 16, 市场监管总局); a programme that declares nothing, as the
 * first, reads the page's own texts (Art. 22 and 28, 市场监管总局), word for word.
 */
const articles = (words: NoticeWords, language: Language) =>
  words.articles.map((article) => articleText(article, language)).join(language === 'zh' ? '、' : ', ');

/** The page's introduction: the one programme's words; with several, none's; until they are known, nothing. */
export function noticeIntro(programmes: readonly PublicProgramme[] | undefined, t: Say, language: Language): string {
  if (programmes === undefined) return '';
  if (programmes.length > 1) return t('noticeIntroAll');
  const words = programmes[0]?.publicNotice;
  if (words === undefined) return t('noticeIntro');
  return fill(t('noticeIntroOf'), {
    title: words.title,
    reviewer: words.reviewer,
    articles: articles(words, language),
  });
}

/** The note above the objection form; `evidence`: what the form calls its evidence (证明材料). */
export function objectionHint(words: NoticeWords | undefined, t: Say, language: Language, evidence: string): string {
  return words === undefined
    ? t('objectionHint')
    : fill(t('objectionHintOf'), { evidence, article: articleText(words.objectionArticle, language) });
}

/** What sending an objection means, said before it is sent. */
export function objectionFinal(words: NoticeWords | undefined, t: Say, language: Language): string {
  return words === undefined
    ? t('objectionFinal')
    : fill(t('objectionFinalOf'), {
        reviewer: words.reviewer,
        article: articleText(words.objectionArticle, language),
      });
}

/** Why an objection was not sent: the notice closed since the page was loaded (its period said). */
export function objectionNoticeClosed(
  words: NoticeWords | undefined,
  t: Say,
  language: Language,
  period: string,
): string {
  return words === undefined
    ? fill(t('objectionNoticeClosed'), { period })
    : fill(t('objectionNoticeClosedOf'), { period, article: articleText(words.objectionArticle, language) });
}

/** The receipt's sentence: whose notice, which case, how many evidence files, and who reviews it. */
export function objectionReceipt(
  words: NoticeWords | undefined,
  t: Say,
  language: Language,
  values: { park: string; caseId: string; evidence: number; evidenceTitle: string },
): string {
  return words === undefined
    ? fill(t('objectionReceipt'), values)
    : fill(t('objectionReceiptOf'), {
        ...values,
        reviewer: words.reviewer,
        article: articleText(words.objectionArticle, language),
      });
}
