import { api } from '../api/client.js';
import type { Language } from '../i18n/messages.js';
import { loadDefinitionText } from '../i18n/use-definition-text.js';
import { loadVersion } from './catalog.js';

/**
 * What the programmes the server runs call a case's subject and region — 园区 and 省级单位 in one,
 * 申报县 and 设区的市 in another (their manifests' `subject.title` and `region.title`, in the reader's
 * language where their catalogue has it). A title is given only when every version agrees on it; the
 * lists and the case page fall back on the workbench's own word otherwise.
 */
export interface Vocabulary {
  subject?: string;
  region?: string;
}

/** The one value every version gives, else none. */
function agreed(values: readonly string[]): string | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

/** GET /api/definitions: every version the server runs (each manifest is fetched once, cached). */
export async function loadVocabulary(language: Language): Promise<Vocabulary> {
  const versions = await api<{ process: string; version: string }[]>('GET', '/api/definitions');
  const titles = await Promise.all(
    versions.map(async ({ process, version }) => {
      const [info, translate] = await Promise.all([
        loadVersion(process, version),
        loadDefinitionText(process, language),
      ]);
      return { subject: translate(info.manifest.subject.title), region: translate(info.manifest.region.title) };
    }),
  );
  const subject = agreed(titles.map((title) => title.subject));
  const region = agreed(titles.map((title) => title.region));
  return { ...(subject !== undefined && { subject }), ...(region !== undefined && { region }) };
}
