import { RE2JS } from 're2js';

/** What Ajv needs of a regular expression: `test`, and a `toString` it keys its cache of patterns by. */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/**
 * Compiled patterns by flags and pattern, the most recently asked last. Bounded: drafts bring their own,
 * and each keeps its automaton's cache (RE2's DFA, up to 8 MB for a pathological pattern); the real
 * versions' forms have a handful.
 */
const COMPILED = new Map<string, RE2JS>();
const COMPILED_MAX = 64;

/**
 * RE2JS.compile, remembered: every Ajv a version's forms are compiled with (the validator, each engine
 * and draft) asked again for the same few patterns. A compiled RE2JS answers test() the same whoever
 * asked before (within a call it takes its matching machines from its own pool and gives them back; its
 * DFA cache only speeds later calls), so one serves every caller; a pattern that does not compile
 * throws each time it is asked.
 */
function compiledPattern(pattern: string, options: number): RE2JS {
  const key = `${String(options)}/${pattern}`;
  const known = COMPILED.get(key);
  if (known !== undefined) {
    COMPILED.delete(key);
    COMPILED.set(key, known);
    return known;
  }
  const compiled = RE2JS.compile(pattern, options);
  COMPILED.set(key, compiled);
  if (COMPILED.size > COMPILED_MAX) COMPILED.delete(COMPILED.keys().next().value ?? key);
  return compiled;
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
  const compiled = compiledPattern(pattern, options);
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
