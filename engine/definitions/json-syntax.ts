// No imports: the designer says why a draft's file cannot be read with this too.

/**
 * Why `JSON.parse` refused a text, without the text: V8 quotes the start of what it read
 * (`Unexpected token 'o', "not json" is not valid JSON`), which is whatever the file holds — a
 * message names the file instead, and the designer would show the quote as the thing concerned.
 */
export function jsonSyntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1');
}

/** Why a text is not JSON (`jsonSyntaxReason`), or undefined when it parses. */
export function jsonReadFailure(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return jsonSyntaxReason(error);
  }
}
