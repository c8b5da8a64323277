/** English's plural rules: `one` for 1, `other` for any other count (0 files, 2 files). */
const ENGLISH = new Intl.PluralRules('en');

/** Whether English says this count with its noun's singular (`1 file`), as the catalogues' plurals choose. */
export function englishOne(count: number): boolean {
  return ENGLISH.select(count) === 'one';
}

/**
 * A count and its noun in English — `1 file`, `3 files` — never `file(s)`, which reads as a form to
 * fill in. `other` is for nouns whose plural is not `one` + s (`veto`, `vetoes`).
 */
export function englishCount(count: number, one: string, other = `${one}s`): string {
  return `${String(count)} ${englishOne(count) ? one : other}`;
}
