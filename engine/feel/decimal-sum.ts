/**
 * The sum of numbers as written in decimals: 4 + 2.6 + 3.3 + … is 80 where binary floating point
 * makes it 79.99999999999999. FEEL's numbers are decimals (DMN 1.3, 10.3.2.3.1) but feelin adds them
 * as doubles, so a total at exactly the pass mark read as below it. Each value is scaled by ten to
 * the most decimal places among them, added as whole numbers and scaled back; values beyond what a
 * double holds as whole numbers so scaled (an exponent, more than ten places) are added as doubles.
 */
export function decimalSum(values: readonly number[]): number {
  const places = values.map(decimalPlaces);
  const most = Math.max(0, ...places.map((count) => count ?? Infinity));
  const doubles = () => values.reduce((sum, value) => sum + value, 0);
  if (most > 10) return doubles();
  const scale = 10 ** most;
  const wholes = values.map((value) => Math.round(value * scale));
  const total = wholes.reduce((sum, whole) => sum + whole, 0);
  if (!wholes.every(Number.isSafeInteger) || !Number.isSafeInteger(total)) return doubles();
  return total / scale;
}

/** Places after the decimal point as JavaScript writes the number; undefined when written with an exponent. */
function decimalPlaces(value: number): number | undefined {
  const text = String(value);
  if (/e/i.test(text)) return undefined;
  return text.split('.')[1]?.length ?? 0;
}
