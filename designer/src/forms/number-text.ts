/** Full-width digits and signs, as a Chinese input method types them: １２．５ reads as 12.5. */
const FULL_WIDTH = /[０-９．－＋]/g;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Thousands separated by commas: groups of three digits after the first, before any decimal point. */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * The number a person typed (spaces and thousands separators allowed), or undefined when it is none.
 * A comma between digits other than one before each group of three is no thousands separator: 3,5 (a
 * decimal comma) is no number — it read as 35, and a score table said 应为 0 至 4 分 of it.
 */
export function numberOf(text: string): number | undefined {
  const spaced = text
    .replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/，/g, ',')
    .replace(/\s/g, '');
  if (spaced.includes(',') && !GROUPED.test(spaced)) return undefined;
  const plain = spaced.replace(/,/g, '');
  if (!NUMBER.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}

/** A stored value as its field shows it: a number as written, text as it was typed, nothing as ''. */
export function textOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : '';
}
