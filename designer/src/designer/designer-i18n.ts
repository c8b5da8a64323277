import { useI18n } from '../i18n/i18n.js';
import { pageTextHook, type PageText } from '../i18n/page-text.js';
import { DESIGNER_MESSAGES, type DesignerMessageKey } from './designer-messages.js';

export type DesignerText = PageText<DesignerMessageKey>;

const useDesignerText = pageTextHook(DESIGNER_MESSAGES);

/** The app's i18n plus `d(key, values)` for the designer's own strings (`{name}` placeholders). */
export function useDesignerI18n() {
  return { ...useI18n(), d: useDesignerText() };
}
