import { MESSAGES, type Language, type MessageKey } from './i18n/messages.js';

/** The page's language as i18n.tsx sets it on <html lang>. */
const pageLanguage = (): Language => (document.documentElement.lang === 'en' ? 'en' : 'zh');

/** A string of the message catalogue in the page's language, for code outside React. */
export const pageMessage = (key: MessageKey): string => MESSAGES[pageLanguage()][key];

/**
 * Calls `apply` on every element matching `selector`: those on the page now, each one React or antd
 * adds later, and all of them again when the language is switched. For what antd renders without a
 * prop to change it (names it gives in English); `apply` sets attributes React does not manage.
 */
export function watchElements(selector: string, apply: (element: Element) => void): void {
  const root = document.documentElement;
  const applyWithin = (node: Element) => {
    if (node.matches(selector)) apply(node);
    node.querySelectorAll(selector).forEach(apply);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') applyWithin(root);
      else
        record.addedNodes.forEach((node) => {
          if (node instanceof Element) applyWithin(node);
        });
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['lang'] });
  applyWithin(root);
}
