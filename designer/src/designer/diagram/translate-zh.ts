import { CAMUNDA_ZH } from './zh/camunda-words.js';
import { elementNameEn, elementNameZh } from './zh/element-names.js';
import { MODELER_ZH } from './zh/modeler-words.js';
import { PANEL_ZH } from './zh/panel-words.js';

/**
 * Chinese for every English string the modeler shows a policy officer: palette, context pad, the
 * "更改元素类型" menu, element types, the properties panel (with and without "高级"), its checks and
 * tooltips. bpmn-js asks its `translate` service; a string not found stays English.
 */
const ZH: Readonly<Record<string, string>> = { ...MODELER_ZH, ...PANEL_ZH, ...CAMUNDA_ZH };

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** The Chinese of a bpmn-js template, or undefined where it has none. */
export function zh(template: string): string | undefined {
  return ZH[template] ?? elementNameZh(template);
}

/**
 * A `translate` service: Chinese while `language()` is zh, the English template otherwise — an
 * element type in sentence case (elementNameEn), as the menus write it.
 */
export function translateFor(language: () => 'zh' | 'en'): Translate {
  return (template, replacements = {}) => {
    const text = language() === 'zh' ? (zh(template) ?? template) : (elementNameEn(template) ?? template);
    return text.replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
  };
}
