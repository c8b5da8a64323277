import { Link } from 'react-router';
import type { Language } from '../i18n/messages.js';
import { REPORT_MESSAGES } from './report-messages.js';

/** The statistics entry of the main menu, for SAMR, provinces and admins (Art. 5, 6). */
export function reportMenu(shown: boolean, language: Language) {
  return shown
    ? [{ key: '/statistics', label: <Link to="/statistics">{REPORT_MESSAGES[language].statistics}</Link> }]
    : [];
}
