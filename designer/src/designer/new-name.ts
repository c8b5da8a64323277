/** A name the designer gives a new form field or period rule: a letter, then letters and digits. */
const NEW_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Why `name` cannot be added yet (said beside the button that adds it), in the words given: none
 * typed, not a name the designer takes (Chinese, an underscore), or one taken. Undefined: it can.
 */
export function whyNotNewName(
  name: string,
  taken: Readonly<Record<string, unknown>>,
  words: { empty: string; invalid: string; taken: string },
): string | undefined {
  if (name === '') return words.empty;
  if (!NEW_NAME.test(name)) return words.invalid;
  return name in taken ? words.taken : undefined;
}
