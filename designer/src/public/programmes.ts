import { api } from '../api/client.js';
import type { Language } from '../i18n/messages.js';
import { loadDefinitionText } from '../i18n/use-definition-text.js';
import { useI18n } from '../i18n/i18n.js';
import { useAsync } from '../workbench/use-async.js';
import { appTitleOf } from './app-title.js';

/** What the notices page says of one programme's notices (manifest `publicNotice`), when it declares it. */
export interface NoticeWords {
  /** What is on notice: 拟命名的全国质量品牌强县. */
  title: string;
  /** The articles the notice rests on (`Art. 15`). */
  articles: string[];
  /** The article objections are filed and reviewed under. */
  objectionArticle: string;
  /** Who publishes the notice and reviews the objections: 市场监管总局. */
  reviewer: string;
}

/** GET /api/public/programmes: a programme the server runs, from its version in force (no sign-in). */
export interface PublicProgramme {
  process: string;
  version: string;
  title: string;
  /** The name the web app heads its pages with (manifest `shortTitle`), when declared. */
  shortTitle?: string;
  publicNotice?: NoticeWords;
}

export const PUBLIC_PROGRAMMES = '/api/public/programmes';

const asked = new Map<Language, Promise<PublicProgramme[]>>();

/** The programmes the server runs, in `language` (from each one's catalogue); asked for once per language. */
export function loadPublicProgrammes(language: Language): Promise<PublicProgramme[]> {
  let pending = asked.get(language);
  if (pending === undefined) {
    pending = api<PublicProgramme[]>('GET', PUBLIC_PROGRAMMES).then((programmes) =>
      Promise.all(
        programmes.map(async (programme) => {
          const say = await loadDefinitionText(programme.process, language);
          const notice = programme.publicNotice;
          return {
            ...programme,
            title: say(programme.title),
            ...(programme.shortTitle !== undefined && { shortTitle: say(programme.shortTitle) }),
            ...(notice !== undefined && {
              publicNotice: { ...notice, title: say(notice.title), reviewer: say(notice.reviewer) },
            }),
          };
        }),
      ),
    );
    // Not answered: the next page asks again.
    pending.catch(() => asked.delete(language));
    asked.set(language, pending);
  }
  return pending;
}

/** The programmes the server runs in the reader's language; undefined until they are known. */
export function usePublicProgrammes(): { programmes: PublicProgramme[] | undefined; failed: boolean } {
  const { language } = useI18n();
  const state = useAsync(() => loadPublicProgrammes(language), `public-programmes/${language}`);
  return { programmes: state.data, failed: state.error !== undefined };
}

/** The web app's name in the reader's language (appTitleOf); empty until the programmes are known. */
export function useAppTitle(): string {
  const { t } = useI18n();
  const { programmes, failed } = usePublicProgrammes();
  if (failed) return t('appTitleNeutral');
  return programmes === undefined ? '' : appTitleOf(programmes, t);
}

/** The notice words of `process`'s programme, when its manifest declares them. */
export function noticeWordsOf(
  programmes: readonly PublicProgramme[] | undefined,
  process: string,
): NoticeWords | undefined {
  return programmes?.find((programme) => programme.process === process)?.publicNotice;
}
