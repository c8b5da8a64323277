import { useCallback } from 'react';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { REPORT_MESSAGES, type ReportMessageKey } from './report-messages.js';

export type ReportText = (key: ReportMessageKey, values?: Record<string, string | number>) => string;

/** The app's i18n plus `r(key, values)` for the reports' own strings (`{name}` placeholders). */
export function useReportI18n() {
  const i18n = useI18n();
  const { language } = i18n;
  const r = useCallback<ReportText>((key, values = {}) => fill(REPORT_MESSAGES[language][key], values), [language]);
  return { ...i18n, r };
}
