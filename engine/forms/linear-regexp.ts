import { RE2JS } from 're2js';

/** What Ajv needs of a regular expression: `test`, and a `toString` it keys its cache of patterns by. */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/**
 * Regular expressions for form `pattern`s that run in time linear in the input (RE2's automata, pure
 * JavaScript): a published `"^(a+)+$"` cannot stall the server or the browser on a long input, as a
 * backtracking engine would (ReDoS). What RE2 does not have — lookaround, backreferences — does not
 * compile; the definitions validator refuses such patterns. Shared by the server's Ajv and the
 * browser's interpreting validator (no Node APIs).
 */
export function linearRegExp(pattern: string, flags = ''): LinearRegExp {
  let options = 0;
  if (flags.includes('i')) options |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) options |= RE2JS.MULTILINE;
  if (flags.includes('s')) options |= RE2JS.DOTALL;
  const compiled = RE2JS.compile(pattern, options);
  // Ajv keys compiled patterns by `toString()`: without it every pattern would be "[object Object]".
  return { test: (text) => compiled.test(text), toString: () => `/${pattern}/${flags}` };
}

/** For Ajv's `code.regExp` (its `code` names the function in generated standalone code). */
linearRegExp.code = 'linearRegExp';

/** Why `pattern` cannot run in linear time (undefined: it can). */
export function linearPatternProblem(pattern: string): string | undefined {
  try {
    linearRegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
