import { parseExpression } from 'feelin';

/**
 * The syntax error in a FEEL expression, or undefined when it parses. feelin's parser recovers from
 * errors and marks them in the tree instead of throwing, so the tree is searched for error nodes.
 */
export function feelSyntaxError(expression: string): string | undefined {
  if (expression.trim() === '') return 'empty expression';
  try {
    const tree = parseExpression(expression, {}, undefined);
    let at: number | undefined;
    tree.iterate({
      enter(node) {
        if (node.type.isError && at === undefined) at = node.from;
      },
    });
    return at === undefined ? undefined : `syntax error at position ${at}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The names an expression reads under a dotted root, e.g. `rules.` → ['reapplyBanAfterRevocation']. */
export function referencedNames(expression: string, root: string): string[] {
  const escaped = root.replaceAll('.', '\\.');
  const pattern = new RegExp(`(?<![\\w.])${escaped}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g');
  return [...expression.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The most elements a literal FEEL range may span (`for i in 1..n`): more would stall the validator. */
export const MAX_FEEL_RANGE = 10_000;

/** A literal range in the expression spanning more than MAX_FEEL_RANGE elements, e.g. `1..1000000`. */
export function oversizedRange(expression: string): string | undefined {
  for (const match of expression.matchAll(/(-?\d+)\s*\.\.\s*(-?\d+)/g)) {
    const span = Math.abs(Number(match[2]) - Number(match[1])) + 1;
    if (span > MAX_FEEL_RANGE) return match[0];
  }
  return undefined;
}
