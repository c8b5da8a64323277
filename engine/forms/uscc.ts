/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31 of the code's character set (digits and
 * capitals without I, O, S, V, Z): registration authority (1), entity type (1), administrative division
 * (6 digits), organisation code (9), check character (1). The check character makes the weighted sum
 * of all 18 a multiple of 31 (weights 3^(i) mod 31 for positions 1..17).
 */

export const USCC_FORMAT = 'unified-social-credit-code';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters (undefined when one is outside the character set). */
export function usccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (const [index, weight] of WEIGHTS.entries()) {
    const value = CHARSET.indexOf(first17.charAt(index));
    if (value < 0) return undefined;
    sum += value * weight;
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Whether `code` is a well-formed 统一社会信用代码 whose check character is right. */
export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}
