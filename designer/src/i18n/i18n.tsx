import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { rememberLanguage, startLanguage } from './chosen-language.js';
import { MESSAGES, type Language, type MessageKey } from './messages.js';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(startLanguage);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage: (next) => {
        setLanguageState(rememberLanguage(next));
      },
      t: (key) => MESSAGES[language][key],
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new Error('useI18n outside I18nProvider');
  return value;
}

/**
 * Its children in `language` whatever the reader chose (a printed document stays Chinese): every
 * hook below reads it; switching the language still switches the page around them.
 */
export function InLanguage({ language, children }: { language: Language; children: ReactNode }) {
  const outer = useI18n();
  const value = useMemo<I18n>(() => ({ ...outer, language, t: (key) => MESSAGES[language][key] }), [outer, language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
