/** Full-width digits and signs, as a Chinese input method types them: １２．５ reads as 12.5. */
const FULL_WIDTH = /[０-９．－＋]/g;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number a person typed (spaces and thousands separators allowed), or undefined when it is none. */
export function numberOf(text: string): number | undefined {
  const plain = text
    .replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '');
  if (!NUMBER.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}

/** A stored value as its field shows it: a number as written, text as it was typed, nothing as ''. */
export function textOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : '';
}
