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

/** A comparison of a name with text literals: `decision = "approve"`, `"x" != case.status`, `decision in ("a", "b")`. */
export interface LiteralComparison {
  /** The name as written: `decision`, `case.status`. */
  name: string;
  literals: string[];
}

/**
 * The comparisons of a name with string literals in an expression, read from feelin's syntax tree (so
 * text inside a string never counts). Only plain names and `a.b` paths; anything else is skipped.
 */
export function literalComparisons(expression: string): LiteralComparison[] {
  const found: LiteralComparison[] = [];
  let tree;
  try {
    tree = parseExpression(expression, {}, undefined);
  } catch {
    return found;
  }
  const text = (from: number, to: number) => expression.slice(from, to);
  const literal = (node: { name: string; from: number; to: number }) => {
    if (node.name !== 'StringLiteral') return undefined;
    try {
      return JSON.parse(text(node.from, node.to)) as string;
    } catch {
      return undefined;
    }
  };
  const isName = (name: string) => name === 'VariableName' || name === 'PathExpression';
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'Comparison') return;
      const parts: { name: string; from: number; to: number }[] = [];
      for (let child = ref.node.firstChild; child !== null; child = child.nextSibling) {
        parts.push({ name: child.name, from: child.from, to: child.to });
      }
      const [left, op, right] = parts;
      if (left === undefined || op === undefined || right === undefined) return;
      if (op.name === 'CompareOp' && ['=', '!='].includes(text(op.from, op.to).trim())) {
        const [named, other] = isName(left.name) ? [left, right] : [right, left];
        const value = literal(other);
        if (isName(named.name) && value !== undefined) found.push({ name: text(named.from, named.to), literals: [value] });
      } else if (op.name === 'in' && isName(left.name)) {
        const tests = ref.node.getChild('PositiveUnaryTests')?.getChildren('PositiveUnaryTest') ?? [];
        const values = tests.map((test) => (test.firstChild === null ? undefined : literal(test.firstChild)));
        if (values.length > 0 && values.every((value) => value !== undefined) && tests.every((test) => test.firstChild?.nextSibling === null)) {
          found.push({ name: text(left.from, left.to), literals: values });
        }
      }
    },
  });
  return found;
}
