import { englishOne } from '../../../engine/english-count.js';

/** `{count, plural, one {…} other {…}}` (ICU MessageFormat's plural, its `one` and `other` only). */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/**
 * Fills `{name}` placeholders of a message, and chooses `{name, plural, one {# file} other {# files}}`
 * by the count (`#` is the count): 1 file, 3 files, never file(s). Only the English catalogues have
 * plural forms — a Chinese noun does not change with its count (1 个文件, 3 个文件) — so the form is
 * chosen as English chooses it (englishOne, as englishCount does).
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template
    .replace(PLURAL, (whole, name: string, one: string, other: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      const form = englishOne(Number(value)) ? one : other;
      return form.replaceAll('#', String(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      return value === undefined ? whole : String(value);
    });
}
