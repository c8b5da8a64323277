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
