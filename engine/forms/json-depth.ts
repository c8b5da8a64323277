/**
 * Whether `value` nests objects and arrays deeper than `limit` levels (a scalar is 0 deep, `{}` 1).
 * Iterative: the walkers after it (text checks, canonical JSON for the audit) recurse, and a small
 * body nested a few thousand levels deep would overflow their stack.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  return beyondShape(value, { depth: limit }) === 'depth';
}

/**
 * Which limit `value` goes beyond, if any: nested deeper than `depth` levels, or an object of more
 * than `members` members (an array's items are not members). One walk for both: a 64 KB body of
 * 9,000 names in one object is small and shallow, and each walker after it spent its time on them.
 */
export function beyondShape(
  value: unknown,
  limits: { depth: number; members?: number },
): 'depth' | 'members' | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limits.depth) return 'depth';
    const children = Object.values(next.value);
    if (limits.members !== undefined && !Array.isArray(next.value) && children.length > limits.members) {
      return 'members';
    }
    for (const child of children) pending.push({ value: child, depth });
  }
  return undefined;
}
