import { LegalTimePropertiesProvider } from './legal-time-provider.js';

/**
 * The "法定期限" properties group. Needs the properties panel and a `legalTimeVocabulary` service
 * (see vocabulary.ts), which the designer provides as a value module.
 */
export const LegalTimeModule = {
  __init__: ['legalTimePropertiesProvider'],
  legalTimePropertiesProvider: ['type', LegalTimePropertiesProvider],
};
