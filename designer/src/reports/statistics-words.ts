import type { Language } from '../i18n/messages.js';
import { loadVersion } from '../workbench/catalog.js';
import { loadProgrammes, vocabularyOf } from '../workbench/vocabulary.js';
import { REPORT_MESSAGES } from './report-messages.js';

/**
 * The words the statistics page titles its charts with. Its own titles (各省案件状态, 逾期待办（按省）,
 * 已认定示范区（按园区类型）) were written for a subject called 园区 and a region called 省级单位: they
 * stand while every programme the server runs calls them so (its manifests' `subject.title` and
 * `region.title`, as written). Otherwise `region` and `subject` are the programmes' titles in the
 * reader's language (`fallback` where the programmes disagree), and the titles are built from them.
 */
export interface StatisticsWords {
  /** The programmes' region title; none: the page's own titles. */
  region?: string;
  /** The programmes' subject title; none: the page's own titles. */
  subject?: string;
  /** Whether any programme counts designations (manifest `statistics`): none, no designations shown. */
  designations: boolean;
}

export const OWN_WORDS: StatisticsWords = { designations: true };

export async function loadStatisticsWords(
  language: Language,
  fallback: { subject: string; region: string },
): Promise<StatisticsWords> {
  const programmes = await loadProgrammes(language);
  if (programmes.length === 0) return OWN_WORDS;
  const written = await Promise.all(programmes.map(({ process, version }) => loadVersion(process, version)));
  const manifests = written.map((info) => info.manifest);
  const words = vocabularyOf(programmes);
  const own = REPORT_MESSAGES.zh;
  const designations = manifests.some((manifest) => manifest.statistics !== undefined);
  return {
    designations,
    ...(!manifests.every((manifest) => manifest.region.title === own.province) && {
      region: words.region ?? fallback.region,
    }),
    ...(!manifests.every((manifest) => manifest.subject.title === own.park) && {
      subject: words.subject ?? fallback.subject,
    }),
  };
}
