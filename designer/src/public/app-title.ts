import { programmeName } from '../../../engine/definitions/programme-name.js';
import type { MessageKey } from '../i18n/messages.js';
import type { PublicProgramme } from './programmes.js';

/**
 * What the web app is titled by: the name of the programme the server runs (programmeName: its
 * shortTitle, else its own title — another programme without a shortTitle was headed by the first's
 * 全国质量品牌提升示范区), the same when several agree, and a name of no programme's (质量品牌创建与管理)
 * when they do not.
 */
export function appTitleOf(programmes: readonly PublicProgramme[], t: (key: MessageKey) => string): string {
  const names = new Set(programmes.map((programme) => programmeName(programme, t('appTitle'))));
  if (names.size > 1) return t('appTitleNeutral');
  return [...names][0] ?? t('appTitle');
}
