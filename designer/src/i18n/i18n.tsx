import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type Language, type MessageKey } from './messages.js';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Kept so that a later visit, a reload or a link without `?lang` stays in the language chosen. */
function remember(language: Language): Language {
  localStorage.setItem('qbz.lang', language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return language;
}

function initialLanguage(): Language {
  const query = new URLSearchParams(window.location.search).get('lang');
  if (query === 'en' || query === 'zh') return remember(query);
  return remember(localStorage.getItem('qbz.lang') === 'en' ? 'en' : 'zh');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage: (next) => {
        setLanguageState(remember(next));
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
