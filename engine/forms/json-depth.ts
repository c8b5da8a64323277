/**
 * Whether `value` nests objects and arrays deeper than `limit` levels (a scalar is 0 deep, `{}` 1).
 * Iterative: the walkers after it (text checks, canonical JSON for the audit) recurse, and a small
 * body nested a few thousand levels deep would overflow their stack.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
