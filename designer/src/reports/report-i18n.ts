import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { REPORT_MESSAGES, type ReportMessageKey } from './report-messages.js';

export type ReportText = (key: ReportMessageKey, values?: Record<string, string | number>) => string;

/** The app's i18n plus `r(key, values)` for the reports' own strings (`{name}` placeholders). */
export function useReportI18n() {
  const i18n = useI18n();
  const { language } = i18n;
  const r = useCallback<ReportText>(
    (key, values = {}) =>
      REPORT_MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      ),
    [language],
  );
  return { ...i18n, r };
}
