import { useCallback } from 'react';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { DESIGNER_MESSAGES, type DesignerMessageKey } from './designer-messages.js';

export type DesignerText = (key: DesignerMessageKey, values?: Record<string, string | number>) => string;

/** The app's i18n plus `d(key, values)` for the designer's own strings (`{name}` placeholders). */
export function useDesignerI18n() {
  const i18n = useI18n();
  const { language } = i18n;
  const d = useCallback<DesignerText>((key, values = {}) => fill(DESIGNER_MESSAGES[language][key], values), [language]);
  return { ...i18n, d };
}
